"""A project's way through the services: draft, submission with deadlines,
publication, decision, and the rules each step enforces."""

from __future__ import annotations

import pytest

from zemstvo.core.audit.models import AuditEvent
from zemstvo.initiatives import services
from zemstvo.initiatives.models import ProjectStatus

pytestmark = pytest.mark.django_db


def test_a_ready_draft_is_submitted_with_its_deadlines(draft, verified_resident):
    project = services.project_submit(actor=verified_resident, project=draft)
    assert project.status == ProjectStatus.SUBMITTED
    assert project.publication_due and project.decision_due and project.comments_until
    assert project.cost_total == 1_000_000
    assert project.budget_request == 900_000
    assert AuditEvent.objects.filter(action="initiatives.submit").count() == 1
