"""The «версия для слабовидящих» switch: remembered per visitor in a cookie."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

A11Y_COOKIE = "zemstvo_a11y"


class AccessibilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.a11y = request.COOKIES.get(A11Y_COOKIE) == "1"  # type: ignore[attr-defined]
        return self.get_response(request)
