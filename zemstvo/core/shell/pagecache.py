"""A short-lived cache of whole public pages for anonymous visitors.

Most portal traffic is anonymous reading of the same pages (the home page, news,
search for a topical word). Serving those from memory for a few seconds keeps a
municipality's small server responsive under load. A page is cached only when it is
the same for every anonymous visitor: no session cookie in the request, no cookie set
and no CSRF token used by the response, and no "private" Cache-Control. The key holds
the path, the query and the visitor's display choices (language, low-vision version).
Staff changes appear to anonymous visitors within ZEMSTVO_PAGE_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from zemstvo.core.shell.middleware import A11Y_COOKIE

# Paths whose pages depend on who asks, or that must never be stale.
_NEVER = ("/office/", "/admin/", "/api/", "/accounts/", "/notifications/", "/healthz",
          "/i18n/", "/accessibility/", "/static/", "/media/")


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(_NEVER)
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    a11y = request.COOKIES.get(A11Y_COOKIE, "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}|{a11y}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = getattr(settings, "ZEMSTVO_PAGE_CACHE_SECONDS", 0)
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        cache = caches["default"]
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, seconds)
        return response
