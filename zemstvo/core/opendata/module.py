from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="opendata", title=_("Открытые данные"), site_urls="zemstvo.core.opendata.urls"
)
