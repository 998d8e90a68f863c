"""The production calendar module: working-day arithmetic for every domain's
deadlines, and an office page listing what is loaded."""

from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest, NavItem
from zemstvo.core.workdays.policies import RULES

manifest = ModuleManifest(
    label="workdays",
    title=_("Производственный календарь"),
    office_nav=(
        NavItem(_("Производственный календарь"), "office_workdays:index", scope="office",
                action="workdays.view"),
    ),
    office_urls="zemstvo.core.workdays.office_urls",
    policies=RULES,
)
