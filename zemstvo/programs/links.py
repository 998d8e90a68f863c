"""Programs in the press centre: programs and their projects can be linked from
news items (zemstvo.news.linking); their pages show the published news linked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
    from zemstvo.news.linking import register_if_installed

    register_if_installed(linkable)
