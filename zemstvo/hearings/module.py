"""The hearings module declares itself: menus, pages, API, dashboard card, search,
open data, policies, legal rule defaults and demo content."""

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
    ModuleManifest,
    NavItem,
    OpenDataSet,
    SearchProvider,
)
from zemstvo.hearings import selectors
from zemstvo.hearings.demo import generate_demo
from zemstvo.hearings.kinds import RULE_DEFAULTS
from zemstvo.hearings.policies import RULES


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        query = f"?m={municipality.slug}&"
    else:
        query = "?"
    counts = selectors.dashboard_counts(ids)
    url = reverse("office_hearings:list") + query
    return [
        CardLine(_("Идут сейчас"), counts["active"], url),
        CardLine(_("Ждут протокола или заключения"), counts["awaiting"],
                 f"{url}status=protocol", alert=bool(counts["awaiting"])),
    ]


HEARINGS_DATASET = OpenDataSet(
    identifier="hearings",
    title=_("Публичные слушания и общественные обсуждения"),
    description=_("Процедуры публичных слушаний и общественных обсуждений: вид, проект, "
                  "этап, даты оповещения и заключения, число предложений."),
    fields=(
        DataField("id", _("Номер процедуры"), "integer"),
        DataField("municipality", _("Муниципальное образование")),
        DataField("oktmo", _("Код ОКТМО")),
        DataField("kind", _("Вид")),
        DataField("form", _("Форма")),
        DataField("title", _("Проект")),
        DataField("status", _("Этап")),
        DataField("notice_published_at", _("Оповещение опубликовано"), "datetime"),
        DataField("conclusion_published_at", _("Заключение опубликовано"), "datetime"),
        DataField("proposals_total", _("Предложений всего"), "integer"),
        DataField("proposals_local", _("Предложений жителей и правообладателей территории"),
                  "integer"),
        DataField("url", _("Ссылка")),
    ),
    rows=selectors.opendata_rows,
    keywords=(_("публичные слушания"), _("общественные обсуждения"), _("градостроительство")),
    created=date(2026, 12, 1),
)

manifest = ModuleManifest(
    label="hearings",
    title=_("Слушания и обсуждения"),
    public_nav=(NavItem(_("Слушания"), "hearings:list"),),
    office_nav=(NavItem(_("Слушания и обсуждения"), "office_hearings:list", scope="office",
                        action="hearings.view_office"),),
    public_urls="zemstvo.hearings.urls",
    office_urls="zemstvo.hearings.office_urls",
    api_routers=(("hearings", "zemstvo.hearings.api:router"),),
    dashboard_cards=(DashboardCard(title=_("Слушания и обсуждения"), lines=_card_lines,
                                   action="hearings.view_office"),),
    search_providers=(SearchProvider(kind="hearings", title=_("Слушания и обсуждения"),
                                     documents=selectors.search_documents),),
    opendata_sets=(HEARINGS_DATASET,),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=40,
)
