"""Every public page the browser tests check (axe-core, both versions of the site).

One list, ``PAGES``, for the kernel and the news module; every other domain keeps its
pages in ``tests/e2e/pages_<domain>.py``, which defines ``PAGES`` (a list of
PublicPage) and ``build(world)`` (adds its records to the world), found here by name.
Every entry of a module's ``public_nav`` in the registry is checked as well without
being listed, so a new module's menu pages are covered from the day it registers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.urls import reverse

from tests.attachments import files
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    RegionFactory,
    SettlementFactory,
    UserFactory,
)
from tests.news.factories import PublishedNewsFactory
from zemstvo.core import registry
from zemstvo.core.attachments.services import attachment_add
from zemstvo.core.comments.services import comment_post
from zemstvo.core.opendata.selectors import catalogue
from zemstvo.core.search.services import rebuild_index
from zemstvo.core.territory.models import Municipality, Region, Settlement

# A word of the published news: searching it must list results.
SEARCH_WORD = "благоустройство"


@dataclass
class World:
    """The records the public pages show."""

    region: Region
    municipality: Municipality
    settlement: Settlement
    # Records of the modules, by name (e.g. "news_item").
    records: dict[str, Any] = field(default_factory=dict)
    # People to look at a page as, by name ("resident").
    users: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PublicPage:
    name: str
    url_name: str
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    query: Callable[[World], str] = lambda world: ""
    # Text the page must show, so that a page meant to list records is checked with
    # its records on it (an empty list would hide their markup from axe).
    shows: Callable[[World], str] | None = None
    # Who looks at the page (a name in World.users); nobody logged in by default.
    user: str | None = None

    def path(self, world: World) -> str:
        return reverse(self.url_name, kwargs=self.kwargs(world)) + self.query(world)


def _portal(world: World) -> dict[str, Any]:
    return {"municipality": world.municipality.slug}


def build_world() -> World:
    region = RegionFactory(name="Примерная", slug="primernaya")
    municipality = MunicipalityFactory(
        region=region, slug="primerograd", name="Городской округ Примероград"
    )
    MunicipalityFactory(region=region, slug="sosednee", name="Сельское поселение Соседнее")
    settlement = SettlementFactory(municipality=municipality, name="Примероград", kind="г")
    SettlementFactory(municipality=municipality, name="Заречье", kind="д")
    world = World(region=region, municipality=municipality, settlement=settlement)
    editor = UserFactory(username="editor")
    MembershipFactory(user=editor, role="editor", municipality=municipality)
    world.users["resident"] = UserFactory(username="resident")
    _news(world, editor)
    for module in _domain_page_modules():
        module.build(world)
    rebuild_index()
    return world


def _domain_page_modules() -> list[Any]:
    folder = Path(__file__).parent
    return [
        importlib.import_module(f"tests.e2e.{path.stem}")
        for path in sorted(folder.glob("pages_*.py"))
    ]


def _news(world: World, editor: Any) -> None:
    """A news item with a cover picture, a document and a discussion, and three more."""
    item = PublishedNewsFactory(
        municipality=world.municipality, title="Благоустройство набережной завершено",
        lead="Подрядчик закончил работы на набережной.",
        body="Благоустройство набережной завершено.\n\nЖители выбрали проект на голосовании.",
    )
    item.cover = attachment_add(actor=editor, owner=item, title="Набережная",
                                file=files.upload("naberezhnaya.png", files.image_bytes("PNG")))
    item.save(update_fields=["cover"])
    attachment_add(actor=editor, owner=item, title="Акт приёмки работ",
                   file=files.upload("akt.pdf", files.pdf_bytes()))
    question = comment_post(actor=world.users["resident"], target=item,
                            text="Когда откроют спуск к воде?")
    comment_post(actor=editor, target=item, text="Спуск откроют в июне.", parent=question)
    world.records["news_item"] = item
    PublishedNewsFactory.create_batch(3, municipality=world.municipality)


def _news_detail(world: World) -> dict[str, Any]:
    item = world.records["news_item"]
    return {"municipality": world.municipality.slug, "pk": item.pk, "slug": item.slug}


def _news_passport(world: World) -> dict[str, Any]:
    news = next(s for s in catalogue(world.municipality) if s.dataset.identifier == "news")
    return {"identifier": news.identifier}


def _news_title(world: World) -> str:
    return world.records["news_item"].title


PAGES: list[PublicPage] = [
    PublicPage("home", "shell:home", shows=lambda w: w.municipality.name),
    PublicPage("region", "territory:region", lambda w: {"slug": w.region.slug},
               shows=lambda w: w.municipality.name),
    PublicPage("municipality home", "territory:municipality",
               lambda w: {"slug": w.municipality.slug}, shows=_news_title),
    PublicPage("settlements", "territory:settlements", _portal,
               shows=lambda w: w.settlement.name),
    PublicPage("news list", "news:list", _portal, shows=_news_title),
    PublicPage("news item", "news:detail", _news_detail, shows=_news_title),
    PublicPage("news item, as a resident", "news:detail", _news_detail,
               shows=lambda w: "Ваш комментарий", user="resident"),
    PublicPage("search with results", "search:search", query=lambda w: f"?q={SEARCH_WORD}",
               shows=_news_title),
    PublicPage("search in a portal", "search:search",
               query=lambda w: f"?q={SEARCH_WORD}&m={w.municipality.slug}", shows=_news_title),
    PublicPage("open data catalogue", "opendata:catalogue"),
    PublicPage("open data of a portal", "opendata:catalogue",
               query=lambda w: f"?m={w.municipality.slug}"),
    PublicPage("open data passport", "opendata:passport", _news_passport),
    PublicPage("login", "accounts:login"),
    PublicPage("registration", "accounts:register"),
    PublicPage("password reset", "accounts:password_reset"),
    PublicPage("confirmation e-mail again", "accounts:confirm_resend"),
]


def _listed_pages() -> list[PublicPage]:
    pages = list(PAGES)
    for module in _domain_page_modules():
        pages.extend(module.PAGES)
    return pages


def _nav_pages() -> list[PublicPage]:
    listed = {page.url_name for page in _listed_pages()}
    found = []
    for manifest in registry.modules():
        for item in manifest.public_nav:
            if item.url_name in listed or item.scope == "office":
                continue
            listed.add(item.url_name)
            kwargs = _portal if item.scope == "municipality" else (lambda world: {})
            found.append(PublicPage(f"menu: {item.url_name}", item.url_name, kwargs))
    return found


def all_pages() -> list[PublicPage]:
    return _listed_pages() + _nav_pages()
