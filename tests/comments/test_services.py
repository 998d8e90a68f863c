"""Posting, threading, sanitising, reporting, hiding and blocking."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.comments import services
from zemstvo.core.comments.models import Comment, CommentBlock, CommentReport, CommentStatus
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.models import Notification

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def test_post_stores_a_comment_of_the_records_municipality(comment, target, author):
    assert comment.municipality == target.municipality
    assert comment.author == author
    assert comment.depth == 0 and comment.parent is None
    assert comment.text == "<p>Когда отремонтируют дорогу?</p>"
    event = AuditEvent.objects.get(action="comments.post")
    assert event.object_id == str(comment.pk)
    assert event.municipality_id == target.municipality_id


def test_replies_nest_up_to_three_levels_then_join_the_last(comment, target, resident):
    second = services.comment_post(actor=resident, target=target, text="Ответ", parent=comment)
    third = services.comment_post(actor=resident, target=target, text="Ещё", parent=second)
    deeper = services.comment_post(actor=resident, target=target, text="Глубже", parent=third)
    assert (second.depth, third.depth) == (1, 2)
    assert second.parent == comment and third.parent == second
    assert deeper.depth == 2 and deeper.parent == second


def test_reply_notifies_the_author_of_the_comment_replied_to(comment, target, resident, author):
    services.comment_post(actor=resident, target=target, text="Весной", parent=comment)
    note = Notification.objects.get(user=author)
    assert note.kind == "comments.reply"
    assert note.body == "Весной"
    assert note.url.startswith(f"/m/testgrad/places/{target.pk}/#comment-")


def test_reply_on_the_last_level_still_notifies_the_person_replied_to(comment, target,
                                                                      resident, author):
    second = services.comment_post(actor=author, target=target, text="Уточню", parent=comment)
    third = services.comment_post(actor=resident, target=target, text="Да", parent=second)
    services.comment_post(actor=author, target=target, text="Спасибо", parent=third)
    assert Notification.objects.filter(user=resident, kind="comments.reply").count() == 1


def test_replying_to_oneself_notifies_nobody(comment, target, author):
    services.comment_post(actor=author, target=target, text="Дополню", parent=comment)
    assert not Notification.objects.exists()


def test_reply_must_belong_to_the_same_thread(comment, resident, settlement, municipality):
    from tests.factories import SettlementFactory

    elsewhere = SettlementFactory(municipality=municipality)
    with pytest.raises(DomainError, match="другому обсуждению"):
        services.comment_post(actor=resident, target=elsewhere, text="Ответ", parent=comment)


def test_reply_to_a_hidden_comment_is_refused(comment, target, resident, moderator):
    services.comment_hide(actor=moderator, comment=comment, reason="Оскорбление")
    with pytest.raises(DomainError, match="скрытый"):
        services.comment_post(actor=resident, target=target, text="Ответ", parent=comment)


def test_script_does_not_survive(target, resident):
    comment = services.comment_post(
        actor=resident, target=target,
        text='<script>alert("x")</script><img src=x onerror="alert(1)"><b onclick="y()">жирный</b>',
    )
    elements = _elements(comment.text)
    assert {tag for tag, _attrs in elements} <= {"p", "br", "a"}
    assert not any(name.startswith("on") for _tag, attrs in elements for name in attrs)
    assert "<script" not in comment.text
    assert "&lt;script&gt;" in comment.text  # shown as the text the person typed


def test_a_link_is_made_safe(target, resident):
    comment = services.comment_post(
        actor=resident, target=target,
        text='Смотрите https://example.org/plan?a=1&b=2 и javascript:alert(1)\n'
             '<a href="javascript:alert(2)">нажми</a>',
    )
    links = [attrs for tag, attrs in _elements(comment.text) if tag == "a"]
    assert links == [{"href": "https://example.org/plan?a=1&b=2",
                      "rel": "nofollow ugc noopener noreferrer"}]


def test_line_breaks_are_kept(target, resident):
    comment = services.comment_post(actor=resident, target=target, text="раз\nдва\n\nтри")
    assert comment.text == "<p>раз<br>два</p>\n\n<p>три</p>"


@pytest.mark.parametrize(("text", "message"), [
    ("", "Напишите комментарий"),
    ("  я ", "Напишите комментарий"),
    ("а" * 3001, "длиннее 3000 символов"),
])
def test_length_limits(target, resident, text, message):
    with pytest.raises(DomainError, match=message) as refused:
        services.comment_post(actor=resident, target=target, text=text)
    assert "text" in refused.value.field_errors
    assert not Comment.objects.exists()


def test_anonymous_and_inactive_people_may_not_post(target):
    with pytest.raises(NotAllowed, match="Войдите"):
        services.comment_post(actor=None, target=target, text="Привет")
    inactive = UserFactory(is_active=False)
    with pytest.raises(NotAllowed):
        services.comment_post(actor=inactive, target=target, text="Привет")
    assert not Comment.objects.exists()


def test_closed_discussion_takes_no_comments(target, resident):
    target.comments_open = False
    with pytest.raises(DomainError, match="Обсуждение закрыто"):
        services.comment_post(actor=resident, target=target, text="Привет")


def test_blocked_user_is_refused_with_the_reason_and_date(target, resident, moderator,
                                                          municipality):
    until = timezone.now() + dt.timedelta(days=7)
    services.user_block(actor=moderator, user=resident, municipality=municipality,
                        reason="Спам", until=until)
    with pytest.raises(NotAllowed) as refused:
        services.comment_post(actor=resident, target=target, text="Опять реклама")
    message = refused.value.message
    assert "ограничил вам комментирование" in message
    assert "Причина: Спам" in message
    assert f"{timezone.localtime(until):%d.%m.%Y}" in message
    assert not Comment.objects.exists()


def test_block_ends_on_its_date_or_when_lifted(target, resident, moderator, municipality):
    block = services.user_block(actor=moderator, user=resident, municipality=municipality,
                                reason="Спам", until=timezone.now() + dt.timedelta(days=1))
    CommentBlock.objects.filter(pk=block.pk).update(until=timezone.now() - dt.timedelta(hours=1))
    services.comment_post(actor=resident, target=target, text="Снова можно")
    services.user_block(actor=moderator, user=resident, municipality=municipality, reason="Спам")
    with pytest.raises(NotAllowed):
        services.comment_post(actor=resident, target=target, text="Нельзя")
    services.user_unblock(actor=moderator, user=resident, municipality=municipality)
    services.comment_post(actor=resident, target=target, text="Можно")
    assert Comment.objects.count() == 2


def test_block_in_another_municipality_does_not_apply(target, resident, foreign_moderator,
                                                      other_municipality):
    services.user_block(actor=foreign_moderator, user=resident, municipality=other_municipality,
                        reason="Спам")
    services.comment_post(actor=resident, target=target, text="Здесь можно")


def test_block_is_told_to_the_person_and_audited(resident, moderator, municipality):
    services.user_block(actor=moderator, user=resident, municipality=municipality,
                        reason="Грубость")
    assert Notification.objects.get(user=resident).kind == "comments.blocked"
    assert AuditEvent.objects.filter(action="comments.block", actor=moderator).exists()


def test_block_refusals(resident, moderator, editor, municipality):
    with pytest.raises(NotAllowed):
        services.user_block(actor=editor, user=resident, municipality=municipality,
                            reason="Спам")
    with pytest.raises(DomainError, match="самого себя"):
        services.user_block(actor=moderator, user=moderator, municipality=municipality,
                            reason="Спам")
    with pytest.raises(DomainError, match="уже прошла"):
        services.user_block(actor=moderator, user=resident, municipality=municipality,
                            reason="Спам", until=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="Укажите причину"):
        services.user_block(actor=moderator, user=resident, municipality=municipality,
                            reason="  ")
    with pytest.raises(DomainError, match="не заблокирован"):
        services.user_unblock(actor=moderator, user=resident, municipality=municipality)
    assert not CommentBlock.objects.exists()


def test_blocking_again_replaces_the_block(resident, moderator, municipality):
    services.user_block(actor=moderator, user=resident, municipality=municipality, reason="1")
    services.user_block(actor=moderator, user=resident, municipality=municipality, reason="2")
    open_blocks = CommentBlock.objects.filter(lifted_at__isnull=True)
    assert [b.reason for b in open_blocks] == ["2"]


def test_report_once_per_reader(comment, resident):
    services.comment_report(actor=resident, comment=comment, reason="Реклама")
    with pytest.raises(DomainError, match="уже пожаловались"):
        services.comment_report(actor=resident, comment=comment, reason="Ещё раз")
    assert CommentReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="comments.report").count() == 1


def test_no_report_on_ones_own_comment(comment, author):
    with pytest.raises(DomainError, match="свой комментарий"):
        services.comment_report(actor=author, comment=comment)
    assert not CommentReport.objects.exists()


def test_moderator_hides_with_a_reason(comment, resident, moderator, author):
    services.comment_report(actor=resident, comment=comment, reason="Оффтоп")

    services.comment_hide(actor=moderator, comment=comment, reason="Не по теме")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.hidden_by == moderator and comment.hidden_reason == "Не по теме"
    assert not CommentReport.objects.filter(resolved=False).exists()
    assert Notification.objects.get(user=author).kind == "comments.hidden"
    event = AuditEvent.objects.get(action="comments.hide")
    assert event.after["reason"] == "Не по теме" and event.after["reports_resolved"] == 1


def test_hide_needs_a_reason_and_a_moderator_of_the_municipality(comment, moderator, editor,
                                                                 foreign_moderator):
    with pytest.raises(DomainError, match="Укажите причину"):
        services.comment_hide(actor=moderator, comment=comment, reason="")
    for stranger in (editor, foreign_moderator):
        with pytest.raises(NotAllowed):
            services.comment_hide(actor=stranger, comment=comment, reason="Спам")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_restore_brings_a_hidden_comment_back(comment, moderator):
    services.comment_hide(actor=moderator, comment=comment, reason="Ошибка")
    with pytest.raises(DomainError, match="уже скрыт"):
        services.comment_hide(actor=moderator, comment=comment, reason="Ошибка")
    services.comment_restore(actor=moderator, comment=comment, reason="Проверили")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.hidden_reason == ""
    with pytest.raises(DomainError, match="не скрыт"):
        services.comment_restore(actor=moderator, comment=comment)
    assert AuditEvent.objects.filter(action="comments.restore").count() == 1


def test_dismissing_reports_keeps_the_comment(comment, resident, verified_resident, moderator):
    services.comment_report(actor=resident, comment=comment)
    services.comment_report(actor=verified_resident, comment=comment)
    assert services.comment_reports_dismiss(actor=moderator, comment=comment) == 2
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    with pytest.raises(DomainError, match="Открытых жалоб"):
        services.comment_reports_dismiss(actor=moderator, comment=comment)
