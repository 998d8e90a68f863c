"""Normalising what people type: e-mail addresses, phone numbers, dates, search text."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models import Q

_NON_DIGITS = re.compile(r"\D")
_PHONE_CHARS = re.compile(r"^\+?[\d\s()\-.]+$")


def normalize_email(value: str) -> str:
    """Addresses are compared without regard to case: one mailbox, one account."""
    return (value or "").strip().lower()


# How dates are typed in Russia, and how a date input and most files send them.
_DATE_LAYOUTS = ("%d.%m.%Y", "%Y-%m-%d")


def parse_date(text: str) -> date | None:
    """A date typed as ДД.ММ.ГГГГ or ГГГГ-ММ-ДД (spaces around ignored); None when the
    text is neither."""
    for layout in _DATE_LAYOUTS:
        try:
            return datetime.strptime((text or "").strip(), layout).date()
        except ValueError:
            continue
    return None


def normalize_phone(value: str) -> str | None:
    """A phone number as ``+<digits>``; a Russian number written with a leading 8 or as
    its 10 digits alone becomes +7 and the 10 digits. None when the value is not a
    phone number at all."""
    value = (value or "").strip()
    if not value or not _PHONE_CHARS.match(value):
        return None
    digits = _NON_DIGITS.sub("", value)
    if len(digits) == 11 and digits[0] == "8" and not value.startswith("+"):
        digits = "7" + digits[1:]
    elif len(digits) == 10 and not value.startswith("+"):
        digits = "7" + digits
    if not 11 <= len(digits) <= 15:
        return None
    return "+" + digits


def fold(value: str) -> str:
    """Case- and ё-insensitive form of a name, for matching in Python."""
    return " ".join((value or "").lower().replace("ё", "е").split())


def text_filter(fields: tuple[str, ...], query: str) -> Q:
    """Match ``query`` in any of ``fields`` whatever its case.

    SQLite's LIKE ignores case only for ASCII letters, so Cyrillic text is also looked
    up as written, in lower case and capitalised (how names and e-mails are stored).
    """
    query = " ".join(query.split())
    variants = {query, query.lower(), query.capitalize(), query.title()}
    condition = Q()
    for field in fields:
        for variant in variants:
            condition |= Q(**{f"{field}__icontains": variant})
    return condition
