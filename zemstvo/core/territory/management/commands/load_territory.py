"""`zemstvo load-territory [FILE]`: regions, municipalities and their centres from the
city data shipped with the project (or the file given). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from zemstvo.core.errors import DomainError
from zemstvo.core.territory.services import load_city_dataset


class Command(BaseCommand):
    help = "Загружает субъекты РФ, муниципальные образования и их центры из данных о городах."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="CSV «Города России» (по умолчанию — поставляемый файл)"
        )

    def handle(self, *args, **options):
        try:
            report = load_city_dataset(options.get("file"))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["verbosity"] >= 1:
            for line in report.summary_lines():
                self.stdout.write(line)
        if options["verbosity"] >= 2:
            for warning in report.warnings:
                self.stderr.write(warning)
        elif report.warnings and options["verbosity"] >= 1:
            self.stdout.write(
                f"Пропущено или принято по умолчанию: {len(report.warnings)}"
                " (подробности — с --verbosity 2)."
            )
