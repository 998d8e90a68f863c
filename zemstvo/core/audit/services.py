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



def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    municipality: Any = None,
) -> AuditEvent:
    """Append one event. ``action`` is the policy action name (``"news.publish"``);
    ``before``/``after`` hold the changed fields, never secrets (passwords, tokens)."""
    if municipality is None and obj is not None:
        municipality = getattr(obj, "municipality", None)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    # No savepoint inside the caller's transaction: the event fails with the change.
    with transaction.atomic(savepoint=False):
        event = AuditEvent(
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
            prev_hash=_lock_chain_and_read_last_hash(),
        )
        event.hash = event.compute_hash()
        _append(event)
    return event


# Every state change of every module appends here, so the two statements are written
# in SQL: building them through the ORM cost more than the rest of the append
# (measured in bench/voting.py, where each ballot appends an event).
_TABLE = AuditEvent._meta.db_table
_COLUMNS = ("created_at", "actor_id", "actor_label", "action", "object_type", "object_id",
            "object_repr", "municipality_id", "before", "after", "prev_hash", "hash")
_INSERT = (f"INSERT INTO {_TABLE} ({', '.join(_COLUMNS)}) "
           f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) RETURNING id")


_LAST_HASH = f"SELECT hash FROM {_TABLE} ORDER BY id DESC LIMIT 1"


def _lock_chain_and_read_last_hash() -> str:
    """The hash the new event links to. SQLite runs write transactions one at a time
    (BEGIN IMMEDIATE); PostgreSQL takes a lock first, held to commit, so two concurrent
    appends cannot both link to the same previous row. Both statements go in one round
    trip; the read is a statement of its own, so its snapshot is taken after the lock
    is held and sees the event the previous holder committed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT pg_advisory_xact_lock({_CHAIN_LOCK_KEY}); {_LAST_HASH}")
            cursor.nextset()
        else:
            cursor.execute(_LAST_HASH)
        row = cursor.fetchone()
    return row[0] if row else GENESIS_HASH


def _json_value(value: Any) -> Any:
    # SQL NULL for None, as the model's JSONField stores it.
    return None if value is None else connection.ops.adapt_json_value(value, DjangoJSONEncoder)


def _append(event: AuditEvent) -> None:
    values = [getattr(event, column) for column in _COLUMNS]
    values[0] = connection.ops.adapt_datetimefield_value(event.created_at)
    values[8], values[9] = _json_value(event.before), _json_value(event.after)
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, values)
        event.pk = cursor.fetchone()[0]
    event._state.adding, event._state.db = False, connection.alias
