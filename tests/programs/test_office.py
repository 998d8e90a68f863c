"""Office pages: staff keep programs, activities, budget (form and XLSX), milestones
and post progress with evidence; others are refused; bad input shows the service's
message and writes nothing; the dashboard card alerts late control points."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.programs.test_services import PDF
from zemstvo.core.shell.selectors import dashboard_cards
from zemstvo.programs.models import BudgetLine, Milestone, Program, ProgressUpdate

pytestmark = pytest.mark.django_db


def test_analyst_creates_a_program(client, analyst, municipality):
    client.force_login(analyst)
    url = reverse("office_programs:list") + f"?m={municipality.slug}"
    response = client.post(url, {"form": "program", "m": municipality.slug,
                                 "program-code": "07", "program-title": "Спорт",
                                 "program-year_from": 2025, "program-year_to": 2027,
                                 "program-responsible_unit": "Отдел спорта"})
    assert response.status_code == 302
    assert Program.objects.filter(municipality=municipality, code="07").exists()


def test_bad_program_shows_the_message_and_writes_nothing(client, analyst, municipality):
    client.force_login(analyst)
    response = client.post(reverse("office_programs:list"), {
        "form": "program", "m": municipality.slug, "program-code": "07",
        "program-title": "Спорт", "program-year_from": 2027, "program-year_to": 2025,
        "program-responsible_unit": "Отдел"})
    assert response.status_code == 200
    assert "Конец периода раньше его начала." in response.content.decode()
    assert not Program.objects.exists()


def test_resident_and_other_admin_are_refused(client, resident, other_admin, program):
    for user in (resident, other_admin):
        client.force_login(user)
        assert client.get(reverse("office_programs:program", args=[program.pk])).status_code in (
            403, 404)


def test_budget_template_and_import_through_the_page(client, analyst, program):
    client.force_login(analyst)
    content = client.get(reverse("office_programs:budget_template", args=[program.pk])).content
    book = load_workbook(io.BytesIO(content))
    sheet = book["Бюджет"]
    sheet.cell(row=2, column=5).value = "abc"
    buffer = io.BytesIO()
    book.save(buffer)
    before = list(BudgetLine.objects.values_list("plan", flat=True).order_by("pk"))
    response = client.post(reverse("office_programs:program", args=[program.pk]), {
        "form": "budget", "budget-file": SimpleUploadedFile("b.xlsx", buffer.getvalue())})
    html = response.content.decode()
    assert "Лист «Бюджет», строка 2, столбец E" in html
    assert list(BudgetLine.objects.values_list("plan", flat=True).order_by("pk")) == before


def test_clerk_posts_progress_with_evidence_but_cannot_edit_budget(client, clerk, program):
    activity = program.activities.get(title="Освещение")
    client.force_login(clerk)
    url = reverse("office_programs:activity", args=[activity.pk])
    page = client.get(url)
    assert "budget" not in page.context["forms"] and "progress" in page.context["forms"]
    response = client.post(url, {"form": "progress", "progress-text": "Смонтированы опоры",
                                 "progress-progress": 70,
                                 "progress-files": SimpleUploadedFile(
                                     "akt.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().progress == 70
    client.post(url, {"form": "budget", "budget-year": 2026, "budget-source": "local",
                      "budget-plan": "1"})
    assert not BudgetLine.objects.filter(activity=activity).exists()


def test_analyst_adds_a_milestone(client, analyst, program):
    activity = program.activities.get(title="Парк")
    client.force_login(analyst)
    client.post(reverse("office_programs:activity", args=[activity.pk]), {
        "form": "milestone", "milestone-title": "Посадка деревьев",
        "milestone-planned_date": "2026-10-01"})
    assert Milestone.objects.filter(activity=activity, title="Посадка деревьев").exists()


def test_strategy_page_builds_the_tree(client, analyst, municipality, program):
    client.force_login(analyst)
    client.post(reverse("office_programs:list"), {
        "form": "strategy", "m": municipality.slug, "strategy-title": "Стратегия до 2036",
        "strategy-year_from": 2025, "strategy-year_to": 2036})
    strategy = municipality.strategies.get()
    url = reverse("office_programs:strategy", args=[strategy.pk])
    client.post(url, {"form": "priority", "priority-title": "Экономика"})
    priority = strategy.priorities.get()
    client.post(url, {"form": "goal", "goal-priority": priority.pk, "goal-title": "Рост"})
    goal = priority.goals.get()
    client.post(url, {"form": "task", "task-goal": goal.pk, "task-title": "Дороги",
                      "task-programs": [program.pk]})
    response = client.post(url, {"form": "target", "target-goal": goal.pk,
                                 "target-title": "Доля дорог", "target-unit": "%",
                                 "target-baseline_value": "40", "target-baseline_year": 2024,
                                 "target-values": "2025; 45; 44\n2026; 50"})
    assert response.status_code == 302
    assert list(goal.tasks.get().programs.all()) == [program]
    assert [(v.year, v.fact) for v in goal.targets.get().values.all()][1] == (2026, None)
    bad = client.post(url, {"form": "target", "target-goal": goal.pk, "target-title": "Ещё",
                            "target-unit": "%", "target-baseline_value": "1",
                            "target-baseline_year": 2024, "target-values": "двадцать"})
    assert "Строка 1" in bad.content.decode()
    assert goal.targets.count() == 1


def test_dashboard_card_alerts_late_milestones(analyst, municipality, program):
    card = next(c for c in dashboard_cards(analyst, municipality) if c["title"] == "Программы")
    [line] = card["lines"]
    assert line.value == 1 and line.alert is True


def test_analyst_records_a_reached_milestone_and_a_delay(client, analyst, program):
    activity = program.activities.get(title="Ремонт школы")
    late = activity.milestones.get(title="Кровля")
    client.force_login(analyst)
    url = reverse("office_programs:activity", args=[activity.pk])
    response = client.post(url, {"form": "milestone_report",
                                 "milestone_report-milestone": late.pk,
                                 "milestone_report-delay_reason": "Дожди"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.delay_reason == "Дожди" and late.actual_date is None
    client.post(url, {"form": "milestone_report", "milestone_report-milestone": late.pk,
                      "milestone_report-actual_date": "2026-07-01"})
    late.refresh_from_db()
    assert str(late.actual_date) == "2026-07-01" and late.title == "Кровля"
