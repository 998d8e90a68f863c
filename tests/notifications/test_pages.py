"""The notification pages and the subscribe button."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from zemstvo.core import permissions
from zemstvo.core.notifications import services
from zemstvo.core.notifications.models import Notification, Preference, Subscription

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_subscribe(request, role, settlement):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    assert permissions.can(user, "notifications.subscribe", settlement) is (role != "anonymous")


def _notify(user, count, municipality=None):
    for n in range(count):
        services.notify(recipients=[user], kind="comments.reply", title=f"Уведомление {n}",
                        body="Текст", url=f"/m/testgrad/#n{n}", municipality=municipality)


def test_list_needs_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [2, 40])
def test_list_shows_unread_count_in_fixed_queries(client, resident, municipality, count,
                                                  django_assert_max_num_queries):
    _notify(resident, count, municipality)
    client.force_login(resident)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:list"))
    page = response.content.decode()
    assert f"Непрочитанных: {count}." in page
    assert "Уведомление 0" in page or count > 30


def test_open_marks_read_and_goes_to_the_link(client, resident):
    _notify(resident, 1)
    note = Notification.objects.get()
    client.force_login(resident)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == "/m/testgrad/#n0"
    note.refresh_from_db()
    assert note.read_at is not None


def test_open_never_redirects_off_site(client, resident):
    services.notify(recipients=[resident], kind="x.y", title="t", body="",
                    url="https://evil.example/")
    client.force_login(resident)
    note = Notification.objects.get()
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_someone_elses_notification_is_404(client, resident, verified_resident):
    _notify(verified_resident, 1)
    client.force_login(resident)
    note = Notification.objects.get()
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404


def test_mark_read_and_all_read_buttons(client, resident):
    _notify(resident, 3)
    client.force_login(resident)
    first = Notification.objects.order_by("pk").first()
    client.post(reverse("notifications:read", args=[first.pk]), {"next": "/notifications/"})
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    client.post(reverse("notifications:read_all"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert "Непрочитанных: 0." in client.get(reverse("notifications:list")).content.decode()


def test_settings_page_saves_switches(client, resident):
    _notify(resident, 1)  # the kind "comments.reply" gets its own row
    client.force_login(resident)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Все уведомления" in page and "Ответы на мои комментарии" in page
    assert 'name="*:email" checked' in page

    client.post(reverse("notifications:settings"), {
        "kind": ["*", "comments.reply"],
        "*:in_app": "on", "*:digest": "on",  # e-mail off for all, digest on
        "comments.reply:in_app": "on", "comments.reply:email": "on",  # but mail replies
    })

    stored = set(Preference.objects.filter(user=resident)
                 .values_list("kind", "channel", "enabled"))
    assert stored == {("*", "email", False), ("*", "digest", True),
                      ("comments.reply", "email", True), ("comments.reply", "digest", False)}


def test_settings_page_changes_nothing_when_nothing_changed(client, resident):
    client.force_login(resident)
    client.post(reverse("notifications:settings"),
                {"kind": ["*"], "*:in_app": "on", "*:email": "on"})
    assert not Preference.objects.exists()


def _render_button(user, target) -> str:
    request = RequestFactory().get("/m/testgrad/news/1/")
    request.user = user
    # A plain Context: the count is the tag's own, without the shell's context processor.
    return Template("{% load notifications %}{% subscribe_button obj %}").render(
        Context({"request": request, "obj": target})
    )


def test_subscribe_button_for_an_anonymous_visitor_asks_to_log_in(settlement):
    from django.contrib.auth.models import AnonymousUser

    html = _render_button(AnonymousUser(), settlement)
    assert reverse("accounts:login") in html
    assert "<form" not in html


def test_subscribe_button_costs_one_query_and_shows_the_state(resident, settlement,
                                                              django_assert_num_queries):
    ContentType.objects.get_for_model(settlement)  # cached once per process
    with django_assert_num_queries(1):
        html = _render_button(resident, settlement)
    assert reverse("notifications:subscribe") in html
    services.subscribe(user=resident, target=settlement)
    html = _render_button(resident, settlement)
    assert reverse("notifications:unsubscribe") in html and "Вы подписаны" in html


def test_subscribe_and_unsubscribe_endpoints(client, resident, settlement):
    client.force_login(resident)
    data = {"owner_type": ContentType.objects.get_for_model(settlement).pk,
            "owner_id": settlement.pk, "next": "/m/testgrad/"}
    response = client.post(reverse("notifications:subscribe"), data)
    assert response["Location"] == "/m/testgrad/"
    client.post(reverse("notifications:subscribe"), data)
    assert Subscription.objects.filter(user=resident).count() == 1
    client.post(reverse("notifications:unsubscribe"), data)
    assert not Subscription.objects.exists()


def test_subscribe_to_nothing_is_404(client, resident):
    client.force_login(resident)
    data = {"owner_type": ContentType.objects.get_for_model(Subscription).pk,
            "owner_id": "999"}
    assert client.post(reverse("notifications:subscribe"), data).status_code == 404
    assert client.post(reverse("notifications:subscribe"), {"owner_type": "x"}).status_code == 404
