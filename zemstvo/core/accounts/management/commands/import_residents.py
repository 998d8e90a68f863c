"""``zemstvo import-residents FILE.csv --municipality SLUG``: load a roll of verified
residents (see zemstvo.core.accounts.roll for the file's layout)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zemstvo.core.accounts.models import User
from zemstvo.core.accounts.roll import RollInvalid, residents_import
from zemstvo.core.errors import DomainError
from zemstvo.core.territory.models import Municipality


class Command(BaseCommand):
    help = (
        "Загрузить список жителей с подтверждённой личностью: CSV в UTF-8, столбцы "
        "last_name, first_name, patronymic, birth_date, settlement, email, phone. "
        "Если хоть одна строка с ошибкой, не загружается ничего."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV-файл")
        parser.add_argument("--municipality", required=True,
                            help="адрес портала (slug) муниципального образования")
        parser.add_argument("--actor", default="",
                            help="логин сотрудника или оператора, который загружает список "
                                 "(записывается в журнал)")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Муниципальное образование «{options['municipality']}» не найдено.")
        actor = None
        if options["actor"]:
            actor = User.objects.filter(username=options["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"Пользователь «{options['actor']}» не найден.")
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Не удалось прочитать файл {path}: {exc.strerror}") from None
        try:
            result = residents_import(actor=actor, municipality=municipality, content=content,
                                      source=path.name)
        except RollInvalid as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"Файл не загружен: ошибок — {len(exc.errors)}. Исправьте их и загрузите снова."
            ) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(
            f"Загружено в «{municipality}»: новых жителей — {result.created}, "
            f"обновлено — {result.updated}."
        ))
