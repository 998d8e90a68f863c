"""{% comments_block obj %}: the thread, the forms, and a fixed number of queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from zemstvo.core.comments import services

pytestmark = pytest.mark.django_db


def render(user, target) -> str:
    request = RequestFactory().get("/m/testgrad/places/1/")
    request.user = user
    return Template("{% load comments %}{% comments_block obj %}").render(
        Context({"request": request, "obj": target})
    )


def _thread(target, size: int) -> list:
    people = [UserFactory(first_name="Пётр", last_name="Иванов") for _n in range(3)]
    made = []
    for n in range(size):
        parent = made[n - 1] if n % 3 else None  # chains of three levels
        made.append(services.comment_post(actor=people[n % 3], target=target,
                                           text=f"Комментарий {n}", parent=parent))
    return made


def test_thread_is_nested_and_hidden_comments_show_a_placeholder(target, resident, moderator):
    first, reply, deeper = _thread(target, 3)
    services.comment_hide(actor=moderator, comment=reply, reason="Грубость")

    html = render(resident, target)

    assert "Комментарии (3)" in html
    assert html.index(f'id="comment-{first.pk}"') < html.index(f'id="comment-{reply.pk}"')
    assert "Комментарий скрыт модератором" in html
    assert "Комментарий 1" not in html  # the hidden text
    assert "Комментарий 2" in html  # its reply stays
    assert "Пётр И." in html  # no login, no full name
    assert "Иванов" not in html


def test_signed_in_reader_gets_the_form_that_returns_to_the_page(target, resident):
    html = render(resident, target)
    assert f'action="{reverse("comments:post")}"' in html
    owner_type = ContentType.objects.get_for_model(target).pk
    assert f'name="owner_type" value="{owner_type}"' in html
    assert f'name="owner_id" value="{target.pk}"' in html
    assert 'name="next" value="/m/testgrad/places/1/"' in html
    assert f'<label for="comments-territory-settlement-{target.pk}-text">' in html


def test_anonymous_visitor_is_asked_to_log_in(target, comment):
    html = render(AnonymousUser(), target)
    assert "Войдите, чтобы оставить комментарий" in html
    assert "<textarea" not in html
    assert "Пожаловаться" not in html


def test_blocked_reader_sees_why_instead_of_the_form(target, resident, moderator, municipality):
    services.user_block(actor=moderator, user=resident, municipality=municipality,
                        reason="Реклама")
    html = render(resident, target)
    assert "Причина: Реклама" in html
    assert "<textarea" not in html


def test_report_button_not_on_own_or_already_reported_comments(target, comment, author,
                                                                resident):
    assert "Пожаловаться" not in render(author, target)
    assert "Пожаловаться" in render(resident, target)
    services.comment_report(actor=resident, comment=comment)
    html = render(resident, target)
    assert "Пожаловаться" not in html
    assert "Вы пожаловались на этот комментарий." in html


def test_moderator_gets_a_link_to_moderate(target, comment, moderator, resident):
    link = reverse("office_comments:comment", args=[comment.pk])
    assert link in render(moderator, target)
    assert link not in render(resident, target)


@pytest.mark.parametrize("size", [3, 30])
def test_fixed_number_of_queries_whatever_the_thread_size(target, resident, size,
                                                          django_assert_max_num_queries):
    comments = _thread(target, size)
    services.comment_report(actor=resident, comment=comments[0])
    ContentType.objects.get_for_model(target)  # cached once per process
    with django_assert_max_num_queries(4):  # comments, block, reports, roles
        html = render(resident, target)
    assert f"Комментарии ({size})" in html
    anonymous = AnonymousUser()
    with django_assert_max_num_queries(1):
        render(anonymous, target)
