"""Root URLconf: the admin, the API, the shell, and every module's URLs as its
manifest declares them (zemstvo.core.registry)."""

from django.contrib import admin
from django.urls import include, path

from zemstvo.core import registry
from zemstvo.core.api import api


def _module_patterns() -> list:
    patterns = []
    for manifest in registry.modules():
        if manifest.public_urls and manifest.site_urls:
            raise ValueError(f"{manifest.label}: declare public_urls or site_urls, not both")
        if manifest.public_urls:
            patterns.append(
                path(
                    f"m/<slug:municipality>/{manifest.label}/",
                    include((manifest.public_urls, manifest.label), namespace=manifest.label),
                )
            )
        if manifest.site_urls:
            prefix = manifest.label if manifest.url_prefix is None else manifest.url_prefix
            patterns.append(
                path(
                    f"{prefix}/" if prefix else "",
                    include((manifest.site_urls, manifest.label), namespace=manifest.label),
                )
            )
        if manifest.office_urls:
            namespace = f"office_{manifest.label}"
            patterns.append(
                path(
                    f"office/{manifest.label}/",
                    include((manifest.office_urls, namespace), namespace=namespace),
                )
            )
    return patterns


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(("zemstvo.core.shell.urls", "shell"), namespace="shell")),
    *_module_patterns(),
]
