"""E-mail confirmation links: signed, expiring, bound to the address they confirm.

The link carries the account, the address being confirmed and the address the account
had when the link was made; once the account's address changes the old links stop
working, so each link confirms at most one change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from zemstvo.core.accounts.models import User
from zemstvo.core.errors import DomainError

SALT = "zemstvo.accounts.confirm-email"


@dataclass(frozen=True)
class ConfirmationClaim:
    user_id: int
    email: str
    previous_email: str


def make_token(user: User, email: str | None = None) -> str:
    """A link token confirming ``email`` (the account's own address by default)."""
    payload = {"u": user.pk, "e": email or user.email, "o": user.email}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str) -> ConfirmationClaim:
    """The claim a token makes, or DomainError when it is forged or too old."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.ZEMSTVO_EMAIL_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            "Срок действия ссылки истёк. Запросите новое письмо с подтверждением."
        ) from None
    except signing.BadSignature:
        raise DomainError(
            "Ссылка недействительна: возможно, она скопирована не полностью."
        ) from None
    try:
        return ConfirmationClaim(int(payload["u"]), str(payload["e"]), str(payload["o"]))
    except (KeyError, TypeError, ValueError):
        raise DomainError("Ссылка недействительна.") from None


def absolute_url(path: str) -> str:
    return settings.ZEMSTVO_SITE_URL.rstrip("/") + path


def confirmation_url(token: str) -> str:
    return absolute_url(reverse("accounts:confirm", kwargs={"token": token}))


def send_confirmation(user: User, email: str | None = None) -> None:
    """Send the link to ``email`` (a new address being confirmed) or the account's own."""
    address = email or user.email
    context = {
        "user": user,
        "url": confirmation_url(make_token(user, address)),
        "hours": settings.ZEMSTVO_EMAIL_CONFIRM_MAX_AGE // 3600,
        "is_change": bool(email and email != user.email),
    }
    subject = render_to_string("accounts/email/confirm_subject.txt", context).strip()
    body = render_to_string("accounts/email/confirm_body.txt", context)
    send_mail(subject, body, None, [address])
