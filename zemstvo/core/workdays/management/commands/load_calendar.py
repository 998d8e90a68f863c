"""`zemstvo load-calendar [FILE...]`: load production-calendar files (xmlcalendar.ru
format); by default the ones shipped in zemstvo/data/calendar. Idempotent: a year
whose file has not changed is left as it is; a changed file replaces its year."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zemstvo.core.errors import DomainError
from zemstvo.core.workdays.services import calendar_load


class Command(BaseCommand):
    help = "Загружает производственный календарь (файлы XML формата xmlcalendar.ru)."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="файлы календаря (по умолчанию — поставляемые с проектом)"
        )

    def handle(self, *args, **options):
        files = [Path(name) for name in options["files"]] or None
        try:
            report = calendar_load(files=files)
        except DomainError as exc:
            for error in exc.field_errors.get("files", []):
                self.stderr.write(error)
            raise CommandError("Производственный календарь не загружен.") from exc
        if options["verbosity"] >= 1:
            for line in report.summary_lines():
                self.stdout.write(line)
