"""Services refuse bad input with Russian messages and write nothing; the rules of
submission (group, evidence, ledger), publication and decision hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.initiatives.factories import group, pdf_file, project_data, ready_draft
from tests.initiatives.helpers import after_comments, published
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.notifications.models import Notification
from zemstvo.initiatives import implementation, rounds, services
from zemstvo.initiatives.models import (
    Project,
    ProjectEvent,
    ProjectStatus,
    ScoringCriterion,
    SelectionRound,
)
from zemstvo.initiatives.services import CostLine, FinancingLine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("changes,field", [
    ({"title": "Да"}, "title"),
    ({"problem": "  \x00 "}, "problem"),
    ({"beneficiaries": 0}, "beneficiaries"),
    ({"beneficiaries": 5000}, "beneficiaries"),
    ({"territory_population": "много"}, "territory_population"),
    ({"cost_items": []}, "cost_items"),
    ({"cost_items": [CostLine("Скамейка", "-1", "100")]}, "cost_items"),
    ({"cost_items": [CostLine("Скамейка", "1", "abc")]}, "cost_items"),
    ({"financing": [FinancingLine("residents", "-5")]}, "financing"),
    ({"financing": [FinancingLine("local_budget", "5", labour_hours=10)]}, "financing"),
    ({"financing": [FinancingLine("nobody", "5")]}, "financing"),
    ({"initiator_kind": "tos", "initiator_name": ""}, "initiator_name"),
    ({"initiator_kind": "king"}, "initiator_kind"),
])
def test_bad_project_input_writes_nothing(round_, verified_resident, changes, field):
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        services.project_create(actor=verified_resident, round_=round_,
                                data=project_data(**changes))
    assert field in error.value.field_errors
    assert all(isinstance(m, str) and m for m in error.value.field_errors[field])
    assert not Project.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_settlement_of_another_municipality_is_refused(round_, verified_resident,
                                                          other_municipality):
    from tests.factories import SettlementFactory

    foreign = SettlementFactory(municipality=other_municipality)
    with pytest.raises(DomainError) as error:
        services.project_create(actor=verified_resident, round_=round_,
                                data=project_data(settlement=foreign))
    assert "settlement" in error.value.field_errors


def test_an_unverified_resident_may_not_propose(round_, resident):
    with pytest.raises(NotAllowed):
        services.project_create(actor=resident, round_=round_, data=project_data())


def test_submission_needs_a_full_group_of_age(round_, verified_resident):
    project = services.project_create(actor=verified_resident, round_=round_,
                                      data=project_data())
    services.evidence_add(actor=verified_resident, project=project, kind="meeting", count=50,
                          held_on=date.today() - timedelta(days=1), file=pdf_file())
    group(project, 8)
    group(project, 1, birth_date=date.today() - timedelta(days=365 * 15))  # too young
    with pytest.raises(DomainError, match="9 подтвердивших"):
        services.project_submit(actor=verified_resident, project=project)
    group(project, 1)
    assert services.project_submit(actor=verified_resident, project=project).status == \
        ProjectStatus.SUBMITTED


def test_submission_needs_the_ledger_to_equal_the_cost(round_, verified_resident):
    project = ready_draft(round_, verified_resident,
                          financing=[FinancingLine("local_budget", "10")])
    with pytest.raises(DomainError, match="должна равняться стоимости"):
        services.project_submit(actor=verified_resident, project=project)
    project.refresh_from_db()
    assert project.status == "draft" and project.submitted_at is None


def test_submission_needs_support_evidence(round_, verified_resident):
    project = services.project_create(actor=verified_resident, round_=round_,
                                      data=project_data())
    group(project, 9)
    with pytest.raises(DomainError, match="протокол собрания"):
        services.project_submit(actor=verified_resident, project=project)


def test_bad_evidence_writes_nothing(draft, verified_resident):
    count = draft.evidence.count()
    with pytest.raises(DomainError) as error:
        services.evidence_add(actor=verified_resident, project=draft, kind="rumour", count=0,
                              held_on=date.today() + timedelta(days=3), file=None)
    assert set(error.value.field_errors) == {"kind", "count", "held_on", "file"}
    assert draft.evidence.count() == count


def test_joining_twice_or_after_submission_is_refused(draft, verified_resident):
    with pytest.raises(services.AlreadyDone):
        services.group_join(actor=verified_resident, code=draft.group_code)
    services.project_submit(actor=verified_resident, project=draft)
    from tests.factories import VerifiedResidentFactory

    late = VerifiedResidentFactory(residence_municipality=draft.municipality)
    with pytest.raises(DomainError, match="уже внесён"):
        services.group_join(actor=late, code=draft.group_code)
    with pytest.raises(DomainError, match="не найдено"):
        services.group_join(actor=late, code="nonsense")


def test_refusal_needs_a_listed_ground_and_reasons(round_, verified_resident, municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    moment = after_comments(project)
    with pytest.raises(DomainError) as error:
        services.project_decide(actor=municipal_admin, project=project, admit=False,
                                ground="dislike", reason="не нравится", now=moment)
    assert "ground" in error.value.field_errors
    with pytest.raises(DomainError) as error:
        services.project_decide(actor=municipal_admin, project=project, admit=False,
                                ground="no_funds", reason="нет", now=moment)
    assert "reason" in error.value.field_errors
    project.refresh_from_db()
    assert project.status == "published"
    refused = services.project_decide(actor=municipal_admin, project=project, admit=False,
                                      ground="no_funds", reason="Средств в бюджете нет.",
                                      now=moment)
    assert refused.status == "refused"
    # The initiators are told of the decision.
    assert Notification.objects.filter(user=verified_resident,
                                       kind="initiatives.decision").count() == 1


def test_subscribers_hear_of_each_status_change(round_, verified_resident, municipal_admin,
                                                resident):
    from zemstvo.core.notifications.services import subscribe

    draft = ready_draft(round_, verified_resident)
    subscribe(user=resident, target=draft)
    project = services.project_submit(actor=verified_resident, project=draft)
    services.project_publish(actor=municipal_admin, project=project)
    assert Notification.objects.filter(user=resident, kind="initiatives.status").count() == 2
    assert ProjectEvent.objects.filter(project=project).count() == 2


@pytest.mark.parametrize("changes,field", [
    ({"title": "Ой"}, "title"),
    ({"budget_local": "-1"}, "budget_local"),
    ({"budget_local": "0", "budget_regional": "0"}, "budget_local"),
    ({"year": 1999}, "year"),
    ({"acceptance_to": None}, "acceptance_to"),
])
def test_bad_round_input_writes_nothing(municipality, municipal_admin, changes, field):
    from tests.initiatives.factories import round_data

    with pytest.raises(DomainError) as error:
        rounds.round_create(actor=municipal_admin, municipality=municipality,
                            data=round_data(date.today(), **changes))
    assert field in error.value.field_errors
    assert not SelectionRound.objects.exists()


def test_schedule_out_of_order_is_refused(municipality, municipal_admin):
    from tests.initiatives.factories import round_data

    today = date.today()
    with pytest.raises(DomainError) as error:
        rounds.round_create(actor=municipal_admin, municipality=municipality,
                            data=round_data(today, scoring_until=today - timedelta(days=30)))
    assert "scoring_until" in error.value.field_errors


@pytest.mark.parametrize("kwargs,field", [
    ({"kind": "bands", "input": "manual", "bands": "0-5:1"}, "input"),
    ({"kind": "bands", "input": "co_financing", "bands": "0-10:1\n5-20:2"}, "bands"),
    ({"kind": "bands", "input": "co_financing", "bands": "abc"}, "bands"),
    ({"kind": "scale", "input": "manual", "scale_min": 5, "scale_max": 1}, "scale_max"),
    ({"kind": "scale", "input": "meeting", "scale_min": 0, "scale_max": 5}, "input"),
    ({"kind": "scale", "input": "manual", "scale_max": 5, "weight": "0"}, "weight"),
])
def test_bad_criteria_write_nothing(round_, municipal_admin, kwargs, field):
    before = ScoringCriterion.objects.count()
    values = {"title": "Критерий", "weight": "1", **kwargs}
    with pytest.raises(DomainError) as error:
        rounds.criterion_add(actor=municipal_admin, round_=round_, **values)
    assert field in error.value.field_errors
    assert ScoringCriterion.objects.count() == before


def test_implementation_through_to_completion(round_, verified_resident, municipal_admin):
    project = published(round_, verified_resident, municipal_admin)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.SELECTED)
    with pytest.raises(DomainError) as error:
        implementation.contract_set(actor=municipal_admin, project=project, number="",
                                    signed_on=None, contractor="", amount="0")
    assert set(error.value.field_errors) == {"number", "contractor", "amount", "signed_on"}
    implementation.contract_set(actor=municipal_admin, project=project, number="15-ИБ",
                                signed_on=date.today(), contractor="ООО «Двор»",
                                amount="950000")
    project.refresh_from_db()
    assert project.status == "implementation"
    stage = implementation.stage_save(actor=municipal_admin, project=project, title="Монтаж",
                                      planned_start=date.today(),
                                      planned_end=date.today() + timedelta(days=30),
                                      progress=40)
    with pytest.raises(DomainError, match="100%"):
        implementation.project_accept(actor=municipal_admin, project=project,
                                      note="Акт № 1 от сегодня")
    implementation.stage_save(actor=municipal_admin, project=project, stage=stage,
                              title="Монтаж", planned_start=stage.planned_start,
                              planned_end=stage.planned_end, progress=100)
    implementation.spending_set(actor=municipal_admin, project=project, source="local_budget",
                                planned="300000", actual="295000")
    done = implementation.project_accept(actor=municipal_admin, project=project,
                                         note="Акт № 1 от сегодня")
    assert done.status == "completed" and done.progress == 100
