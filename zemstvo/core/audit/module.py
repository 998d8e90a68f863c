from django.utils.translation import gettext_lazy as _

from zemstvo.core.audit.policies import RULES
from zemstvo.core.registry import ModuleManifest, NavItem

manifest = ModuleManifest(
    label="audit",
    title=_("Журнал событий"),
    office_urls="zemstvo.core.audit.office_urls",
    office_nav=(
        NavItem(_("Журнал событий"), "office_audit:events", scope="office", action="audit.browse"),
    ),
    policies=RULES,
)
