"""The comment pages, moderation in the office, and every role against every action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from zemstvo.core import permissions
from zemstvo.core.comments import services
from zemstvo.core.comments.models import Comment, CommentBlock, CommentStatus
from zemstvo.core.shell.selectors import dashboard_cards

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator", "foreign_moderator",
         "blocked_resident"]
MODERATORS = {"moderator", "municipal_admin", "operator"}


@pytest.fixture
def blocked_resident(moderator, municipality):
    user = UserFactory(username="blocked")
    services.user_block(actor=moderator, user=user, municipality=municipality, reason="Спам")
    return user


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_action(request, role, target, comment, municipality):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    assert permissions.can(user, "comments.post", target) is (
        role not in {"anonymous", "blocked_resident"}
    )
    assert permissions.can(user, "comments.report", comment) is (role != "anonymous")
    assert permissions.can(user, "comments.moderate", comment) is (role in MODERATORS)
    assert permissions.can(user, "comments.moderate", municipality) is (role in MODERATORS)
    assert permissions.can(user, "comments.moderate") is (
        role in MODERATORS | {"foreign_moderator"}
    )


def _post(client, target, text, **extra):
    data = {"owner_type": ContentType.objects.get_for_model(target).pk,
            "owner_id": target.pk, "text": text, "next": "/m/testgrad/places/1/", **extra}
    return client.post(reverse("comments:post"), data)


def test_post_page_publishes_and_returns_to_the_comment(client, resident, target):
    client.force_login(resident)
    response = _post(client, target, "Хорошая новость")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/m/testgrad/places/1/#comment-{comment.pk}"


def test_post_page_reply(client, resident, target, comment):
    client.force_login(resident)
    _post(client, target, "Согласен", parent=comment.pk)
    assert Comment.objects.get(parent=comment).text == "<p>Согласен</p>"


def test_post_page_shows_the_error_and_keeps_the_text(client, resident, target):
    client.force_login(resident)
    response = _post(client, target, "я" * 3001)
    assert response.status_code == 422
    page = response.content.decode()
    assert "длиннее 3000 символов" in page
    assert "я" * 3001 in page
    assert not Comment.objects.exists()


def test_post_page_tells_a_blocked_person_why(client, blocked_resident, target):
    client.force_login(blocked_resident)
    response = _post(client, target, "Реклама")
    assert response.status_code == 422
    assert "Причина: Спам" in response.content.decode()


def test_post_page_needs_login(client, target):
    response = _post(client, target, "Привет")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Comment.objects.exists()


def test_report_page(client, resident, comment):
    client.force_login(resident)
    url = reverse("comments:report", args=[comment.pk])
    client.post(url, {"reason": "Спам", "next": "/m/testgrad/"})
    response = client.post(url, {"reason": "Спам", "next": "/m/testgrad/"})
    assert response["Location"] == f"/m/testgrad/#comment-{comment.pk}"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Спасибо, жалоба передана модератору.",
                        "Вы уже пожаловались на этот комментарий."]


QUEUE = reverse("office_comments:queue")


@pytest.mark.parametrize("role", ["resident", "clerk", "editor", "regional_curator"])
def test_queue_is_closed_to_those_who_do_not_moderate(request, client, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(QUEUE).status_code == 403


def test_queue_lists_reported_comments_newest_report_first(client, moderator, target,
                                                           resident, author):
    older = services.comment_post(actor=author, target=target, text="Первый")
    newer = services.comment_post(actor=author, target=target, text="Второй")
    services.comment_post(actor=author, target=target, text="Без жалоб")
    services.comment_report(actor=resident, comment=older, reason="Реклама")
    services.comment_report(actor=resident, comment=newer, reason="Грубость")
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert page.index("Второй") < page.index("Первый")
    assert "Без жалоб" not in page
    assert "Грубость" in page and "Реклама" in page


def test_queue_of_another_municipality_is_empty(client, foreign_moderator, comment, resident):
    services.comment_report(actor=resident, comment=comment)
    client.force_login(foreign_moderator)
    assert "Жалоб нет." in client.get(QUEUE).content.decode()
    url = reverse("office_comments:comment", args=[comment.pk])
    assert client.get(url).status_code == 404
    client.post(reverse("office_comments:hide", args=[comment.pk]), {"reason": "Спам"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


@pytest.mark.parametrize("size", [2, 20])
def test_queue_costs_a_fixed_number_of_queries(client, moderator, target, resident, author,
                                               size, django_assert_max_num_queries):
    for n in range(size):
        comment = services.comment_post(actor=author, target=target, text=f"Текст {n}")
        services.comment_report(actor=resident, comment=comment)
    client.force_login(moderator)
    with django_assert_max_num_queries(9):
        response = client.get(QUEUE)
    assert len(response.context["comments"]) == size


def test_moderator_hides_and_restores_from_the_office(client, moderator, comment):
    client.force_login(moderator)
    client.post(reverse("office_comments:hide", args=[comment.pk]), {"reason": ""})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED  # no reason, nothing changed
    client.post(reverse("office_comments:hide", args=[comment.pk]),
                {"reason": "Оскорбление", "back": "queue"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    hidden_page = client.get(QUEUE, {"status": "hidden"}).content.decode()
    assert "Оскорбление" in hidden_page
    client.post(reverse("office_comments:restore", args=[comment.pk]), {"reason": ""})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_moderator_dismisses_reports(client, moderator, comment, resident):
    services.comment_report(actor=resident, comment=comment)
    client.force_login(moderator)
    client.post(reverse("office_comments:dismiss", args=[comment.pk]))
    assert "Жалоб нет." in client.get(QUEUE).content.decode()


def test_comment_page_shows_reports_and_the_forms(client, moderator, comment, resident):
    services.comment_report(actor=resident, comment=comment, reason="Оффтоп")
    client.force_login(moderator)
    page = client.get(reverse("office_comments:comment", args=[comment.pk])).content.decode()
    assert "Оффтоп" in page
    assert reverse("office_comments:hide", args=[comment.pk]) in page
    assert "Заблокировать автора" in page


def test_block_and_unblock_from_the_office(client, moderator, resident, municipality):
    client.force_login(moderator)
    until = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(reverse("office_comments:blocks"), {
        "username": resident.username, "municipality": municipality.slug,
        "until": until, "reason": "Спам",
    })
    assert response.status_code == 302
    block = CommentBlock.objects.get()
    assert block.until > timezone.now() + dt.timedelta(days=3)
    assert resident.username in client.get(reverse("office_comments:blocks")).content.decode()
    client.post(reverse("office_comments:unblock", args=[block.pk]))
    block.refresh_from_db()
    assert block.lifted_at is not None and block.lifted_by == moderator


def test_block_form_errors_are_shown_in_russian(client, moderator, municipality,
                                                other_municipality):
    client.force_login(moderator)
    response = client.post(reverse("office_comments:blocks"), {
        "username": "nobody", "municipality": other_municipality.slug, "reason": "",
    })
    page = response.content.decode()
    assert response.status_code == 422
    assert "Пользователь с таким логином не найден." in page
    assert "Укажите причину." in page
    assert "Выберите корректный вариант" in page  # a municipality the moderator lacks
    assert not CommentBlock.objects.exists()


def test_dashboard_card_counts_reported_comments_with_an_alert(moderator, municipality,
                                                              comment, resident, clerk):
    def line():
        cards = [c for c in dashboard_cards(moderator, municipality)
                 if c["title"] == "Комментарии"]
        return cards[0]["lines"][0]

    assert line().value == 0 and not line().alert
    services.comment_report(actor=resident, comment=comment)
    assert line().label == "Жалобы на комментарии"
    assert line().value == 1 and line().alert
    assert not [c for c in dashboard_cards(clerk, municipality) if c["title"] == "Комментарии"]
