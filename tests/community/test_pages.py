"""Public pages and the API: the ТОС registry and page (with its initiative projects),
the starostas, completed сходы; fixed query counts at two sizes; no personal data of a
roll or of ТОС members anywhere public."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.community.conftest import SECRET_NAME, register
from zemstvo.community import services
from zemstvo.community.models import FoundingForm, QuestionKind

pytestmark = pytest.mark.django_db

MEMBER_NAME = "Членова Секретина Ивановна"


def _index(m):
    return reverse("community:index", kwargs={"municipality": m.slug})


def _tos_page(tos):
    return reverse("community:tos", kwargs={"municipality": tos.municipality.slug, "pk": tos.pk})


def _fill(clerk, municipality, settlement, n: int) -> None:
    for i in range(n):
        tos = services.tos_register(
            actor=clerk, municipality=municipality, settlement=settlement, name=f"ТОС №{i}",
            territory="ул. Полевая", founding_form=FoundingForm.MEETING,
            founded_on=date(2025, 1, 1), eligible=30, present=10)
        services.tos_officer_add(actor=clerk, tos=tos, office="Председатель",
                                 full_name=f"Председатель {i}")
        services.tos_report_add(actor=clerk, tos=tos, year=2025, text="Отчёт")


@pytest.fixture
def closed_gathering(clerk, gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Старосту выдвинуть",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.get(number=1))
    services.question_record_votes(actor=clerk, question=question, votes_for=5,
                                   votes_against=1, votes_abstained=0)
    services.gathering_close(actor=clerk, gathering=gathering, protocol_number="3")
    services.starosta_appoint(actor=clerk, nomination=question.nomination,
                              decision_number="15-р", decision_date=date(2026, 4, 1),
                              term_years=5, phone="+7 900 111-22-33")
    return gathering


@pytest.mark.parametrize("size", [1, 6])
def test_the_index_takes_a_fixed_number_of_queries(client, clerk, municipality, settlement,
                                                   size, django_assert_max_num_queries):
    _fill(clerk, municipality, settlement, size)
    with django_assert_max_num_queries(12):
        response = client.get(_index(municipality))
    assert response.status_code == 200
    assert response.content.decode().count("ТОС №") == size


@pytest.mark.parametrize("reports", [1, 4])
def test_a_tos_page_takes_a_fixed_number_of_queries(client, clerk, tos, reports,
                                                    django_assert_max_num_queries):
    for year in range(2025, 2025 - reports, -1):
        tos.founded_on = date(2020, 1, 1)
        services.tos_report_add(actor=clerk, tos=tos, year=year, text=f"Отчёт за {year}")
    with django_assert_max_num_queries(12):
        response = client.get(_tos_page(tos))
    assert response.status_code == 200
    assert response.content.decode().count("Отчёт за") == reports


def test_the_tos_page_shows_territory_officers_and_hides_members(client, clerk, tos):
    services.tos_officer_add(actor=clerk, tos=tos, office="Председатель совета",
                             full_name="Председателев Пётр")
    services.tos_member_add(actor=clerk, tos=tos, full_name=MEMBER_NAME, address="ул. Тайная")
    body = client.get(_tos_page(tos)).content.decode()
    assert "ул. Садовая" in body and "Председателев Пётр" in body
    assert MEMBER_NAME not in body and "ул. Тайная" not in body


def test_a_tos_of_another_municipality_is_not_found(client, tos, other_municipality):
    url = reverse("community:tos", kwargs={"municipality": other_municipality.slug,
                                           "pk": tos.pk})
    assert client.get(url).status_code == 404


def test_the_tos_page_lists_its_initiative_projects(client, tos, municipality,
                                                    municipal_admin):
    from django.utils import timezone

    from tests.initiatives.factories import open_round
    from zemstvo.initiatives.models import Project

    round_ = open_round(municipality, municipal_admin)
    common = {"round": round_, "municipality": municipality, "territory": "ул. Садовая",
              "problem": "п", "justification": "о", "expected_result": "р", "timeline": "лето",
              "beneficiaries": 10, "territory_population": 100, "created_by": municipal_admin,
              "submitted_at": timezone.now()}
    Project.objects.create(title="Площадка ТОС", initiator_kind="tos",
                           initiator_name="тос «заречье»", group_code="a1", status="published",
                           **common)
    Project.objects.create(title="Чужой проект", initiator_kind="tos",
                           initiator_name="ТОС «Другое»", group_code="a2", status="published",
                           **common)
    Project.objects.create(title="Черновик ТОС", initiator_kind="tos",
                           initiator_name="ТОС «Заречье»", group_code="a3", status="draft",
                           **{**common, "submitted_at": None})
    body = client.get(_tos_page(tos)).content.decode()
    assert "Площадка ТОС" in body
    assert "Чужой проект" not in body and "Черновик ТОС" not in body


def test_public_pages_and_the_api_carry_no_personal_data_of_the_roll(client, closed_gathering,
                                                                     municipality):
    """The starosta is an office-holder (public); the rest of the roll is not."""
    urls = [_index(municipality),
            reverse("community:starostas", kwargs={"municipality": municipality.slug}),
            f"/api/v1/tos?municipality={municipality.slug}",
            f"/api/v1/starostas?municipality={municipality.slug}"]
    others = list(closed_gathering.roll.entries.exclude(number=1))
    for url in urls:
        body = client.get(url).content.decode()
        for entry in others:
            assert entry.full_name not in body, url
        assert "14.07.1961" not in body and "1961-07-14" not in body, url
        assert "ул. Тайная" not in body, url
    index = client.get(urls[0]).content.decode()
    assert "Старосту выдвинуть" in index and "Протокол № 3" in index


def test_the_starostas_page_lists_the_appointed(client, closed_gathering, municipality):
    body = client.get(reverse("community:starostas",
                              kwargs={"municipality": municipality.slug})).content.decode()
    assert SECRET_NAME in body and "15-р" in body and "01.04.2031" in body


def test_the_api_lists_tos_and_starostas(client, closed_gathering, tos, municipality):
    tos_rows = client.get(f"/api/v1/tos?municipality={municipality.slug}").json()
    assert [t["name"] for t in tos_rows] == ["ТОС «Заречье»"]
    assert tos_rows[0]["territory"] == ["ул. Лесная, д. 1–25", "ул. Садовая"]
    assert "members" not in tos_rows[0]
    starostas = client.get(f"/api/v1/starostas?municipality={municipality.slug}").json()
    assert starostas[0]["term_ends_on"] == "2031-04-01"


def test_the_api_answers_404_for_an_unknown_municipality(client):
    response = client.get("/api/v1/tos?municipality=nowhere")
    assert response.status_code == 404
    assert client.get("/api/v1/starostas").status_code == 422


def test_the_municipality_home_page_has_the_community_block(client, tos, municipality):
    body = client.get(f"/m/{municipality.slug}/").content.decode()
    assert "ТОС в реестре: 1" in body


def test_the_office_dashboard_flags_nominations_waiting_for_a_decision(client, clerk,
                                                                       gathering):
    register(clerk, gathering, 6)
    question = services.question_add(actor=clerk, gathering=gathering, text="Староста",
                                     kind=QuestionKind.NOMINATION,
                                     nominee=gathering.roll.entries.first())
    services.question_record_votes(actor=clerk, question=question, votes_for=6,
                                   votes_against=0, votes_abstained=0)
    client.force_login(clerk)
    body = client.get("/office/").content.decode()
    assert "Выдвинутые старосты ждут решения представительного органа" in body


@pytest.mark.parametrize("count", [1, 4])
def test_the_starostas_page_takes_a_fixed_number_of_queries(client, clerk, municipality,
                                                            settlement, count,
                                                            django_assert_max_num_queries):
    from tests.community.conftest import make_roll

    for n in range(count):
        roll = make_roll(clerk, municipality, settlement, size=2)
        gathering = services.gathering_create(actor=clerk, roll=roll, title=f"Сход {n}",
                                              called_by="Глава",
                                              stages=[(date(2026, 3, 1), "Клуб")])
        register(clerk, gathering, 2)
        question = services.question_add(actor=clerk, gathering=gathering, text="Староста",
                                         kind=QuestionKind.NOMINATION,
                                         nominee=roll.entries.first())
        services.question_record_votes(actor=clerk, question=question, votes_for=2,
                                       votes_against=0, votes_abstained=0)
        starosta = services.starosta_appoint(actor=clerk, nomination=question.nomination,
                                             decision_number=f"{n}-р",
                                             decision_date=date(2026, 4, 1), term_years=5)
        services.starosta_report_add(actor=clerk, starosta=starosta, year=2026,
                                     text=f"Отчёт старосты {n}")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("community:starostas",
                                      kwargs={"municipality": municipality.slug}))
    assert response.content.decode().count("Отчёт старосты") == count


def test_a_tos_is_found_by_the_site_search_and_leaves_it_when_removed(clerk, tos):
    from zemstvo.core.search.selectors import search

    services.tos_officer_add(actor=clerk, tos=tos, office="Председатель",
                             full_name="Заречнов Пётр")
    assert [hit.title for hit in search("Заречнов", kinds=["community"]).hits] == [tos.name]
    services.tos_remove(actor=clerk, tos=tos)
    assert search("Заречнов", kinds=["community"]).hits == []


def test_the_open_data_registry_has_officers_and_no_members(clerk, tos, municipality):
    from zemstvo.community.selectors import opendata_rows

    services.tos_officer_add(actor=clerk, tos=tos, office="Председатель", full_name="Петров П.")
    services.tos_member_add(actor=clerk, tos=tos, full_name=MEMBER_NAME, address="ул. Тайная")
    rows = list(opendata_rows(municipality))
    assert rows[0]["officers"] == "Председатель: Петров П."
    assert MEMBER_NAME not in str(rows) and "ул. Тайная" not in str(rows)
