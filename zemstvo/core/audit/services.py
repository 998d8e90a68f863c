"""Writing to the audit log. Every service calls ``audit_record`` inside its
transaction, so the event and the change commit or roll back together."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from zemstvo.core.audit.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant: the advisory lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK_KEY = 72_100_131


def _json_safe(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def new_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    municipality: Any = None,
) -> AuditEvent:
    """The event as ``audit_record`` appends it, not yet linked to the chain."""
    if municipality is None and obj is not None:
        municipality = getattr(obj, "municipality", None)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        created_at=timezone.now().astimezone(UTC),
        actor=actor if authenticated else None,
        actor_label=actor.get_username() if authenticated else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        municipality_id=getattr(municipality, "pk", municipality),
        before=_json_safe(before),
        after=_json_safe(after),
    )


def audit_record(**fields: Any) -> AuditEvent:
    """Append one event, its fields as new_event takes them. ``action`` is the policy
    action name (``"news.publish"``); ``before``/``after`` hold the changed fields,
    never secrets (passwords, tokens)."""
    return append_event(new_event(**fields))


def append_event(event: AuditEvent) -> AuditEvent:
    """Link ``event`` (from new_event) to the chain and write it, inside the caller's
    transaction when there is one."""
    if connection.vendor == "postgresql":
        # One message: inside the caller's transaction it joins it; in autocommit
        # PostgreSQL runs its two statements as one transaction of their own.
        sql, params = chain_append_postgresql(event)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.nextset()
            mark_appended(event, cursor.fetchone())
        return event
    # No savepoint inside the caller's transaction: the event fails with the change.
    # SQLite runs write transactions one at a time (BEGIN IMMEDIATE), so the last row
    # read here stays the last until this one is written.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(_LAST_HASH)
        row = cursor.fetchone()
        event.prev_hash = row[0] if row else GENESIS_HASH
        event.hash = event.compute_hash()
        params = _row_values(event) | {"audit_prev_hash": event.prev_hash,
                                       "audit_hash": event.hash}
        cursor.execute(_INSERT, params)
        mark_appended(event, (cursor.fetchone()[0], event.prev_hash, event.hash))
    return event


# Every state change of every module appends here, so the statements are written in
# SQL: building them through the ORM cost more than the rest of the append (measured
# in bench/voting.py, where each ballot appends an event).
_TABLE = AuditEvent._meta.db_table
_COLUMNS = ("created_at", "actor_id", "actor_label", "action", "object_type", "object_id",
            "object_repr", "municipality_id", "before", "after", "prev_hash", "hash")
_INSERT = (f"INSERT INTO {_TABLE} ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join(f'%(audit_{column})s' for column in _COLUMNS)}) RETURNING id")
_LAST_HASH = f"SELECT hash FROM {_TABLE} ORDER BY id DESC LIMIT 1"

# PostgreSQL: the lock, held to commit, so that two concurrent appends cannot both link
# to the same previous row; then the insert, a statement of its own, so its snapshot
# is taken once the lock is held and sees the event the previous holder committed. The
# database computes the hash of the previous one and the event's canonical text (the
# same sha256 as AuditEvent.compute_hash), so the append costs one round trip.
_CHAIN_APPEND = f"""
SELECT pg_advisory_xact_lock({_CHAIN_LOCK_KEY});
INSERT INTO {_TABLE} ({', '.join(_COLUMNS)})
SELECT {', '.join(f'%(audit_{column})s' for column in _COLUMNS[:-2])}, last.hash,
       encode(sha256(convert_to(last.hash || %(audit_canonical)s, 'UTF8')), 'hex')
FROM (SELECT coalesce(({_LAST_HASH}), '{GENESIS_HASH}') AS hash) AS last
WHERE {{condition}}
RETURNING id, prev_hash, hash
"""


def chain_append_postgresql(event: AuditEvent, *,
                            condition: str = "TRUE") -> tuple[str, dict[str, Any]]:
    """The SQL and named parameters that append ``event`` on PostgreSQL if the SQL
    ``condition`` holds: two statements, the chain's lock and the insert, whose result
    (id, prev_hash, hash; no row when the condition is false) is the second of the
    cursor's result sets. A service may send them after its own statement in the same
    message: PostgreSQL runs one message as one transaction. Take the chain's lock
    last, after any row lock of the change, as every service does (poll_close locks the
    poll, then appends)."""
    params = _row_values(event) | {"audit_canonical": event.canonical_payload()}
    return _CHAIN_APPEND.format(condition=condition), params


def _row_values(event: AuditEvent) -> dict[str, Any]:
    """The event's columns but its hashes, as named parameters ``audit_<column>``."""
    values = {f"audit_{column}": getattr(event, column) for column in _COLUMNS[:-2]}
    values["audit_created_at"] = connection.ops.adapt_datetimefield_value(event.created_at)
    values["audit_before"] = _json_value(event.before)
    values["audit_after"] = _json_value(event.after)
    return values


def mark_appended(event: AuditEvent, row: tuple[int, str, str]) -> None:
    """Give ``event`` the id and hashes its row was written with."""
    event.pk, event.prev_hash, event.hash = row
    event._state.adding, event._state.db = False, connection.alias


def _json_value(value: Any) -> Any:
    # SQL NULL for None, as the model's JSONField stores it.
    return None if value is None else connection.ops.adapt_json_value(value, DjangoJSONEncoder)
