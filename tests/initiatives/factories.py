"""Building initiative records for tests through the services (so the rules, the
deadlines and the audit are those of production)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import VerifiedResidentFactory
from zemstvo.initiatives import rounds, services
from zemstvo.initiatives.models import CriterionInput, CriterionKind, Project, SelectionRound

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_file(name: str = "protocol.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def round_data(today: date, **changes: Any) -> rounds.RoundData:
    values = {
        "year": today.year, "title": f"Народный бюджет {today.year}",
        "budget_regional": Decimal("600000"), "budget_local": Decimal("400000"),
        "acceptance_from": today - timedelta(days=10), "acceptance_to": today + timedelta(days=20),
        "scoring_until": today + timedelta(days=40), "results_date": today + timedelta(days=50),
    }
    values.update(changes)
    return rounds.RoundData(**values)


def open_round(municipality, staff, *, now: datetime | None = None,
               **changes: Any) -> SelectionRound:
    """A round with a two-criterion matrix, opened (rules snapshotted)."""
    today = timezone.localtime(now or timezone.now(), municipality.tz).date()
    round_ = rounds.round_create(actor=staff, municipality=municipality,
                                 data=round_data(today, **changes))
    rounds.criterion_add(actor=staff, round_=round_, title="Доля софинансирования",
                         kind=CriterionKind.BANDS, input=CriterionInput.CO_FINANCING,
                         weight="2", bands="0-5:0\n5-10:3\n10-:5")
    rounds.criterion_add(actor=staff, round_=round_, title="Социальная значимость",
                         kind=CriterionKind.SCALE, input=CriterionInput.MANUAL, weight="1",
                         scale_min=0, scale_max=10)
    return rounds.round_open(actor=staff, round_=round_, now=now)


def project_data(**changes: Any) -> services.ProjectData:
    values: dict[str, Any] = {
        "title": "Детская площадка на улице Садовой",
        "problem": "Во дворах нет места для игр детей.",
        "justification": "Площадка у школы соберёт детей трёх кварталов.",
        "expected_result": "Безопасная площадка для 300 детей.",
        "timeline": "май — август",
        "territory": "ул. Садовая, 12",
        "beneficiaries": 300, "territory_population": 1000,
        "participation": "Жители покрасят ограждение.",
        "cost_items": [services.CostLine("Игровой комплекс", "1", "800000"),
                       services.CostLine("Покрытие, кв. м", "100", "2000")],
        "financing": [
            services.FinancingLine("residents", "50000", "Краска и инструмент", "10000", 200),
            services.FinancingLine("businesses", "50000"),
            services.FinancingLine("local_budget", "300000"),
            services.FinancingLine("regional_subsidy", "600000"),
        ],
    }
    values.update(changes)
    return services.ProjectData(**values)


def group(project: Project, size: int, **resident: Any) -> list[Any]:
    """``size`` more verified residents confirm membership through the invitation."""
    members = []
    for _ in range(size):
        person = VerifiedResidentFactory(
            residence_municipality=project.municipality,
            residence_settlement=resident.get("settlement"),
            birth_date=resident.get("birth_date", date(1980, 1, 1)))
        services.group_join(actor=person, code=project.group_code)
        members.append(person)
    return members


def ready_draft(round_, initiator, **changes: Any) -> Project:
    """A draft that may be submitted: a full group and a meeting protocol."""
    project = services.project_create(actor=initiator, round_=round_,
                                      data=project_data(**changes))
    group(project, 9)
    services.evidence_add(actor=initiator, project=project, kind="meeting", count=150,
                          held_on=timezone.localdate() - timedelta(days=3), file=pdf_file())
    return project
