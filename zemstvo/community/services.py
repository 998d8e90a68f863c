"""Writes of the community module: rolls, сходы, ТОС, starostas.

Each service: policy check -> validate (Russian messages) -> transaction.atomic ->
audit_record. Legal numbers come from the rule set, frozen on the process record."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from zemstvo.community.models import (
    Attendance,
    Decision,
    FoundingForm,
    Gathering,
    GatheringStage,
    GatheringStatus,
    Question,
    QuestionKind,
    Roll,
    RollEntry,
    RollSource,
    Starosta,
    StarostaNomination,
    StarostaReport,
    Tos,
    TosMember,
    TosOfficer,
    TosReport,
    TosStatus,
)
from zemstvo.community.rules import GATHERING_KEYS, STAROSTA_KEYS, TOS_KEYS, fraction
from zemstvo.core.accounts.models import VerificationLevel
from zemstvo.core.accounts.normalize import parse_date
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.rules.services import rule_snapshot, rule_value
from zemstvo.core.search.services import index_document, remove_document
from zemstvo.core.territory.models import Settlement

MAX_ROLL_LINES = 20000


def _fail(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# --- Rolls -------------------------------------------------------------------------


def parse_roll_csv(content: str, *, min_age: int, on: date) -> list[tuple[str, date, str]]:
    """Rows (name, birth date, address) of a CSV with the header
    «ФИО;Дата рождения;Адрес» (separator ; or ,). Every bad line is reported with its
    number; one bad line rejects the whole file."""
    content = content.lstrip("\ufeff")
    if not content.strip():
        raise _fail("file", "Файл пуст.")
    try:
        dialect = csv.Sniffer().sniff(content.splitlines()[0], delimiters=";,")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";"
    reader = csv.reader(io.StringIO(content), delimiter=dialect.delimiter)
    header = [cell.strip().lower() for cell in next(reader)]
    if header[:2] != ["фио", "дата рождения"]:
        raise _fail("file", "Строка 1: ожидается заголовок «ФИО;Дата рождения;Адрес».")
    rows: list[tuple[str, date, str]] = []
    errors: list[str] = []
    seen: dict[tuple[str, date], int] = {}
    for line_no, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(errors) >= MAX_ROLL_LINES:
            raise _fail("file", f"В списке больше {MAX_ROLL_LINES} строк.")
        name = cells[0].strip() if cells else ""
        birth = parse_date(cells[1]) if len(cells) > 1 else None
        address = cells[2].strip() if len(cells) > 2 else ""
        if not name:
            errors.append(f"Строка {line_no}: не указаны фамилия, имя, отчество.")
        elif len(name) > 200:
            errors.append(f"Строка {line_no}: ФИО длиннее 200 знаков.")
        if birth is None:
            errors.append(f"Строка {line_no}: дата рождения не указана или записана не в "
                          "виде ДД.ММ.ГГГГ.")
        elif birth > on or age_on(birth, on) < min_age:
            errors.append(f"Строка {line_no}: жителю нет {min_age} лет на {on:%d.%m.%Y}, "
                          "он не обладает избирательным правом.")
        if name and birth:
            key = (name.lower(), birth)
            if key in seen:
                errors.append(f"Строка {line_no}: житель уже есть в строке {seen[key]}.")
            seen[key] = line_no
        if len(address) > 300:
            errors.append(f"Строка {line_no}: адрес длиннее 300 знаков.")
        if name and birth:
            rows.append((name, birth, address))
    if errors:
        raise DomainError("В файле есть ошибки, список не загружен.",
                          field_errors={"file": errors})
    if not rows:
        raise _fail("file", "В файле нет ни одного жителя.")
    return rows


def _index(tos: Tos) -> None:
    from zemstvo.community.selectors import tos_search_doc

    index_document(tos_search_doc(tos))


def _check_settlement(municipality: Any, settlement: Settlement) -> None:
    if settlement.municipality_id != municipality.pk:
        raise _fail("settlement", "Населённый пункт не относится к этому муниципальному "
                                  "образованию.")


def _roll_create(*, actor: Any, municipality: Any, settlement: Settlement, title: str,
                 compiled_on: date, source: str,
                 rows: list[tuple[str, date, str, Any]]) -> Roll:
    with transaction.atomic():
        roll = Roll.objects.create(municipality=municipality, settlement=settlement,
                                   title=title, source=source, compiled_on=compiled_on,
                                   created_by=actor)
        RollEntry.objects.bulk_create(
            RollEntry(roll=roll, number=n, full_name=name, birth_date=birth, address=address,
                      user=user)
            for n, (name, birth, address, user) in enumerate(rows, start=1))
        audit_record(actor=actor, action="community.manage", obj=roll,
                     after={"op": "roll_create", "source": source, "entries": len(rows)})
    return roll


def _roll_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise _fail("title", "Укажите название списка.")
    return title[:200]


def roll_import_csv(*, actor: Any, municipality: Any, settlement: Settlement, title: str,
                    compiled_on: date, content: bytes | str) -> Roll:
    """Load a roll from CSV (UTF-8). Nothing is written when any line is wrong."""
    require(actor, "community.manage", municipality)
    _check_settlement(municipality, settlement)
    title = _roll_title(title)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            raise _fail("file", "Файл должен быть в кодировке UTF-8.") from None
    min_age = rule_value("community.gathering_min_age", municipality=municipality,
                         on=compiled_on)
    rows = parse_roll_csv(content, min_age=min_age, on=compiled_on)
    return _roll_create(actor=actor, municipality=municipality, settlement=settlement,
                        title=title, compiled_on=compiled_on, source=RollSource.CSV,
                        rows=[(n, b, a, None) for n, b, a in rows])


def roll_build_from_residents(*, actor: Any, municipality: Any, settlement: Settlement,
                              title: str, compiled_on: date) -> Roll:
    """A roll of the verified residents of the settlement who have voting rights."""
    require(actor, "community.manage", municipality)
    _check_settlement(municipality, settlement)
    title = _roll_title(title)
    min_age = rule_value("community.gathering_min_age", municipality=municipality,
                         on=compiled_on)
    people = (get_user_model().objects
              .filter(residence_settlement=settlement, is_active=True,
                      verification_level=VerificationLevel.VERIFIED, birth_date__isnull=False)
              .order_by("last_name", "first_name", "pk"))
    rows = [(p.full_name or p.username, p.birth_date, "", p) for p in people
            if age_on(p.birth_date, compiled_on) >= min_age]
    if not rows:
        raise _fail("settlement", "В населённом пункте нет подтверждённых жителей с "
                                  "избирательным правом.")
    return _roll_create(actor=actor, municipality=municipality, settlement=settlement,
                        title=title, compiled_on=compiled_on, source=RollSource.RESIDENTS,
                        rows=rows)


# --- Сход --------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    roll_size: int
    present: int
    needed: int  # the smallest attendance that is "more than" the share of the roll
    share: str

    @property
    def reached(self) -> bool:
        return self.roll_size > 0 and self.present >= self.needed

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.roll_size) if self.roll_size else 0


def more_than(total: int, share: Any) -> int:
    """The smallest whole number strictly greater than ``total * share``."""
    product = total * share
    return int(product) + 1


def at_least(total: int, share: Any) -> int:
    """The smallest whole number not less than ``total * share``."""
    product = total * share
    whole = int(product)
    return whole if whole == product else whole + 1


def gathering_quorum(gathering: Gathering, *, roll_size: int | None = None,
                     present: int | None = None) -> Quorum:
    """131-ФЗ ст. 25.1 ч. 2: more than half (the rule set's share) of the roll."""
    share = fraction(gathering.rules, "community.gathering_quorum")
    if roll_size is None:
        roll_size = gathering.roll.entries.count()
    if present is None:
        present = gathering.attendances.count()
    return Quorum(roll_size, present, more_than(roll_size, share), str(share))


def _check_stage_dates(rules: dict, dates: list[date]) -> None:
    period = int(rules["community.gathering_stage_period_days"]["value"])
    if (max(dates) - min(dates)).days > period:
        raise _fail("held_on", f"Все этапы схода проводятся в пределах {period} дней "
                               "(131-ФЗ ст. 25.1 ч. 2.1).")


def gathering_create(*, actor: Any, roll: Roll, title: str, called_by: str,
                     stages: list[tuple[date, str]]) -> Gathering:
    """Call a сход on a roll, with one or several stages; the rules in force on the first
    stage's date are frozen on it."""
    require(actor, "community.manage", roll)
    title, called_by = (title or "").strip(), (called_by or "").strip()
    if not title:
        raise _fail("title", "Укажите повестку схода.")
    if not called_by:
        raise _fail("called_by", "Укажите, кем созван сход.")
    if not stages:
        raise _fail("held_on", "Укажите дату и место хотя бы одного этапа.")
    if any(not (place or "").strip() for _d, place in stages):
        raise _fail("place", "Укажите место проведения каждого этапа.")
    stages = sorted(stages)
    rules = rule_snapshot(GATHERING_KEYS, municipality=roll.municipality, on=stages[0][0])
    _check_stage_dates(rules, [d for d, _p in stages])
    with transaction.atomic():
        gathering = Gathering.objects.create(
            municipality=roll.municipality, settlement=roll.settlement, roll=roll,
            title=title[:300], called_by=called_by[:300], rules=rules, created_by=actor)
        GatheringStage.objects.bulk_create(
            GatheringStage(gathering=gathering, number=n, held_on=d, place=p.strip()[:300])
            for n, (d, p) in enumerate(stages, start=1))
        audit_record(actor=actor, action="community.manage", obj=gathering,
                     after={"op": "gathering_create", "stages": len(stages)})
    return gathering


def _open(gathering: Gathering) -> None:
    if gathering.status == GatheringStatus.CLOSED:
        raise DomainError("Сход завершён, изменения невозможны.")


def gathering_stage_add(*, actor: Any, gathering: Gathering, held_on: date,
                        place: str) -> GatheringStage:
    require(actor, "community.manage", gathering)
    _open(gathering)
    if not (place or "").strip():
        raise _fail("place", "Укажите место проведения этапа.")
    existing = list(gathering.stages.values_list("held_on", flat=True))
    _check_stage_dates(gathering.rules, existing + [held_on])
    with transaction.atomic():
        number = len(existing) + 1
        stage = GatheringStage.objects.create(gathering=gathering, number=number,
                                              held_on=held_on, place=place.strip()[:300])
        audit_record(actor=actor, action="community.manage", obj=gathering,
                     after={"op": "stage_add", "stage": number, "held_on": held_on})
    return stage


def attendance_register(*, actor: Any, stage: GatheringStage, entry: RollEntry) -> Attendance:
    """Register a participant at a stage; nobody takes part at two stages
    (131-ФЗ ст. 25.1 ч. 2.1) — the database constraint guards it as well."""
    gathering = stage.gathering
    require(actor, "community.manage", gathering)
    _open(gathering)
    if entry.roll_id != gathering.roll_id:
        raise _fail("entry", "Житель не включён в список этого схода.")
    earlier = (Attendance.objects.filter(gathering=gathering, entry=entry)
               .select_related("stage").first())
    if earlier is not None:
        raise _fail("entry", f"{entry.full_name} уже зарегистрирован(а) на этапе "
                             f"{earlier.stage.number}: участвовать повторно нельзя.")
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(gathering=gathering, stage=stage,
                                                   entry=entry, registered_by=actor)
            if gathering.status == GatheringStatus.PLANNED:
                Gathering.objects.filter(pk=gathering.pk).update(status=GatheringStatus.OPEN)
                gathering.status = GatheringStatus.OPEN
            audit_record(actor=actor, action="community.manage", obj=gathering,
                         after={"op": "attendance", "stage": stage.number,
                                "entry": entry.number})
    except IntegrityError:
        raise _fail("entry", "Житель уже зарегистрирован на этом сходе.") from None
    return attendance


def question_add(*, actor: Any, gathering: Gathering, text: str,
                 kind: str = QuestionKind.ORDINARY, nominee: RollEntry | None = None) -> Question:
    require(actor, "community.manage", gathering)
    _open(gathering)
    text = (text or "").strip()
    if not text:
        raise _fail("text", "Сформулируйте вопрос.")
    if kind not in QuestionKind.values:
        raise _fail("kind", "Неизвестный вид вопроса.")
    if kind == QuestionKind.NOMINATION:
        if nominee is None:
            raise _fail("nominee", "Укажите кандидата в старосты из списка жителей.")
        if nominee.roll_id != gathering.roll_id:
            raise _fail("nominee", "Кандидат в старосты должен быть жителем из списка схода "
                                   "(131-ФЗ ст. 27.1 ч. 3).")
    else:
        nominee = None
    with transaction.atomic():
        number = gathering.questions.count() + 1
        question = Question.objects.create(gathering=gathering, number=number, text=text,
                                           kind=kind, nominee=nominee)
        audit_record(actor=actor, action="community.manage", obj=gathering,
                     after={"op": "question_add", "number": number, "kind": kind})
    return question


def question_record_votes(*, actor: Any, question: Question, votes_for: int,
                          votes_against: int, votes_abstained: int) -> Question:
    """Record the show of hands. The counts are checked against the attendance rows;
    the decision needs more than the rule set's share of the participants."""
    gathering = question.gathering
    require(actor, "community.manage", gathering)
    _open(gathering)
    if question.decision:
        raise DomainError("Итоги голосования по вопросу уже записаны.")
    counts = (votes_for, votes_against, votes_abstained)
    if any(not isinstance(c, int) or c < 0 for c in counts):
        raise _fail("votes_for", "Число голосов — целое число не меньше нуля.")
    quorum = gathering_quorum(gathering)
    if not quorum.reached:
        raise DomainError(f"Сход неправомочен: зарегистрировано {quorum.present} из "
                          f"{quorum.roll_size}, нужно не менее {quorum.needed}.")
    if sum(counts) > quorum.present:
        raise _fail("votes_for", f"Голосов ({sum(counts)}) больше, чем зарегистрированных "
                                 f"участников ({quorum.present}).")
    share = fraction(gathering.rules, "community.gathering_decision")
    adopted = votes_for >= more_than(quorum.present, share)
    with transaction.atomic():
        question.votes_for, question.votes_against = votes_for, votes_against
        question.votes_abstained, question.participants = votes_abstained, quorum.present
        question.decision = Decision.ADOPTED if adopted else Decision.REJECTED
        question.save()
        if adopted and question.kind == QuestionKind.NOMINATION:
            last_stage = gathering.stages.order_by("-held_on").first()
            StarostaNomination.objects.create(
                municipality=gathering.municipality, settlement=gathering.settlement,
                question=question, full_name=question.nominee.full_name,
                nominated_on=last_stage.held_on)
        audit_record(actor=actor, action="community.manage", obj=gathering,
                     after={"op": "votes", "question": question.number, "for": votes_for,
                            "against": votes_against, "abstained": votes_abstained,
                            "decision": question.decision})
    return question


def gathering_close(*, actor: Any, gathering: Gathering, protocol_number: str) -> Gathering:
    require(actor, "community.manage", gathering)
    _open(gathering)
    protocol_number = (protocol_number or "").strip()
    if not protocol_number:
        raise _fail("protocol_number", "Укажите номер протокола.")
    if gathering.questions.filter(decision="").exists():
        raise DomainError("Не по всем вопросам записаны итоги голосования.")
    if not gathering.questions.exists():
        raise DomainError("На сходе не рассмотрено ни одного вопроса.")
    with transaction.atomic():
        gathering.status = GatheringStatus.CLOSED
        gathering.protocol_number = protocol_number[:40]
        gathering.closed_at = timezone.now()
        gathering.save(update_fields=["status", "protocol_number", "closed_at"])
        audit_record(actor=actor, action="community.manage", obj=gathering,
                     after={"op": "close", "protocol_number": protocol_number})
    return gathering


# --- ТОС ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundingCheck:
    eligible: int
    present: int
    needed: int
    share: str

    @property
    def reached(self) -> bool:
        return self.eligible > 0 and self.present >= self.needed


def tos_founding_check(rules: dict, form: str, eligible: int, present: int) -> FoundingCheck:
    """131-ФЗ ст. 27 ч. 8: a meeting with at least 1/3 of residents aged 16+, a conference
    with at least 2/3 of the elected delegates (rule-set shares)."""
    key = ("community.tos_meeting_quorum" if form == FoundingForm.MEETING
           else "community.tos_conference_quorum")
    share = fraction(rules, key)
    return FoundingCheck(eligible, present, at_least(eligible, share), str(share))


def _text(fields: dict, name: str, label: str, limit: int, required: bool = True) -> str:
    value = str(fields.get(name) or "").strip()
    if required and not value:
        raise _fail(name, f"Заполните поле «{label}».")
    if len(value) > limit:
        raise _fail(name, f"Поле «{label}» длиннее {limit} знаков.")
    return value


def tos_register(*, actor: Any, municipality: Any, settlement: Settlement, name: str,
                 territory: str, founding_form: str, founded_on: date, eligible: int,
                 present: int, address: str = "", phone: str = "", email: str = "") -> Tos:
    """Enter a ТОС whose founding meeting or conference was competent."""
    require(actor, "community.manage", municipality)
    _check_settlement(municipality, settlement)
    fields = {"name": name, "territory": territory, "address": address, "phone": phone}
    name = _text(fields, "name", "Наименование", 300)
    territory = _text(fields, "territory", "Территория", 5000)
    if founding_form not in FoundingForm.values:
        raise _fail("founding_form", "Выберите собрание или конференцию.")
    if eligible is None or present is None or eligible < 1 or present < 0:
        raise _fail("eligible", "Укажите число жителей (делегатов) и число участников.")
    if present > eligible:
        raise _fail("present", "Участников больше, чем жителей (делегатов).")
    # Compared in Python: SQLite's case folding knows only ASCII letters.
    taken = Tos.objects.filter(municipality=municipality).values_list("name", flat=True)
    if name.casefold() in {other.casefold() for other in taken}:
        raise _fail("name", "ТОС с таким наименованием уже есть в реестре.")
    rules = rule_snapshot(TOS_KEYS, municipality=municipality, on=founded_on)
    check = tos_founding_check(rules, founding_form, eligible, present)
    if not check.reached:
        raise _fail("present", f"Учредительное мероприятие неправомочно: участвовало "
                               f"{present} из {eligible}, нужно не менее {check.needed} "
                               "(131-ФЗ ст. 27 ч. 8).")
    with transaction.atomic():
        tos = Tos.objects.create(
            municipality=municipality, settlement=settlement, name=name, territory=territory,
            founding_form=founding_form, founded_on=founded_on, eligible=eligible,
            present=present, rules=rules,
            address=_text(fields, "address", "Адрес", 300, required=False),
            phone=_text(fields, "phone", "Телефон", 40, required=False), email=email or "")
        audit_record(actor=actor, action="community.manage", obj=tos,
                     after={"op": "tos_register", "name": name, "present": present,
                            "eligible": eligible})
    _index(tos)
    return tos


def tos_update_contacts(*, actor: Any, tos: Tos, territory: str, address: str, phone: str,
                        email: str) -> Tos:
    require(actor, "community.manage", tos)
    fields = {"territory": territory, "address": address, "phone": phone}
    before = {"territory": tos.territory, "address": tos.address, "phone": tos.phone,
              "email": tos.email}
    with transaction.atomic():
        tos.territory = _text(fields, "territory", "Территория", 5000)
        tos.address = _text(fields, "address", "Адрес", 300, required=False)
        tos.phone = _text(fields, "phone", "Телефон", 40, required=False)
        tos.email = email or ""
        tos.save()
        audit_record(actor=actor, action="community.manage", obj=tos, before=before,
                     after={"territory": tos.territory, "address": tos.address,
                            "phone": tos.phone, "email": tos.email})
    _index(tos)
    return tos


def tos_charter_register(*, actor: Any, tos: Tos, number: str, registered_on: date) -> Tos:
    """A ТОС is established when its charter is registered (131-ФЗ ст. 27 ч. 5)."""
    require(actor, "community.manage", tos)
    number = (number or "").strip()
    if tos.status == TosStatus.ESTABLISHED:
        raise DomainError("Устав этого ТОС уже зарегистрирован.")
    if not number:
        raise _fail("number", "Укажите регистрационный номер устава.")
    if registered_on is None or registered_on < tos.founded_on:
        raise _fail("registered_on", "Дата регистрации не может быть раньше учредительного "
                                     "мероприятия.")
    with transaction.atomic():
        tos.charter_number, tos.charter_registered_on = number[:40], registered_on
        tos.status = TosStatus.ESTABLISHED
        tos.save()
        audit_record(actor=actor, action="community.manage", obj=tos,
                     after={"op": "charter", "number": number, "registered_on": registered_on})
    return tos


def tos_remove(*, actor: Any, tos: Tos) -> None:
    """Remove an entry made by mistake. A ТОС whose charter is registered stays in the
    registry (it is a legal person's record, not a draft)."""
    require(actor, "community.manage", tos)
    if tos.status == TosStatus.ESTABLISHED:
        raise DomainError("ТОС с зарегистрированным уставом нельзя удалить из реестра.")
    with transaction.atomic():
        audit_record(actor=actor, action="community.manage", obj=tos,
                     before={"op": "tos_remove", "name": tos.name})
        pk = tos.pk
        tos.delete()
    remove_document("community", str(pk))


def tos_officer_add(*, actor: Any, tos: Tos, office: str, full_name: str) -> TosOfficer:
    require(actor, "community.manage", tos)
    fields = {"office": office, "full_name": full_name}
    office = _text(fields, "office", "Должность", 200)
    full_name = _text(fields, "full_name", "ФИО", 200)
    with transaction.atomic():
        officer = TosOfficer.objects.create(tos=tos, office=office, full_name=full_name)
        audit_record(actor=actor, action="community.manage", obj=tos,
                     after={"op": "officer_add", "office": office})
    _index(tos)
    return officer


def tos_member_add(*, actor: Any, tos: Tos, full_name: str, address: str = "") -> TosMember:
    require(actor, "community.manage", tos)
    fields = {"full_name": full_name, "address": address}
    full_name = _text(fields, "full_name", "ФИО", 200)
    address = _text(fields, "address", "Адрес", 300, required=False)
    with transaction.atomic():
        member = TosMember.objects.create(tos=tos, full_name=full_name, address=address)
        audit_record(actor=actor, action="community.manage", obj=tos,
                     after={"op": "member_add", "member": member.pk})
    return member


def _report_year(year: Any, since: date) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise _fail("year", "Укажите год отчёта.") from None
    if year < since.year or year > timezone.localdate().year:
        raise _fail("year", f"Год отчёта — от {since.year} до текущего.")
    return year


def _attach(actor: Any, owner: Any, file: Any, title: str) -> None:
    if file is not None:
        from zemstvo.core.attachments.services import attachment_add

        attachment_add(actor=actor, owner=owner, file=file, title=title)


def tos_report_add(*, actor: Any, tos: Tos, year: Any, text: str, file: Any = None) -> TosReport:
    require(actor, "community.manage", tos)
    year = _report_year(year, tos.founded_on)
    text = _text({"text": text}, "text", "Отчёт", 20000)
    if tos.reports.filter(year=year).exists():
        raise _fail("year", f"Отчёт за {year} год уже есть.")
    with transaction.atomic():
        report = TosReport.objects.create(tos=tos, year=year, text=text)
        _attach(actor, report, file, f"Отчёт о деятельности за {year} год")
        audit_record(actor=actor, action="community.manage", obj=tos,
                     after={"op": "report_add", "year": year})
    return report


# --- Старосты ----------------------------------------------------------------------


def starosta_appoint(*, actor: Any, nomination: StarostaNomination, decision_number: str,
                     decision_date: date, term_years: Any, territory: str = "",
                     phone: str = "", email: str = "") -> Starosta:
    """Appointment by the representative body on the сход's nomination, for the term
    the charter sets within 2–5 years (131-ФЗ ст. 27.1 ч. 2, 5)."""
    require(actor, "community.manage", nomination)
    if Starosta.objects.filter(nomination=nomination).exists():
        raise DomainError("По этому выдвижению староста уже назначен.")
    decision_number = (decision_number or "").strip()
    if not decision_number:
        raise _fail("decision_number", "Укажите номер решения представительного органа.")
    if decision_date is None or decision_date < nomination.nominated_on:
        raise _fail("decision_date", "Решение не может быть принято раньше схода.")
    rules = rule_snapshot(STAROSTA_KEYS, municipality=nomination.municipality,
                          on=decision_date)
    low = rules["community.starosta_term_min_years"]["value"]
    high = rules["community.starosta_term_max_years"]["value"]
    try:
        term_years = int(term_years)
    except (TypeError, ValueError):
        raise _fail("term_years", "Укажите срок полномочий в годах.") from None
    if not low <= term_years <= high:
        raise _fail("term_years", f"Срок полномочий — от {low} до {high} лет "
                                  "(131-ФЗ ст. 27.1 ч. 5).")
    try:
        ends = decision_date.replace(year=decision_date.year + term_years)
    except ValueError:  # 29 February
        ends = decision_date.replace(year=decision_date.year + term_years, day=28)
    with transaction.atomic():
        starosta = Starosta.objects.create(
            municipality=nomination.municipality, settlement=nomination.settlement,
            nomination=nomination, full_name=nomination.full_name,
            decision_number=decision_number[:40], decision_date=decision_date,
            term_years=term_years, term_ends_on=ends, territory=(territory or "").strip(),
            phone=(phone or "").strip()[:40], email=email or "", rules=rules)
        audit_record(actor=actor, action="community.manage", obj=starosta,
                     after={"op": "appoint", "decision": decision_number,
                            "term_years": term_years})
    return starosta


def starosta_update_contacts(*, actor: Any, starosta: Starosta, territory: str, phone: str,
                             email: str) -> Starosta:
    require(actor, "community.manage", starosta)
    fields = {"territory": territory, "phone": phone}
    before = {"territory": starosta.territory, "phone": starosta.phone, "email": starosta.email}
    with transaction.atomic():
        starosta.territory = _text(fields, "territory", "Территория", 5000, required=False)
        starosta.phone = _text(fields, "phone", "Телефон", 40, required=False)
        starosta.email = email or ""
        starosta.save()
        audit_record(actor=actor, action="community.manage", obj=starosta, before=before,
                     after={"territory": starosta.territory, "phone": starosta.phone,
                            "email": starosta.email})
    return starosta


def starosta_report_add(*, actor: Any, starosta: Starosta, year: Any, text: str,
                        file: Any = None) -> StarostaReport:
    require(actor, "community.manage", starosta)
    year = _report_year(year, starosta.decision_date)
    text = _text({"text": text}, "text", "Отчёт", 20000)
    if starosta.reports.filter(year=year).exists():
        raise _fail("year", f"Отчёт за {year} год уже есть.")
    with transaction.atomic():
        report = StarostaReport.objects.create(starosta=starosta, year=year, text=text)
        _attach(actor, report, file, f"Отчёт старосты за {year} год")
        audit_record(actor=actor, action="community.manage", obj=starosta,
                     after={"op": "report_add", "year": year})
    return report
