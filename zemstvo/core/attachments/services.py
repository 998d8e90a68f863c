"""Adding and removing attachments. A refused file writes nothing: neither a row nor
a byte on disk."""

from __future__ import annotations

import hashlib
import os
import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import models, transaction

from zemstvo.core.attachments import sniff
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require

_NAME_LIMIT = 255


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: sniff.FileKind
    size: int
    sha256: str


def _refuse(message: str) -> DomainError:
    return DomainError(message, field_errors={"file": [message]})


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.0f}" if value.is_integer() else f"{value:.1f}".replace(".", ",")


def clean_name(raw: str) -> str:
    """The file's own name as the person sent it, without any folder part or control
    characters, at most 255 characters (keeping the extension)."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > _NAME_LIMIT:
        stem, ext = os.path.splitext(name)
        name = stem[: _NAME_LIMIT - len(ext)] + ext
    return name


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


def check_file(file: File, name: str) -> CheckedFile:
    """Validate size, content type and extension; compute the checksum while reading.

    Raises DomainError (in Russian) for an empty or too big file, a type outside the
    allow-list, or an extension that does not match the content."""
    limit = settings.ZEMSTVO_MAX_UPLOAD_BYTES
    size = file.size or 0
    if not name:
        raise _refuse("У файла нет имени.")
    if size <= 0:
        raise _refuse("Файл пустой: выберите файл с содержимым.")
    if size > limit:
        raise _refuse(f"Файл больше {_megabytes(limit)} МБ: загрузите файл поменьше.")
    allowed = sniff.allowed_labels()
    found = sniff.sniff(file)
    if not found.code:
        raise _refuse(
            f"Не удалось определить тип файла по содержимому. Можно загрузить: {allowed}."
        )
    if not sniff.is_allowed_content(found):
        raise _refuse(
            f"Файлы этого типа не принимаются (обнаружен {found.label}). "
            f"Можно загрузить: {allowed}."
        )
    extension = _extension(name)
    if not extension:
        raise _refuse(
            f"У файла нет расширения (обнаружен {found.label}): переименуйте файл, "
            f"например «{name}.{_first_extension(found)}»."
        )
    kind = sniff.kind_for(found, extension)
    if kind is None:
        raise _refuse(
            f"Расширение .{extension} не соответствует содержимому файла "
            f"(обнаружен {found.label})."
        )
    return CheckedFile(name=name, kind=kind, size=size, sha256=_sha256(file))


def _first_extension(found: sniff.Sniffed) -> str:
    if found.is_text:
        return "txt"
    return next(k.extensions[0] for k in sniff.ALLOWED if k.code == found.code)


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _owner_municipality_id(owner: models.Model) -> int | None:
    municipality = getattr(owner, "municipality", None)
    return getattr(municipality, "pk", municipality)


def attachment_add(
    *, actor: Any, owner: models.Model, file: Any, title: str = "", is_public: bool = True
) -> Attachment:
    """Attach ``file`` (a Django File or UploadedFile) to ``owner`` (any saved record
    with a ``municipality`` attribute). ``is_public=False`` keeps it for staff who can
    see the owner and for the person who uploaded it."""
    require(actor, "attachments.add", owner)
    if owner.pk is None:
        raise ValueError("Attach files to a saved record")
    if not isinstance(file, File):
        file = File(file)
    title = (title or "").strip()
    if len(title) > 255:
        raise DomainError("Название длиннее 255 символов.",
                          field_errors={"title": ["Название длиннее 255 символов."]})
    checked = check_file(file, clean_name(getattr(file, "name", "") or ""))
    attachment = Attachment(
        owner=owner,
        municipality_id=_owner_municipality_id(owner),
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        mime_type=checked.kind.mime,
        title=title,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_public=is_public,
    )
    stored = ""
    try:
        with transaction.atomic():
            file.seek(0)
            attachment.file.save(f"{uuid.uuid4().hex}.{checked.kind.extensions[0]}", file,
                                 save=False)
            stored = attachment.file.name
            attachment.save()
            audit_record(
                actor=actor, action="attachments.add", obj=attachment,
                after=_snapshot(attachment), municipality=attachment.municipality_id,
            )
    except BaseException:
        if stored:
            attachment.file.storage.delete(stored)
        raise
    return attachment


def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    """Delete the record; the file leaves the disk once the deletion is committed."""
    require(actor, "attachments.remove", attachment)
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        audit_record(
            actor=actor, action="attachments.remove", obj=attachment,
            before=_snapshot(attachment), municipality=attachment.municipality_id,
        )
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


def _snapshot(attachment: Attachment) -> dict[str, Any]:
    owner_type = ContentType.objects.get_for_id(attachment.content_type_id)
    return {
        "owner": f"{owner_type.app_label}.{owner_type.model}:{attachment.object_id}",
        "original_name": attachment.original_name,
        "title": attachment.title,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "mime_type": attachment.mime_type,
        "is_public": attachment.is_public,
    }
