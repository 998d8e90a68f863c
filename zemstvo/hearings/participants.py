"""Identification of participants (ГрК РФ ст. 5.1 ч. 12): who they are, and whether
they live in or hold rights in the territory of the procedure (ч. 2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from zemstvo.core.errors import DomainError
from zemstvo.hearings.models import LocalBasis, Participant, ParticipantKind, Procedure

_OGRN = re.compile(r"^\d{13}$|^\d{15}$")


@dataclass(frozen=True)
class Identity:
    """What the law asks: a person — full name, date of birth, registration address;
    an organisation — name, ОГРН, address."""

    kind: str = ParticipantKind.PERSON
    full_name: str = ""
    birth_date: date | None = None
    org_name: str = ""
    ogrn: str = ""
    address: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.full_name, self.birth_date, self.org_name, self.ogrn,
                        self.address))


def _ogrn_valid(value: str) -> bool:
    """ОГРН (13 digits) and ОГРНИП (15) end with a check digit."""
    if not _OGRN.match(value):
        return False
    body, check = int(value[:-1]), int(value[-1])
    modulus = 11 if len(value) == 13 else 13
    return body % modulus % 10 == check


def clean_identity(identity: Identity, *, today: date) -> Identity:
    """The identity with spaces tidied, or DomainError naming each missing field."""
    errors: dict[str, list[str]] = {}
    address = " ".join(identity.address.split())
    if not address:
        errors["address"] = ["Укажите адрес регистрации (для организации — место нахождения)."]
    if identity.kind == ParticipantKind.PERSON:
        full_name = " ".join(identity.full_name.split())
        if len(full_name.split()) < 2:
            errors["full_name"] = ["Укажите фамилию, имя и (при наличии) отчество."]
        if identity.birth_date is None:
            errors["birth_date"] = ["Укажите дату рождения."]
        elif not date(1900, 1, 1) <= identity.birth_date <= today:
            errors["birth_date"] = ["Проверьте дату рождения."]
        cleaned = Identity(kind=identity.kind, full_name=full_name,
                           birth_date=identity.birth_date, address=address)
    elif identity.kind == ParticipantKind.ORGANISATION:
        org_name = " ".join(identity.org_name.split())
        ogrn = identity.ogrn.strip()
        if not org_name:
            errors["org_name"] = ["Укажите наименование организации."]
        if not _ogrn_valid(ogrn):
            errors["ogrn"] = ["ОГРН — 13 цифр (ОГРНИП — 15) с верной контрольной цифрой."]
        cleaned = Identity(kind=identity.kind, org_name=org_name, ogrn=ogrn, address=address)
    else:
        errors["kind"] = ["Выберите: физическое или юридическое лицо."]
        cleaned = identity
    if errors:
        raise DomainError("Не хватает сведений об участнике, которые требует закон.",
                          field_errors=errors)
    return cleaned


def lives_in_territory(user: Any, procedure: Procedure) -> bool:
    """A verified resident's place of residence inside the territory of the procedure."""
    if user.residence_municipality_id != procedure.municipality_id:
        return False
    territory = {s.pk for s in procedure.settlements.all()}
    return not territory or user.residence_settlement_id in territory


def account_identity(user: Any) -> Identity:
    return Identity(kind=ParticipantKind.PERSON, full_name=user.full_name,
                    birth_date=user.birth_date, address=user.residence_address)


def next_number(model: Any, procedure: Procedure) -> int:
    last = model.objects.filter(procedure=procedure).order_by("-number").values_list(
        "number", flat=True).first()
    return (last or 0) + 1


def participant_create(procedure: Procedure, identity: Identity, basis: str, *,
                       user: Any = None, by_account: bool = False) -> Participant:
    """Inside the caller's transaction (the procedure row is locked)."""
    if basis not in LocalBasis.values:
        raise DomainError("Укажите связь участника с территорией.",
                          field_errors={"basis": ["Выберите вариант из списка."]})
    return Participant.objects.create(
        procedure=procedure, number=next_number(Participant, procedure), kind=identity.kind,
        user=user, full_name=identity.full_name, birth_date=identity.birth_date,
        org_name=identity.org_name, ogrn=identity.ogrn, address=identity.address,
        basis=basis, identified_by_account=by_account,
    )
