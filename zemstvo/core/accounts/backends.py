"""Authentication by login or by e-mail address.

It sits after django-axes' backend in AUTHENTICATION_BACKENDS: axes refuses a locked
out login+address pair before this backend ever checks a password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from zemstvo.core.accounts.models import User
from zemstvo.core.accounts.normalize import normalize_email


def find_login_user(identifier: str) -> User | None:
    """The account an identifier (login or e-mail) names, or None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        found = (
            User.objects.filter(email__iexact=normalize_email(identifier)).order_by("pk").first()
        )
        if found is not None:
            return found
    return User.objects.filter(username=identifier).first()


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        user = find_login_user(username)
        if user is None:
            # Hash anyway so a missing account takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
