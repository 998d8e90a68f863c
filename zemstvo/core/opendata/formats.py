"""Streaming writers: CSV (UTF-8, a header line, RFC 4180 quoting) and JSON (an array
of objects). Rows are produced one at a time, so a large set never sits in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class _Echo:
    """A file-like object whose write returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_value(v) for v in row])


def json_array(objects: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    first = True
    for obj in objects:
        yield ("" if first else ",\n") + json.dumps(obj, cls=DjangoJSONEncoder, ensure_ascii=False)
        first = False
    yield "]\n"
