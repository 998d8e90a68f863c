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


class ChosenLanguageMiddleware:
    """Russian unless the visitor chose another language with the footer switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but a
    municipal portal speaks Russian by default (the state language, 53-ФЗ ст. 3):
    English is offered, not guessed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
