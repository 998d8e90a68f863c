"""`zemstvo seed-demo`: load the territory data and the demo content once, then print
the demo accounts (every run, so `make run` always shows them)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from zemstvo.core.shell import demo


class Command(BaseCommand):
    help = "Загружает территории, производственный календарь и демонстрационные данные."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-accounts", action="store_true",
                            help="не печатать список демо-учётных записей")

    def handle(self, *args, **options):
        started = time.monotonic()
        if demo.is_loaded():
            self.stdout.write("Демо-данные уже загружены, повторно не загружаются.")
        else:
            self.stdout.write("Загружаю территории и производственный календарь…")
            demo.load_reference_data()
            self.stdout.write("Создаю демо-данные…")
            # Demo residents get no e-mail: the notifications the demo's actions cause
            # stay in their in-app lists instead of flooding the console.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                summary = demo.seed(log=self.stdout.write)
            self.stdout.write(self.style.SUCCESS(
                f"Готово за {time.monotonic() - started:.1f} с: регион {summary['region']}, "
                f"порталов {len(summary['municipalities'])}, жителей {summary['residents']}."
            ))
        if not options["quiet_accounts"]:
            self._print_accounts()

    def _print_accounts(self) -> None:
        accounts = demo.demo_accounts()
        width = max(len(a.username) for a in accounts)
        self.stdout.write("")
        self.stdout.write(f"Демо-учётные записи (пароль у всех: {demo.DEMO_PASSWORD}):")
        for account in accounts:
            login = account.username.ljust(width)
            self.stdout.write(f"  {login}  {account.role} — {account.where}")
        self.stdout.write("")
        site = settings.ZEMSTVO_SITE_URL.rstrip("/")
        self.stdout.write(f"Портал: {site}/   Кабинет: {site}/office/")
