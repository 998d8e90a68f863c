"""Fixtures of the search tests: documents indexed straight through the service, and
a test module whose provider the rebuild reads."""

from __future__ import annotations

import pytest

from zemstvo.core import registry
from zemstvo.core.registry import ModuleManifest, SearchDoc, SearchProvider
from zemstvo.core.search.services import index_document

# What the test provider yields; tests replace the list's content.
PROVIDED: list[SearchDoc] = []


@pytest.fixture
def index(municipality):
    """index(title, body, ...) -> indexes a document of kind "testdocs"."""
    counter = iter(range(1, 10_000))

    def add(title: str, body: str = "", *, municipality_id=municipality.pk, kind="testdocs",
            object_id=None, published_at=None):
        doc = SearchDoc(
            kind=kind, object_id=str(object_id or next(counter)), title=title, body=body,
            url=f"/docs/{title[:10]}", municipality_id=municipality_id,
            published_at=published_at,
        )
        index_document(doc)
        return doc

    return add


@pytest.fixture
def test_provider(monkeypatch):
    """A registered module "testdocs" whose search provider yields PROVIDED."""
    PROVIDED.clear()
    manifest = ModuleManifest(
        label="testdocs",
        title="Тестовые документы",
        search_providers=(
            SearchProvider(kind="testdocs", title="Тестовые документы",
                           documents=lambda: list(PROVIDED)),
        ),
    )
    monkeypatch.setattr(registry, "_modules", [*registry.modules(), manifest])
    yield PROVIDED
    PROVIDED.clear()
