"""The audit log: append-only, each row carrying the hash of the previous one, so an
edited or deleted row breaks the chain and ``zemstvo audit-verify`` finds it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("время"), db_index=True)
    # The hash covers actor_id and municipality_id, so deleting a user or a
    # municipality must not rewrite them (SET_NULL would break the chain): the ids stay
    # as historical facts without a database constraint, and actor_label keeps the login.
    # No index of its own: the index (actor, id) below serves every lookup by actor,
    # and each index is one more write on every state change of the platform.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, db_index=False, related_name="+", verbose_name=_("кто"),
    )
    # The actor's login at the time, kept even if the account is later removed.
    actor_label = models.CharField(_("кто (логин)"), max_length=150, blank=True)
    action = models.CharField(_("действие"), max_length=100, db_index=True)
    object_type = models.CharField(_("тип объекта"), max_length=100, blank=True)
    object_id = models.CharField(_("объект"), max_length=64, blank=True)
    object_repr = models.CharField(_("описание объекта"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+", verbose_name=_("муниципальное образование"),
    )
    before = models.JSONField(_("было"), null=True, blank=True)
    after = models.JSONField(_("стало"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("событие журнала")
        verbose_name_plural = _("журнал событий")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AuditEvent is append-only")

    def payload(self) -> dict:
        """The fields the hash covers."""
        return {
            "created_at": self.created_at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "municipality_id": self.municipality_id,
            "before": self.before,
            "after": self.after,
        }

    def canonical_payload(self) -> str:
        """The text the hash covers after the previous event's hash."""
        return json.dumps(_canonical(self.payload()), sort_keys=True, ensure_ascii=False)

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical_payload()).encode()).hexdigest()


def _canonical(value: Any) -> Any:
    """The same JSON whichever database stored it: PostgreSQL's jsonb gives back an
    integral float such as 1e20 as an int, so integral floats are hashed as ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value
