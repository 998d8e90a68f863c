"""Staff pages: the people list, a person's card (audited), verification in person,
revocation, roles; the dashboard card."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.accounts.factories import ResidentFactory
from tests.accounts.markup import check_markup
from tests.factories import MembershipFactory, SettlementFactory, VerifiedResidentFactory
from zemstvo.core.accounts.models import Membership, VerificationLevel
from zemstvo.core.accounts.module import resident_card
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _verify(client, person, **changes):
    data = {"document": "passport", "settlement": person.residence_settlement_id,
            "checked": "on", **changes}
    return client.post(reverse("office_accounts:verify", args=[person.pk]), data)


def test_clerk_verifies_in_person_recording_who_when_and_which_document(
    client, clerk, person, village
):
    client.force_login(clerk)
    response = _verify(client, person, document="military_id", settlement=village.pk)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.verification_level == VerificationLevel.VERIFIED
    assert person.verified_by == clerk and person.verified_at is not None
    assert person.verification_document == "military_id"
    assert person.residence_settlement == village
    event = AuditEvent.objects.get(action="accounts.verify_resident")
    assert (event.actor, event.object_id, event.municipality_id) == (
        clerk, str(person.pk), person.residence_municipality_id
    )
    assert event.after["verification_document"] == "military_id"
    assert Notification.objects.filter(user=person, kind="accounts.verified").exists()
    page = client.get(reverse("office_accounts:person", args=[person.pk])).content.decode()
    assert "способ: военный билет" in page


def test_resident_sees_verified_after_staff_verify(client, clerk, person):
    client.force_login(clerk)
    _verify(client, person)
    client.force_login(person)
    assert "Подтверждена" in client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.parametrize("changes, message", [
    ({"document": "roll_import"}, "Выберите корректный вариант."),
    ({"document": "esia"}, "Выберите корректный вариант."),
    ({"document": ""}, "Обязательное поле."),
    ({"checked": ""}, "Подтвердите, что данные сверены с документом."),
])
def test_verification_needs_an_in_person_document_and_the_check(
    client, clerk, person, changes, message
):
    client.force_login(clerk)
    response = _verify(client, person, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert not person.is_verified
    assert not AuditEvent.objects.filter(action="accounts.verify_resident").exists()


def test_verification_form_asks_for_no_document_number(client, clerk, person):
    client.force_login(clerk)
    url = reverse("office_accounts:verify", args=[person.pk])
    page = client.get(url).content.decode()
    form = page.split(f'action="{url}"', 1)[1].split("</form>")[0]
    names = set(re.findall(r'name="([^"]+)"', form))
    assert names == {"csrfmiddlewaretoken", "document", "settlement", "checked"}


def test_settlement_of_another_municipality_is_refused_at_verification(client, clerk, person):
    foreign = SettlementFactory()
    client.force_login(clerk)
    response = _verify(client, person, settlement=foreign.pk)
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.is_verified


def test_personal_data_view_is_audited(client, clerk, person):
    client.force_login(clerk)
    response = client.get(reverse("office_accounts:person", args=[person.pk]))
    assert response.status_code == 200
    assert "petrova@example.org" in response.content.decode()
    event = AuditEvent.objects.get(action="accounts.view_personal_data")
    assert (event.actor, event.object_id) == (clerk, str(person.pk))


@pytest.mark.parametrize("role", ["editor", "moderator", "resident", "verified_resident",
                                  "regional_curator"])
def test_personal_data_is_denied_to_other_roles(client, actor_for, person, role):
    client.force_login(actor_for(role))
    for name in ("person", "verify"):
        response = client.get(reverse(f"office_accounts:{name}", args=[person.pk]))
        assert response.status_code == 403
        assert "petrova@example.org" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="accounts.view_personal_data").exists()


def test_staff_of_another_municipality_cannot_open_the_card(client, other_municipality, person):
    stranger = MembershipFactory(role="clerk", municipality=other_municipality).user
    client.force_login(stranger)
    assert client.get(reverse("office_accounts:person", args=[person.pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, person):
    response = client.get(reverse("office_accounts:person", args=[person.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_revocation_needs_a_reason_and_is_audited(client, municipal_admin, municipality):
    person = VerifiedResidentFactory(residence_municipality=municipality)
    client.force_login(municipal_admin)
    url = reverse("office_accounts:revoke", args=[person.pk])
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400 and "Обязательное поле." in empty.content.decode()
    person.refresh_from_db()
    assert person.is_verified
    response = client.post(url, {"reason": "Документ оказался чужим"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_verified and person.verified_at is None
    event = AuditEvent.objects.get(action="accounts.revoke_verification")
    assert event.after["reason"] == "Документ оказался чужим"
    assert event.before["verification_level"] == "verified"
    assert Notification.objects.filter(user=person,
                                       kind="accounts.verification_revoked").exists()


def test_people_list_searches_and_filters(client, clerk, municipality, person):
    VerifiedResidentFactory(last_name="Смирнов", residence_municipality=municipality)
    ResidentFactory(last_name="Чужаков")  # lives nowhere in particular
    client.force_login(clerk)
    url = reverse("office_accounts:people")
    page = client.get(url, {"q": "петрова"}).content.decode()
    assert "Петрова" in page and "Смирнов" not in page
    verified = client.get(url, {"verified": "yes"}).content.decode()
    assert "Смирнов" in verified and "Петрова" not in verified
    everyone = client.get(url).content.decode()
    assert "Чужаков" not in everyone
    assert AuditEvent.objects.filter(action="accounts.view_people").count() == 3


@pytest.mark.parametrize("role", ["editor", "regional_curator", "resident"])
def test_people_list_is_denied_to_roles_without_the_right(client, actor_for, role):
    client.force_login(actor_for(role))
    assert client.get(reverse("office_accounts:people")).status_code == 403


def test_people_list_costs_the_same_queries_at_two_sizes(
    client, clerk, municipality, settlement, django_assert_max_num_queries
):
    client.force_login(clerk)
    url = reverse("office_accounts:people")
    ResidentFactory.create_batch(3, residence_municipality=municipality,
                                 residence_settlement=settlement)
    client.get(url)  # warm the session
    # 13 queries on SQLite (the header counts unread notifications); PostgreSQL adds
    # the audit chain's advisory lock.
    with django_assert_max_num_queries(14) as small:
        assert client.get(url).status_code == 200
    ResidentFactory.create_batch(30, residence_municipality=municipality,
                                 residence_settlement=settlement)
    with django_assert_max_num_queries(14) as large:
        assert client.get(url, {"page": 2}).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)


def test_admin_grants_and_revokes_a_municipal_role(client, municipal_admin, municipality, person):
    client.force_login(municipal_admin)
    response = client.post(reverse("office_accounts:role_grant"), {
        "m": municipality.slug, "scope": "municipal",
        "municipal-user": "petrova@example.org", "municipal-role": "editor"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=person, role="editor", municipality=municipality)
    assert membership.granted_by == municipal_admin
    assert AuditEvent.objects.filter(action="accounts.grant_role").exists()
    page = client.get(reverse("office_accounts:roles"), {"m": municipality.slug})
    assert "Петрова" in page.content.decode()
    client.post(reverse("office_accounts:role_revoke", args=[membership.pk]),
                {"m": municipality.slug})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(action="accounts.revoke_role").before["role"] == "editor"


def test_granting_twice_is_refused_in_russian(client, municipal_admin, municipality, person):
    MembershipFactory(user=person, role="editor", municipality=municipality)
    client.force_login(municipal_admin)
    response = client.post(reverse("office_accounts:role_grant"), {
        "m": municipality.slug, "scope": "municipal", "municipal-user": "petrova",
        "municipal-role": "editor"})
    assert response.status_code == 400
    assert "Эта роль у пользователя уже есть." in response.content.decode()


def test_unknown_user_is_reported_on_the_form(client, municipal_admin, municipality):
    client.force_login(municipal_admin)
    response = client.post(reverse("office_accounts:role_grant"), {
        "m": municipality.slug, "scope": "municipal", "municipal-user": "nobody",
        "municipal-role": "editor"})
    assert "Пользователь с таким логином или адресом не найден." in response.content.decode()
    assert Membership.objects.count() == 1  # the admin's own


def test_admin_cannot_grant_a_regional_role(client, municipal_admin, municipality, person):
    client.force_login(municipal_admin)
    response = client.post(reverse("office_accounts:role_grant"), {
        "m": municipality.slug, "scope": "regional", "regional-user": "petrova",
        "regional-role": "regional_curator"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=person).exists()


def test_curator_grants_a_regional_role(client, regional_curator, municipality, person):
    client.force_login(regional_curator)
    assert client.get(reverse("office_accounts:roles"),
                      {"m": municipality.slug}).status_code == 200
    client.post(reverse("office_accounts:role_grant"), {
        "m": municipality.slug, "scope": "regional", "regional-user": "petrova",
        "regional-role": "expert"})
    assert Membership.objects.filter(user=person, role="expert",
                                     region=municipality.region).exists()


def test_admin_cannot_remove_their_own_administrator_role(
    client, municipal_admin, municipality
):
    own = Membership.objects.get(user=municipal_admin)
    client.force_login(municipal_admin)
    response = client.post(reverse("office_accounts:role_revoke", args=[own.pk]),
                           {"m": municipality.slug}, follow=True)
    assert "Нельзя снять роль администратора с самого себя" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_editor_cannot_open_the_roles_page(client, editor, municipality):
    client.force_login(editor)
    assert client.get(reverse("office_accounts:roles")).status_code == 403


def test_dashboard_card_counts_residents(clerk, municipality, person):
    VerifiedResidentFactory(residence_municipality=municipality)
    ResidentFactory(residence_municipality=municipality, is_active=False)  # unconfirmed
    lines = resident_card(clerk, municipality)
    assert [(line.label, line.value) for line in lines] == [
        ("Зарегистрировано жителей", 2), ("Личность подтверждена", 1), ("Ждут подтверждения", 1),
    ]
    assert lines[2].alert and "verified=no" in lines[2].url


def test_dashboard_shows_the_card_and_the_menu_to_a_clerk_only(client, clerk, editor):
    client.force_login(clerk)
    page = client.get(reverse("shell:office")).content.decode()
    assert "Ждут подтверждения" in page and reverse("office_accounts:people") in page
    client.force_login(editor)
    page = client.get(reverse("shell:office")).content.decode()
    assert "Ждут подтверждения" not in page and reverse("office_accounts:people") not in page


def test_office_pages_have_one_h1_and_labelled_fields(client, municipal_admin, municipality,
                                                      person):
    client.force_login(municipal_admin)
    for url in (reverse("office_accounts:people"),
                reverse("office_accounts:person", args=[person.pk]),
                reverse("office_accounts:verify", args=[person.pk]),
                reverse("office_accounts:roles")):
        response = client.get(url)
        assert response.status_code == 200, url
        check_markup(response.content.decode())
