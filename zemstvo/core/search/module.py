from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import ModuleManifest

manifest = ModuleManifest(
    label="search",
    title=_("Поиск"),
    site_urls="zemstvo.core.search.urls",
    api_routers=(("search", "zemstvo.core.search.api:router"),),
)
