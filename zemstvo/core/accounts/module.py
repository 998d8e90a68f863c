from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="accounts",
    title=_("Люди и роли"),
    site_urls="zemstvo.core.accounts.urls",
)
