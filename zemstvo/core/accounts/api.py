"""The accounts API: bearer tokens and the current user.

``POST /api/v1/auth/token`` exchanges a login (or e-mail) and password for a token;
failed attempts count towards django-axes' lockout like those of the login page.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from zemstvo.core.accounts import selectors, token_services
from zemstvo.core.accounts.api_auth import TOKEN_OR_SESSION
from zemstvo.core.accounts.models import ApiToken, User
from zemstvo.core.api import error_response
from zemstvo.core.permissions import require

auth_router = Router(tags=["Вход и токены"])
me_router = Router(tags=["Пользователь"])


class TokenRequest(Schema):
    username: str = Field(..., min_length=1, max_length=254,
                          description="Логин или адрес электронной почты")
    password: str = Field(..., min_length=1, max_length=4096)
    name: str = Field("", max_length=100, description="Название токена (для чего он)")
    days: int | None = Field(None, ge=1, le=token_services.MAX_DAYS,
                             description="Срок действия в днях")


class IssuedToken(Schema):
    token: str = Field(..., description="Секрет: показывается один раз")
    id: int
    created: datetime
    expires: datetime


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    expires: datetime
    revoked_at: datetime | None


class Error(Schema):
    detail: str


class RoleOut(Schema):
    role: str
    title: str
    municipality: str | None = Field(None, description="slug муниципального образования")
    region: str | None = Field(None, description="slug субъекта РФ")


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    verification_level: str
    residence_municipality: str | None
    roles: list[RoleOut]


@auth_router.post("/token", response={200: IssuedToken, 401: Error, 422: Error, 429: Error},
                  auth=None, summary="Получить токен по логину и паролю")
def issue_token(request: HttpRequest, payload: TokenRequest):
    # The request goes to authenticate() so django-axes counts and locks out attempts.
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return error_response(request, 401, "Неверный логин, адрес электронной почты или пароль.")
    token, secret = token_services.api_token_issue(actor=user, name=payload.name,
                                                   days=payload.days)
    return {"token": secret, "id": token.pk, "created": token.created, "expires": token.expires}


@auth_router.get("/tokens", response=list[TokenOut], auth=TOKEN_OR_SESSION,
                 summary="Мои токены (без секретов)")
def list_tokens(request: HttpRequest):
    return selectors.tokens_of(request.auth)


@auth_router.delete("/tokens/{token_id}", response={204: None}, auth=TOKEN_OR_SESSION,
                    summary="Отозвать токен")
def revoke_token(request: HttpRequest, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id)
    require(request.auth, "accounts.manage_tokens", token)
    token_services.api_token_revoke(actor=request.auth, token=token)
    return 204, None


@me_router.get("/me", response=MeOut, auth=TOKEN_OR_SESSION, summary="Текущий пользователь")
def me(request: HttpRequest):
    user: User = request.auth
    residence = user.residence_municipality
    return {
        "id": user.pk,
        "username": user.get_username(),
        "full_name": user.full_name,
        "verification_level": user.verification_level,
        "residence_municipality": residence.slug if residence else None,
        "roles": [
            {"role": m.role, "title": m.get_role_display(),
             "municipality": m.municipality.slug if m.municipality else None,
             "region": m.region.slug if m.region else None}
            for m in selectors.user_memberships(user)
        ],
    }
