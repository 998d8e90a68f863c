"""Programs in the press centre: programs and their projects can be linked from
news items (zemstvo.news.linking); their pages show the published news linked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps

from zemstvo.programs.models import Program, Subprogram


def linkable(municipality: Any) -> Iterator[tuple[Any, str]]:
    """Every program and subprogram/project of the municipality (two queries)."""
    for program in Program.objects.filter(municipality=municipality).order_by("code", "id"):
        yield program, f"Программа {program.code} «{program.title}»"
    subs = Subprogram.objects.filter(program__municipality=municipality).select_related(
        "program__municipality").order_by("program__code", "id")
    for sub in subs:
        yield sub, f"{sub.get_kind_display().capitalize()} «{sub.title}» ({sub.program.code})"


def register() -> None:
    if apps.is_installed("zemstvo.news"):
        from zemstvo.news import linking

        linking.register(linkable)


def linked_news(obj: Any) -> list[Any]:
    if not apps.is_installed("zemstvo.news"):
        return []
    from zemstvo.news.linking import published_for

    return published_for(obj)


def linked_news_feed(obj: Any) -> str:
    if not apps.is_installed("zemstvo.news"):
        return ""
    from zemstvo.news.linking import feed_url

    return feed_url(obj)
