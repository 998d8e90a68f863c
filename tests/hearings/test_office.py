"""Office pages: staff run a procedure; bad input writes nothing; others are refused."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.hearings.factories import advance_to, procedure
from zemstvo.hearings.models import Procedure, Status


def test_office_pages_open_for_the_organiser(client, clerk, municipality):
    proc = procedure(clerk, municipality)
    client.force_login(clerk)
    for url in (reverse("office_hearings:list") + f"?m={municipality.slug}",
                reverse("office_hearings:create") + f"?m={municipality.slug}",
                reverse("office_hearings:detail", args=[proc.pk]),
                reverse("office_hearings:participants", args=[proc.pk])):
        assert client.get(url).status_code == 200, url


def test_create_with_bad_input_shows_errors_and_writes_nothing(client, clerk, municipality):
    client.force_login(clerk)
    url = reverse("office_hearings:create") + f"?m={municipality.slug}"
    response = client.post(url, {"m": municipality.slug, "kind": "charter", "form": "discussion",
                                 "title": "Уст", "notice_date": "2026-03-02"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Наименование — от 5" in text and "только публичные слушания" in text
    assert not Procedure.objects.exists()


def test_create_then_publish_notice_through_the_page(client, clerk, municipality):
    client.force_login(clerk)
    today = timezone.now().astimezone(municipality.tz).date()
    response = client.post(reverse("office_hearings:create") + f"?m={municipality.slug}", {
        "m": municipality.slug, "kind": "genplan", "title": "Генеральный план 2040",
        "notice_date": (today + timedelta(days=1)).isoformat()})
    proc = Procedure.objects.get()
    assert response.status_code == 302
    detail = reverse("office_hearings:detail", args=[proc.pk])
    client.post(detail, {"op": "advance"}, follow=True)
    proc.refresh_from_db()
    assert proc.status == Status.DRAFT  # the notice is incomplete
    client.post(detail, {"op": "notice", "project_info": "Генплан.", "materials_list": "Карты.",
                         "exposition_place": "Администрация", "exposition_hours": "9–17",
                         "proposals_method": "Портал.", "site_url": "https://example.org"})
    client.post(detail, {"op": "advance"})
    proc.refresh_from_db()
    assert proc.status == Status.NOTICE


def test_editor_sees_the_office_page_but_cannot_advance_or_read_personal_data(
        client, editor, clerk, municipality):
    proc = procedure(clerk, municipality)
    client.force_login(editor)
    detail = reverse("office_hearings:detail", args=[proc.pk])
    assert client.get(detail).status_code == 200
    assert client.post(detail, {"op": "advance"}).status_code == 403
    assert client.get(reverse("office_hearings:participants", args=[proc.pk])
                      ).status_code == 403


def test_resident_gets_no_office_page(client, resident, clerk, municipality):
    proc = procedure(clerk, municipality)
    client.force_login(resident)
    assert client.get(reverse("office_hearings:detail", args=[proc.pk])).status_code == 404


def test_recommendation_without_reason_writes_nothing(client, clerk, municipality):
    from datetime import date

    from tests.hearings.factories import in_window
    from zemstvo.hearings import services
    from zemstvo.hearings.models import LocalBasis
    from zemstvo.hearings.participants import Identity

    proc = advance_to(clerk, procedure(clerk, municipality), Status.EXPOSITION)
    person = services.participant_register(actor=clerk, procedure=proc, basis=LocalBasis.OTHER,
                                           identity=Identity(full_name="Петров Пётр",
                                                             birth_date=date(1980, 1, 1),
                                                             address="ул. 1"))
    proposal = services.proposal_enter(actor=clerk, procedure=proc, participant=person,
                                       channel="written", text="Текст.",
                                       received_at=in_window(proc))
    proc = advance_to(clerk, proc, Status.PROTOCOL)
    client.force_login(clerk)
    client.post(reverse("office_hearings:detail", args=[proc.pk]),
                {"op": "recommend", "proposal": proposal.pk, "recommendation": "accept",
                 "reason": ""})
    proposal.refresh_from_db()
    assert proposal.recommendation == ""


def test_template_page_saves_within_the_law(client, municipal_admin, municipality):
    client.force_login(municipal_admin)
    url = reverse("office_hearings:templates") + f"?m={municipality.slug}&kind=pzz"
    assert client.get(url).status_code == 200
    data = {"m": municipality.slug, "kind": "pzz", "act": "Решение № 7"}
    for kind, values in {"notice": (7, 7, 14), "publication": (0, 0, 1),
                         "exposition": (7, 12, 21), "protocol": (1, 2, 5),
                         "conclusion": (1, 2, 5), "meeting": (0, 0, 1)}.items():
        data.update({f"min_{kind}": values[0], f"default_{kind}": values[1],
                     f"max_{kind}": values[2],
                     f"day_kind_{kind}": "working" if kind in ("protocol", "conclusion")
                     else "calendar"})
    assert client.post(url, data).status_code == 302
    from zemstvo.hearings.models import StageTemplate

    assert StageTemplate.objects.get(template__kind="pzz", kind="exposition").default_days == 12
