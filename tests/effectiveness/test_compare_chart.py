"""The regional comparison draws a chart on the server (inline SVG, no scripts, no
outside hosts), captioned and linked to the tables that carry its data, in a fixed
number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.effectiveness.conftest import YEAR, accepted, peers
from zemstvo.effectiveness import charts

pytestmark = pytest.mark.django_db


def _url(municipality, **query) -> str:
    url = reverse("effectiveness:compare", kwargs={"region": municipality.region.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("extra", [0, 8])
def test_comparison_chart_with_its_table_in_fixed_queries(
    client, rated, municipality, django_assert_num_queries, extra
):
    for m in peers(municipality.region, extra):
        accepted(m, "6", YEAR, 15)
    with django_assert_num_queries(5):
        response = client.get(_url(municipality, indicator="6"))
    text = response.content.decode()
    assert response.status_code == 200
    figure = text[text.index("<figure"):text.index("</figure>")]
    assert "<svg" in figure and 'href="#cmp-chart-table"' in figure
    assert 'href="#cmp-table"' in figure and "<figcaption" in figure
    assert 'id="cmp-chart-table"' in text and 'id="cmp-table"' in text
    assert "<script" not in figure
    assert not re.search(r'(src|href)="https?://', figure)
    # the chart's data: 4 + extra municipalities and the region's average
    table = text[text.index('id="cmp-chart-table"'):]
    table = table[:table.index("</table>")]
    assert table.count('<th scope="row">') == 4 + extra + 1
    assert "Среднее по региону" in table and response.context["chart_indicator"].code == "6"


def test_chart_shows_the_first_indicator_with_values_by_default(client, rated, municipality):
    response = client.get(_url(municipality))
    assert response.context["chart_indicator"].code == "1"
    unknown = client.get(_url(municipality, indicator="нет"))
    assert unknown.context["chart_indicator"].code == "1"


def test_no_values_no_chart(client, catalogue, municipality):
    response = client.get(_url(municipality))
    assert response.status_code == 200 and "<figure" not in response.content.decode()


def test_bars_escape_labels_and_draw_nothing_for_negative_values():
    svg = str(charts.bars("<b>", [("<script>", -5), ("Б", 10)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'width="0.0"' in svg
