"""The REST API root (django-ninja) under /api/v1/, with its OpenAPI document at
/api/v1/openapi.json. Each module adds its routers through its manifest.

Errors have one shape: ``{"detail": "...", "errors": {"field": ["..."]}}`` with
Russian messages: 422 for bad input (field errors), 401 without valid credentials,
403 when the policy says no, 404 for what does not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from zemstvo.core import registry
from zemstvo.core.errors import DomainError, NotAllowed, NotFound

api = NinjaAPI(
    title="Земство API",
    version="1",
    description="Открытый API платформы местного самоуправления «Земство».",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

# Russian messages for pydantic's error types (https://docs.pydantic.dev/latest/errors/).
_MESSAGES: dict[str, str] = {
    "missing": "Обязательное поле.",
    "string_too_short": "Слишком короткое значение: не меньше {min_length} символов.",
    "string_too_long": "Слишком длинное значение: не больше {max_length} символов.",
    "string_type": "Ожидается строка.",
    "string_pattern_mismatch": "Значение не соответствует формату.",
    "int_parsing": "Введите целое число.",
    "int_type": "Введите целое число.",
    "float_parsing": "Введите число.",
    "decimal_parsing": "Введите число.",
    "bool_parsing": "Ожидается «да» или «нет» (true/false).",
    "date_parsing": "Введите дату в формате ГГГГ-ММ-ДД.",
    "date_from_datetime_parsing": "Введите дату в формате ГГГГ-ММ-ДД.",
    "datetime_parsing": "Введите дату и время в формате ISO 8601.",
    "greater_than": "Значение должно быть больше {gt}.",
    "greater_than_equal": "Значение должно быть не меньше {ge}.",
    "less_than": "Значение должно быть меньше {lt}.",
    "less_than_equal": "Значение должно быть не больше {le}.",
    "enum": "Выберите одно из значений: {expected}.",
    "literal_error": "Выберите одно из значений: {expected}.",
    "json_invalid": "Тело запроса — некорректный JSON.",
    "model_attributes_type": "Ожидается объект.",
    "dict_type": "Ожидается объект.",
    "list_type": "Ожидается список.",
}


def russian_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        # Our own validators raise ValueError with a Russian message already.
        return str(ctx.get("error") or error.get("msg", "Некорректное значение."))
    template = _MESSAGES.get(kind)
    if template is None:
        return "Некорректное значение."
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template.split(":")[0] + "."


def _field_name(loc: tuple | list) -> str:
    # ninja prefixes the location with the parameter source ("body", "query", ...)
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "form", "header", "cookie", "file"}:
        parts = parts[1:]
        # and the schema argument's name for bodies: ("body", "payload", "field")
        if len(parts) > 1 and parts[0] in {"payload", "data", "body"}:
            parts = parts[1:]
    return ".".join(parts) or "__all__"


def error_response(
    request: HttpRequest, status: int, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"detail": detail}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), []).append(russian_message(error))
    return error_response(request, 422, "Проверьте введённые данные.", errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, 401, "Требуется вход: передайте токен в заголовке «Authorization: Bearer …»."
    )


@api.exception_handler(NotAllowed)
def _not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    return error_response(request, 403, exc.message)


@api.exception_handler(NotFound)
def _not_found_domain(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return error_response(request, 404, exc.message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "Не найдено.")


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return error_response(request, 422, exc.message, exc.field_errors or None)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, str(exc))


def _mount_module_routers() -> None:
    for manifest in registry.modules():
        for prefix, dotted in manifest.api_routers:
            api.add_router(prefix, registry.resolve_dotted(dotted))


_mount_module_routers()
