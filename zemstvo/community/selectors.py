"""Reads of the community module (fixed query counts). Public reads return only what a
visitor may see: office-holders' names and counts, never a roll or ТОС members."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from zemstvo.community.models import (
    Gathering,
    GatheringStatus,
    Question,
    Roll,
    RollEntry,
    Starosta,
    StarostaNomination,
    Tos,
    TosOfficer,
)
from zemstvo.core.errors import NotFound
from zemstvo.core.territory.models import Municipality


def _scoped(model: Any, pk: int, municipality: Municipality | None) -> QuerySet:
    """By primary key; within a municipality when one is given (the office checks the
    policy on the record it gets)."""
    found = model.objects.filter(pk=pk)
    return found.filter(municipality=municipality) if municipality is not None else found


def public_tos_list(municipality: Municipality) -> list[Tos]:
    return list(Tos.objects.filter(municipality=municipality).select_related("settlement")
                .prefetch_related(Prefetch("officers", queryset=TosOfficer.objects.all()))
                .order_by("name"))


def public_tos(pk: int, municipality: Municipality) -> Tos:
    tos = (Tos.objects.filter(pk=pk, municipality=municipality).select_related("settlement")
           .prefetch_related("officers", "reports").first())
    if tos is None:
        raise NotFound("ТОС не найдено.")
    return tos


def tos_initiatives(tos: Tos) -> list[Any]:
    """Initiative projects the ТОС brought (131-ФЗ ст. 26.1 ч. 2): initiatives keeps the
    initiator as a name, so the link is a match on that name in the same municipality."""
    from zemstvo.initiatives.models import PUBLIC_STATUSES, InitiatorKind, Project

    # The name is compared case-folded in Python: SQLite folds only ASCII letters.
    projects = Project.objects.filter(
        municipality_id=tos.municipality_id, initiator_kind=InitiatorKind.TOS,
        status__in=PUBLIC_STATUSES).only("pk", "title", "status", "initiator_name")
    name = " ".join(tos.name.split()).casefold()
    return [p for p in projects.order_by("-id")
            if " ".join(p.initiator_name.split()).casefold() == name][:50]


def public_starostas(municipality: Municipality) -> list[Starosta]:
    return list(Starosta.objects.filter(municipality=municipality).select_related("settlement")
                .prefetch_related("reports"))


def public_gatherings(municipality: Municipality) -> list[Gathering]:
    """Completed сходы with their decisions (counts only; the roll stays in the office)."""
    return list(Gathering.objects.filter(municipality=municipality,
                                         status=GatheringStatus.CLOSED)
                .select_related("settlement")
                .annotate(n_present=Count("attendances", distinct=True))
                .prefetch_related(Prefetch("questions", queryset=Question.objects.all()))
                .order_by("-closed_at")[:50])


def office_overview(municipality: Municipality) -> dict[str, list]:
    return {
        "rolls": list(Roll.objects.filter(municipality=municipality).select_related("settlement")
                      .annotate(n=Count("entries"))[:100]),
        "gatherings": list(Gathering.objects.filter(municipality=municipality)
                           .select_related("settlement")
                           .annotate(n_present=Count("attendances"))[:100]),
        "tos": list(Tos.objects.filter(municipality=municipality).select_related("settlement")),
        "starostas": list(Starosta.objects.filter(municipality=municipality)
                          .select_related("settlement")),
        "nominations": list(StarostaNomination.objects.filter(
            municipality=municipality, starosta__isnull=True).select_related("settlement")),
    }


def office_gathering(pk: int, municipality: Municipality) -> Gathering:
    gathering = (_scoped(Gathering, pk, municipality)
                 .select_related("roll", "settlement", "municipality")
                 .prefetch_related(
                     Prefetch("stages", queryset=_stages()),
                     Prefetch("questions", queryset=Question.objects.select_related("nominee")))
                 .first())
    if gathering is None:
        raise NotFound("Сход не найден.")
    return gathering


def _stages() -> QuerySet:
    from zemstvo.community.models import GatheringStage

    return GatheringStage.objects.annotate(n_present=Count("attendances"))


def roll_search(gathering: Gathering, query: str, limit: int = 20) -> list[RollEntry]:
    """Entries matching a name (or a number), each with the stage it was registered at."""
    query = (query or "").strip()
    if not query:
        return []
    entries = RollEntry.objects.filter(roll_id=gathering.roll_id)
    condition = Q(full_name__icontains=query)
    if query.isdigit():
        condition |= Q(number=int(query))
    entries = entries.filter(condition).prefetch_related(
        Prefetch("attendances", queryset=gathering.attendances.select_related("stage")))
    return list(entries.order_by("number")[:limit])


def office_roll(pk: int, municipality: Municipality) -> Roll:
    roll = (_scoped(Roll, pk, municipality).select_related("settlement")
            .first())
    if roll is None:
        raise NotFound("Список не найден.")
    return roll


def office_tos(pk: int, municipality: Municipality) -> Tos:
    tos = (_scoped(Tos, pk, municipality).select_related("settlement")
           .prefetch_related("officers", "members", "reports").first())
    if tos is None:
        raise NotFound("ТОС не найдено.")
    return tos


def office_starosta(pk: int, municipality: Municipality) -> Starosta:
    starosta = (_scoped(Starosta, pk, municipality)
                .select_related("settlement", "nomination__question__gathering")
                .prefetch_related("reports").first())
    if starosta is None:
        raise NotFound("Староста не найден.")
    return starosta


def office_nomination(pk: int, municipality: Municipality) -> StarostaNomination:
    nomination = (_scoped(StarostaNomination, pk, municipality)
                  .select_related("settlement", "question__gathering").first())
    if nomination is None:
        raise NotFound("Выдвижение не найдено.")
    return nomination


def public_report_files(reports: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Each report with its public files, in one query for all of them."""
    from django.contrib.contenttypes.models import ContentType

    from zemstvo.core.attachments.models import Attachment

    if not reports:
        return []
    files: dict[str, list[Any]] = {}
    found = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(reports[0]),
        object_id__in=[str(r.pk) for r in reports], is_public=True).order_by("uploaded_at", "id")
    for attachment in found:
        files.setdefault(attachment.object_id, []).append(attachment)
    return [(r, files.get(str(r.pk), [])) for r in reports]


def dashboard_counts(municipality_ids: list[int] | None) -> dict[str, int]:
    """Open сходы and nominations waiting for the representative body (two queries)."""
    gatherings = Gathering.objects.exclude(status=GatheringStatus.CLOSED)
    nominations = StarostaNomination.objects.filter(starosta__isnull=True)
    if municipality_ids is not None:
        gatherings = gatherings.filter(municipality_id__in=municipality_ids)
        nominations = nominations.filter(municipality_id__in=municipality_ids)
    return {"open": gatherings.count(), "nominations": nominations.count()}


def tos_url(tos: Tos) -> str:
    from django.urls import reverse

    return reverse("community:tos", kwargs={"municipality": tos.municipality.slug,
                                            "pk": tos.pk})


def tos_search_doc(tos: Tos) -> Any:
    """A ТОС in the site search: its name, settlement, territory and officers."""
    from zemstvo.core.registry import SearchDoc

    officers = "; ".join(f"{o.office}: {o.full_name}" for o in tos.officers.all())
    body = "\n".join(part for part in (str(tos.settlement), tos.territory, officers) if part)
    return SearchDoc(kind="community", object_id=str(tos.pk), title=tos.name, body=body,
                     url=tos_url(tos), municipality_id=tos.municipality_id)


def search_documents() -> Any:
    found = Tos.objects.select_related("municipality", "settlement").prefetch_related("officers")
    for tos in found.order_by("pk"):
        yield tos_search_doc(tos)


def opendata_rows(municipality: Municipality | None) -> Any:
    """The ТОС registry: office-holders are public, members are not in it."""
    from django.conf import settings

    found = Tos.objects.select_related("municipality", "settlement").prefetch_related("officers")
    if municipality is not None:
        found = found.filter(municipality=municipality)
    site = settings.ZEMSTVO_SITE_URL.rstrip("/")
    for tos in found.order_by("pk"):
        yield {
            "id": tos.pk, "municipality": tos.municipality.name, "oktmo": tos.municipality.oktmo,
            "name": tos.name, "settlement": str(tos.settlement),
            "territory": "; ".join(tos.territory_lines), "status": tos.get_status_display(),
            "founded_on": tos.founded_on, "charter_number": tos.charter_number,
            "charter_registered_on": tos.charter_registered_on,
            "officers": "; ".join(f"{o.office}: {o.full_name}" for o in tos.officers.all()),
            "url": site + tos_url(tos),
        }
