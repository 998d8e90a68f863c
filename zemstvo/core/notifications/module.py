from django.utils.translation import gettext_lazy as _

from zemstvo.core.notifications.policies import RULES
from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="notifications",
    title=_("Уведомления"),
    site_urls="zemstvo.core.notifications.urls",
    policies=RULES,
)
