"""The demo: two rounds in the main demo municipality, 30 projects, every state,
made through the services (the audit log has them)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.shell.models import DemoState
from zemstvo.initiatives.common import local_today
from zemstvo.initiatives.models import Project, ProjectStatus, SelectionRound
from zemstvo.initiatives.selectors import dashboard_counts

pytestmark = pytest.mark.django_db


def test_demo_has_thirty_projects_in_every_state(capsys):
    call_command("seed_demo")
    main = DemoState.objects.get().summary["municipalities"][0]
    projects = Project.objects.filter(municipality__slug=main)
    assert projects.count() == 30
    assert set(projects.values_list("status", flat=True)) == set(ProjectStatus.values)
    assert SelectionRound.objects.filter(municipality__slug=main).count() == 2
    # Every project but the three drafts was submitted through the service.
    assert AuditEvent.objects.filter(action="initiatives.submit").count() == 27
    municipality = projects.first().municipality
    counts = dashboard_counts([municipality.pk], local_today(municipality))
    assert counts["overdue"] == 3  # one publication and two decisions overdue
