"""Loading a roll of residents whose identity and place of residence the
administration has already confirmed (``zemstvo import-residents``).

The file is CSV in UTF-8 (with or without BOM), separated by commas or semicolons,
with a header: last_name, first_name, patronymic, birth_date, settlement, email, phone.
Every row is checked first; when any row is bad, each bad row is reported with its
line number (the header is line 1) and nothing is loaded. A person already on the
platform (same e-mail, or same phone) is updated, not duplicated, so loading the
same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from zemstvo.core.accounts.models import User, VerificationDocument, VerificationLevel
from zemstvo.core.accounts.normalize import fold, normalize_email, normalize_phone, parse_date
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Municipality, Settlement

COLUMNS = ("last_name", "first_name", "patronymic", "birth_date", "settlement", "email", "phone")
_CHUNK = 500


class RollInvalid(DomainError):
    """The file cannot be loaded; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class RollRow:
    line: int
    last_name: str
    first_name: str
    patronymic: str
    birth_date: date
    settlement: Settlement
    email: str
    phone: str
    existing: User | None = None


@dataclass(frozen=True)
class RollResult:
    created: int
    updated: int


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RollInvalid(["файл не в кодировке UTF-8: сохраните его как «CSV UTF-8»"]) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;").delimiter
    except csv.Error:
        return ";" if header.count(";") > header.count(",") else ","


class _Settlements:
    """Find a settlement of one municipality by its ОКТМО code or by its name."""

    def __init__(self, municipality: Municipality):
        self.municipality = municipality
        self.by_oktmo: dict[str, Settlement] = {}
        self.by_name: dict[str, list[Settlement]] = {}
        for settlement in Settlement.objects.filter(municipality=municipality):
            self.by_oktmo[settlement.oktmo] = settlement
            for key in {fold(settlement.name), fold(str(settlement))}:
                self.by_name.setdefault(key, []).append(settlement)

    def find(self, value: str) -> tuple[Settlement | None, str]:
        if value.isdigit():
            found = self.by_oktmo.get(value)
            if found is None:
                return None, f"населённого пункта с кодом ОКТМО {value} нет в «{self.municipality}»"
            return found, ""
        candidates = self.by_name.get(fold(value), [])
        if not candidates:
            return None, f"населённый пункт «{value}» не найден в «{self.municipality}»"
        if len(candidates) > 1:
            return None, f"несколько населённых пунктов «{value}»: укажите код ОКТМО"
        return candidates[0], ""


def _check_row(cells: dict[str, str], settlements: _Settlements) -> tuple[dict, list[str]]:
    problems: list[str] = []
    values: dict = {}
    for field, title in (("last_name", "фамилия"), ("first_name", "имя")):
        values[field] = cells[field]
        if not cells[field]:
            problems.append(f"не указано поле «{title}» ({field})")
    values["patronymic"] = cells["patronymic"]
    for field in ("last_name", "first_name", "patronymic"):
        if len(cells[field]) > 150:
            problems.append(f"слишком длинное значение в поле {field}")
    birth = parse_date(cells["birth_date"])
    if birth is None:
        problems.append(f"дата рождения «{cells['birth_date']}» не в формате ДД.ММ.ГГГГ "
                        "или ГГГГ-ММ-ДД")
    elif not date(1900, 1, 1) <= birth < timezone.localdate():
        problems.append(f"дата рождения {cells['birth_date']} не может быть такой")
    values["birth_date"] = birth
    if cells["settlement"]:
        values["settlement"], problem = settlements.find(cells["settlement"])
        if problem:
            problems.append(problem)
    else:
        problems.append("не указан населённый пункт (settlement)")
    values["email"] = normalize_email(cells["email"])
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append(f"адрес электронной почты «{cells['email']}» написан с ошибкой")
    values["phone"] = ""
    if cells["phone"]:
        values["phone"] = normalize_phone(cells["phone"]) or ""
        if not values["phone"]:
            problems.append(f"телефон «{cells['phone']}» не похож на номер телефона")
    if not cells["email"] and not cells["phone"]:
        problems.append("нужен адрес электронной почты или телефон")
    return values, problems


def _read_rows(
    text: str, settlements: _Settlements
) -> tuple[list[RollRow], list[tuple[int, str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("нет столбцов: " + ", ".join(missing))
        if unknown:
            parts.append("неизвестные столбцы: " + ", ".join(unknown))
        raise RollInvalid([f"строка 1: {'; '.join(parts)} (нужны: {', '.join(COLUMNS)})"])
    rows: list[RollRow] = []
    errors: list[tuple[int, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for raw in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(header):
            errors.append((line, f"{len(raw)} значений вместо {len(header)}"))
            continue
        cells = {name: value.strip() for name, value in zip(header, raw, strict=True)}
        values, problems = _check_row(cells, settlements)
        for key in ("email", "phone"):
            if values[key] and (key, values[key]) in seen:
                problems.append(f"{values[key]} уже встречался в строке {seen[key, values[key]]}")
            elif values[key]:
                seen[key, values[key]] = line
        if problems:
            errors.append((line, "; ".join(problems)))
        else:
            rows.append(RollRow(line=line, **values))
    if not rows and not errors:
        raise RollInvalid(["в файле нет ни одного жителя"])
    return rows, errors


def _chunks(values: list[str]):
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _match_existing(rows: list[RollRow], municipality: Municipality) -> list[tuple[int, str]]:
    """Attach the account each row names (by e-mail, else by phone); report conflicts."""
    emails = sorted({r.email for r in rows if r.email})
    phones = sorted({r.phone for r in rows if r.phone})
    by_email: dict[str, User] = {}
    by_phone: dict[str, User] = {}
    for chunk in _chunks(emails):
        for user in User.objects.annotate(e=Lower("email")).filter(e__in=chunk):
            by_email[user.e] = user
    for chunk in _chunks(phones):
        for user in User.objects.filter(phone__in=chunk).order_by("pk"):
            by_phone.setdefault(user.phone, user)
    errors: list[tuple[int, str]] = []
    for row in rows:
        email_user = by_email.get(row.email) if row.email else None
        phone_user = by_phone.get(row.phone) if row.phone else None
        if email_user and phone_user and email_user.pk != phone_user.pk:
            errors.append((row.line, "адрес и телефон принадлежат разным пользователям"))
            continue
        existing = email_user or phone_user
        if existing is None:
            continue
        if row.email and existing.email and normalize_email(existing.email) != row.email:
            errors.append((row.line, f"телефон {row.phone} принадлежит пользователю с другим "
                                     "адресом электронной почты"))
        elif existing.is_verified and existing.residence_municipality_id not in (
            None, municipality.pk
        ):
            errors.append((row.line, "житель уже подтверждён в другом муниципальном "
                                     "образовании"))
        else:
            row.existing = existing
    return errors


def read_roll(content: bytes, municipality: Municipality) -> list[RollRow]:
    """Parse and check a whole roll; RollInvalid lists every bad row."""
    text = _decode(content)
    rows, errors = _read_rows(text, _Settlements(municipality))
    errors += _match_existing(rows, municipality)
    if errors:
        raise RollInvalid([f"строка {line}: {message}" for line, message in sorted(errors)])
    return rows


def _new_username() -> str:
    while True:
        candidate = f"resident-{secrets.token_hex(4)}"
        if not User.objects.filter(username=candidate).exists():
            return candidate


def _apply(row: RollRow, municipality: Municipality, now: datetime) -> tuple[User, bool]:
    user = row.existing
    created = user is None
    if user is None:
        user = User(username=_new_username(), is_active=True)
        # They choose a password themselves, through «forgot password».
        user.set_unusable_password()
    user.last_name, user.first_name, user.patronymic = row.last_name, row.first_name, row.patronymic
    user.birth_date = row.birth_date
    if row.email:
        user.email = row.email
    if row.phone:
        user.phone = row.phone
    user.residence_municipality = municipality
    user.residence_settlement = row.settlement
    if not user.is_verified:
        user.verification_level = VerificationLevel.VERIFIED
        user.verified_at = now
        user.verified_by = None
        user.verification_document = VerificationDocument.ROLL_IMPORT
    user.save()
    return user, created


def residents_import(
    *, actor: User | None, municipality: Municipality, content: bytes, source: str = ""
) -> RollResult:
    """Load a roll into ``municipality``. ``actor`` is the staff member or operator who
    loads it (None when run from the server's command line, which only the platform
    operator can reach); they are recorded in the audit log, while ``verified_by``
    stays empty: the roll, not the person loading it, vouches for the residents."""
    if actor is not None:
        require(actor, "accounts.import_residents", municipality)
    rows = read_roll(content, municipality)
    now = timezone.now()
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            user, is_new = _apply(row, municipality, now)
            created += is_new
            updated += not is_new
            audit_record(
                actor=actor, action="accounts.import_residents", obj=user,
                municipality=municipality,
                after={"created": is_new, "line": row.line, "source": source,
                       "verification_document": user.verification_document},
            )
    return RollResult(created=created, updated=updated)
