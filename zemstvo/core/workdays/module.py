"""The production calendar module: working-day arithmetic for every domain's
deadlines, and an office page listing what is loaded."""

from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import CardLine, DashboardCard, ModuleManifest, NavItem
from zemstvo.core.workdays.policies import RULES
from zemstvo.core.workdays.selectors import working_month
from zemstvo.core.workdays.store import CalendarMissing


def _calendar_lines(user: Any, municipality: Any) -> list[CardLine]:
    """Today by the production calendar in the municipality's own time zone: the base
    of every deadline the office keeps."""
    if municipality is None:
        return []
    try:
        month = working_month(municipality)
    except CalendarMissing as missing:
        return [CardLine(_("Календарь не загружен"), missing.message, alert=True)]
    return [
        CardLine(_("Сегодня"), _("рабочий день") if month.today_is_working
                 else _("выходной день")),
        CardLine(_("Следующий рабочий день"),
                 formats.date_format(month.next_working_day, "j E, l").lower()),
        CardLine(_("Рабочих дней в месяце"), month.working_days_in_month),
        CardLine(_("Осталось рабочих дней в месяце"), month.working_days_left),
    ]

manifest = ModuleManifest(
    label="workdays",
    title=_("Производственный календарь"),
    office_nav=(
        NavItem(_("Производственный календарь"), "office_workdays:index", scope="office",
                action="workdays.view"),
    ),
    office_urls="zemstvo.core.workdays.office_urls",
    dashboard_cards=(DashboardCard(title=_("Производственный календарь"),
                                   lines=_calendar_lines),),
    policies=RULES,
)
