"""The open data set of initiative projects: the declared columns, published projects
only, co-financing by source and the selection's result, and no personal data."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import VerifiedResidentFactory
from tests.initiatives.factories import ready_draft
from tests.initiatives.helpers import admitted, published
from zemstvo.core.opendata.checks import personal_fields
from zemstvo.initiatives import services
from zemstvo.initiatives.models import InitiatorKind, Project, ProjectStatus
from zemstvo.initiatives.opendata import FIELDS, PROJECTS_DATASET, opendata_rows

pytestmark = pytest.mark.django_db

COLUMNS = [
    "id", "municipality", "oktmo", "round", "round_year", "settlement", "territory", "title",
    "status", "initiator_kind", "initiator_organisation", "cost_total", "budget_request",
    "money_residents", "money_businesses", "money_local_budget", "money_regional_subsidy",
    "in_kind_value", "labour_hours", "support_count", "submitted_on", "published_on",
    "decided_on", "score_total", "rank", "selection_result", "progress", "url",
]


def test_the_module_declares_the_set_with_these_columns_and_nothing_personal():
    from zemstvo.core import registry

    manifest = next(m for m in registry.modules() if m.label == "initiatives")
    assert PROJECTS_DATASET in manifest.opendata_sets
    assert [f.name for f in FIELDS] == COLUMNS
    assert not [name for ident, name in personal_fields() if ident == "initiative-projects"]


def test_a_published_project_has_every_column_with_its_values(round_, verified_resident,
                                                              municipal_admin, municipality):
    project = published(round_, verified_resident, municipal_admin)
    supporter = VerifiedResidentFactory(residence_municipality=municipality)
    services.project_support(actor=supporter, project=project)
    (row,) = list(opendata_rows(municipality))
    assert sorted(row) == sorted(COLUMNS)
    assert row["id"] == project.pk and row["round"] == round_.title
    assert row["round_year"] == round_.year and row["municipality"] == municipality.name
    assert row["status"] == "опубликован, идёт обсуждение"
    assert row["cost_total"] == Decimal("1000000") and row["budget_request"] == Decimal("900000")
    assert (row["money_residents"], row["money_businesses"], row["money_local_budget"],
            row["money_regional_subsidy"]) == (Decimal("50000"), Decimal("50000"),
                                               Decimal("300000"), Decimal("600000"))
    assert (row["in_kind_value"], row["labour_hours"]) == (Decimal("10000"), 200)
    assert row["support_count"] == 1
    assert isinstance(row["submitted_on"], date) and isinstance(row["published_on"], date)
    assert row["decided_on"] is None and row["selection_result"] == ""
    assert row["initiator_kind"] == "инициативная группа жителей"
    assert row["initiator_organisation"] == ""
    assert row["url"].endswith(project.get_absolute_url())


def test_drafts_and_unpublished_projects_are_absent(round_, verified_resident,
                                                    municipal_admin, municipality):
    ready_draft(round_, verified_resident, title="Черновик проекта о сквере")
    submitted = ready_draft(round_, verified_resident, title="Внесённый проект о фонтане")
    services.project_submit(actor=verified_resident, project=submitted)
    shown = published(round_, verified_resident, municipal_admin)
    rows = list(opendata_rows(municipality))
    assert [r["id"] for r in rows] == [shown.pk]
    assert Project.objects.filter(status=ProjectStatus.SUBMITTED).count() == 1
    assert "Черновик" not in str(rows) and "фонтане" not in str(rows)


def test_the_decision_and_the_selection_result_are_in_the_row(round_, verified_resident,
                                                              municipal_admin, municipality):
    project = admitted(round_, verified_resident, municipal_admin)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.SELECTED,
                                                 score_total=Decimal("12.5"), rank=1)
    (row,) = list(opendata_rows(municipality))
    assert isinstance(row["decided_on"], date)
    assert (row["score_total"], row["rank"]) == (Decimal("12.5"), 1)
    assert row["selection_result"] == "прошёл отбор"
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.NOT_SELECTED)
    assert next(opendata_rows(municipality))["selection_result"] == "не прошёл отбор"


def test_no_resident_is_named_only_a_tos_body(round_, verified_resident, municipal_admin,
                                              municipality):
    project = published(round_, verified_resident, municipal_admin)
    names = set(project.group_members.values_list("user__last_name", flat=True))
    names |= {verified_resident.last_name, verified_resident.username}
    text = str(list(opendata_rows(municipality)))
    assert len(names) >= 10 and not any(name in text for name in names)
    Project.objects.filter(pk=project.pk).update(initiator_kind=InitiatorKind.TOS,
                                                 initiator_name="ТОС «Заречье»")
    assert next(opendata_rows(municipality))["initiator_organisation"] == "ТОС «Заречье»"
    Project.objects.filter(pk=project.pk).update(initiator_kind=InitiatorKind.STAROSTA,
                                                 initiator_name="Кузнецов Пётр Ильич")
    row = next(opendata_rows(municipality))
    assert row["initiator_organisation"] == "" and "Кузнецов" not in str(row)


def test_the_set_is_served_as_csv(client, round_, verified_resident, municipal_admin,
                                  municipality, settings):
    published(round_, verified_resident, municipal_admin)
    response = client.get(reverse("opendata:data_csv", args=[
        f"{settings.ZEMSTVO_OPENDATA_INN}-initiative-projects"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1 and list(rows[0]) == COLUMNS


def test_rows_cost_a_fixed_number_of_queries(round_, verified_resident, municipal_admin,
                                             municipality, django_assert_num_queries):
    published(round_, verified_resident, municipal_admin)
    with django_assert_num_queries(2):
        assert len(list(opendata_rows(municipality))) == 1
    published(round_, verified_resident, municipal_admin, title="Освещение улицы Лесной")
    with django_assert_num_queries(2):
        assert len(list(opendata_rows(municipality))) == 2
