"""Adding and removing attachments: what is accepted, what is refused and why, and
that a refused file leaves nothing behind."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.attachments import files
from tests.factories import MembershipFactory, UserFactory
from zemstvo.core import permissions
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.attachments.services import attachment_add, attachment_remove, clean_name
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _assert_nothing_written() -> None:
    assert Attachment.objects.count() == 0
    assert _stored_files() == []
    assert not AuditEvent.objects.filter(action="attachments.add").exists()


def test_good_pdf_is_accepted_with_its_checksum(editor, settlement):
    content = files.pdf_bytes()

    attachment = attachment_add(actor=editor, owner=settlement,
                                file=files.upload("Решение № 5.pdf", content), title="Решение")

    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content)
    assert attachment.mime_type == "application/pdf"
    assert attachment.original_name == "Решение № 5.pdf"
    assert attachment.municipality == settlement.municipality
    assert attachment.uploaded_by == editor
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == content
    assert stored.suffix == ".pdf"
    assert attachment.file.name.startswith("attachments/")
    assert "Решение" not in attachment.file.name  # stored under a random name
    event = AuditEvent.objects.get(action="attachments.add")
    assert event.after["sha256"] == attachment.sha256


def test_good_png_is_accepted_with_its_checksum(editor, settlement):
    content = files.image_bytes("PNG")
    attachment = attachment_add(actor=editor, owner=settlement,
                                file=files.upload("plan.png", content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.mime_type == "image/png"
    assert attachment.kind_label == "PNG"


@pytest.mark.parametrize(("name", "make", "mime"), [
    ("protocol.docx", files.docx_bytes, "application/vnd.openxmlformats-officedocument"
                                        ".wordprocessingml.document"),
    ("table.xlsx", files.xlsx_bytes, "application/vnd.openxmlformats-officedocument"
                                     ".spreadsheetml.sheet"),
    ("act.odt", lambda: files.odf_bytes("application/vnd.oasis.opendocument.text"),
     "application/vnd.oasis.opendocument.text"),
    ("plan.ods", lambda: files.odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
     "application/vnd.oasis.opendocument.spreadsheet"),
    ("photo.JPEG", lambda: files.image_bytes("JPEG"), "image/jpeg"),
    ("photo.webp", lambda: files.image_bytes("WEBP"), "image/webp"),
    ("notes.txt", lambda: "Повестка дня\r\n1. Бюджет\n".encode(), "text/plain"),
    ("list.csv", lambda: "ФИО;сумма\nИванов;100\n".encode("cp1251"), "text/csv"),
])
def test_every_allowed_type_is_accepted(editor, settlement, name, make, mime):
    attachment = attachment_add(actor=editor, owner=settlement, file=files.upload(name, make()))
    assert attachment.mime_type == mime


def test_office_document_found_deep_in_the_zip_is_still_recognised(editor, settlement):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for n in range(6):
            archive.writestr(f"customXml/item{n}.xml", "x" * 50)
        archive.writestr("word/document.xml", "<w:document/>")
    attachment = attachment_add(actor=editor, owner=settlement,
                                file=files.upload("old-writer.docx", buffer.getvalue()))
    assert attachment.mime_type.endswith("wordprocessingml.document")


def test_png_renamed_pdf_is_refused_and_nothing_is_written(editor, settlement):
    with pytest.raises(DomainError) as refused:
        attachment_add(actor=editor, owner=settlement,
                       file=files.upload("scan.pdf", files.image_bytes("PNG")))
    assert refused.value.message == (
        "Расширение .pdf не соответствует содержимому файла (обнаружен PNG)."
    )
    assert refused.value.field_errors == {"file": [refused.value.message]}
    _assert_nothing_written()


def test_text_renamed_pdf_is_refused(editor, settlement):
    with pytest.raises(DomainError, match=r"Расширение \.pdf .*\(обнаружен текст\)"):
        attachment_add(actor=editor, owner=settlement, file=files.upload("a.pdf", b"hello"))
    _assert_nothing_written()


def test_too_big_file_is_refused(editor, settlement, settings):
    settings.ZEMSTVO_MAX_UPLOAD_BYTES = 1024 * 1024
    content = files.image_bytes("PNG") + b"\0" * (1024 * 1024)
    with pytest.raises(DomainError, match="^Файл больше 1 МБ"):
        attachment_add(actor=editor, owner=settlement, file=files.upload("big.png", content))
    _assert_nothing_written()


def test_file_of_exactly_the_limit_is_accepted(editor, settlement, settings):
    content = files.image_bytes("PNG")
    settings.ZEMSTVO_MAX_UPLOAD_BYTES = len(content)
    attachment_add(actor=editor, owner=settlement, file=files.upload("ok.png", content))
    assert Attachment.objects.count() == 1


def test_empty_file_is_refused(editor, settlement):
    with pytest.raises(DomainError, match="Файл пустой"):
        attachment_add(actor=editor, owner=settlement, file=files.upload("empty.pdf", b""))
    _assert_nothing_written()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("setup.exe", files.EXE, r"Файлы этого типа не принимаются \(обнаружен EXE\)"),
    ("setup.pdf", files.EXE, r"Файлы этого типа не принимаются \(обнаружен EXE\)"),
    ("bundle.zip", files.zip_bytes(), r"Файлы этого типа не принимаются \(обнаружен ZIP\)"),
    ("data.bin", files.UNKNOWN_BINARY, "Не удалось определить тип файла по содержимому"),
    ("scan", files.pdf_bytes(), "У файла нет расширения"),
])
def test_types_outside_the_allow_list_are_refused(editor, settlement, name, content, message):
    with pytest.raises(DomainError, match=message) as refused:
        attachment_add(actor=editor, owner=settlement, file=files.upload(name, content))
    assert "PDF, DOCX" in refused.value.message or "нет расширения" in refused.value.message
    _assert_nothing_written()


def test_title_longer_than_the_limit_is_refused(editor, settlement):
    with pytest.raises(DomainError, match="Название длиннее 255"):
        attachment_add(actor=editor, owner=settlement, title="я" * 256,
                       file=files.upload("a.png", files.image_bytes("PNG")))
    _assert_nothing_written()


def test_a_name_with_folders_and_control_characters_is_cleaned():
    assert clean_name("C:\\Users\\Иван\\Мои документы\\план.pdf") == "план.pdf"
    assert clean_name("../../etc/passwd.txt") == "passwd.txt"
    assert clean_name("a\x00b\nc.pdf") == "abc.pdf"
    long = clean_name("я" * 300 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")


def test_resident_may_not_attach(resident, settlement):
    with pytest.raises(NotAllowed):
        attachment_add(actor=resident, owner=settlement,
                       file=files.upload("a.png", files.image_bytes("PNG")))
    _assert_nothing_written()


def test_staff_of_another_municipality_may_not_attach(settlement, other_municipality):
    stranger = UserFactory()
    MembershipFactory(user=stranger, role="editor", municipality=other_municipality)
    with pytest.raises(NotAllowed):
        attachment_add(actor=stranger, owner=settlement,
                       file=files.upload("a.png", files.image_bytes("PNG")))


def test_a_module_rule_for_attaching_replaces_the_default(monkeypatch, resident, editor,
                                                          settlement):
    """GIVEN the owner's module declares "<label>.attach" (here: only residents)
    THEN attaching to its records follows that rule."""
    rules = {**permissions._policies(),
             "territory.attach": lambda user, owner: user is not None and not user.memberships
             .exists()}
    monkeypatch.setattr(permissions, "_cache", rules)
    attachment_add(actor=resident, owner=settlement,
                   file=files.upload("a.png", files.image_bytes("PNG")))
    with pytest.raises(NotAllowed):
        attachment_add(actor=editor, owner=settlement,
                       file=files.upload("b.png", files.image_bytes("PNG")))


def test_attachments_for_lists_the_owners_files_oldest_first(editor, settlement,
                                                             django_assert_num_queries):
    first = attachment_add(actor=editor, owner=settlement,
                           file=files.upload("1.png", files.image_bytes("PNG")))
    second = attachment_add(actor=editor, owner=settlement, is_public=False,
                            file=files.upload("2.png", files.image_bytes("PNG")))
    with django_assert_num_queries(1):
        assert attachments_for(settlement) == [first, second]
    assert attachments_for(settlement, public_only=True) == [first]


def test_remove_deletes_the_row_and_then_the_file(editor, settlement,
                                                  django_capture_on_commit_callbacks):
    attachment = attachment_add(actor=editor, owner=settlement,
                                file=files.upload("a.png", files.image_bytes("PNG")))
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment_remove(actor=editor, attachment=attachment)
    assert not Attachment.objects.exists()
    assert path.exists()  # kept until the deletion commits
    for callback in callbacks:
        callback()
    assert not path.exists()
    event = AuditEvent.objects.get(action="attachments.remove")
    assert event.before["original_name"] == "a.png"


def test_resident_may_not_remove(editor, resident, settlement):
    attachment = attachment_add(actor=editor, owner=settlement,
                                file=files.upload("a.png", files.image_bytes("PNG")))
    with pytest.raises(NotAllowed):
        attachment_remove(actor=resident, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
