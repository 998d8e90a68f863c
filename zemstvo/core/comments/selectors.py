"""Reads for comments: a thread as a tree, a person's block, the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships
from zemstvo.core.comments.models import Comment, CommentBlock, CommentReport, CommentStatus
from zemstvo.core.territory.models import Municipality

MODERATOR_ROLES = frozenset({Role.MODERATOR, Role.ADMINISTRATOR})


def block_in_force(user: Any, municipality: Any) -> CommentBlock | None:
    """The block that keeps ``user`` from commenting in ``municipality`` now, if any."""
    if municipality is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        CommentBlock.objects.filter(user=user, municipality=municipality, lifted_at__isnull=True)
        .filter(Q(until__isnull=True) | Q(until__gt=timezone.now()))
        .first()
    )


@dataclass
class Node:
    comment: Comment
    replies: list[Node] = field(default_factory=list)


def thread(target: Any) -> tuple[list[Node], int]:
    """The comments on ``target`` as a tree, oldest first at each level, and their
    number (one query, whatever the size of the thread)."""
    comments = list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
        ).select_related("author").order_by("created_at", "id")
    )
    nodes = {comment.pk: Node(comment) for comment in comments}
    roots: list[Node] = []
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent.replies if parent else roots).append(nodes[comment.pk])
    return roots, len(comments)


def reported_by(user: Any, target: Any) -> set[int]:
    """Ids of the comments on ``target`` that ``user`` has reported (one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        CommentReport.objects.filter(
            reporter=user, comment__content_type=ContentType.objects.get_for_model(target),
            comment__object_id=str(target.pk),
        ).values_list("comment_id", flat=True)
    )


def _moderated_ids(user: Any) -> tuple[set[int], set[int]]:
    """(municipality ids, region ids) where the user moderates."""
    municipality_ids = {m for role, m, _r in memberships(user) if role in MODERATOR_ROLES and m}
    region_ids = {r for role, _m, r in memberships(user) if role in MODERATOR_ROLES and r}
    return municipality_ids, region_ids


def moderated_scope(user: Any) -> Q | None:
    """A filter on ``municipality`` for what the user moderates; None: everything."""
    if is_operator(user):
        return None
    municipality_ids, region_ids = _moderated_ids(user)
    return Q(municipality_id__in=municipality_ids) | Q(municipality__region_id__in=region_ids)


def municipalities_moderated(user: Any, *, limit: int = 1000) -> list[Municipality]:
    found = Municipality.objects.order_by("name")
    if not is_operator(user):
        municipality_ids, region_ids = _moderated_ids(user)
        found = found.filter(Q(pk__in=municipality_ids) | Q(region_id__in=region_ids))
    return list(found[:limit])


def _in_scope(queryset: QuerySet, user: Any, municipality: Any = None) -> QuerySet:
    scope = moderated_scope(user)
    if scope is not None:
        queryset = queryset.filter(scope)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset


def moderation_queue(user: Any, *, status: str = "reported", municipality: Any = None,
                     limit: int = 100) -> list[Comment]:
    """Comments with open reports, the most recently reported first (``status`` =
    "reported"), or hidden comments, the most recently hidden first ("hidden").
    Three queries, plus one per kind of commented record."""
    comments = _in_scope(Comment.objects.all(), user, municipality)
    open_reports = CommentReport.objects.filter(resolved=False).select_related("reporter")
    if status == "hidden":
        comments = comments.filter(status=CommentStatus.HIDDEN).order_by("-hidden_at", "-id")
    else:
        comments = (
            comments.filter(reports__resolved=False)
            .annotate(last_report=Max("reports__created_at"),
                      open_reports=Count("reports", filter=Q(reports__resolved=False)))
            .order_by("-last_report", "-id")
        )
    return list(
        comments.select_related("author", "municipality", "hidden_by")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_report_list"),
                          "target")[:limit]
    )


def open_report_count(user: Any, municipality: Any = None) -> int:
    """Comments with open reports that the user moderates (one query)."""
    return (
        _in_scope(Comment.objects.filter(reports__resolved=False), user, municipality)
        .values("pk").distinct().count()
    )


def blocks_in_force(user: Any, municipality: Any = None) -> list[CommentBlock]:
    now = timezone.now()
    blocks = _in_scope(CommentBlock.objects.all(), user, municipality).filter(
        Q(until__isnull=True) | Q(until__gt=now), lifted_at__isnull=True
    )
    return list(blocks.select_related("user", "municipality", "blocked_by")
                .order_by("-created_at")[:500])


def comment_for_moderation(user: Any, pk: int) -> Comment | None:
    comments = _in_scope(Comment.objects.all(), user)
    return (
        comments.select_related("author", "municipality", "hidden_by")
        .prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.select_related("reporter")
                     .order_by("-created_at"), to_attr="report_list"),
            "target",
        )
        .filter(pk=pk).first()
    )
