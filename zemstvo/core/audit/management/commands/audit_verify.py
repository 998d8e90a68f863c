"""``zemstvo audit-verify``: exit 0 when the hash chain of the audit log holds, 1 naming
the first broken row."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from zemstvo.core.audit.selectors import VERIFY_BATCH, events_word, verify_chain


class Command(BaseCommand):
    help = "Проверяет цепочку хешей журнала событий: код 0 — журнал цел, 1 — нарушен."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=VERIFY_BATCH,
            help="Сколько событий читать из базы за один запрос.",
        )

    def handle(self, *args, batch_size: int, **options):
        report = verify_chain(batch_size=max(1, batch_size))
        if report.ok:
            self.stdout.write(f"Журнал цел: {events_word(report.count)}")
            self.stdout.write(f"Хеш последнего события: {report.last_hash}")
            return
        assert report.broken is not None
        self.stderr.write(f"Журнал нарушен. {report.broken.describe()}")
        self.stderr.write(f"Проверено целых событий до нарушения: {report.count}")
        sys.exit(1)
