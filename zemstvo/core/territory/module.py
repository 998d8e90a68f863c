from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="territory",
    title=_("Территории"),
    site_urls="zemstvo.core.territory.urls",
    url_prefix="",
)
