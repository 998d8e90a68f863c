"""Procedures for the hearings tests, built through the services (dated in 2026, a
year the shipped production calendar knows)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from zemstvo.hearings import services
from zemstvo.hearings.demo import tiny_pdf
from zemstvo.hearings.models import Procedure, ProcedureKind, Status

NOTICE_DATE = date(2026, 3, 2)


def noon(municipality: Any, day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=municipality.tz)


def procedure(actor: Any, municipality: Any, *, kind: str = ProcedureKind.GENPLAN,
              notice_date: date = NOTICE_DATE, settlements=(), form: str | None = None,
              title: str = "Проект изменений в генеральный план") -> Procedure:
    created = services.procedure_create(
        actor=actor, municipality=municipality, kind=kind, title=title,
        notice_date=notice_date, settlements=settlements, form=form)
    meeting = created.stages.filter(kind="meeting").first()
    return services.procedure_update_notice(
        actor=actor, procedure=created, project_info="Проект изменений в генплан.",
        materials_list="Карты, пояснительная записка.", exposition_place="Администрация",
        exposition_hours="пн–пт 9–17", proposals_method="Через портал и письменно.",
        site_url="https://example.org/h", meeting_place="Дом культуры" if meeting else "",
        meeting_at=noon(municipality, meeting.starts_on) if meeting else None)


def advance_to(actor: Any, proc: Procedure, status: str) -> Procedure:
    """Walk the procedure to ``status``, each step at a lawful moment."""
    municipality = proc.municipality
    while proc.status != status:
        following = services._next_status(proc)
        stage = proc.stages.filter(kind=following).first()
        if following == Status.NOTICE:
            moment = noon(municipality, stage.starts_on) - timedelta(hours=3)
        elif following == Status.PUBLICATION:
            services.procedure_attach(actor=actor, procedure=proc, title="Проект",
                                      file=SimpleUploadedFile("p.pdf", tiny_pdf("Проект"),
                                                              "application/pdf"))
            moment = noon(municipality, stage.starts_on)
        elif following in (Status.EXPOSITION, Status.MEETING):
            moment = noon(municipality, stage.starts_on)
        else:
            moment = services.proposals_window(proc)[1] + timedelta(hours=1)
        proc = services.procedure_advance(actor=actor, procedure=proc, now=moment)
    return proc


def in_window(proc: Procedure) -> datetime:
    return services.proposals_window(proc)[0] + timedelta(hours=10)
