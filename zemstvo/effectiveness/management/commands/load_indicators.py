"""``zemstvo load-indicators``: seed the indicators of Указ № 607 (idempotent)."""

from django.core.management.base import BaseCommand

from zemstvo.effectiveness.catalogue import load_decree_607


class Command(BaseCommand):
    help = "Загрузить перечень показателей Указа Президента № 607 (повторный запуск безопасен)."

    def handle(self, *args, **options):
        result = load_decree_607()
        self.stdout.write(f"Показатели: создано {result['created']}, всего {result['total']}.")
