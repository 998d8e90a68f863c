"""Login by login or e-mail, throttling (django-axes), logout, password reset and change."""

from __future__ import annotations

import importlib
import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import ResidentFactory
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-9"  # tests.factories.UserFactory's password


def _login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_by_email_whatever_its_case(client):
    user = ResidentFactory(username="anna", email="anna@example.org")
    response = _login(client, "ANNA@example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_by_username(client):
    user = ResidentFactory(username="anna")
    assert _login(client, "anna").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_in_russian(client):
    ResidentFactory(username="anna")
    response = _login(client, "anna", "wrong-password")
    assert response.status_code == 200
    assert "Неверный логин, адрес электронной почты или пароль." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sixth_attempt_is_refused_even_with_the_right_password(client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    ResidentFactory(username="anna")
    statuses = [_login(client, "anna", "wrong-password").status_code for _ in range(5)]
    # The fifth failure itself locks the login and answers with the lockout page.
    assert statuses == [200, 200, 200, 200, 429]
    response = _login(client, "anna")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Вход временно заблокирован" in page and "15 мин" in page
    assert "_auth_user_id" not in client.session


def test_switching_between_login_and_email_buys_no_extra_attempts(client):
    ResidentFactory(username="anna", email="anna@example.org")
    for identifier in ("anna", "ANNA@example.org", "Anna", "anna@example.org"):
        assert _login(client, identifier, "wrong-password").status_code == 200
    assert _login(client, "anna@EXAMPLE.org", "wrong-password").status_code == 429
    assert _login(client, "anna").status_code == 429


def test_lockout_is_per_login_so_others_still_log_in(client):
    ResidentFactory(username="anna")
    other = ResidentFactory(username="boris")
    for _attempt in range(5):
        _login(client, "anna", "wrong-password")
    assert _login(client, "boris").status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_logout_takes_post_only(client):
    user = ResidentFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def _reset_link(client, email, capture) -> str:
    with capture(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    return re.search(r"https?://\S+", mail.outbox[0].body).group(0)


def _set_new_password(client, link, password="Novyi-Parol-2026"):
    form = client.get(urlparse(link).path)
    assert form.status_code == 302  # Django swaps the token for a session key
    page = client.get(form["Location"])
    assert "Новый пароль" in page.content.decode()
    return client.post(form["Location"], {"new_password1": password, "new_password2": password})


def test_password_reset_by_e_mailed_link(client, settings, django_capture_on_commit_callbacks):
    settings.ZEMSTVO_SITE_URL = "https://portal.example.ru"
    user = ResidentFactory(email="anna@example.org")
    link = _reset_link(client, "anna@example.org", django_capture_on_commit_callbacks)
    assert link.startswith("https://portal.example.ru/accounts/password/reset/")
    done = _set_new_password(client, link)
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Novyi-Parol-2026")
    assert AuditEvent.objects.filter(action="accounts.password_reset",
                                     object_id=str(user.pk)).exists()
    assert _login(client, "anna@example.org", "Novyi-Parol-2026").status_code == 302


def test_password_reset_lets_a_roll_resident_set_a_first_password(
    client, django_capture_on_commit_callbacks
):
    """Residents loaded from a roll have no usable password and an unconfirmed address:
    the reset link sets the password and, read from their mailbox, confirms it."""
    user = ResidentFactory(email="roll@example.org", email_confirmed_at=None)
    user.set_unusable_password()
    user.save()
    link = _reset_link(client, "roll@example.org", django_capture_on_commit_callbacks)
    _set_new_password(client, link)
    user.refresh_from_db()
    assert is_password_usable(user.password) and user.email_confirmed_at is not None


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_used_reset_link_is_refused(client, django_capture_on_commit_callbacks):
    ResidentFactory(email="anna@example.org")
    link = _reset_link(client, "anna@example.org", django_capture_on_commit_callbacks)
    _set_new_password(client, link)
    again = client.get(urlparse(link).path, follow=True)
    assert "Ссылка недействительна" in again.content.decode()


def test_password_change_keeps_the_session(client):
    user = ResidentFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Drugoi-Parol-77",
        "new_password2": "Drugoi-Parol-77",
    })
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Drugoi-Parol-77")
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.password_change").exists()


def test_password_change_with_wrong_old_password_changes_nothing(client):
    user = ResidentFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "nope", "new_password1": "Drugoi-Parol-77",
        "new_password2": "Drugoi-Parol-77",
    })
    assert response.status_code == 200
    assert "Ваш старый пароль введен неправильно" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_argon2_is_the_first_configured_hasher():
    # conftest swaps the hashers for speed; the settings module itself is what runs.
    configured = importlib.import_module("zemstvo.settings")
    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_axes_backend_comes_before_the_login_or_email_backend():
    configured = importlib.import_module("zemstvo.settings")
    assert configured.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "zemstvo.core.accounts.backends.UsernameOrEmailBackend",
    ]
