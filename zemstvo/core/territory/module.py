"""The territory module: region pages, municipality portal homes, settlements, the
public territory API and its open data."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import DataField, ModuleManifest, NavItem, OpenDataSet
from zemstvo.core.territory import selectors
from zemstvo.core.territory.policies import RULES

MUNICIPALITIES = OpenDataSet(
    identifier="municipalities",
    title=_("Муниципальные образования"),
    description=_(
        "Муниципальные образования на платформе: код ОКТМО, название, вид, субъект РФ,"
        " муниципальный район (для поселений), население и часовой пояс."
    ),
    fields=(
        DataField("oktmo", _("Код ОКТМО")),
        DataField("name", _("Название")),
        DataField("type", _("Вид муниципального образования")),
        DataField("region", _("Субъект РФ")),
        DataField("parent_oktmo", _("Код ОКТМО муниципального района")),
        DataField("population", _("Население, человек"), "integer"),
        DataField("time_zone", _("Часовой пояс")),
    ),
    rows=selectors.municipality_rows,
    keywords=("ОКТМО", "муниципальные образования", "территория"),
    periodicity=_("по мере изменения"),
    created=date(2026, 11, 27),
)

SETTLEMENTS = OpenDataSet(
    identifier="settlements",
    title=_("Населённые пункты"),
    description=_(
        "Населённые пункты: код ОКТМО, тип, название, муниципальное образование,"
        " население, координаты и признак опорного населённого пункта."
    ),
    fields=(
        DataField("oktmo", _("Код ОКТМО")),
        DataField("kind", _("Тип населённого пункта")),
        DataField("name", _("Название")),
        DataField("municipality_oktmo", _("Код ОКТМО муниципального образования")),
        DataField("municipality", _("Муниципальное образование")),
        DataField("population", _("Население, человек"), "integer"),
        DataField("latitude", _("Широта"), "number"),
        DataField("longitude", _("Долгота"), "number"),
        DataField("is_support", _("Опорный населённый пункт"), "boolean"),
    ),
    rows=selectors.settlement_rows,
    keywords=("ОКТМО", "населённые пункты", "опорные населённые пункты"),
    periodicity=_("по мере изменения"),
    created=date(2026, 11, 27),
)

manifest = ModuleManifest(
    label="territory",
    title=_("Территории"),
    public_nav=(
        NavItem(_("Населённые пункты"), "territory:settlements", scope="municipality"),
    ),
    office_nav=(
        NavItem(_("Опорные населённые пункты"), "office_territory:support", scope="office",
                action="territory.mark_support_settlement"),
    ),
    site_urls="zemstvo.core.territory.urls",
    office_urls="zemstvo.core.territory.office_urls",
    url_prefix="",
    api_routers=(("", "zemstvo.core.territory.api:router"),),
    opendata_sets=(MUNICIPALITIES, SETTLEMENTS),
    policies=RULES,
)
