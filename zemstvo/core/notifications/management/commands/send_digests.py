"""``zemstvo send-digests``: the daily digest of notifications (run it once a day, e.g.
from cron or a systemd timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from zemstvo.core.notifications.services import send_digests


class Command(BaseCommand):
    help = "Рассылает ежедневные сводки непрочитанных уведомлений тем, кто их выбрал."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Отправлено сводок: {sent}")
