"""Public pages: a region, a municipality's portal home, its settlements."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zemstvo.core import registry
from zemstvo.core.registry import HomeBlock, ModuleManifest
from zemstvo.core.territory.models import Settlement

pytestmark = pytest.mark.django_db

MAX_REGION_QUERIES = 3
MAX_SETTLEMENTS_QUERIES = 4
# municipality, its поселения, settlement figures, and every module's home block
# (news, initiatives, voting, council, community: a few queries each; the test
# module's block: one). What matters is that it does not grow with the data (below).
MAX_HOME_QUERIES = 20


def _spaces(html: str) -> str:
    # Numbers are grouped with (narrow) no-break spaces in Russian.
    return html.replace("\xa0", " ").replace("\u202f", " ")


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _assert_fixed_queries(client, url: str, grow, limit: int, django_assert_max_num_queries):
    client.get(url)  # warm caches that are filled once per process
    small = _count_queries(client, url)
    grow()
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    assert _count_queries(client, url) == small


def test_region_page_groups_municipalities_by_kind_with_population(client, territory):
    response = client.get(reverse("territory:region", args=["vologodskaya-oblast"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Вологодская область</h1>" in html
    assert html.index("Городские округа") < html.index("Муниципальные районы")
    assert html.index("Муниципальные районы") < html.index("Сельские поселения")
    assert "городской округ город Вологда" in html
    assert "<td>301 642</td>" in _spaces(html)
    assert "Северо-Западный" in html
    assert reverse("territory:municipality", args=["kirillovskiy-rn"]) in html


def test_region_page_costs_a_fixed_number_of_queries(
    client, territory, django_assert_max_num_queries
):
    url = reverse("territory:region", args=["vologodskaya-oblast"])
    _assert_fixed_queries(client, url, territory.grow, MAX_REGION_QUERIES,
                          django_assert_max_num_queries)


def test_unknown_region_and_municipality_are_404(client, territory):
    assert client.get("/r/nowhere/").status_code == 404
    assert client.get("/m/nowhere/").status_code == 404
    assert client.get("/m/nowhere/settlements/").status_code == 404


def test_municipality_home_shows_the_municipality_and_the_portal_header(client, territory):
    response = client.get(reverse("territory:municipality", args=["kirillovskiy-rn"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Кирилловский муниципальный район</h1>" in html
    assert "муниципальный район" in html
    assert reverse("territory:region", args=["vologodskaya-oblast"]) in html
    assert "г Кириллов" in html  # the centre
    assert "городское поселение город Кириллов" in html  # a поселение in it
    # settlements of its поселения: Кириллов, Ферапонтово, Ивановка
    assert f'{reverse("territory:settlements", args=["kirillovskiy-rn"])}">3</a>' in html
    # the header shows the portal and the menu its sections
    assert response.wsgi_request.municipality == territory.district
    assert html.count("Кирилловский муниципальный район") >= 2
    assert 'href="/m/kirillovskiy-rn/settlements/">Населённые пункты</a>' in html


@pytest.fixture
def block_module(monkeypatch, settings):
    """A module of the test's own with two home blocks, one before the real modules'
    blocks and one after; each block's context costs one query."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}
    ]

    def context(label):
        return lambda municipality: {
            "label": label,
            "count": Settlement.objects.filter(municipality__region=municipality.region).count(),
        }

    manifest = ModuleManifest(
        label="blocktest", title="Блоки",
        home_blocks=(
            HomeBlock(title="Последний блок", template="territory_test/block.html",
                      context=context("last"), order=1000),
            HomeBlock(title="Первый блок", template="territory_test/block.html",
                      context=context("first"), order=1),
        ),
    )
    monkeypatch.setattr(registry, "_modules", [*registry.modules(), manifest])
    return manifest


def test_municipality_home_renders_every_modules_home_blocks_in_order(
    client, territory, block_module
):
    response = client.get(reverse("territory:municipality", args=["vologda"]))

    html = response.content.decode()
    assert "<h2>Первый блок</h2>" in html and "<h2>Последний блок</h2>" in html
    assert html.index("Первый блок") < html.index("Последний блок")
    assert '<p class="test-block">first: 4</p>' in html
    other_titles = [
        str(block.title)
        for manifest in registry.modules()
        for block in manifest.home_blocks
        if manifest.label != "blocktest"
    ]
    for title in other_titles:
        assert html.index("Первый блок") < html.index(f"<h2>{title}</h2>")
        assert html.index(f"<h2>{title}</h2>") < html.index("Последний блок")


def test_municipality_home_costs_a_fixed_number_of_queries(
    client, territory, block_module, django_assert_max_num_queries
):
    url = reverse("territory:municipality", args=["kirillovskiy-rn"])
    _assert_fixed_queries(client, url, territory.grow, MAX_HOME_QUERIES,
                          django_assert_max_num_queries)


def test_inactive_municipality_has_no_portal(client, territory):
    territory.okrug.is_active = False
    territory.okrug.save()

    assert client.get(reverse("territory:municipality", args=["vologda"])).status_code == 404


def test_settlements_page_marks_support_settlements_and_their_adjacent(client, territory):
    territory.ferapontovo.is_support = True
    territory.ferapontovo.save()
    territory.ferapontovo.adjacent.set([territory.ivanovka])

    response = client.get(reverse("territory:settlements", args=["kirillovskiy-rn"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Населённые пункты</h1>" in html
    rows = html.split("<tr>")
    ferapontovo = next(r for r in rows if "д Ферапонтово" in r)
    assert "опорный населённый пункт" in ferapontovo
    assert "Прилегающие: д Ивановка" in ferapontovo
    kirillov = next(r for r in rows if "г Кириллов" in r)
    assert "опорный населённый пункт" not in kirillov
    assert "г Вологда" not in html  # another municipality's


def test_settlements_page_costs_a_fixed_number_of_queries(
    client, territory, django_assert_max_num_queries
):
    url = reverse("territory:settlements", args=["kirillovskiy-rn"])
    _assert_fixed_queries(client, url, territory.grow, MAX_SETTLEMENTS_QUERIES,
                          django_assert_max_num_queries)


def test_settlements_page_is_paged(client, territory, monkeypatch):
    monkeypatch.setattr("zemstvo.core.territory.views.SETTLEMENTS_PER_PAGE", 2)
    url = reverse("territory:settlements", args=["kirillovskiy-rn"])

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert "Страница 1 из 2" in first and "д Ивановка" in first and "г Кириллов" in first
    assert "д Ферапонтово" in second and "г Кириллов" not in second
