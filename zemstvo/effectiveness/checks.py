"""Checks of entered values: the indicator's unit and plausible range, the reporting
years of the campaign, and the jump against last year that needs an explanation.

Указ № 607 п. 2: the head reports last year's actual values and the plans for the
3 following years. The jump threshold is a rule ("effectiveness.jump_threshold").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from zemstvo.effectiveness.models import Indicator, Level, ValueKind, ValueType

PLAN_YEARS = 3
VALUE_LIMIT = Decimal("1e15")


@dataclass
class Entry:
    """One value as entered (form, file or API), before it is checked."""

    indicator: Indicator
    year: int
    kind: str
    raw: Any
    comment: str = ""
    source: str = ""
    settlement: Any = None
    value: Decimal | None = None


def parse_decimal(raw: Any) -> Decimal | None:
    """A number as people type it: spaces as thousands separators, comma or dot."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float | Decimal):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if text == "":
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
    if not value.is_finite() or abs(value) >= VALUE_LIMIT:
        raise ValueError
    return value


def allowed_years(campaign_year: int, kind: str) -> range:
    if kind == ValueKind.ACTUAL:
        return range(campaign_year, campaign_year + 1)
    return range(campaign_year + 1, campaign_year + 1 + PLAN_YEARS)


def check_entry(entry: Entry, *, campaign_year: int, municipality: Any,
                previous: Decimal | None, threshold: Decimal) -> list[str]:
    """Russian messages for what is wrong with one entry (empty: it is fine).
    Sets ``entry.value`` when the number parses."""
    errors: list[str] = []
    indicator = entry.indicator
    if not indicator.is_active:
        errors.append("Показатель исключён из перечня.")
    if getattr(indicator, "children_count", 0):
        errors.append("Значение вводится по составляющим показателя.")
    if entry.kind not in ValueKind.values:
        errors.append("Вид значения — «факт» или «план».")
        return errors
    if entry.year not in allowed_years(campaign_year, entry.kind):
        years = allowed_years(campaign_year, entry.kind)
        errors.append(f"Год для вида «{ValueKind(entry.kind).label}»: "
                      f"{years[0]}" + (f"–{years[-1]}" if len(years) > 1 else "") + ".")
    if indicator.level == Level.SETTLEMENT:
        if entry.settlement is None:
            errors.append("Укажите населённый пункт (код ОКТМО).")
        elif entry.settlement.municipality_id != municipality.pk:
            errors.append("Населённый пункт не относится к этому муниципальному образованию.")
    elif entry.settlement is not None:
        errors.append("Показатель заполняется по муниципальному образованию, "
                      "а не по населённому пункту.")
    try:
        entry.value = parse_decimal(entry.raw)
    except ValueError:
        errors.append("Введите число.")
        return errors
    if entry.value is None:
        errors.append("Введите значение.")
        return errors
    errors.extend(_range_errors(indicator, entry.value))
    if not errors and entry.kind == ValueKind.ACTUAL:
        errors.extend(_jump_errors(entry, previous, threshold))
    return errors


def _range_errors(indicator: Indicator, value: Decimal) -> list[str]:
    if indicator.value_type == ValueType.YES_NO and value not in (1, 2):
        return ["Введите 1 (да) или 2 (нет)."]
    unit = f" {indicator.unit}" if indicator.unit else ""
    if indicator.min_value is not None and value < indicator.min_value:
        return [f"Значение меньше допустимого: не меньше {indicator.min_value.normalize()}{unit}."]
    if indicator.max_value is not None and value > indicator.max_value:
        return [f"Значение больше допустимого: не больше {indicator.max_value.normalize()}{unit}."]
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        return ["Не больше четырёх знаков после запятой."]
    return []


def jump_percent(previous: Decimal | None, value: Decimal) -> Decimal | None:
    if previous is None or previous == 0:
        return None
    return (abs(value - previous) / abs(previous) * 100).quantize(Decimal("0.1"))


def _jump_errors(entry: Entry, previous: Decimal | None, threshold: Decimal) -> list[str]:
    assert entry.value is not None
    jump = jump_percent(previous, entry.value)
    if jump is None or jump <= threshold or entry.comment.strip():
        return []
    return [f"Изменение к прошлому году — {jump} % (порог {threshold} %): "
            "поясните причину в комментарии."]
