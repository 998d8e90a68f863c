"""Services: changes are audited; bad input gives a Russian message and writes
nothing; a refused user writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.models import Notification
from zemstvo.core.notifications.services import subscribe
from zemstvo.programs import services
from zemstvo.programs.models import (
    Activity,
    BudgetLine,
    Milestone,
    Program,
    ProgressUpdate,
    Strategy,
    TargetIndicator,
)

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _counts():
    return (Program.objects.count(), Activity.objects.count(), BudgetLine.objects.count(),
            Milestone.objects.count(), ProgressUpdate.objects.count(), Strategy.objects.count(),
            AuditEvent.objects.count())


def test_program_save_is_audited(municipality, analyst):
    program = services.program_save(actor=analyst, municipality=municipality, code="01",
                                    title="Культура", year_from=2025, year_to=2027,
                                    responsible_unit="Отдел культуры")
    assert AuditEvent.objects.filter(action="programs.program_save",
                                     object_id=str(program.pk)).exists()


@pytest.mark.parametrize("kwargs, field", [
    ({"code": "", "title": "Культура", "year_from": 2025, "year_to": 2027}, "code"),
    ({"code": "01", "title": "", "year_from": 2025, "year_to": 2027}, "title"),
    ({"code": "01", "title": "Культура", "year_from": 2027, "year_to": 2025}, "year_to"),
    ({"code": "01", "title": "Культура", "year_from": 1900, "year_to": 2025}, "year_from"),
])
def test_bad_program_writes_nothing(municipality, analyst, kwargs, field):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.program_save(actor=analyst, municipality=municipality,
                              responsible_unit="Отдел", **kwargs)
    assert field in exc.value.field_errors
    assert exc.value.field_errors[field][0][0].isupper()
    assert _counts() == before


def test_duplicate_code_is_refused(program, municipality, analyst):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.program_save(actor=analyst, municipality=municipality, code="05",
                              title="Другая", year_from=2025, year_to=2026,
                              responsible_unit="Отдел")
    assert exc.value.field_errors["code"] == ["Программа с таким кодом уже есть."]
    assert _counts() == before


@pytest.mark.parametrize("year, source, plan, fact, field", [
    (2030, "local", "100", "0", "year"),
    (2026, "lottery", "100", "0", "source"),
    (2026, "local", "-5", "0", "plan"),
    (2026, "local", "сто", "0", "plan"),
    (2026, "local", "10.555", "0", "plan"),
    (2026, "local", "100", "-1", "fact"),
])
def test_bad_budget_line_writes_nothing(program, analyst, year, source, plan, fact, field):
    activity = program.activities.first()
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.budget_set(actor=analyst, activity=activity, year=year, source=source,
                            plan=plan, fact=fact)
    assert field in exc.value.field_errors
    assert _counts() == before


def test_budget_set_replaces_the_line(program, analyst):
    activity = program.activities.get(title="Парк")
    services.budget_set(actor=analyst, activity=activity, year=2026, source="local",
                        plan="1 200,50", fact="1000")
    line = BudgetLine.objects.get(activity=activity, year=2026, source="local")
    assert str(line.plan) == "1200.50"


def test_stranger_writes_nothing(program, other_admin, resident):
    activity = program.activities.first()
    before = _counts()
    for user in (other_admin, resident, None):
        with pytest.raises(NotAllowed):
            services.budget_set(actor=user, activity=activity, year=2026, source="local",
                                plan="1")
        with pytest.raises(NotAllowed):
            services.progress_post(actor=user, activity=activity, text="x", progress=5)
    assert _counts() == before


def test_progress_post_with_evidence_updates_activity_and_notifies(program, clerk, resident):
    subscribe(user=resident, target=program)
    activity = program.activities.get(title="Освещение")
    update = services.progress_post(
        actor=clerk, activity=activity, text="Установлено 12 опор", progress=60,
        files=[SimpleUploadedFile("akt.pdf", PDF, content_type="application/pdf")])
    activity.refresh_from_db()
    assert activity.reported_progress == 60
    assert [a.original_name for a in attachments_for(update)] == ["akt.pdf"]
    assert Notification.objects.filter(user=resident, kind="programs.progress").exists()


def test_progress_with_bad_evidence_writes_nothing(program, clerk):
    activity = program.activities.get(title="Освещение")
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.progress_post(
            actor=clerk, activity=activity, text="Готово", progress=100,
            files=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")])
    assert "files" in exc.value.field_errors
    assert _counts() == before
    activity.refresh_from_db()
    assert activity.reported_progress == 20


@pytest.mark.parametrize("text, progress, field", [("", 10, "text"), ("Сделано", 101, "progress")])
def test_bad_progress_writes_nothing(program, clerk, text, progress, field):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.progress_post(actor=clerk, activity=program.activities.first(), text=text,
                               progress=progress)
    assert field in exc.value.field_errors
    assert _counts() == before


def test_national_project_part_is_marked(program, analyst):
    sub = services.subprogram_add(actor=analyst, program=program, kind="project",
                                  title="Региональный проект", national_project="Инфраструктура")
    assert sub.is_national_project


def test_strategy_tree_and_bad_target(municipality, analyst, program):
    strategy = services.strategy_save(actor=analyst, municipality=municipality,
                                      title="Стратегия-2036", year_from=2025, year_to=2036)
    priority = services.priority_add(actor=analyst, strategy=strategy, title="Экономика")
    goal = services.goal_add(actor=analyst, priority=priority, title="Рост")
    task = services.task_add(actor=analyst, goal=goal, title="Дороги", programs=[program])
    assert list(task.programs.all()) == [program]
    before = TargetIndicator.objects.count()
    with pytest.raises(DomainError) as exc:
        services.target_add(actor=analyst, goal=goal, title="Доля", unit="%",
                            baseline_value="40", baseline_year=2024,
                            values={2026: ("много", None)})
    assert "values" in exc.value.field_errors
    assert TargetIndicator.objects.count() == before


def test_milestone_needs_a_date(program, analyst):
    before = _counts()
    with pytest.raises(DomainError) as exc:
        services.milestone_save(actor=analyst, activity=program.activities.first(),
                                title="Точка", planned_date=None)
    assert "planned_date" in exc.value.field_errors
    assert _counts() == before
    services.milestone_save(actor=analyst, activity=program.activities.first(), title="Точка",
                            planned_date=date(2026, 9, 1))


def test_program_is_found_by_search(program, municipality):
    from zemstvo.core.search.selectors import search

    results = search("инфраструктуры", municipality=municipality, kinds=["programs"])
    assert [h.title for h in results.hits][:1] == ["05 Развитие инфраструктуры"]
