"""The audit pages of the office: who sees which events, filters, pages, the chain."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, SettlementFactory
from zemstvo.core import permissions
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.services import audit_record

pytestmark = pytest.mark.django_db

EVENTS = reverse("office_audit:events")


def _event(municipality, action="test.change", actor=None, obj=None, **kwargs):
    return audit_record(actor=actor, action=action, obj=obj, municipality=municipality,
                        **kwargs)


ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator"]


def _user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_browse_and_verify(request, role, municipality, other_municipality):
    user = _user(request, role)
    may_browse = role in {"municipal_admin", "regional_curator", "operator"}
    assert permissions.can(user, "audit.browse") is may_browse
    assert permissions.can(user, "audit.browse", municipality) is may_browse
    assert permissions.can(user, "audit.browse", other_municipality) is (role == "operator")
    assert permissions.can(user, "audit.verify") is (role == "operator")
    platform_event = _event(None)
    assert permissions.can(user, "audit.browse", platform_event) is (role == "operator")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_the_log_page(request, client, role, municipality):
    user = _user(request, role)
    if user is not None:
        client.force_login(user)
    response = client.get(EVENTS)
    if role == "anonymous":
        assert response.status_code == 302
    elif role in {"municipal_admin", "regional_curator", "operator"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_administrator_sees_only_events_of_their_municipality(
    client, municipal_admin, municipality, other_municipality
):
    own = _event(municipality, action="test.own")
    _event(other_municipality, action="test.foreign")
    _event(None, action="test.platform")
    client.force_login(municipal_admin)
    page = client.get(EVENTS).content.decode()
    assert "test.own" in page
    assert "test.foreign" not in page
    assert "test.platform" not in page
    assert client.get(reverse("office_audit:event", args=[own.pk])).status_code == 200


def test_administrator_cannot_open_an_event_of_another_municipality(
    client, municipal_admin, other_municipality
):
    foreign = _event(other_municipality)
    client.force_login(municipal_admin)
    assert client.get(reverse("office_audit:event", args=[foreign.pk])).status_code == 404


def test_regional_curator_sees_the_municipalities_of_their_region(
    client, regional_curator, municipality, other_municipality
):
    neighbour = MunicipalityFactory(region=municipality.region)
    _event(municipality, action="test.own")
    _event(neighbour, action="test.neighbour")
    _event(other_municipality, action="test.foreign")
    client.force_login(regional_curator)
    page = client.get(EVENTS).content.decode()
    assert "test.own" in page and "test.neighbour" in page
    assert "test.foreign" not in page


def test_operator_sees_everything_and_the_chain_panel(client, operator, municipality):
    _event(None, action="test.platform")
    _event(municipality, action="test.own")
    client.force_login(operator)
    page = client.get(EVENTS).content.decode()
    assert "test.platform" in page and "test.own" in page
    assert "Цепочка хешей" in page
    assert reverse("office_audit:chain") in page


def test_administrator_has_no_chain_panel(client, municipal_admin, municipality):
    _event(municipality)
    client.force_login(municipal_admin)
    assert "Цепочка хешей" not in client.get(EVENTS).content.decode()
    assert client.post(reverse("office_audit:chain")).status_code == 403


def test_browse_by_object_shows_its_history_with_diffs(
    client, municipal_admin, municipality, settlement
):
    other = SettlementFactory(municipality=municipality)
    _event(municipality, action="test.rename", obj=settlement,
           before={"name": "Старое имя"}, after={"name": "Новое имя"})
    _event(municipality, action="test.other_object", obj=other)
    client.force_login(municipal_admin)

    page = client.get(EVENTS, {"object_type": "territory.settlement",
                               "object_id": settlement.pk}).content.decode()

    assert "test.rename" in page
    assert "test.other_object" not in page
    assert "Старое имя" in page and "Новое имя" in page


def test_browse_by_actor(client, municipal_admin, clerk, editor, municipality):
    _event(municipality, action="test.by_clerk", actor=clerk)
    _event(municipality, action="test.by_editor", actor=editor)
    client.force_login(municipal_admin)
    page = client.get(EVENTS, {"actor": "clerk"}).content.decode()
    assert "test.by_clerk" in page
    assert "test.by_editor" not in page
    page = client.get(EVENTS, {"actor_id": editor.pk}).content.decode()
    assert "test.by_editor" in page
    assert "test.by_clerk" not in page


def test_filter_by_action_takes_a_name_or_a_module(client, operator, municipality):
    _event(municipality, action="comments.hide")
    _event(municipality, action="comments.post")
    _event(municipality, action="commentsx.other")
    client.force_login(operator)
    exact = client.get(EVENTS, {"action": "comments.hide"}).content.decode()
    assert "comments.hide" in exact and "comments.post" not in exact
    module = client.get(EVENTS, {"action": "comments"}).content.decode()
    assert "comments.hide" in module and "comments.post" in module
    assert "commentsx.other" not in module


def test_filter_by_municipality_and_dates(client, operator, municipality, other_municipality):
    old = _event(municipality, action="test.old")
    AuditEvent.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30)
    )
    _event(municipality, action="test.recent")
    _event(other_municipality, action="test.foreign")
    client.force_login(operator)
    today = timezone.localdate()
    page = client.get(EVENTS, {
        "municipality": municipality.slug,
        "date_from": (today - dt.timedelta(days=2)).isoformat(),
        "date_to": today.isoformat(),
    }).content.decode()
    assert "test.recent" in page
    assert "test.old" not in page and "test.foreign" not in page


def test_bad_filter_shows_a_russian_message(client, operator):
    client.force_login(operator)
    page = client.get(EVENTS, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert "Дата окончания раньше даты начала." in page.content.decode()
    page = client.get(EVENTS, {"municipality": "nowhere"})
    assert "Выберите муниципальное образование из списка." in page.content.decode()


def test_administrator_cannot_filter_by_a_foreign_municipality(
    client, municipal_admin, other_municipality
):
    _event(other_municipality, action="test.foreign")
    client.force_login(municipal_admin)
    page = client.get(EVENTS, {"municipality": other_municipality.slug}).content.decode()
    assert "test.foreign" not in page
    assert "Выберите муниципальное образование из списка." in page


def test_pages_go_back_in_time_by_keyset(client, operator, municipality):
    events = [_event(municipality, action=f"test.n{n:03d}") for n in range(60)]
    client.force_login(operator)
    first = client.get(EVENTS)
    assert first.context["next_before"] == events[10].pk
    assert "test.n059" in first.content.decode()
    assert "test.n009" not in first.content.decode()
    second = client.get(EVENTS, {"before": first.context["next_before"]})
    assert "test.n009" in second.content.decode()
    assert "test.n010" not in second.content.decode()
    assert second.context["next_before"] is None


@pytest.mark.parametrize("count", [3, 40])
def test_log_page_costs_a_fixed_number_of_queries(
    client, municipal_admin, municipality, django_assert_max_num_queries, count
):
    for n in range(count):
        _event(municipality, before={"n": n}, after={"n": n + 1})
    client.force_login(municipal_admin)
    with django_assert_max_num_queries(6):
        response = client.get(EVENTS)
    assert len(response.context["rows"]) == count


def test_event_page_shows_the_diff_and_hashes(client, operator, municipality):
    event = _event(municipality, action="test.rename", before={"name": "А", "same": 1},
                   after={"name": "Б", "same": 1, "added": "да"})
    client.force_login(operator)
    page = client.get(reverse("office_audit:event", args=[event.pk])).content.decode()
    assert event.hash in page and event.prev_hash in page
    assert page.count("изменено") == 2  # "name" and "added"; "same" did not change


def test_chain_check_page_reports_a_whole_chain(client, operator, municipality):
    _event(municipality)
    client.force_login(operator)
    page = client.post(reverse("office_audit:chain")).content.decode()
    assert "Журнал цел" in page
    assert "1 событие" in page


def test_chain_check_page_names_the_broken_row(client, operator, municipality):
    events = [_event(municipality) for _n in range(3)]
    AuditEvent.objects.filter(pk=events[1].pk).update(after={"n": "подделка"})
    client.force_login(operator)
    page = client.post(reverse("office_audit:chain")).content.decode()
    assert "Журнал нарушен" in page
    assert f"id={events[1].pk}" in page


def test_admin_is_read_only(client, operator, municipality):
    event = _event(municipality)
    client.force_login(operator)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]),
                       {"post": "yes"}).status_code == 403
    change = client.post(reverse("admin:audit_auditevent_change", args=[event.pk]),
                         {"action": "test.forged"})
    assert change.status_code in {200, 403}
    assert AuditEvent.objects.get(pk=event.pk).action == "test.change"
