"""Downloading and uploading through the pages, and who may do what."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.attachments import files
from tests.factories import MembershipFactory, UserFactory
from zemstvo.core import permissions
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
         "municipal_admin", "regional_curator", "operator"]


def _user(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


@pytest.fixture
def pdf(editor, settlement):
    return attachment_add(actor=editor, owner=settlement, title="Решение о бюджете",
                          file=files.upload("Решение «о бюджете».pdf", files.pdf_bytes()))


@pytest.fixture
def private_png(resident, settlement, monkeypatch):
    # A resident's own file (e.g. to an appeal): the owner's module lets residents attach.
    rules = {**permissions._policies(), "territory.attach": lambda user, owner: True}
    monkeypatch.setattr(permissions, "_cache", rules)
    attachment = attachment_add(actor=resident, owner=settlement, is_public=False,
                                file=files.upload("паспорт.png", files.image_bytes("PNG")))
    monkeypatch.undo()
    return attachment


@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_attachment_action(request, role, pdf, private_png,
                                                    settlement):
    user = _user(request, role)
    staff = role in {"clerk", "editor", "moderator", "municipal_admin", "regional_curator",
                     "operator"}
    assert permissions.can(user, "attachments.add", settlement) is staff
    assert permissions.can(user, "attachments.remove", pdf) is staff
    uploader = role == "resident"
    assert permissions.can(user, "attachments.download_private", private_png) is (
        staff or uploader
    )
    assert permissions.can(user, "attachments.add") is staff


def test_staff_of_another_municipality_may_not_download_a_private_file(private_png,
                                                                      other_municipality):
    stranger = UserFactory()
    MembershipFactory(user=stranger, role="administrator", municipality=other_municipality)
    assert not permissions.can(stranger, "attachments.download_private", private_png)


def test_download_serves_the_file_with_safe_headers(client, pdf, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("attachments:download", args=[pdf.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(pdf.size)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert f"filename*=UTF-8''{quote('Решение «о бюджете».pdf', safe='')}" in disposition
    assert disposition.isascii()
    with open(pdf.file.path, "rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_private_file_asks_an_anonymous_visitor_to_log_in(client, private_png):
    response = client.get(reverse("attachments:download", args=[private_png.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_private_file_is_hidden_from_another_resident(client, private_png, verified_resident):
    client.force_login(verified_resident)
    assert client.get(reverse("attachments:download", args=[private_png.pk])).status_code == 404


def test_private_file_is_served_to_its_uploader_without_an_audit_event(client, private_png,
                                                                      resident):
    client.force_login(resident)
    response = client.get(reverse("attachments:download", args=[private_png.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert not AuditEvent.objects.filter(action="attachments.download_private").exists()


def test_staff_read_of_a_private_file_is_audited(client, private_png, clerk):
    client.force_login(clerk)
    response = client.get(reverse("attachments:download", args=[private_png.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="attachments.download_private")
    assert event.actor == clerk and event.object_id == str(private_png.pk)


def test_missing_file_is_404(client):
    assert client.get(reverse("attachments:download", args=[999999])).status_code == 404


def _upload(client, settlement, name, content, **extra):
    from django.contrib.contenttypes.models import ContentType

    data = {"owner_type": ContentType.objects.get_for_model(settlement).pk,
            "owner_id": settlement.pk, "next": "/m/testgrad/", "title": "",
            "file": files.upload(name, content), **extra}
    return client.post(reverse("attachments:upload"), data, follow=False)


def test_upload_page_accepts_a_good_file_and_returns(client, editor, settlement):
    client.force_login(editor)
    response = _upload(client, settlement, "plan.png", files.image_bytes("PNG"),
                       is_public="on")
    assert response.status_code == 302
    assert response["Location"] == "/m/testgrad/"
    attachment = Attachment.objects.get()
    assert attachment.is_public and attachment.owner == settlement


def test_upload_page_refuses_a_false_extension_with_the_message(client, editor, settlement):
    client.force_login(editor)
    response = _upload(client, settlement, "scan.pdf", files.image_bytes("PNG"))
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Расширение .pdf не соответствует содержимому файла (обнаружен PNG)."]
    assert not Attachment.objects.exists()


def test_upload_page_refuses_a_resident(client, resident, settlement):
    client.force_login(resident)
    _upload(client, settlement, "plan.png", files.image_bytes("PNG"))
    assert not Attachment.objects.exists()


def test_upload_page_never_returns_off_site(client, editor, settlement):
    client.force_login(editor)
    response = _upload(client, settlement, "plan.png", files.image_bytes("PNG"),
                       next="https://evil.example/")
    assert response["Location"] == "/"


def test_remove_page(client, editor, pdf):
    client.force_login(editor)
    response = client.post(reverse("attachments:remove", args=[pdf.pk]), {"next": "/"})
    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_list_template_shows_name_size_and_type(pdf, private_png):
    html = Template('{% include "attachments/list.html" %}').render(
        Context({"attachments": [pdf, private_png]})
    )
    assert "Решение о бюджете" in html
    assert reverse("attachments:download", args=[pdf.pk]) in html
    assert "PDF" in html and "PNG" in html
    assert "КБ" in html or "байт" in html
    assert "только для сотрудников" in html


def _render_upload_form(user, owner) -> str:
    request = RequestFactory().get("/m/testgrad/")
    request.user = user
    return Template("{% load attachments %}{% attachment_upload_form owner %}").render(
        RequestContext(request, {"owner": owner})
    )


def test_upload_form_is_shown_to_staff_with_labels(editor, settlement):
    html = _render_upload_form(editor, settlement)
    assert 'enctype="multipart/form-data"' in html
    assert reverse("attachments:upload") in html
    assert 'accept=".pdf,.docx' in html
    for field in ("file", "title", "public"):
        assert f'for="upload-territory-settlement-{settlement.pk}-{field}"' in html


def test_upload_form_is_not_shown_to_a_resident(resident, settlement):
    assert "<form" not in _render_upload_form(resident, settlement)
