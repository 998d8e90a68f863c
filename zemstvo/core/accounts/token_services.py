"""API tokens: issue, revoke, and find the token a request presents.

Only the SHA-256 of a secret is stored, so a copy of the database does not give
access to the API; the secret is shown to its owner once, when it is issued.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
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


# Every API call with a token runs this, so it is written in SQL: through the ORM,
# reading the token with its owner and touching it cost more than the rest of casting
# a ballot (bench/voting.py). On PostgreSQL the touch rides in the same statement.
_USER, _TOKEN = User._meta.db_table, ApiToken._meta.db_table
_LIVE = "t.key_hash = %(key)s AND t.revoked_at IS NULL AND t.expires > %(now)s"
_OWNER_SQL = (f"SELECT u.*, t.id AS token_id, "
              f"(t.last_used IS NULL OR t.last_used < %(touched_before)s) AS stale "
              f"FROM {_USER} u JOIN {_TOKEN} t ON t.user_id = u.id "
              f"WHERE {_LIVE} AND u.is_active")
_TOUCH_SQL = f"UPDATE {_TOKEN} SET last_used = %(now)s WHERE id = %(token)s"
_TOUCH_AND_OWNER_SQL = f"""
WITH touched AS (
    UPDATE {_TOKEN} t SET last_used = %(now)s
    WHERE {_LIVE} AND (t.last_used IS NULL OR t.last_used < %(touched_before)s)
      AND t.user_id IN (SELECT id FROM {_USER} WHERE is_active)
)
SELECT u.* FROM {_USER} u JOIN {_TOKEN} t ON t.user_id = u.id WHERE {_LIVE} AND u.is_active
"""


def api_token_authenticate(secret: str) -> User | None:
    """The active owner of the live (not revoked, not expired) token with this secret,
    or None; the token's last use is recorded to the minute."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = {"key": key_hash(secret), "now": adapt(now),
              "touched_before": adapt(now - _TOUCH_EVERY)}
    if connection.vendor == "postgresql":
        found = list(User.objects.raw(_TOUCH_AND_OWNER_SQL, params))
        return found[0] if found else None
    found = list(User.objects.raw(_OWNER_SQL, params))
    if not found:
        return None
    owner = found[0]
    if owner.stale:
        with connection.cursor() as cursor:
            cursor.execute(_TOUCH_SQL, {"now": params["now"], "token": owner.token_id})
    return owner
