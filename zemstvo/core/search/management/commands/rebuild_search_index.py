"""``zemstvo rebuild-search-index``: rebuild the search index from every module."""

from django.core.management.base import BaseCommand

from zemstvo.core.search.services import rebuild_index


class Command(BaseCommand):
    help = "Перестроить поисковый индекс по всем модулям."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Поисковый индекс перестроен: документов — {count}.")
