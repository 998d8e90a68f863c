"""Moving projects along for tests: submit, publish, and decide after the comment
window (the decision's moment is passed to the service, as the demo does)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tests.initiatives.factories import ready_draft
from zemstvo.initiatives import services


def after_comments(project) -> datetime:
    return datetime.combine(project.comments_until + timedelta(days=1),
                            datetime.min.time().replace(hour=12), tzinfo=project.municipality.tz)


def published(round_, initiator, staff, **changes):
    draft = ready_draft(round_, initiator, **changes)
    project = services.project_submit(actor=initiator, project=draft)
    return services.project_publish(actor=staff, project=project)


def admitted(round_, initiator, staff, **changes):
    project = published(round_, initiator, staff, **changes)
    return services.project_decide(actor=staff, project=project, admit=True,
                                   now=after_comments(project))


def now() -> datetime:
    return timezone.now()
