"""Rule sets: the legal numbers every process follows, as dated defaults declared by
the modules and overridden by municipalities' and regions' own acts."""

from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest, NavItem
from zemstvo.core.rules.policies import RULES

manifest = ModuleManifest(
    label="rules",
    title=_("Правила и сроки"),
    office_nav=(NavItem(_("Правила и сроки"), "office_rules:index", scope="office",
                        action="rules.view"),),
    office_urls="zemstvo.core.rules.office_urls",
    policies=RULES,
)
