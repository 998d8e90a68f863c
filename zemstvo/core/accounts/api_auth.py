"""Authentication for the API, shared by every module's router.

``request.auth`` is the User in both cases: a bearer token for programs, the browser's
session for pages that call the API. Use ``auth=TOKEN_OR_SESSION`` on a router or an
operation; an invalid or missing token answers 401, a policy refusal 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from zemstvo.core.accounts.token_services import api_token_authenticate


class BearerToken(HttpBearer):
    """``Authorization: Bearer zt_…`` with a live token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        owner = api_token_authenticate(token.strip())
        if owner is not None:
            request.user = owner
        return owner


class BrowserSession(SessionAuth):
    """Django's session (ninja's django_auth), consulted only when the request carries
    a session cookie: a program without one gets 401, not a CSRF refusal."""

    def __call__(self, request: HttpRequest) -> Any:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


bearer_token = BearerToken()
browser_session = BrowserSession()
TOKEN_OR_SESSION = [bearer_token, browser_session]
