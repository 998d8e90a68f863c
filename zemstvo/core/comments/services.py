"""Writing comments and moderating them. Every change is audited; the author of the
comment replied to, and the author of a hidden comment, are notified."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from zemstvo.core.audit.services import audit_record
from zemstvo.core.comments import selectors
from zemstvo.core.comments.models import (
    MAX_DEPTH,
    Comment,
    CommentBlock,
    CommentReport,
    CommentStatus,
)
from zemstvo.core.comments.text import excerpt, sanitise
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.services import notify
from zemstvo.core.permissions import require

MIN_LENGTH = 2
MAX_LENGTH = 3000
REASON_LENGTH = 500


def _field_error(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise _field_error("reason", "Укажите причину.")
    if len(reason) > REASON_LENGTH:
        raise _field_error("reason", f"Причина длиннее {REASON_LENGTH} символов.")
    return reason


def _target_url(target: Any, comment: Comment) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    return f"{get_url()}#comment-{comment.pk}" if callable(get_url) else ""


def block_message(block: CommentBlock) -> str:
    until = (
        f"до {timezone.localtime(block.until):%d.%m.%Y %H:%M}" if block.until
        else "до снятия блокировки"
    )
    return (f"Модератор ограничил вам комментирование в этом муниципальном образовании {until}. "
            f"Причина: {block.reason}")


def comment_post(*, actor: Any, target: models.Model, text: str,
                 parent: Comment | None = None) -> Comment:
    """Comment on ``target`` (a saved record with a ``municipality`` attribute; a record
    with ``comments_open = False`` takes no comments), or reply to ``parent``. A reply
    to a comment on the last level of the thread joins that level."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise NotAllowed("Войдите, чтобы оставить комментарий.")
    municipality = getattr(target, "municipality", None)
    block = selectors.block_in_force(actor, municipality)
    if block is not None:
        raise NotAllowed(block_message(block))
    require(actor, "comments.post", target)
    if not getattr(target, "comments_open", True):
        raise DomainError("Обсуждение закрыто: новые комментарии не принимаются.")
    raw = (text or "").strip()
    if len(raw) < MIN_LENGTH:
        raise _field_error("text", "Напишите комментарий: хотя бы пару слов.")
    if len(raw) > MAX_LENGTH:
        raise _field_error("text", f"Комментарий длиннее {MAX_LENGTH} символов: сократите его.")
    content_type = ContentType.objects.get_for_model(target)
    object_id = str(target.pk)
    attach_to = parent
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_id != object_id:
            raise _field_error("parent", "Ответ относится к другому обсуждению.")
        if parent.is_hidden:
            raise _field_error("parent", "Нельзя ответить на скрытый комментарий.")
        while attach_to.depth >= MAX_DEPTH - 1:
            attach_to = attach_to.parent
    with transaction.atomic():
        comment = Comment.objects.create(
            content_type=content_type, object_id=object_id,
            municipality_id=getattr(municipality, "pk", municipality), author=actor,
            parent=attach_to, depth=attach_to.depth + 1 if attach_to else 0,
            text=sanitise(raw),
        )
        audit_record(actor=actor, action="comments.post", obj=comment, after={
            "target": f"{content_type.app_label}.{content_type.model}:{object_id}",
            "parent": parent.pk if parent else None, "text": comment.text,
        }, municipality=comment.municipality_id)
        if parent is not None and parent.author_id and parent.author_id != actor.pk:
            notify(recipients=[parent.author], kind="comments.reply",
                   title="Ответ на ваш комментарий", body=excerpt(comment.text),
                   url=_target_url(target, comment), municipality=municipality)
    return comment


def comment_report(*, actor: Any, comment: Comment, reason: str = "") -> CommentReport:
    """Report a comment to the moderators, once per reader and comment."""
    require(actor, "comments.report", comment)
    if comment.author_id == actor.pk:
        raise DomainError("Нельзя пожаловаться на свой комментарий.")
    if comment.is_hidden:
        raise DomainError("Комментарий уже скрыт модератором.")
    reason = _reason(reason, required=False)
    duplicate = DomainError("Вы уже пожаловались на этот комментарий.")
    if CommentReport.objects.filter(comment=comment, reporter=actor).exists():
        raise duplicate
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(comment=comment, reporter=actor, reason=reason)
            audit_record(actor=actor, action="comments.report", obj=comment,
                         after={"reason": reason}, municipality=comment.municipality_id)
    except IntegrityError:
        raise duplicate from None
    return report


def _resolve_reports(comment: Comment, actor: Any, now: datetime) -> int:
    return CommentReport.objects.filter(comment=comment, resolved=False).update(
        resolved=True, resolved_by=actor, resolved_at=now
    )


def comment_hide(*, actor: Any, comment: Comment, reason: str) -> Comment:
    """Hide a comment (its replies stay); open reports on it are resolved."""
    require(actor, "comments.moderate", comment)
    reason = _reason(reason, required=True)
    if comment.is_hidden:
        raise DomainError("Комментарий уже скрыт.")
    now = timezone.now()
    with transaction.atomic():
        comment.status, comment.hidden_by, comment.hidden_at = CommentStatus.HIDDEN, actor, now
        comment.hidden_reason = reason
        comment.save(update_fields=["status", "hidden_by", "hidden_at", "hidden_reason"])
        resolved = _resolve_reports(comment, actor, now)
        audit_record(actor=actor, action="comments.hide", obj=comment,
                     before={"status": CommentStatus.PUBLISHED},
                     after={"status": CommentStatus.HIDDEN, "reason": reason,
                            "reports_resolved": resolved},
                     municipality=comment.municipality_id)
        if comment.author_id and comment.author_id != actor.pk:
            notify(recipients=[comment.author], kind="comments.hidden",
                   title="Ваш комментарий скрыт модератором",
                   body=f"Причина: {reason}\n\nКомментарий: {excerpt(comment.text)}",
                   municipality=comment.municipality_id)
    return comment


def comment_restore(*, actor: Any, comment: Comment, reason: str = "") -> Comment:
    require(actor, "comments.moderate", comment)
    reason = _reason(reason, required=False)
    if not comment.is_hidden:
        raise DomainError("Комментарий не скрыт.")
    with transaction.atomic():
        before = {"status": CommentStatus.HIDDEN, "reason": comment.hidden_reason}
        comment.status, comment.hidden_by, comment.hidden_at = CommentStatus.PUBLISHED, None, None
        comment.hidden_reason = ""
        comment.save(update_fields=["status", "hidden_by", "hidden_at", "hidden_reason"])
        audit_record(actor=actor, action="comments.restore", obj=comment, before=before,
                     after={"status": CommentStatus.PUBLISHED, "reason": reason},
                     municipality=comment.municipality_id)
    return comment


def comment_reports_dismiss(*, actor: Any, comment: Comment) -> int:
    """Close the open reports on a comment the moderator leaves as it is."""
    require(actor, "comments.moderate", comment)
    with transaction.atomic():
        resolved = _resolve_reports(comment, actor, timezone.now())
        if not resolved:
            raise DomainError("Открытых жалоб на этот комментарий нет.")
        audit_record(actor=actor, action="comments.dismiss_reports", obj=comment,
                     after={"reports_resolved": resolved}, municipality=comment.municipality_id)
    return resolved


def user_block(*, actor: Any, user: Any, municipality: Any, reason: str,
               until: datetime | None = None) -> CommentBlock:
    """Keep ``user`` from commenting in ``municipality`` until ``until`` (None: until
    lifted). A block already in force is replaced."""
    require(actor, "comments.moderate", municipality)
    reason = _reason(reason, required=True)
    now = timezone.now()
    if user.pk == actor.pk:
        raise DomainError("Нельзя заблокировать самого себя.")
    if until is not None and until <= now:
        raise _field_error("until", "Дата окончания блокировки уже прошла.")
    with transaction.atomic():
        CommentBlock.objects.filter(user=user, municipality=municipality,
                                    lifted_at__isnull=True).update(lifted_at=now, lifted_by=actor)
        block = CommentBlock.objects.create(user=user, municipality=municipality, blocked_by=actor,
                                            until=until, reason=reason, created_at=now)
        audit_record(actor=actor, action="comments.block", obj=block,
                     after={"user": user.get_username(), "until": until, "reason": reason},
                     municipality=municipality)
        notify(recipients=[user], kind="comments.blocked",
               title="Вам ограничено комментирование", body=block_message(block),
               municipality=municipality)
    return block


def user_unblock(*, actor: Any, user: Any, municipality: Any) -> CommentBlock:
    require(actor, "comments.moderate", municipality)
    block = CommentBlock.objects.filter(user=user, municipality=municipality,
                                        lifted_at__isnull=True).first()
    if block is None:
        raise DomainError("Этот пользователь не заблокирован.")
    with transaction.atomic():
        block.lifted_at, block.lifted_by = timezone.now(), actor
        block.save(update_fields=["lifted_at", "lifted_by"])
        audit_record(actor=actor, action="comments.unblock", obj=block,
                     before={"user": user.get_username(), "until": block.until,
                             "reason": block.reason},
                     municipality=municipality)
    return block
