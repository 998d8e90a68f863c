"""Registration with e-mail confirmation (152-ФЗ consent, signed expiring links)."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.urls import reverse

from tests.accounts.factories import ResidentFactory
from zemstvo.core.accounts import confirmation
from zemstvo.core.accounts.models import User
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REGISTER = {
    "username": "ivanov",
    "email": "Ivanov@Example.org",
    "last_name": "Иванов",
    "first_name": "Пётр",
    "patronymic": "",
    "password1": "Kolokol-Na-Bashne-7",
    "password2": "Kolokol-Na-Bashne-7",
    "consent": "on",
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _register(client, capture, **changes):
    with capture(execute=True):
        return client.post(reverse("accounts:register"), {**REGISTER, **changes})


def test_registration_mails_link_that_opens_account_for_login(
    client, settings, django_capture_on_commit_callbacks
):
    """GIVEN a visitor WHEN they register, open the e-mailed link and log in
    THEN the account is active, the address confirmed and the session theirs."""
    settings.ZEMSTVO_SITE_URL = "https://portal.example.ru"
    response = _register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_done")
    user = User.objects.get(username="ivanov")
    assert (user.is_active, user.email, user.email_confirmed_at) == (
        False, "ivanov@example.org", None
    )
    assert user.personal_data_consent_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ivanov@example.org"]
    link = _link(mail.outbox[0])
    assert link.startswith("https://portal.example.ru/accounts/confirm/")

    confirmed = client.get(urlparse(link).path)
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(reverse("accounts:login"))
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None

    login = client.post(reverse("accounts:login"),
                        {"username": "ivanov", "password": REGISTER["password1"]})
    assert login.status_code == 302 and login["Location"] == reverse("accounts:profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    events = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk))
    actions = set(events.values_list("action", flat=True))
    assert {"accounts.register", "accounts.confirm_email"} <= actions


def test_login_before_confirmation_says_the_address_is_unconfirmed(
    client, django_capture_on_commit_callbacks
):
    _register(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("accounts:login"),
                           {"username": "ivanov", "password": REGISTER["password1"]})
    assert response.status_code == 200
    assert "ещё не подтверждён" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_opening_the_link_twice_changes_nothing_more(client, django_capture_on_commit_callbacks):
    _register(client, django_capture_on_commit_callbacks)
    path = urlparse(_link(mail.outbox[0])).path
    client.get(path)
    events = AuditEvent.objects.count()
    second = client.get(path, follow=True)
    assert "уже был подтверждён" in second.content.decode()
    assert AuditEvent.objects.count() == events


def test_expired_link_is_refused(client, monkeypatch, settings):
    user = ResidentFactory(is_active=False, email_confirmed_at=None)
    made_at = time.time() - settings.ZEMSTVO_EMAIL_CONFIRM_MAX_AGE - 60
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    token = confirmation.make_token(user)
    monkeypatch.undo()
    response = client.get(reverse("accounts:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "Срок действия ссылки истёк" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active and user.email_confirmed_at is None


@pytest.mark.parametrize("forge", [
    lambda token: token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
    lambda token: signing.dumps({"u": 1, "e": "x@example.org", "o": "x@example.org"}),
    lambda token: "not-a-token",
])
def test_forged_link_is_refused(client, forge):
    user = ResidentFactory(is_active=False, email_confirmed_at=None)
    token = forge(confirmation.make_token(user))
    response = client.get(reverse("accounts:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "Ссылка недействительна" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_registration_refuses_an_address_already_used_whatever_its_case(
    client, django_capture_on_commit_callbacks
):
    ResidentFactory(email="ivanov@example.org")
    response = _register(client, django_capture_on_commit_callbacks, email="IVANOV@example.ORG")
    assert response.status_code == 200
    assert "Пользователь с таким адресом электронной почты уже зарегистрирован" in (
        response.content.decode()
    )
    assert not User.objects.filter(username="ivanov").exists()
    assert mail.outbox == []


def test_registration_refuses_a_taken_username(client, django_capture_on_commit_callbacks):
    ResidentFactory(username="Ivanov")
    response = _register(client, django_capture_on_commit_callbacks)
    assert "Это имя пользователя уже занято." in response.content.decode()
    assert User.objects.filter(username__iexact="ivanov").count() == 1


def test_registration_refuses_a_username_that_looks_like_an_address(
    client, django_capture_on_commit_callbacks
):
    response = _register(client, django_capture_on_commit_callbacks, username="boss@example.org")
    assert "Имя пользователя не может содержать «@»" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("password, message", [
    ("12345678", "Введённый пароль состоит только из цифр."),
    ("qwe", "Введённый пароль слишком короткий."),
    ("password", "Введённый пароль слишком широко распространён."),
])
def test_registration_refuses_weak_password_in_russian(
    client, django_capture_on_commit_callbacks, password, message
):
    response = _register(client, django_capture_on_commit_callbacks,
                         password1=password, password2=password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="ivanov").exists()
    assert mail.outbox == []


def test_registration_requires_consent_to_personal_data_processing(
    client, django_capture_on_commit_callbacks
):
    data = {k: v for k, v in REGISTER.items() if k != "consent"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), data)
    assert "Без согласия на обработку персональных данных" in response.content.decode()
    assert not User.objects.filter(username="ivanov").exists()


def test_registration_refuses_different_passwords(client, django_capture_on_commit_callbacks):
    response = _register(client, django_capture_on_commit_callbacks, password2="Другой-пароль-1")
    assert "Пароли не совпадают." in response.content.decode()
    assert not User.objects.exists()


def test_registration_page_shows_every_field_with_a_label(client):
    page = client.get(reverse("accounts:register")).content.decode()
    for field in ("username", "email", "last_name", "first_name", "patronymic", "password1",
                  "password2", "consent"):
        assert f'name="{field}"' in page and f'for="id_{field}"' in page
    assert "152-ФЗ" in page


def test_resend_sends_a_fresh_link_to_a_waiting_account_only(
    client, django_capture_on_commit_callbacks
):
    ResidentFactory(email="waiting@example.org", is_active=False, email_confirmed_at=None)
    ResidentFactory(email="done@example.org")
    url = reverse("accounts:confirm_resend")
    for address in ("waiting@example.org", "done@example.org", "nobody@example.org"):
        response = client.post(url, {"email": address})
        assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]
    assert "/accounts/confirm/" in _link(mail.outbox[0])
