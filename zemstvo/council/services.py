"""Every change in the council module. Each function: policy check -> validation ->
one transaction with the audit event (and notifications to subscribers).

Legal basis: 131-ФЗ ст. 35 (представительный орган), ст. 47 (официальное
опубликование муниципальных правовых актов); 8-ФЗ ст. 13, 15 (открытость заседаний);
59-ФЗ (обращения граждан: вопросы жителей модерируются, не публикуются без проверки).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone

from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify_subscribers
from zemstvo.core.permissions import require
from zemstvo.core.rules.services import rule_value
from zemstvo.core.territory.models import Municipality
from zemstvo.council.models import (
    AgendaItem,
    BodyKind,
    Committee,
    CommitteeMembership,
    CommitteeRole,
    Decision,
    Deputy,
    Faction,
    FollowUpTask,
    Meeting,
    MeetingKind,
    MeetingQuestion,
    MeetingRegistration,
    QuestionStatus,
    RepresentativeBody,
    ResidentQuestion,
    RollCallVote,
    Session,
    SessionKind,
    SessionStatus,
    TaskStatus,
    VoteEvent,
    VoteOption,
    VoteResult,
)

QUESTION_MIN, QUESTION_MAX = 10, 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
VIDEO_EXTENSIONS = (".mp4", ".webm", ".ogv", ".m3u8")


def _clean(value: str, *, multiline: bool = False) -> str:
    text = _CONTROL.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return " ".join(text.split())


def _fail(errors: dict[str, list[str]]) -> None:
    if errors:
        raise DomainError("Проверьте поля формы.", field_errors=errors)


def _required(errors: dict[str, list[str]], field: str, value: Any, message: str) -> None:
    if value in (None, ""):
        errors.setdefault(field, []).append(message)


def _length(errors: dict[str, list[str]], field: str, value: str, maximum: int) -> None:
    if len(value) > maximum:
        errors.setdefault(field, []).append(f"Слишком длинно: не больше {maximum} символов.")


def check_broadcast_url(url: str, field: str = "broadcast_url") -> str:
    """A broadcast or recording address: https only (the page is served over https and
    a mixed-content player would be blocked), no credentials in it."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        message = "Адрес трансляции должен начинаться с https:// и вести на сайт видео."
        raise DomainError(message, field_errors={field: [message]})
    if len(url) > 500:
        message = "Адрес трансляции слишком длинный: не больше 500 символов."
        raise DomainError(message, field_errors={field: [message]})
    return url


def is_direct_video(url: str) -> bool:
    """A stream file the browser plays itself in <video>; anything else is an embed
    address shown in an <iframe>."""
    return urlsplit(url).path.lower().endswith(VIDEO_EXTENSIONS)


def _attach(actor: Any, owner: Any, files: Sequence[Any]) -> None:
    for file in files:
        try:
            attachment_add(actor=actor, owner=owner, file=file)
        except DomainError as exc:
            raise DomainError(exc.message, field_errors={"files": [exc.message]}) from exc


# --- the body, factions, deputies, committees ---------------------------------------

def body_save(*, actor: Any, municipality: Municipality, kind: str, name: str,
              description: str = "", seats: int = 0) -> RepresentativeBody:
    """Create or update the municipality's representative body (one per municipality:
    131-ФЗ ст. 35 ч. 1)."""
    require(actor, "council.manage", municipality)
    name = _clean(name)
    errors: dict[str, list[str]] = {}
    if kind not in BodyKind.values:
        errors["kind"] = ["Выберите вид представительного органа."]
    _required(errors, "name", name, "Укажите наименование органа.")
    _length(errors, "name", name, 200)
    if not isinstance(seats, int) or seats < 0 or seats > 500:
        errors["seats"] = ["Численность депутатов — целое число от 0 до 500."]
    _fail(errors)
    with transaction.atomic():
        body = RepresentativeBody.objects.filter(municipality=municipality).first()
        before = None
        if body is None:
            body = RepresentativeBody(municipality=municipality)
        else:
            before = {"kind": body.kind, "name": body.name, "seats": body.seats}
        body.kind, body.name, body.seats = kind, name, seats
        body.description = _clean(description, multiline=True)
        body.save()
        audit_record(actor=actor, action="council.body_save", obj=body, before=before,
                     after={"kind": kind, "name": name, "seats": seats})
    return body


def faction_create(*, actor: Any, body: RepresentativeBody, name: str) -> Faction:
    require(actor, "council.manage", body)
    name = _clean(name)
    errors: dict[str, list[str]] = {}
    _required(errors, "name", name, "Укажите название фракции.")
    _length(errors, "name", name, 200)
    if name and body.factions.filter(name=name).exists():
        errors["name"] = ["Фракция с таким названием уже есть."]
    _fail(errors)
    with transaction.atomic():
        faction = Faction.objects.create(body=body, name=name)
        audit_record(actor=actor, action="council.faction_create", obj=faction,
                     after={"name": name}, municipality=body.municipality)
    return faction


def deputy_save(*, actor: Any, body: RepresentativeBody, full_name: str, term_from: date | None,
                term_to: date | None = None, district: str = "", faction: Faction | None = None,
                contacts: str = "", reception_hours: str = "", is_chair: bool = False,
                deputy: Deputy | None = None) -> Deputy:
    """Add a deputy or change one (``deputy`` given)."""
    require(actor, "council.manage", body)
    full_name = _clean(full_name)
    errors: dict[str, list[str]] = {}
    _required(errors, "full_name", full_name, "Укажите ФИО депутата.")
    _length(errors, "full_name", full_name, 200)
    _required(errors, "term_from", term_from, "Укажите дату начала полномочий.")
    if term_from and term_to and term_to < term_from:
        errors["term_to"] = ["Окончание полномочий не может быть раньше их начала."]
    if faction is not None and faction.body_id != body.pk:
        errors["faction"] = ["Фракция другого представительного органа."]
    for field, value, maximum in (("district", district, 200), ("contacts", contacts, 300),
                                  ("reception_hours", reception_hours, 300)):
        _length(errors, field, _clean(value), maximum)
    if deputy is not None and deputy.body_id != body.pk:
        errors["full_name"] = ["Депутат другого представительного органа."]
    _fail(errors)
    values = {
        "full_name": full_name, "term_from": term_from, "term_to": term_to,
        "district": _clean(district), "faction": faction, "contacts": _clean(contacts),
        "reception_hours": _clean(reception_hours), "is_chair": is_chair,
    }
    with transaction.atomic():
        before = None
        if deputy is None:
            deputy = Deputy(body=body)
        else:
            before = {"full_name": deputy.full_name, "faction_id": deputy.faction_id,
                      "term_to": deputy.term_to}
        for name, value in values.items():
            setattr(deputy, name, value)
        deputy.save()
        audit_record(actor=actor, action="council.deputy_save", obj=deputy, before=before,
                     after={"full_name": full_name, "faction_id": deputy.faction_id,
                            "term_from": term_from, "term_to": term_to},
                     municipality=body.municipality)
    return deputy


def committee_create(*, actor: Any, body: RepresentativeBody, name: str,
                     members: Sequence[Deputy] = (), chair: Deputy | None = None) -> Committee:
    require(actor, "council.manage", body)
    name = _clean(name)
    errors: dict[str, list[str]] = {}
    _required(errors, "name", name, "Укажите название комиссии.")
    _length(errors, "name", name, 200)
    everyone = list(members) + ([chair] if chair is not None else [])
    if any(d.body_id != body.pk for d in everyone):
        errors["members"] = ["В комиссию входят только депутаты этого органа."]
    _fail(errors)
    with transaction.atomic():
        committee = Committee.objects.create(body=body, name=name)
        rows = {d.pk: CommitteeMembership(committee=committee, deputy=d) for d in members}
        if chair is not None:
            rows[chair.pk] = CommitteeMembership(committee=committee, deputy=chair,
                                                 role=CommitteeRole.CHAIR)
        CommitteeMembership.objects.bulk_create(rows.values())
        audit_record(actor=actor, action="council.committee_create", obj=committee,
                     after={"name": name, "members": sorted(rows)},
                     municipality=body.municipality)
    return committee


# --- sessions and agenda -------------------------------------------------------------

def _session_values(body: RepresentativeBody, kind: str, title: str, starts_at: Any,
                    place: str, broadcast_url: str, committee: Committee | None
                    ) -> dict[str, Any]:
    title, place = _clean(title), _clean(place)
    errors: dict[str, list[str]] = {}
    if kind not in SessionKind.values:
        errors["kind"] = ["Выберите вид заседания."]
    _required(errors, "title", title, "Укажите название заседания.")
    _length(errors, "title", title, 200)
    _required(errors, "place", place, "Укажите место проведения.")
    _length(errors, "place", place, 300)
    if not isinstance(starts_at, datetime):
        errors["starts_at"] = ["Укажите дату и время начала."]
    elif timezone.is_naive(starts_at):
        # A naive time is the municipality's local time.
        starts_at = timezone.make_aware(starts_at, body.municipality.tz)
    if kind == SessionKind.COMMITTEE and committee is None:
        errors["committee"] = ["Для заседания комиссии выберите комиссию."]
    if committee is not None and committee.body_id != body.pk:
        errors["committee"] = ["Комиссия другого представительного органа."]
    try:
        broadcast_url = check_broadcast_url(broadcast_url)
    except DomainError as exc:
        errors.update(exc.field_errors)
    _fail(errors)
    return {"kind": kind, "title": title, "starts_at": starts_at, "place": place,
            "broadcast_url": broadcast_url,
            "committee": committee if kind == SessionKind.COMMITTEE else None}


def session_create(*, actor: Any, body: RepresentativeBody, kind: str, title: str,
                   starts_at: datetime, place: str, broadcast_url: str = "",
                   committee: Committee | None = None, number: int | None = None) -> Session:
    """Plan a session; its subscribers and the body's hear about it."""
    require(actor, "council.manage", body)
    values = _session_values(body, kind, title, starts_at, place, broadcast_url, committee)
    with transaction.atomic():
        session = Session.objects.create(body=body, number=number, **values)
        audit_record(actor=actor, action="council.session_create", obj=session,
                     after={**values, "committee": getattr(committee, "pk", None)},
                     municipality=body.municipality)
        notify_subscribers(target=body, kind="council.session", title=session.title,
                           body=f"Запланировано заседание: {session.title}.",
                           url=session.get_absolute_url())
    return session


def session_update(*, actor: Any, session: Session, kind: str, title: str,
                   starts_at: datetime, place: str, broadcast_url: str = "",
                   committee: Committee | None = None) -> Session:
    require(actor, "council.manage", session)
    values = _session_values(session.body, kind, title, starts_at, place, broadcast_url,
                             committee)
    before = {name: getattr(session, name) for name in values if name != "committee"}
    with transaction.atomic():
        for name, value in values.items():
            setattr(session, name, value)
        session.save()
        audit_record(actor=actor, action="council.session_update", obj=session,
                     before=before, after={k: v for k, v in values.items() if k != "committee"})
        if before["starts_at"] != session.starts_at or before["place"] != session.place:
            notify_subscribers(target=session, kind="council.session", title=session.title,
                               body="Изменились время или место заседания.",
                               url=session.get_absolute_url())
    return session


def session_set_status(*, actor: Any, session: Session, status: str, recording_url: str = "",
                       minutes: str = "", files: Sequence[Any] = ()) -> Session:
    """Start the broadcast (live), or close the session (held) with its recording,
    minutes and the minutes' files."""
    require(actor, "council.manage", session)
    errors: dict[str, list[str]] = {}
    if status not in SessionStatus.values:
        errors["status"] = ["Неизвестный статус заседания."]
    elif status == SessionStatus.PLANNED and session.status == SessionStatus.HELD:
        errors["status"] = ["Состоявшееся заседание нельзя вернуть в план."]
    try:
        recording_url = check_broadcast_url(recording_url, "recording_url")
    except DomainError as exc:
        errors.update(exc.field_errors)
    _fail(errors)
    before = {"status": session.status, "recording_url": session.recording_url}
    with transaction.atomic():
        session.status = status
        if recording_url:
            session.recording_url = recording_url
        if minutes.strip():
            session.minutes = _clean(minutes, multiline=True)
        session.save()
        _attach(actor, session, files)
        audit_record(actor=actor, action="council.session_status", obj=session, before=before,
                     after={"status": status, "recording_url": session.recording_url})
        if before["status"] != status and status in (SessionStatus.LIVE, SessionStatus.HELD):
            text = ("Началась трансляция заседания." if status == SessionStatus.LIVE
                    else "Заседание состоялось: запись, протокол и решения на странице.")
            notify_subscribers(target=session, kind="council.session", title=session.title,
                               body=text, url=session.get_absolute_url())
    return session


def agenda_item_add(*, actor: Any, session: Session, title: str, rapporteur: str = "",
                    files: Sequence[Any] = ()) -> AgendaItem:
    """Add a question to the agenda, with its draft documents."""
    require(actor, "council.manage", session)
    title, rapporteur = _clean(title), _clean(rapporteur)
    errors: dict[str, list[str]] = {}
    _required(errors, "title", title, "Укажите вопрос повестки.")
    _length(errors, "title", title, 500)
    _length(errors, "rapporteur", rapporteur, 200)
    if session.status == SessionStatus.HELD:
        errors["title"] = ["Повестку состоявшегося заседания изменить нельзя."]
    _fail(errors)
    with transaction.atomic():
        # Lock the session so two clerks adding items get distinct numbers.
        Session.objects.select_for_update().filter(pk=session.pk).first()
        last = session.items.order_by("-order").values_list("order", flat=True).first() or 0
        item = AgendaItem.objects.create(session=session, order=last + 1, title=title,
                                         rapporteur=rapporteur)
        _attach(actor, item, files)
        audit_record(actor=actor, action="council.agenda_add", obj=item,
                     after={"title": title, "order": item.order},
                     municipality=session.body.municipality)
    return item


# --- votes and decisions -------------------------------------------------------------

def vote_record(*, actor: Any, agenda_item: AgendaItem, motion: str,
                votes: Mapping[int, str], result: str | None = None) -> VoteEvent:
    """Record a roll-call vote: one row per deputy in office on the session date.

    The result defaults to "adopted when more than the rule's share of the established
    number of deputies voted for" (rule ``council.adoption_share``: one half by
    default, as charters usually set it under 131-ФЗ ст. 35; a municipality overrides
    it by its charter). The clerk gives ``result`` explicitly for a decision that
    needs another majority (e.g. the charter itself: two thirds, 131-ФЗ ст. 44 ч. 6)."""
    require(actor, "council.manage", agenda_item)
    motion = _clean(motion)
    session = agenda_item.session
    on = timezone.localtime(session.starts_at, session.body.municipality.tz).date()
    in_office = {d.pk: d for d in Deputy.objects.filter(body_id=session.body_id)
                 .filter(term_from__lte=on).exclude(term_to__lt=on)}
    errors: dict[str, list[str]] = {}
    _required(errors, "motion", motion, "Укажите, что ставится на голосование.")
    _length(errors, "motion", motion, 500)
    if not votes:
        errors["votes"] = ["Отметьте голоса депутатов."]
    bad_options = sorted({o for o in votes.values() if o not in VoteOption.values})
    if bad_options:
        errors["votes"] = [f"Неизвестный вариант голоса: {', '.join(bad_options)}."]
    strangers = [pk for pk in votes if pk not in in_office]
    if strangers:
        errors["votes"] = ["Голосовать могут только депутаты, имеющие полномочия "
                           "на дату заседания."]
    missing = [d.full_name for pk, d in in_office.items() if pk not in votes]
    if votes and missing:
        errors["votes"] = ["Не отмечен голос: " + ", ".join(sorted(missing)[:5]) + "."]
    if result is not None and result not in VoteResult.values:
        errors["result"] = ["Неизвестный результат голосования."]
    _fail(errors)
    yes = sum(1 for option in votes.values() if option == VoteOption.YES)
    seats = session.body.seats or len(in_office)
    if result is None:
        share = rule_value("council.adoption_share", municipality=session.body.municipality,
                           on=on)
        result = VoteResult.PASSED if yes > seats * Decimal(share) else VoteResult.FAILED
    with transaction.atomic():
        event = VoteEvent.objects.create(agenda_item=agenda_item, motion=motion, result=result)
        RollCallVote.objects.bulk_create(
            RollCallVote(vote_event=event, deputy_id=pk, option=option)
            for pk, option in sorted(votes.items())
        )
        audit_record(actor=actor, action="council.vote_record", obj=event,
                     after={"motion": motion, "result": result,
                            "votes": {str(k): v for k, v in sorted(votes.items())}},
                     municipality=session.body.municipality)
    return event


def vote_counts(event: VoteEvent) -> dict[str, int]:
    """Counts computed from the individual votes (never stored apart from them).
    Uses the prefetched ``votes`` when present."""
    counts = {option: 0 for option in VoteOption.values}
    for vote in event.votes.all():
        counts[vote.option] += 1
    return counts


def decision_add(*, actor: Any, agenda_item: AgendaItem, number: str, adopted_on: date | None,
                 title: str, published_on: date | None = None, publication_source: str = "",
                 text: str = "", files: Sequence[Any] = ()) -> Decision:
    """Record an adopted municipal legal act (131-ФЗ ст. 47: the date and the source of
    official publication are stated together)."""
    require(actor, "council.manage", agenda_item)
    number, title = _clean(number), _clean(title)
    publication_source = _clean(publication_source)
    errors: dict[str, list[str]] = {}
    _required(errors, "number", number, "Укажите номер решения.")
    _length(errors, "number", number, 40)
    _required(errors, "title", title, "Укажите наименование решения.")
    _length(errors, "title", title, 500)
    _required(errors, "adopted_on", adopted_on, "Укажите дату принятия.")
    _length(errors, "publication_source", publication_source, 300)
    if published_on and adopted_on and published_on < adopted_on:
        errors["published_on"] = ["Опубликовать решение можно только после его принятия."]
    if bool(published_on) != bool(publication_source):
        errors["publication_source"] = [
            "Дата и источник официального опубликования указываются вместе."]
    if number and Decision.objects.filter(
            agenda_item__session__body_id=agenda_item.session.body_id, number=number,
            adopted_on=adopted_on).exists():
        errors["number"] = ["Решение с таким номером и датой уже есть."]
    _fail(errors)
    with transaction.atomic():
        decision = Decision.objects.create(
            agenda_item=agenda_item, number=number, adopted_on=adopted_on, title=title,
            published_on=published_on, publication_source=publication_source,
            text=_clean(text, multiline=True))
        _attach(actor, decision, files)
        audit_record(actor=actor, action="council.decision_add", obj=decision,
                     after={"number": number, "adopted_on": adopted_on, "title": title,
                            "published_on": published_on},
                     municipality=agenda_item.session.body.municipality)
    return decision


# --- residents' questions ------------------------------------------------------------

def question_ask(*, actor: Any, agenda_item: AgendaItem, text: str) -> ResidentQuestion:
    """A resident's question on an agenda item, sent in advance; it waits for the
    moderator (59-ФЗ: no publication before checking)."""
    require(actor, "council.ask", agenda_item)
    text = _clean(text, multiline=True)
    errors: dict[str, list[str]] = {}
    if len(text) < QUESTION_MIN:
        errors["text"] = [f"Вопрос слишком короткий: не меньше {QUESTION_MIN} символов."]
    _length(errors, "text", text, QUESTION_MAX)
    if agenda_item.session.status != SessionStatus.PLANNED:
        errors["text"] = ["Вопросы принимаются только до начала заседания."]
    _fail(errors)
    with transaction.atomic():
        question = ResidentQuestion.objects.create(agenda_item=agenda_item, author=actor,
                                                   text=text)
        audit_record(actor=actor, action="council.ask", obj=question,
                     after={"agenda_item": agenda_item.pk},
                     municipality=agenda_item.session.body.municipality)
    return question


def question_moderate(*, actor: Any, question: ResidentQuestion, approve: bool,
                      note: str = "") -> ResidentQuestion:
    require(actor, "council.moderate_questions", question)
    note = _clean(note)
    if not approve and not note:
        message = "Укажите причину отклонения."
        raise DomainError(message, field_errors={"note": [message]})
    if len(note) > 300:
        message = "Причина слишком длинная: не больше 300 символов."
        raise DomainError(message, field_errors={"note": [message]})
    before = {"status": question.status}
    with transaction.atomic():
        question.status = QuestionStatus.APPROVED if approve else QuestionStatus.REJECTED
        question.moderation_note = "" if approve else note
        question.save(update_fields=["status", "moderation_note"])
        audit_record(actor=actor, action="council.moderate_question", obj=question,
                     before=before, after={"status": question.status, "note": note})
    return question


# --- meetings with residents --------------------------------------------------------

def meeting_create(*, actor: Any, body: RepresentativeBody, kind: str, title: str,
                   starts_at: datetime, place: str, topics: str = "", hosts: str = "",
                   capacity: int | None = None, deputies: Iterable[Deputy] = ()) -> Meeting:
    require(actor, "council.manage", body)
    title, place, hosts = _clean(title), _clean(place), _clean(hosts)
    deputies = list(deputies)
    errors: dict[str, list[str]] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = ["Выберите вид мероприятия."]
    _required(errors, "title", title, "Укажите название.")
    _length(errors, "title", title, 200)
    _required(errors, "place", place, "Укажите место проведения.")
    _length(errors, "place", place, 300)
    _length(errors, "hosts", hosts, 300)
    if not isinstance(starts_at, datetime):
        errors["starts_at"] = ["Укажите дату и время начала."]
    elif timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at, body.municipality.tz)
    if capacity is not None and (not isinstance(capacity, int) or capacity < 1
                                 or capacity > 100_000):
        errors["capacity"] = ["Число мест — целое число от 1 до 100 000."]
    if any(d.body_id != body.pk for d in deputies):
        errors["deputies"] = ["Только депутаты этого органа."]
    _fail(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(body=body, kind=kind, title=title, starts_at=starts_at,
                                         place=place, topics=_clean(topics, multiline=True),
                                         hosts=hosts, capacity=capacity)
        meeting.deputies.set(deputies)
        audit_record(actor=actor, action="council.meeting_create", obj=meeting,
                     after={"title": title, "starts_at": starts_at, "capacity": capacity},
                     municipality=body.municipality)
        notify_subscribers(target=body, kind="council.meeting", title=meeting.title,
                           body=f"{meeting.get_kind_display()}: {meeting.title}.",
                           url=meeting.get_absolute_url())
    return meeting


def meeting_register(*, actor: Any, meeting: Meeting) -> MeetingRegistration:
    """Take one of the limited places. The meeting row is locked so two residents
    cannot take the last place together."""
    require(actor, "council.register", meeting)
    if meeting.capacity is None:
        raise DomainError("На это мероприятие регистрация не нужна: приходите.")
    if meeting.starts_at <= timezone.now():
        raise DomainError("Мероприятие уже началось или прошло.")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.registrations.filter(user=actor).exists():
            raise DomainError("Вы уже зарегистрированы.")
        if locked.registrations.count() >= locked.capacity:
            raise DomainError("Свободных мест нет.")
        try:
            with transaction.atomic():
                registration = MeetingRegistration.objects.create(meeting=locked, user=actor)
        except IntegrityError as exc:
            raise DomainError("Вы уже зарегистрированы.") from exc
        audit_record(actor=actor, action="council.register", obj=registration,
                     municipality=meeting.body.municipality)
    return registration


def meeting_unregister(*, actor: Any, meeting: Meeting) -> None:
    require(actor, "council.register", meeting)
    with transaction.atomic():
        deleted, _rows = MeetingRegistration.objects.filter(meeting=meeting, user=actor).delete()
        if not deleted:
            raise DomainError("Вы не были зарегистрированы.")
        audit_record(actor=actor, action="council.unregister", obj=meeting,
                     after={"user": actor.pk})


def meeting_question_add(*, actor: Any, meeting: Meeting, text: str,
                         answer: str = "") -> MeetingQuestion:
    """A question raised at the meeting and the answer given, for the public record."""
    require(actor, "council.manage", meeting)
    text, answer = _clean(text, multiline=True), _clean(answer, multiline=True)
    errors: dict[str, list[str]] = {}
    _required(errors, "text", text, "Запишите вопрос.")
    _length(errors, "text", text, QUESTION_MAX)
    _length(errors, "answer", answer, 5000)
    _fail(errors)
    with transaction.atomic():
        question = MeetingQuestion.objects.create(meeting=meeting, text=text, answer=answer)
        audit_record(actor=actor, action="council.meeting_question", obj=question,
                     after={"text": text, "answer": answer},
                     municipality=meeting.body.municipality)
    return question


def task_add(*, actor: Any, meeting: Meeting, title: str, responsible: str,
             deadline: date | None, question: MeetingQuestion | None = None) -> FollowUpTask:
    require(actor, "council.manage", meeting)
    title, responsible = _clean(title), _clean(responsible)
    errors: dict[str, list[str]] = {}
    _required(errors, "title", title, "Сформулируйте поручение.")
    _length(errors, "title", title, 300)
    _required(errors, "responsible", responsible, "Укажите ответственного.")
    _length(errors, "responsible", responsible, 200)
    _required(errors, "deadline", deadline, "Укажите срок.")
    meeting_day = timezone.localtime(meeting.starts_at, meeting.body.municipality.tz).date()
    if deadline and deadline < meeting_day:
        errors["deadline"] = ["Срок не может быть раньше даты мероприятия."]
    if question is not None and question.meeting_id != meeting.pk:
        errors["question"] = ["Вопрос другого мероприятия."]
    _fail(errors)
    with transaction.atomic():
        task = FollowUpTask.objects.create(meeting=meeting, question=question, title=title,
                                           responsible=responsible, deadline=deadline)
        audit_record(actor=actor, action="council.task_add", obj=task,
                     after={"title": title, "deadline": deadline},
                     municipality=meeting.body.municipality)
    return task


def task_set_status(*, actor: Any, task: FollowUpTask, status: str,
                    result: str = "") -> FollowUpTask:
    require(actor, "council.manage", task.meeting)
    result = _clean(result, multiline=True)
    if status not in TaskStatus.values:
        raise DomainError("Неизвестный статус поручения.",
                          field_errors={"status": ["Неизвестный статус поручения."]})
    if status == TaskStatus.DONE and not result:
        message = "Опишите, что сделано."
        raise DomainError(message, field_errors={"result": [message]})
    before = {"status": task.status}
    with transaction.atomic():
        task.status, task.result = status, result
        task.save(update_fields=["status", "result"])
        audit_record(actor=actor, action="council.task_status", obj=task, before=before,
                     after={"status": status}, municipality=task.meeting.body.municipality)
    return task
