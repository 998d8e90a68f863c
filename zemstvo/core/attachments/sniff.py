"""What a file is, read from its content (never from the name or the browser's word):
the ``filetype`` package reads the signature; office documents that it reports as a
plain ZIP are looked into; text, which has no signature, is recognised by decoding it.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype

HEAD_BYTES = 8192
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    mime: str
    extensions: tuple[str, ...]


# The allow-list. Archives (ZIP, RAR, 7z) are refused: their content escapes the check.
# Legacy Office formats (DOC, XLS) are refused too: they carry macros and have open
# replacements. Text covers .txt and .csv: the extension picks between the two.
ALLOWED: tuple[FileKind, ...] = (
    FileKind("pdf", "PDF", "application/pdf", ("pdf",)),
    FileKind("docx", "DOCX",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ("docx",)),
    FileKind("xlsx", "XLSX",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
    FileKind("odt", "ODT", "application/vnd.oasis.opendocument.text", ("odt",)),
    FileKind("ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", ("ods",)),
    FileKind("jpg", "JPEG", "image/jpeg", ("jpg", "jpeg")),
    FileKind("png", "PNG", "image/png", ("png",)),
    FileKind("webp", "WEBP", "image/webp", ("webp",)),
    FileKind("txt", "TXT", "text/plain", ("txt",)),
    FileKind("csv", "CSV", "text/csv", ("csv",)),
)
_BY_CODE = {kind.code: kind for kind in ALLOWED}
_LABEL_BY_MIME = {kind.mime: kind.label for kind in ALLOWED}
ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(ext for kind in ALLOWED for ext in kind.extensions)

# filetype's name for a format -> ours (an animated PNG is still a PNG).
_ALIASES = {"apng": "png", "jpeg": "jpg"}
# Bytes that never occur in text (NUL and the C0 controls except tab, LF, FF, CR).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Sniffed:
    """What the content is: ``code`` is a format name ("pdf", "exe", "zip", "text"), or
    "" when nothing matched; ``label`` names it in messages."""

    code: str
    label: str

    @property
    def is_text(self) -> bool:
        return self.code == "text"


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in ALLOWED)


def label_for_mime(mime: str) -> str:
    return _LABEL_BY_MIME.get(mime, mime)


def kind_for(sniffed: Sniffed, extension: str) -> FileKind | None:
    """The allowed kind the content and the extension agree on, else None."""
    if sniffed.is_text:
        return _BY_CODE.get(extension) if extension in {"txt", "csv"} else None
    kind = _BY_CODE.get(sniffed.code)
    if kind is not None and extension in kind.extensions:
        return kind
    return None


def is_allowed_content(sniffed: Sniffed) -> bool:
    return sniffed.is_text or sniffed.code in _BY_CODE


def sniff(stream: IO[bytes]) -> Sniffed:
    """Read the content's type. Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    guess = filetype.guess(head) if head else None
    if guess is not None:
        code = _ALIASES.get(guess.extension, guess.extension)
        if code == "zip":
            code = _office_in_zip(stream) or code
        return Sniffed(code, _BY_CODE[code].label if code in _BY_CODE else code.upper())
    if _is_text(stream):
        return Sniffed("text", "текст")
    return Sniffed("", "")


def _office_in_zip(stream: IO[bytes]) -> str | None:
    # filetype looks only at the first entries; some writers put the telling entry
    # later, so an office document read as "zip" is confirmed from its directory.
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                for code in ("odt", "ods"):
                    if mimetype == _BY_CODE[code].mime.encode():
                        return code
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        stream.seek(0)
    return None


def _is_text(stream: IO[bytes]) -> bool:
    """Plain text in UTF-8 or Windows-1251 (what Russian spreadsheets still export)."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = cp1251_ok = True
    try:
        while chunk := stream.read(CHUNK_BYTES):
            if _BINARY.search(chunk):
                return False
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1251_ok:
                try:
                    chunk.decode("cp1251")
                except UnicodeDecodeError:
                    cp1251_ok = False
            if not utf8_ok and not cp1251_ok:
                return False
        if utf8_ok:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
        return utf8_ok or cp1251_ok
    finally:
        stream.seek(0)
