"""The API: tokens issued, used and revoked; /me; 401, 403, 404 and 422 kept apart."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import ResidentFactory
from zemstvo.core.accounts import token_services
from zemstvo.core.accounts.models import ApiToken
from zemstvo.core.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-9"
TOKEN_URL = "/api/v1/auth/token"


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def issued(person):
    token, secret = token_services.api_token_issue(actor=person, name="скрипт")
    return token, secret


def test_token_is_issued_for_login_and_password_and_stored_as_hash_only(client, person):
    response = _post(client, TOKEN_URL, {"username": "petrova@example.org", "password": PASSWORD,
                                         "name": "Мой скрипт"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "id", "created", "expires"}
    token = ApiToken.objects.get(pk=body["id"])
    assert token.user == person and token.name == "Мой скрипт"
    assert token.key_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in {token.key_hash, token.prefix, token.name}
    assert body["token"].startswith(token.prefix)
    assert token.expires - token.created > timedelta(days=89)
    assert AuditEvent.objects.filter(action="accounts.issue_token").exists()


def test_wrong_credentials_get_401_in_russian(client, person):
    response = _post(client, TOKEN_URL, {"username": "petrova", "password": "wrong"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Неверный логин, адрес электронной почты или пароль."}
    assert not ApiToken.objects.exists()


def test_missing_fields_get_422_with_russian_field_errors(client):
    response = _post(client, TOKEN_URL, {"username": "petrova", "days": 1000})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["password"] == ["Обязательное поле."]
    assert errors["days"] == ["Значение должно быть не больше 365."]


def test_token_endpoint_is_throttled_like_the_login_page(client, person):
    for _attempt in range(4):
        assert _post(client, TOKEN_URL, {"username": "petrova", "password": "x"}).status_code == 401
    assert _post(client, TOKEN_URL, {"username": "petrova", "password": "x"}).status_code == 429
    response = _post(client, TOKEN_URL, {"username": "petrova", "password": PASSWORD})
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_me_with_a_bearer_token(client, issued, person, municipality):
    _token, secret = issued
    response = client.get("/api/v1/me", **_bearer(secret))
    assert response.status_code == 200
    assert response.json() == {
        "id": person.pk, "username": "petrova", "full_name": "Петрова Анна Сергеевна",
        "verification_level": "registered", "residence_municipality": municipality.slug,
        "roles": [],
    }


def test_me_lists_roles(client, municipal_admin, regional_curator, municipality):
    client.force_login(municipal_admin)
    roles = client.get("/api/v1/me").json()["roles"]
    assert roles == [{"role": "administrator", "title": "администратор",
                      "municipality": municipality.slug, "region": None}]
    client.force_login(regional_curator)
    roles = client.get("/api/v1/me").json()["roles"]
    assert roles == [{"role": "regional_curator", "title": "региональный куратор",
                      "municipality": None, "region": municipality.region.slug}]


def test_me_with_the_browser_session(client, person):
    client.force_login(person)
    assert client.get("/api/v1/me").json()["username"] == "petrova"


@pytest.mark.parametrize("header", [
    {}, {"HTTP_AUTHORIZATION": "Bearer zt_not-a-real-token"},
    {"HTTP_AUTHORIZATION": "Token something"},
])
def test_no_or_invalid_token_gets_401(client, header):
    response = client.get("/api/v1/me", **header)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Требуется вход")


def test_expired_token_and_inactive_owner_get_401(client, issued, person):
    token, secret = issued
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 401
    token.refresh_from_db()
    assert token.last_used is None  # a refused token is not recorded as used
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() + timedelta(days=1))
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 200
    person.is_active = False
    person.save()
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 401


def test_using_a_token_records_when(client, issued):
    token, secret = issued
    assert token.last_used is None
    client.get("/api/v1/me", **_bearer(secret))
    token.refresh_from_db()
    assert token.last_used is not None


def test_the_last_use_is_written_at_most_once_a_minute(client, issued):
    token, secret = issued
    recent = timezone.now() - timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used=recent)
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used == recent
    ApiToken.objects.filter(pk=token.pk).update(last_used=recent - timedelta(minutes=1))
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 200
    token.refresh_from_db()
    assert token.last_used > recent


def test_token_list_shows_own_tokens_without_secrets(client, issued, person):
    token, secret = issued
    token_services.api_token_issue(actor=ResidentFactory(), name="чужой")
    response = client.get("/api/v1/auth/tokens", **_bearer(secret))
    assert response.status_code == 200
    listed = response.json()
    assert [t["id"] for t in listed] == [token.pk]
    assert set(listed[0]) == {"id", "name", "prefix", "created", "last_used", "expires",
                              "revoked_at"}
    assert secret not in response.content.decode()
    assert token.key_hash not in response.content.decode()


def test_owner_revokes_a_token_and_it_stops_working(client, issued):
    token, secret = issued
    response = client.delete(f"/api/v1/auth/tokens/{token.pk}", **_bearer(secret))
    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/me", **_bearer(secret)).status_code == 401
    assert AuditEvent.objects.filter(action="accounts.revoke_token").exists()


def test_someone_elses_token_gets_403_and_a_missing_one_404(client, issued):
    token, _secret = issued
    _mine, my_secret = token_services.api_token_issue(actor=ResidentFactory())
    other = client.delete(f"/api/v1/auth/tokens/{token.pk}", **_bearer(my_secret))
    assert other.status_code == 403
    assert other.json()["detail"] == "Недостаточно прав для этого действия."
    token.refresh_from_db()
    assert token.revoked_at is None
    missing = client.delete("/api/v1/auth/tokens/999999", **_bearer(my_secret))
    assert missing.status_code == 404
    assert client.delete(f"/api/v1/auth/tokens/{token.pk}").status_code == 401


def test_tokens_page_shows_the_secret_once_and_revokes(client, person):
    client.force_login(person)
    url = reverse("accounts:tokens")
    response = client.post(url, {"name": "Выгрузка", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=person)
    secret = response.context["secret"]
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    again = client.get(url).content.decode()
    assert secret not in again and token.prefix in again
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_tokens_page_does_not_revoke_someone_elses_token(client, person, issued):
    token, _secret = issued
    client.force_login(ResidentFactory())
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_openapi_document_lists_the_accounts_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/auth/token", "/api/v1/auth/tokens", "/api/v1/auth/tokens/{token_id}",
            "/api/v1/me"} <= set(paths)
