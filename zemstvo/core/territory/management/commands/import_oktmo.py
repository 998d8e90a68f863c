"""`zemstvo import-oktmo FILE`: load Rosstat's ОКТМО open-data file (windows-1251,
fields separated by «;») into municipalities and settlements. Nothing is written
when any line is wrong; each wrong line is reported with its number."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from zemstvo.core.errors import DomainError
from zemstvo.core.territory.services import OktmoImportError, oktmo_import

SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = "Загружает файл ОКТМО Росстата (CSV, windows-1251, разделитель «;»)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="файл ОКТМО из открытых данных Росстата")

    def handle(self, *args, **options):
        try:
            report = oktmo_import(options["file"])
        except OktmoImportError as exc:
            for error in exc.errors[:SHOWN_ERRORS]:
                self.stderr.write(error)
            if len(exc.errors) > SHOWN_ERRORS:
                self.stderr.write(f"…и ещё ошибок: {len(exc.errors) - SHOWN_ERRORS}.")
            raise CommandError(exc.message) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if options["verbosity"] >= 1:
            for line in report.summary_lines():
                self.stdout.write(line)
