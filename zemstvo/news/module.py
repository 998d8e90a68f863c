"""The news module declares itself to the platform: menus, pages, API, home block,
dashboard card, search, open data, policies and demo content."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import card_municipality_ids
from zemstvo.core.registry import (
    CardLine,
    DashboardCard,
    DataField,
    HomeBlock,
    ModuleManifest,
    NavItem,
    OpenDataSet,
    SearchProvider,
)
from zemstvo.news import selectors
from zemstvo.news.demo import generate_demo
from zemstvo.news.policies import RULES


def _home_context(municipality: Any) -> dict[str, Any]:
    return {"municipality": municipality, "news_items": selectors.latest(municipality, 5)}


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        query = f"?m={municipality.slug}"
    else:
        query = ""
    counts = selectors.dashboard_counts(ids)
    url = reverse("office_news:list") + (query + "&" if query else "?")
    return [
        CardLine(_("Черновики"), counts["drafts"], f"{url}status=draft"),
        CardLine(_("Опубликовано в этом месяце"), counts["published_this_month"],
                 f"{url}status=published"),
    ]


NEWS_DATASET = OpenDataSet(
    identifier="news",
    title=_("Новости муниципального образования"),
    description=_(
        "Новости, опубликованные на портале муниципального образования: заголовок, "
        "анонс, дата публикации и ссылка на полный текст."
    ),
    fields=(
        DataField("id", _("Номер новости"), "integer"),
        DataField("municipality", _("Муниципальное образование")),
        DataField("oktmo", _("Код ОКТМО муниципального образования")),
        DataField("title", _("Заголовок")),
        DataField("lead", _("Анонс")),
        DataField("published_at", _("Дата и время публикации"), "datetime"),
        DataField("url", _("Ссылка на новость")),
    ),
    rows=selectors.opendata_rows,
    keywords=(_("новости"), _("местное самоуправление"), _("муниципальное образование")),
    # Data of the passport, in Russian whatever the visitor's language.
    periodicity="ежедневно",
    created=date(2026, 11, 27),
)

manifest = ModuleManifest(
    label="news",
    title=_("Новости"),
    public_nav=(NavItem(_("Новости"), "news:list"),),
    office_nav=(NavItem(_("Новости"), "office_news:list", scope="office",
                        action="news.view_office"),),
    public_urls="zemstvo.news.urls",
    office_urls="zemstvo.news.office_urls",
    api_routers=(("news", "zemstvo.news.api:router"),),
    dashboard_cards=(
        DashboardCard(title=_("Новости"), lines=_card_lines, action="news.view_office"),
    ),
    home_blocks=(
        HomeBlock(title=_("Новости"), template="news/home_block.html", context=_home_context,
                  order=10),
    ),
    search_providers=(
        SearchProvider(kind="news", title=_("Новости"), documents=selectors.search_documents),
    ),
    opendata_sets=(NEWS_DATASET,),
    policies=RULES,
    demo=generate_demo,
    # Other modules' demo content may link to news.
    demo_order=10,
)
