from django.utils.translation import gettext_lazy as _

from zemstvo.core.attachments.policies import RULES
from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="attachments",
    title=_("Вложения"),
    site_urls="zemstvo.core.attachments.urls",
    policies=RULES,
)
