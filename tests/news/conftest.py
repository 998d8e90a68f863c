"""Fixtures of the news tests: files to upload and people by role name."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import MembershipFactory, UserFactory
from tests.news.factories import NewsItemFactory, PublishedNewsFactory

ROLES = (
    "anonymous", "resident", "verified_resident", "clerk", "editor", "moderator",
    "municipal_admin", "regional_curator", "operator", "other_editor",
)
NEWS_STAFF = {"editor", "municipal_admin", "operator"}


@pytest.fixture
def other_editor(other_municipality):
    """An editor of another municipality: no rights in the test one."""
    user = UserFactory(username="other_editor")
    MembershipFactory(user=user, role="editor", municipality=other_municipality)
    return user


@pytest.fixture
def person(request):
    """person("editor") -> the fixture user of that role; "anonymous" -> None."""

    def get(role: str):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def draft(municipality, editor):
    return NewsItemFactory(municipality=municipality, author=editor, title="Черновик новости")


@pytest.fixture
def published_item(municipality, editor):
    return PublishedNewsFactory(municipality=municipality, author=editor,
                                title="Ремонт дорог начался", slug="remont-dorog-nachalsya")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def pdf_file():
    return SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def png_file():
    return SimpleUploadedFile("cover.png", png_bytes(), content_type="image/png")


@pytest.fixture
def fake_pdf():
    """A PNG picture that claims to be a PDF by its name: a false extension."""
    return SimpleUploadedFile("report.pdf", png_bytes(), content_type="application/pdf")
