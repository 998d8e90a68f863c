"""The community module declares itself: сходы граждан, ТОС, rural starostas (131-ФЗ
ст. 25.1, 27, 27.1) — menus, pages, API, home block, policies, rule defaults, demo."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from zemstvo.community import selectors
from zemstvo.community.demo import generate_demo
from zemstvo.community.policies import RULES
from zemstvo.community.rules import RULE_DEFAULTS
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


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    from django.urls import reverse

    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        query = f"?m={municipality.slug}"
    else:
        query = ""
    counts = selectors.dashboard_counts(ids)
    url = reverse("office_community:index") + query
    return [
        CardLine(_("Сходы идут или назначены"), counts["open"], url),
        CardLine(_("Выдвинутые старосты ждут решения представительного органа"),
                 counts["nominations"], url, alert=bool(counts["nominations"])),
    ]


def _home_context(municipality: Any) -> dict[str, Any]:
    from zemstvo.community.models import Starosta, Tos

    return {"municipality": municipality,
            "tos_count": Tos.objects.filter(municipality=municipality).count(),
            "starosta_count": Starosta.objects.filter(municipality=municipality).count()}


TOS_DATASET = OpenDataSet(
    identifier="tos",
    title=_("Реестр территориального общественного самоуправления"),
    description=_("ТОС муниципальных образований: территория, учреждение, регистрация устава, "
                  "избранные должностные лица. Сведений о членах ТОС нет."),
    fields=(
        DataField("id", _("Номер в реестре"), "integer"),
        DataField("municipality", _("Муниципальное образование")),
        DataField("oktmo", _("Код ОКТМО")),
        DataField("name", _("Наименование")),
        DataField("settlement", _("Населённый пункт")),
        DataField("territory", _("Территория")),
        DataField("status", _("Состояние")),
        DataField("founded_on", _("Дата учредительного мероприятия"), "date"),
        DataField("charter_number", _("Регистрационный номер устава")),
        DataField("charter_registered_on", _("Дата регистрации устава"), "date"),
        DataField("officers", _("Избранные должностные лица")),
        DataField("url", _("Ссылка")),
    ),
    rows=selectors.opendata_rows,
    keywords=(_("ТОС"), _("территориальное общественное самоуправление")),
    created=date(2026, 12, 1),
)

manifest = ModuleManifest(
    label="community",
    title=_("Сходы, ТОС и старосты"),
    public_nav=(NavItem(_("ТОС и старосты"), "community:index"),),
    office_nav=(NavItem(_("Сходы, ТОС, старосты"), "office_community:index", scope="office",
                        action="community.view_office"),),
    public_urls="zemstvo.community.urls",
    office_urls="zemstvo.community.office_urls",
    api_routers=(("tos", "zemstvo.community.api:tos_router"),
                 ("starostas", "zemstvo.community.api:starosta_router")),
    dashboard_cards=(DashboardCard(title=_("Сходы, ТОС, старосты"), lines=_card_lines,
                                   action="community.view_office"),),
    home_blocks=(HomeBlock(title=_("Территориальное общественное самоуправление"),
                           template="community/home_block.html", context=_home_context,
                           order=120),),
    search_providers=(SearchProvider(kind="community", title=_("ТОС"),
                                     documents=selectors.search_documents),),
    opendata_sets=(TOS_DATASET,),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=50,
)
