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


def _lock_chain() -> None:
    # SQLite runs write transactions one at a time (BEGIN IMMEDIATE), PostgreSQL needs
    # a lock so two concurrent appends cannot both link to the same previous row.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


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
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
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
            prev_hash=last or GENESIS_HASH,
        )
        event.hash = event.compute_hash()
        event.save()
    return event
