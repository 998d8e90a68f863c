"""Reading production-calendar files in the xmlcalendar.ru format.

    <calendar year="2025" lang="ru" date="2024.12.01" [country="tatar"]>
      <holidays><holiday id="1" title="Новогодние каникулы"/>…</holidays>
      <days><day d="01.01" t="1" h="1"/> <day d="05.02" t="1" f="01.04"/> …</days>
    </calendar>

``d`` is MM.DD; ``t`` 1 — a day off, 2 — a shortened working day, 3 — a working
Saturday or Sunday; ``h`` names the holiday; ``f`` is the date the day off was moved
from. The calendar's code is the ``country`` attribute, or the file name before the
year («ru-2025.xml» -> "ru").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from zemstvo.core.workdays.models import DayKind

KINDS = {"1": DayKind.HOLIDAY, "2": DayKind.SHORTENED, "3": DayKind.WORKING_WEEKEND}
CODE = re.compile(r"[a-z][a-z0-9_]{0,19}")


@dataclass(frozen=True)
class ParsedDay:
    date: date
    kind: str
    title: str
    moved_from: date | None


@dataclass(frozen=True)
class CalendarFile:
    name: str
    calendar: str
    year: int
    source_date: date | None
    checksum: str
    days: tuple[ParsedDay, ...]


class CalendarFileError(ValueError):
    """A file that cannot be loaded; the message (in Russian) names the file."""


def _repair(text: str) -> str:
    # Two of the published Tatarstan files (2022, 2023) close some attributes with a
    # doubled quote (t="1""); that one known defect is mended, any other breakage of
    # the XML is refused.
    return re.sub(r'(=\s*"[^"]*")"+', r"\1", text)


def _month_day(value: str, year: int, name: str, what: str) -> date:
    match = re.fullmatch(r"(\d{2})\.(\d{2})", value or "")
    if not match:
        raise CalendarFileError(f"{name}: {what} «{value}» не в формате ММ.ДД.")
    try:
        return date(year, int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise CalendarFileError(f"{name}: нет такой даты {value}.{year}.") from None


def parse_calendar(content: bytes, name: str) -> CalendarFile:
    """Parse one file; CalendarFileError with a Russian message if it is wrong."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarFileError(f"{name}: файл не в кодировке UTF-8.") from None
    try:
        root = ElementTree.fromstring(_repair(text))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise CalendarFileError(
            f"{name}: это не XML производственного календаря ({exc})."
        ) from None
    if root.tag != "calendar":
        raise CalendarFileError(f"{name}: корневой элемент должен быть <calendar>.")
    year_text = root.get("year", "")
    if not re.fullmatch(r"\d{4}", year_text) or not 1990 <= int(year_text) <= 2100:
        raise CalendarFileError(f"{name}: год «{year_text}» должен быть от 1990 до 2100.")
    year = int(year_text)
    code = root.get("country") or re.sub(r"-?\d{4}$", "", Path(name).stem)
    if not CODE.fullmatch(code):
        raise CalendarFileError(
            f"{name}: код календаря «{code}» — латинские строчные буквы и цифры."
        )
    titles = {h.get("id"): (h.get("title") or "").strip() for h in root.iter("holiday")}
    days: dict[date, ParsedDay] = {}
    for element in root.iter("day"):
        day = _month_day(element.get("d", ""), year, name, "дата")
        kind = KINDS.get(element.get("t", ""))
        if kind is None:
            raise CalendarFileError(
                f"{name}: у дня {element.get('d')} вид t=«{element.get('t')}»,"
                " ожидается 1, 2 или 3."
            )
        if day in days:
            raise CalendarFileError(f"{name}: день {element.get('d')} указан дважды.")
        moved = element.get("f")
        days[day] = ParsedDay(
            date=day,
            kind=kind,
            title=titles.get(element.get("h"), "")[:255] if element.get("h") else "",
            moved_from=_month_day(moved, year, name, "дата переноса") if moved else None,
        )
    return CalendarFile(
        name=name,
        calendar=code,
        year=year,
        source_date=_source_date(root.get("date", "")),
        checksum=hashlib.sha256(content).hexdigest(),
        days=tuple(sorted(days.values(), key=lambda d: d.date)),
    )


def _source_date(value: str) -> date | None:
    match = re.fullmatch(r"(\d{4})\.(\d{2})\.(\d{2})", value)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
