"""Helpers for views of a municipality's portal (/m/<slug>/...)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from zemstvo.core.territory.models import Municipality


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the ``municipality`` slug of the URL into ``request.municipality``
    (404 when there is none) and pass the Municipality to the view instead."""

    @wraps(view)
    def wrapper(request: HttpRequest, municipality: str, *args: Any, **kwargs: Any):
        found = get_object_or_404(
            Municipality.objects.select_related("region"), slug=municipality, is_active=True
        )
        request.municipality = found  # type: ignore[attr-defined]
        return view(request, found, *args, **kwargs)

    return wrapper
