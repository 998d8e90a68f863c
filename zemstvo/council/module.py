"""The council module declares itself to the platform: menus, pages, API (council
sessions and the Popolo export), home block, dashboard card, policies and demo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
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
    RuleDefault,
    SearchProvider,
)
from zemstvo.council import selectors
from zemstvo.council.demo import generate_demo
from zemstvo.council.policies import RULES


def _home_context(municipality: Any) -> dict[str, Any]:
    body = selectors.body_of(municipality)
    return {"municipality": municipality, "body": body,
            "upcoming": selectors.upcoming_sessions(body) if body else []}


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        query = f"?m={municipality.slug}"
    else:
        query = ""
    overdue = selectors.overdue_tasks_count(ids)
    return [
        CardLine(_("Вопросы жителей на модерации"), selectors.pending_questions_count(ids),
                 reverse("office_council:questions") + query),
        CardLine(_("Просроченные поручения по встречам"), overdue,
                 reverse("office_council:home") + query, alert=overdue > 0),
    ]


RULE_DEFAULTS = (
    RuleDefault(
        key="council.adoption_share", kind="decimal", value=Decimal("0.5"),
        effective_from=date(2003, 10, 6),
        title=_("Решение принято, если «за» больше этой доли установленной численности "
                "депутатов"),
        source="Устав муниципального образования; 131-ФЗ ст. 35",
    ),
)

DECISIONS_DATASET = OpenDataSet(
    identifier="council-decisions",
    title=_("Решения представительного органа"),
    description=_(
        "Муниципальные правовые акты, принятые представительным органом: номер, дата "
        "принятия, наименование, дата и источник официального опубликования."
    ),
    fields=(
        DataField("id", _("Номер записи"), "integer"),
        DataField("municipality", _("Муниципальное образование")),
        DataField("oktmo", _("Код ОКТМО муниципального образования")),
        DataField("body", _("Представительный орган")),
        DataField("number", _("Номер решения")),
        DataField("title", _("Наименование")),
        DataField("adopted_on", _("Дата принятия"), "date"),
        DataField("published_on", _("Дата официального опубликования"), "date"),
        DataField("publication_source", _("Источник официального опубликования")),
        DataField("url", _("Ссылка на заседание")),
    ),
    rows=selectors.opendata_rows,
    keywords=(_("решения"), _("муниципальные правовые акты"), _("представительный орган")),
    periodicity="ежемесячно",
    created=date(2026, 11, 27),
)

manifest = ModuleManifest(
    label="council",
    title=_("Представительный орган"),
    public_nav=(NavItem(_("Депутаты и заседания"), "council:body"),),
    office_nav=(NavItem(_("Представительный орган"), "office_council:home", scope="office",
                        action="council.view_office"),),
    public_urls="zemstvo.council.urls",
    office_urls="zemstvo.council.office_urls",
    api_routers=(("council", "zemstvo.council.api:router"),
                 ("popolo", "zemstvo.council.api:popolo_router")),
    dashboard_cards=(
        DashboardCard(title=_("Представительный орган"), lines=_card_lines,
                      action="council.view_office"),
    ),
    home_blocks=(
        HomeBlock(title=_("Заседания представительного органа"),
                  template="council/home_block.html", context=_home_context, order=30),
    ),
    search_providers=(
        SearchProvider(kind="council", title=_("Заседания представительного органа"),
                       documents=selectors.search_documents),
    ),
    opendata_sets=(DECISIONS_DATASET,),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=40,
)
