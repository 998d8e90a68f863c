"""Public pages: the programs list (with linked initiative projects), the program
page (planned, done, money, late and why; chart with its table), an activity, the
strategy; fixed query counts at two sizes; news linked to a program show on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.news.factories import PublishedNewsFactory
from tests.programs.factories import grow
from zemstvo.news import services as news_services
from zemstvo.programs import services

pytestmark = pytest.mark.django_db


def _url(name, municipality, **kwargs):
    return reverse(f"programs:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def test_program_page_shows_plan_money_and_what_is_late(client, program, municipality):
    response = client.get(_url("detail", municipality, pk=program.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ремонт школы" in html and "Кровля" in html
    assert "Подрядчик сорвал поставку" in html
    assert '<svg class="programs-chart"' in html and "<table" in html
    report = response.context["report"]
    assert str(report["progress"]) == "54.0"
    assert "62,5" in html or "62.5" in html  # 2026 execution in the table
    assert "comment" in html.lower()


def test_program_of_another_portal_is_not_found(client, program, other_municipality):
    assert client.get(_url("detail", other_municipality, pk=program.pk)).status_code == 404


@pytest.mark.parametrize("extra", [0, 15])
def test_program_page_costs_a_fixed_number_of_queries(
        client, program, municipality, analyst, extra, django_assert_max_num_queries):
    grow(program, analyst, extra)
    with django_assert_max_num_queries(16):
        assert client.get(_url("detail", municipality, pk=program.pk)).status_code == 200


@pytest.mark.parametrize("extra", [0, 3])
def test_list_costs_a_fixed_number_of_queries(
        client, program, municipality, analyst, extra, django_assert_max_num_queries):
    for number in range(extra):
        other = services.program_save(actor=analyst, municipality=municipality,
                                      code=f"1{number}", title=f"Программа {number}",
                                      year_from=2025, year_to=2027, responsible_unit="Отдел")
        grow(other, analyst, 3)
    with django_assert_max_num_queries(10):
        response = client.get(_url("list", municipality))
    assert response.status_code == 200
    assert len(response.context["summaries"]) == 1 + extra


def test_activity_page_shows_milestones_and_updates(client, program, municipality, clerk):
    activity = program.activities.get(title="Ремонт школы")
    services.progress_post(actor=clerk, activity=activity, text="Заменены окна", progress=50)
    html = client.get(_url("activity", municipality, pk=activity.pk)).content.decode()
    assert "Заменены окна" in html and "просрочено" in html


@pytest.mark.parametrize("goals", [1, 4])
def test_strategy_page_shows_the_goals_tree_in_fixed_queries(
        client, program, municipality, analyst, goals, django_assert_max_num_queries):
    strategy = services.strategy_save(actor=analyst, municipality=municipality,
                                      title="Стратегия до 2036 года", year_from=2025,
                                      year_to=2036)
    priority = services.priority_add(actor=analyst, strategy=strategy, title="Экономика")
    for number in range(goals):
        goal = services.goal_add(actor=analyst, priority=priority, title=f"Цель {number}")
        services.task_add(actor=analyst, goal=goal, title=f"Задача {number}",
                          programs=[program])
        services.target_add(actor=analyst, goal=goal, title=f"Показатель {number}", unit="%",
                            baseline_value="40", baseline_year=2024,
                            values={2025: ("50", "45"), 2026: ("60", None)})
    with django_assert_max_num_queries(12):
        response = client.get(_url("strategy", municipality, pk=strategy.pk))
    html = response.content.decode()
    assert "Цель 0" in html and "Показатель 0" in html and program.title in html
    row = response.context["priorities"][0]["goals"][0]["targets"][0]["rows"][0]
    assert str(row["progress"]) == "50.0" and str(row["deviation"]) == "-10.0"


def test_selected_initiative_projects_are_linked_not_copied(
        client, municipality, municipal_admin, verified_resident):
    from tests.initiatives.factories import open_round, ready_draft
    from zemstvo.initiatives.models import Project

    round_ = open_round(municipality, municipal_admin)
    project = ready_draft(round_, verified_resident, title="Детская площадка у школы")
    draft = ready_draft(round_, verified_resident, title="Черновик проекта сквера")
    now = timezone.now()
    Project.objects.filter(pk=project.pk).update(status="implementation", progress=40,
                                                 submitted_at=now, published_at=now)
    html = client.get(_url("list", municipality)).content.decode()
    assert "Инициативные проекты" in html
    assert "Детская площадка у школы" in html and project.get_absolute_url() in html
    assert draft.title not in html


def test_news_linked_to_a_program_show_on_its_page(client, program, municipality, editor):
    item = news_services.news_create(actor=editor, municipality=municipality,
                                     title="Школа открылась после ремонта", body="Текст",
                                     related=program)
    news_services.news_publish(actor=editor, item=item,
                               published_at=timezone.now() - timedelta(hours=1))
    PublishedNewsFactory(municipality=municipality, title="Новость без связи")
    html = client.get(_url("detail", municipality, pk=program.pk)).content.decode()
    assert "Школа открылась после ремонта" in html
    assert "Новость без связи" not in html


@pytest.mark.parametrize("updates", [1, 6])
def test_activity_page_costs_a_fixed_number_of_queries(
        client, program, municipality, clerk, updates, django_assert_max_num_queries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.programs.test_services import PDF

    activity = program.activities.get(title="Ремонт школы")
    for number in range(updates):
        services.progress_post(actor=clerk, activity=activity, text=f"Этап {number}",
                               progress=10 + number, files=[SimpleUploadedFile(
                                   f"akt{number}.pdf", PDF, content_type="application/pdf")])
    with django_assert_max_num_queries(8):
        response = client.get(_url("activity", municipality, pk=activity.pk))
    html = response.content.decode()
    assert f"akt{updates - 1}.pdf" in html and "akt0.pdf" in html
