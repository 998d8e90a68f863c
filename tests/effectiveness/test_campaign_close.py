"""Closing a reporting campaign: a confirmation page without JavaScript, the status
shown, the audit event, and a closed campaign refusing every further change of its
reports and values with a clear message."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.effectiveness.conftest import YEAR, entry
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.effectiveness import importing, services
from zemstvo.effectiveness.models import Campaign, IndicatorValue, Report, ReportStatus

pytestmark = pytest.mark.django_db

CLOSED = f"Кампания {YEAR} года завершена: изменения не принимаются."


def _close_url(campaign) -> str:
    return reverse("office_effectiveness:campaign_close", kwargs={"pk": campaign.pk})


def test_campaign_page_shows_status_and_a_close_link(client, campaign, regional_curator):
    client.force_login(regional_curator)
    text = client.get(reverse("office_effectiveness:campaign",
                              kwargs={"pk": campaign.pk})).content.decode()
    assert "идёт сбор" in text and _close_url(campaign) in text


def test_confirmation_page_lists_reports_not_accepted_and_changes_nothing(
    client, report, regional_curator
):
    client.force_login(regional_curator)
    response = client.get(_close_url(report.campaign))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Да, завершить кампанию" in text and report.municipality.name in text
    assert Campaign.objects.get().status == "open"


def test_curator_closes_the_campaign_and_it_is_audited(client, campaign, regional_curator):
    client.force_login(regional_curator)
    response = client.post(_close_url(campaign))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    event = AuditEvent.objects.filter(action="effectiveness.manage_campaign",
                                      object_id=str(campaign.pk)).order_by("-id").first()
    assert event.before == {"status": "open"} and event.after == {"status": "closed"}
    page = client.get(reverse("office_effectiveness:campaign", kwargs={"pk": campaign.pk}))
    assert "завершена" in page.content.decode()
    assert _close_url(campaign) not in page.content.decode()


def test_closing_twice_is_refused(campaign, regional_curator):
    services.campaign_close(actor=regional_curator, campaign=campaign)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="завершена"):
        services.campaign_close(actor=regional_curator, campaign=campaign)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", ["analyst", "municipal_admin", "other_curator", "clerk"])
def test_only_the_region_s_curator_closes(client, campaign, person, role):
    client.force_login(person(role))
    assert client.get(_close_url(campaign)).status_code == 403
    assert client.post(_close_url(campaign)).status_code == 403
    with pytest.raises(NotAllowed):
        services.campaign_close(actor=person(role), campaign=campaign)
    assert Campaign.objects.get().status == "open"


def test_a_closed_campaign_refuses_values_upload_and_submission(
    client, report, analyst, regional_curator
):
    services.values_save(actor=analyst, report=report, entries=[entry("1", "3")])
    services.campaign_close(actor=regional_curator, campaign=report.campaign)
    report = Report.objects.select_related("campaign").get(pk=report.pk)
    with pytest.raises(DomainError, match=CLOSED):
        services.values_save(actor=analyst, report=report, entries=[entry("1", "4")])
    with pytest.raises(DomainError, match=CLOSED):
        services.report_submit(actor=analyst, report=report)
    text = ";".join(importing.HEADERS) + f"\n1;x;;;{YEAR};факт;5;;\n"
    with pytest.raises(DomainError, match=CLOSED):
        importing.values_import(actor=analyst, report=report, name="v.csv",
                                content=text.encode())
    assert IndicatorValue.objects.get().value == 3
    assert Report.objects.get().status == ReportStatus.DRAFT
    client.force_login(analyst)
    page = client.get(reverse("office_effectiveness:report", kwargs={"pk": report.pk}))
    assert CLOSED in page.content.decode() and not page.context["can_enter"]
    upload = client.post(reverse("office_effectiveness:upload", kwargs={"pk": report.pk}),
                         {"file": SimpleUploadedFile("v.csv", text.encode(), "text/csv")})
    assert CLOSED in upload.content.decode()


def test_a_closed_campaign_refuses_review(report, analyst, regional_curator):
    services.values_save(actor=analyst, report=report, entries=[entry("1", "3")])
    services.report_submit(actor=analyst, report=report)
    services.campaign_close(actor=regional_curator, campaign=report.campaign)
    report = Report.objects.select_related("campaign").get(pk=report.pk)
    with pytest.raises(DomainError, match=CLOSED):
        services.report_accept(actor=regional_curator, report=report)
    with pytest.raises(DomainError, match=CLOSED):
        services.report_return(actor=regional_curator, report=report, comment="Исправьте 1.")
    assert Report.objects.get().status == ReportStatus.SUBMITTED
    assert not IndicatorValue.objects.filter(is_accepted=True).exists()


def test_a_closed_campaign_opens_no_new_report(client, campaign, analyst, municipality,
                                              regional_curator):
    services.campaign_close(actor=regional_curator, campaign=campaign)
    client.force_login(analyst)
    response = client.get(reverse("office_effectiveness:report_open",
                                  kwargs={"pk": campaign.pk, "municipality": municipality.slug}),
                          follow=True)
    assert CLOSED in response.content.decode()
    assert not Report.objects.exists()
