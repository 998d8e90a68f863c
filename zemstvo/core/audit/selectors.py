"""Reads of the audit log: the events a staff member may browse, and the walk that
verifies the hash chain (used by ``zemstvo audit-verify`` and the office page)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from zemstvo.core.accounts.models import Role
from zemstvo.core.accounts.roles import is_operator, memberships
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.services import GENESIS_HASH
from zemstvo.core.territory.models import Municipality

# Roles that read the audit log of a municipality (or, held in a region, of its
# municipalities). The platform operator reads all of it.
BROWSE_ROLES = frozenset({Role.ADMINISTRATOR, Role.REGIONAL_CURATOR})
VERIFY_BATCH = 2000


# --- browsing -----------------------------------------------------------------------


def _scopes(user: Any) -> tuple[set[int], set[int]]:
    """(municipality ids, region ids) where the user may browse the log."""
    municipality_ids: set[int] = set()
    region_ids: set[int] = set()
    for role, municipality_id, region_id in memberships(user):
        if role not in BROWSE_ROLES:
            continue
        if municipality_id is not None:
            municipality_ids.add(municipality_id)
        if region_id is not None:
            region_ids.add(region_id)
    return municipality_ids, region_ids


def events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """Every event the user may read: the operator all of them, a municipal
    administrator those of their municipality, a regional curator those of the
    municipalities of their region. Events without a municipality: the operator only."""
    events = AuditEvent.objects.select_related("municipality")
    if is_operator(user):
        return events
    municipality_ids, region_ids = _scopes(user)
    if not municipality_ids and not region_ids:
        return events.none()
    return events.filter(
        Q(municipality_id__in=municipality_ids) | Q(municipality__region_id__in=region_ids)
    )


def municipalities_visible_to(user: Any, *, limit: int = 1000) -> list[Municipality]:
    """The municipalities the filter of the log offers to the user."""
    municipalities = Municipality.objects.order_by("name")
    if not is_operator(user):
        municipality_ids, region_ids = _scopes(user)
        municipalities = municipalities.filter(
            Q(pk__in=municipality_ids) | Q(region_id__in=region_ids)
        )
    return list(municipalities[:limit])


@dataclass(frozen=True)
class EventPage:
    events: list[AuditEvent]
    # The id to pass as ``before`` for the next (older) page; None on the last page.
    next_before: int | None


def event_page(events: QuerySet[AuditEvent], *, before: int | None, size: int) -> EventPage:
    """One page of events, newest first, by keyset (``id < before``): one query,
    whatever the page's depth in a log of millions of rows."""
    if before is not None:
        events = events.filter(id__lt=before)
    rows = list(events.order_by("-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return EventPage(events=rows, next_before=rows[-1].pk if more and rows else None)


@dataclass(frozen=True)
class DiffRow:
    field: str
    before: str
    after: str
    changed: bool


def _show(value: Any, present: bool) -> str:
    if not present:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return "null"
    return str(value)


def diff_rows(event: AuditEvent) -> list[DiffRow]:
    """The fields of ``before`` and ``after`` side by side, changed ones flagged."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    rows = []
    for key in sorted(set(before) | set(after)):
        rows.append(
            DiffRow(
                field=key,
                before=_show(before.get(key), key in before),
                after=_show(after.get(key), key in after),
                changed=(key in before) != (key in after) or before.get(key) != after.get(key),
            )
        )
    # A value that is not a dict (rare: a list or a scalar) is shown whole.
    if event.before is not None and not isinstance(event.before, dict) or (
        event.after is not None and not isinstance(event.after, dict)
    ):
        rows.append(
            DiffRow(
                field="",
                before=_show(event.before, event.before is not None),
                after=_show(event.after, event.after is not None),
                changed=event.before != event.after,
            )
        )
    return rows


def last_event() -> AuditEvent | None:
    return AuditEvent.objects.order_by("-id").first()


# --- verifying the chain ------------------------------------------------------------


class BreakKind:
    EDITED = "edited"  # the row's content no longer matches its own hash
    MISSING = "missing"  # the row links to a hash no row has: the row before was removed
    # (or rewritten together with its hash)
    REORDERED = "reordered"  # the row links to a row that stands elsewhere in id order


_DESCRIPTIONS = {
    BreakKind.EDITED: "запись изменена после записи в журнал (хеш не совпадает с содержимым)",
    BreakKind.MISSING: (
        "перед записью в цепочке не хватает события: предыдущая запись удалена "
        "или перезаписана вместе с хешем"
    ),
    BreakKind.REORDERED: "порядок записей нарушен: запись ссылается на событие id={linked}",
}


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    created_at: datetime
    action: str
    kind: str
    # The last row before the break whose link held (None: the break is at the start).
    previous_id: int | None
    linked_id: int | None = None

    def describe(self) -> str:
        reason = _DESCRIPTIONS[self.kind].format(linked=self.linked_id)
        when = self.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        tail = (
            f"; последняя целая запись перед ней — id={self.previous_id}"
            if self.previous_id is not None
            else "; это первая запись журнала"
        )
        return f"Запись id={self.event_id} ({when}, «{self.action}»): {reason}{tail}."


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    # Events checked: all of them when the chain holds, up to the break otherwise.
    count: int
    last_hash: str
    broken: ChainBreak | None = None


def _in_batches(batch_size: int) -> Iterator[AuditEvent]:
    # Keyset batches in id order: constant memory, and no long-lived cursor.
    after = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=after).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        after = batch[-1].pk


def _break_at(event: AuditEvent, kind: str, previous_id: int | None) -> ChainBreak:
    linked_id = None
    if kind != BreakKind.EDITED:
        linked_id = (
            AuditEvent.objects.filter(hash=event.prev_hash).values_list("id", flat=True).first()
        )
        kind = BreakKind.REORDERED if linked_id is not None else BreakKind.MISSING
    return ChainBreak(
        event_id=event.pk, created_at=event.created_at, action=event.action, kind=kind,
        previous_id=previous_id, linked_id=linked_id,
    )


def verify_chain(*, batch_size: int = VERIFY_BATCH) -> ChainReport:
    """Walk the log in id order, recompute every hash and check that each row links to
    the one before it. Stops at the first broken row.

    The chain cannot show rows cut from its end; compare the last hash with one noted
    earlier (``zemstvo audit-verify`` prints it) to detect that."""
    expected_prev = GENESIS_HASH
    previous_id: int | None = None
    count = 0
    for event in _in_batches(batch_size):
        if event.compute_hash() != event.hash:
            return ChainReport(
                ok=False, count=count, last_hash=expected_prev,
                broken=_break_at(event, BreakKind.EDITED, previous_id),
            )
        if event.prev_hash != expected_prev:
            return ChainReport(
                ok=False, count=count, last_hash=expected_prev,
                broken=_break_at(event, BreakKind.MISSING, previous_id),
            )
        expected_prev = event.hash
        previous_id = event.pk
        count += 1
    return ChainReport(ok=True, count=count, last_hash=expected_prev)


def events_word(count: int) -> str:
    """«1 событие», «3 события», «5 событий»."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} событие"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} события"
    return f"{count} событий"
