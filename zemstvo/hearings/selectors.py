"""Reads of hearings for pages, the API, search, open data and the dashboard. Public
reads never touch Participant rows (personal data); the residents/others split comes
from Proposal.is_local."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from zemstvo.core.errors import NotFound
from zemstvo.core.permissions import can
from zemstvo.core.registry import SearchDoc
from zemstvo.core.territory.models import Municipality
from zemstvo.hearings.models import Procedure, Proposal, Stage, Status

PAGE_SIZE = 20
ACTIVE = (Status.NOTICE, Status.PUBLICATION, Status.EXPOSITION, Status.MEETING,
          Status.PROTOCOL, Status.CONCLUSION)
# Public columns of a proposal: no participant, nobody who entered it.
PUBLIC_PROPOSAL_FIELDS = ("id", "procedure_id", "number", "channel", "text", "is_local",
                          "submitted_at", "recommendation", "reason")


def public(municipality: Municipality | None = None) -> QuerySet[Procedure]:
    found = Procedure.objects.exclude(status=Status.DRAFT).select_related("municipality")
    if municipality is not None:
        found = found.filter(municipality=municipality)
    return found.prefetch_related("settlements", "stages").order_by("-notice_published_at",
                                                                      "-id")


def public_page(municipality: Municipality, *, page: Any, status: str = "", query: str = "",
                settlement: Any = None) -> Page:
    found = public(municipality)
    if status == "active":
        found = found.filter(status__in=ACTIVE)
    elif status == "closed":
        found = found.filter(status=Status.CLOSED)
    if query:
        found = found.filter(Q(title__icontains=query) | Q(project_info__icontains=query))
    if settlement is not None:
        found = found.filter(Q(settlements=settlement) | Q(settlements__isnull=True))
    return Paginator(found.distinct(), PAGE_SIZE).get_page(page)


def public_procedure(pk: int, municipality: Municipality | None = None) -> Procedure:
    found = public(municipality).filter(pk=pk).first()
    if found is None:
        raise NotFound("Процедура не найдена.")
    return found


def public_proposals(procedure: Procedure) -> list[Proposal]:
    """Proposals without anything about their authors (one query)."""
    return list(Proposal.objects.filter(procedure=procedure).only(*PUBLIC_PROPOSAL_FIELDS)
                .order_by("number"))


def split(proposals: list[Proposal]) -> tuple[list[Proposal], list[Proposal]]:
    """ГрК ст. 5.1 ч. 18 п. 5, ч. 22 п. 4: residents and right-holders of the territory
    apart from the other participants."""
    return [p for p in proposals if p.is_local], [p for p in proposals if not p.is_local]


def office_procedures(municipality: Municipality, status: str = "") -> QuerySet[Procedure]:
    found = Procedure.objects.filter(municipality=municipality).select_related(
        "municipality").annotate(proposal_count=Count("proposals"))
    if status in Status.values:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-id")


def office_procedure(user: Any, pk: int) -> Procedure:
    found = (Procedure.objects.select_related("municipality", "municipality__region")
             .prefetch_related("settlements", Prefetch("stages", Stage.objects.order_by(
                 "order"))).filter(pk=pk).first())
    if found is None or not can(user, "hearings.view_office", found):
        raise NotFound("Процедура не найдена.")
    return found


def dashboard_counts(municipality_ids: list[int] | None) -> dict[str, int]:
    found = Procedure.objects.all()
    if municipality_ids is not None:
        found = found.filter(municipality_id__in=municipality_ids)
    return found.aggregate(
        active=Count("pk", filter=Q(status__in=ACTIVE)),
        awaiting=Count("pk", filter=Q(status__in=(Status.PROTOCOL, Status.CONCLUSION))),
    )


def search_doc(procedure: Procedure) -> SearchDoc:
    body = "\n\n".join(part for part in (
        procedure.get_kind_display(), procedure.project_info, procedure.materials_list,
        procedure.conclusion_summary) if part)
    return SearchDoc(kind="hearings", object_id=str(procedure.pk), title=procedure.title,
                     body=body, url=procedure.get_absolute_url(),
                     municipality_id=procedure.municipality_id,
                     published_at=procedure.notice_published_at)


def search_documents() -> Iterator[SearchDoc]:
    for procedure in Procedure.objects.exclude(status=Status.DRAFT).select_related(
            "municipality").iterator(chunk_size=500):
        yield search_doc(procedure)


def opendata_rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    """The procedures with their counts of proposals: nothing about a person."""
    found = Procedure.objects.exclude(status=Status.DRAFT).select_related(
        "municipality").annotate(
        proposals_total=Count("proposals"),
        proposals_local=Count("proposals", filter=Q(proposals__is_local=True)))
    if municipality is not None:
        found = found.filter(municipality=municipality)
    site = settings.ZEMSTVO_SITE_URL.rstrip("/")
    for procedure in found.order_by("pk").iterator(chunk_size=500):
        yield {
            "id": procedure.pk,
            "municipality": procedure.municipality.name,
            "oktmo": procedure.municipality.oktmo,
            "kind": procedure.get_kind_display(),
            "form": procedure.get_form_display(),
            "title": procedure.title,
            "status": procedure.get_status_display(),
            "notice_published_at": procedure.notice_published_at,
            "conclusion_published_at": procedure.conclusion_published_at,
            "proposals_total": procedure.proposals_total,
            "proposals_local": procedure.proposals_local,
            "url": site + procedure.get_absolute_url(),
        }
