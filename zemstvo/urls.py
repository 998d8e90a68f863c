"""Root URLconf: the admin, the API, the shell, and every module's URLs as its
manifest declares them (zemstvo.core.registry)."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

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
    # The language switch only sets a display preference, so it needs no CSRF token:
    # public pages then carry none and can be cached for anonymous visitors.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include(("zemstvo.core.shell.urls", "shell"), namespace="shell")),
    *_module_patterns(),
]
