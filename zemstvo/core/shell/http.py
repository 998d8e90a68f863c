"""Small request helpers every module's views share."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, target: str | None, fallback: str = "/") -> str:
    """``target`` when it points back into this site, else ``fallback``: a form's
    "next" field must never send the visitor to another host (open redirect)."""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def record_by_type(type_id: Any, object_id: Any) -> models.Model:
    """The record a generic form field pair (content type id, primary key) names;
    404 for anything that does not resolve, whatever was sent."""
    try:
        model = ContentType.objects.get_for_id(int(type_id)).model_class()
        if model is None:
            raise Http404
        return model._default_manager.get(pk=object_id)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
