"""Keeping each set's revision (modified, provenance) up to date.

A set's rows come from its module at request time, so the catalogue notices a change
by reading the rows again: at most once per ZEMSTVO_OPENDATA_CHECK_SECONDS for a
passport, or on demand (``force``). The check is a cache refresh, not a change made
by a person, so it carries no actor and no audit event."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from zemstvo.core.opendata.models import DataSetRevision
from zemstvo.core.opendata.selectors import PublishedSet, declared_row


def _fingerprint(published: PublishedSet) -> tuple[str, int]:
    digest = hashlib.sha256()
    count = 0
    for row in published.dataset.rows(published.municipality):
        line = json.dumps(
            declared_row(published.dataset, row), cls=DjangoJSONEncoder, ensure_ascii=False
        )
        digest.update(line.encode())
        digest.update(b"\n")
        count += 1
    return digest.hexdigest(), count


def _provenance(before: DataSetRevision | None, count: int) -> str:
    if before is None:
        return f"Первая публикация набора: записей — {count}."
    if count != before.row_count:
        return f"Изменён состав набора: записей было {before.row_count}, стало {count}."
    return f"Обновлены сведения в записях набора (записей — {count})."


def revision_refresh(published: PublishedSet, *, force: bool = False) -> DataSetRevision:
    """The set's current revision, re-reading its rows when the last check is older
    than the configured interval (or ``force``)."""
    lookup = {"code": published.dataset.identifier, "municipality": published.municipality}
    current = DataSetRevision.objects.filter(**lookup).first()
    now = timezone.now()
    interval = timedelta(seconds=settings.ZEMSTVO_OPENDATA_CHECK_SECONDS)
    if current is not None and not force and now - current.checked_at < interval:
        return current
    checksum, count = _fingerprint(published)
    if current is not None and current.checksum == checksum:
        current.checked_at = now
        current.save(update_fields=["checked_at"])
        return current
    values = {
        "checksum": checksum,
        "row_count": count,
        "modified_at": now,
        "checked_at": now,
        "provenance": _provenance(current, count),
    }
    try:
        with transaction.atomic():
            revision, _created = DataSetRevision.objects.update_or_create(
                **lookup, defaults=values
            )
    except IntegrityError:
        # Another request created the row at the same moment: its result stands.
        revision = DataSetRevision.objects.get(**lookup)
    return revision
