"""Logging a browser profile in without the login form (the journey test uses the form)."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext


def log_in(context: BrowserContext, user, url: str) -> None:
    """Give the browser profile a session of ``user``, as after a login."""
    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": url}])
