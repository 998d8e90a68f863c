"""API tokens: issue, revoke, and find the token a request presents.

Only the SHA-256 of a secret is stored, so a copy of the database does not give
access to the API; the secret is shown to its owner once, when it is issued.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from zemstvo.core.accounts.models import ApiToken, User
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require

SECRET_PREFIX = "zt_"
MAX_DAYS = 365
# last_used is written at most this often, so a busy client does not write on every call.
_TOUCH_EVERY = timedelta(minutes=1)


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_issue(
    *, actor: User, name: str = "", days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token of ``actor`` and its secret (to show once)."""
    require(actor, "accounts.manage_tokens", None)
    days = settings.ZEMSTVO_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        message = f"Срок действия — от 1 до {MAX_DAYS} дней."
        raise DomainError(message, field_errors={"days": [message]})
    name = " ".join(name.split())
    if len(name) > 100:
        message = "Название слишком длинное: не больше 100 символов."
        raise DomainError(message, field_errors={"name": [message]})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, key_hash=key_hash(secret), prefix=secret[:10],
            expires=timezone.now() + timedelta(days=days),
        )
        audit_record(actor=actor, action="accounts.issue_token", obj=token,
                     after={"name": name, "prefix": token.prefix, "expires": token.expires})
    return token, secret


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    require(actor, "accounts.manage_tokens", token)
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="accounts.revoke_token", obj=token,
                     after={"prefix": token.prefix, "revoked_at": token.revoked_at})
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret whose owner is active, or None."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=key_hash(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used is None or now - token.last_used > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token
