"""Small helpers the initiative services share: text and money checks, the local date
of a municipality, and the timeline event with its notifications."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify, notify_subscribers
from zemstvo.initiatives.models import Project, ProjectEvent

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MONEY_LIMIT = Decimal("999999999999.99")
CENT = Decimal("0.01")


def field_error(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def clean_text(value: Any, *, single_line: bool = False) -> str:
    text = _CONTROL.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return " ".join(text.split()) if single_line else text


def require_text(errors: dict[str, list[str]], field: str, value: Any, label: str, *,
                 minimum: int = 1, maximum: int = 10_000, single_line: bool = False) -> str:
    """Clean a text; note an error in ``errors`` when it is too short or too long."""
    text = clean_text(value, single_line=single_line)
    if len(text) < minimum:
        errors.setdefault(field, []).append(
            f"Заполните поле «{label}»." if minimum <= 1
            else f"Поле «{label}»: не меньше {minimum} символов."
        )
    elif len(text) > maximum:
        errors.setdefault(field, []).append(f"Поле «{label}»: не больше {maximum} символов.")
    return text


def money(errors: dict[str, list[str]], field: str, value: Any, label: str, *,
          positive: bool = False) -> Decimal:
    """A sum in rubles with kopecks: not negative (positive when asked), within limits."""
    try:
        amount = Decimal(str(value if value not in (None, "") else "0").replace(",", "."))
    except InvalidOperation:
        errors.setdefault(field, []).append(f"«{label}»: введите сумму числом.")
        return Decimal("0")
    if not amount.is_finite() or amount < 0 or (positive and amount == 0):
        errors.setdefault(field, []).append(
            f"«{label}»: сумма должна быть {'больше нуля' if positive else 'не меньше нуля'}."
        )
        return Decimal("0")
    if amount > MONEY_LIMIT or amount != amount.quantize(CENT):
        errors.setdefault(field, []).append(f"«{label}»: не больше {MONEY_LIMIT} руб., "
                                            "с точностью до копейки.")
        return Decimal("0")
    return amount


def local_today(municipality: Any, now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), municipality.tz).date()


def initiators(project: Project) -> list[Any]:
    """The person who brought the project and the confirmed members of its group."""
    people = {project.created_by_id: project.created_by}
    for member in project.group_members.select_related("user").filter(
        confirmed_at__isnull=False
    ):
        people[member.user_id] = member.user
    return list(people.values())


def record_event(project: Project, title: str, *, actor: Any = None,
                 notify_initiators: bool = False, extra: Iterable[Any] = (),
                 at: datetime | None = None) -> ProjectEvent:
    """A line of the public timeline; followers of the project are told, and its
    initiators too for the steps that concern them (a decision, the selection)."""
    event = ProjectEvent.objects.create(project=project, status=project.status, title=title,
                                        at=at or timezone.now())
    url = project.get_absolute_url()
    body = f"{project.title}: {title}"
    notify_subscribers(target=project, kind="initiatives.status", title=title, body=body,
                       url=url, exclude=actor)
    if notify_initiators:
        notify(recipients=[*initiators(project), *extra], kind="initiatives.decision",
               title=title, body=body, url=url, municipality=project.municipality_id)
    return event
