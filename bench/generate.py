"""The benchmark's data: one region with 100 municipalities, 10,000 published news
items (in the search index) and 50,000 residents, written with bulk_create in a few
seconds. Deterministic (a seeded random generator), so runs are comparable."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db import connection, transaction
from django.utils import timezone

from zemstvo.core.accounts.models import User, VerificationDocument, VerificationLevel
from zemstvo.core.search.models import SearchEntry
from zemstvo.core.search.services import rebuild_index
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region, Settlement
from zemstvo.news.models import NewsItem, NewsStatus

REGION_SLUG = "bench-oblast"
MUNICIPALITIES = 100
NEWS = 10_000
RESIDENTS = 50_000
SEED = 2026
_BATCH = 2_000

# Each generated item is about one topic: its title and a fifth of its words come from
# the topic, the rest from words shared by all topics. A searched word thus occurs in
# one topic's items (about 600 of the 10,000), as a frequent word of a real portal
# would, instead of in every item.
TOPICS = {
    "Бюджет": "бюджет бюджета доходы расходы исполнение поправки депутаты утвердили",
    "Дороги": "ремонт дорог дороги асфальт дорожного покрытия ямочный подрядчик",
    "Благоустройство": "благоустройство дворов дворовых территорий скамейки озеленение",
    "Публичные слушания": "публичные слушания слушаний правил землепользования застройки",
    "Инициативы жителей": "инициативный проект инициативного бюджетирования предложили",
    "Отопление": "отопление отопительного сезона котельная теплоснабжение батареи",
    "Школы": "школа школы учеников учителя выпускники уроки экзамены",
    "Спорт": "спорт стадион соревнования команда турнир спортсмены",
    "Культура": "культура концерт выставка музей театр фестиваль",
    "Транспорт": "автобус маршрут расписание остановка перевозчик рейсы",
    "Выборы": "выборы избирательный участок голосование кандидаты комиссия",
    "Здоровье": "поликлиника врач прививки диспансеризация фельдшерский пункт",
    "Молодёжь": "молодёжь волонтёры форум молодёжный совет студенты",
    "Экология": "экология субботник мусор раздельный сбор контейнерные площадки",
    "Библиотеки": "библиотека книги читатели чтения литературный клуб",
    "Ветераны": "ветераны память мемориал чествование юбилей",
}
COMMON_WORDS = (
    "администрация округа сообщает жители приглашаются обсуждение программы муниципальной "
    "улице площади заседании совета решение принято срок работ завершил начал средства "
    "местного областного софинансирование заявки приём граждан вопросам сезона детских "
    "площадок праздника конкурса глава поселения встреча состоится вторник четверг "
    "информация подробности телефон адрес здании центре району неделе месяце году итогам "
    "участие предложения замечания принимаются сайте портале новые планы результаты"
).split()
SEARCH_QUERIES = ["бюджет", "ремонт дорог", "благоустройство дворов", "публичные слушания",
                  "инициативный проект", "отопление"]


@dataclass(frozen=True)
class BenchData:
    slugs: list[str]
    search_paths: list[str]
    summary: str


def _text(rng: random.Random, topic_words: list[str], words: int) -> str:
    return " ".join(
        rng.choice(topic_words if rng.random() < 0.2 else COMMON_WORDS) for _ in range(words)
    )


def _territory(rng: random.Random) -> list[Municipality]:
    region = Region.objects.create(name="Бенчмаркская", kind="обл", slug=REGION_SLUG, code="99")
    types = [MunicipalityType.URBAN_OKRUG, MunicipalityType.MUNICIPAL_OKRUG,
             MunicipalityType.MUNICIPAL_DISTRICT]
    municipalities = Municipality.objects.bulk_create([
        Municipality(
            region=region, name=f"Муниципальное образование Бенчмарк-{n:03d}",
            type=types[n % len(types)], oktmo=f"99{n:06d}", slug=f"bench-{n:03d}",
            population=rng.randrange(5_000, 300_000),
        )
        for n in range(1, MUNICIPALITIES + 1)
    ])
    settlements = Settlement.objects.bulk_create([
        Settlement(municipality=m, name=f"Посёлок {m.slug}-{k}", kind="п" if k else "г",
                   oktmo=f"99{n:06d}{k:03d}", population=rng.randrange(100, 50_000),
                   is_support=k == 0)
        for n, m in enumerate(municipalities, start=1)
        for k in range(5)
    ])
    # The first settlement of each municipality is its administrative centre.
    for municipality, centre in zip(municipalities, settlements[::5], strict=True):
        municipality.centre = centre
    Municipality.objects.bulk_update(municipalities, ["centre"])
    return municipalities


def _residents(rng: random.Random, municipalities: list[Municipality]) -> None:
    now = timezone.now()
    batch: list[User] = []
    for n in range(1, RESIDENTS + 1):
        verified = rng.random() < 0.6
        batch.append(User(
            username=f"bench-{n:05d}", password="!bench-unusable",
            first_name="Житель", last_name=f"Бенчмарков-{n}", email=f"bench-{n}@example.org",
            birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55)),
            residence_municipality=municipalities[n % len(municipalities)],
            verification_level=VerificationLevel.VERIFIED if verified
            else VerificationLevel.REGISTERED,
            verified_at=now if verified else None,
            verification_document=VerificationDocument.ROLL_IMPORT if verified else "",
        ))
        if len(batch) >= _BATCH:
            User.objects.bulk_create(batch)
            batch = []
    User.objects.bulk_create(batch)


def _news(rng: random.Random, municipalities: list[Municipality]) -> None:
    """NEWS published items spread evenly over the municipalities and two years."""
    now = timezone.now()
    per_municipality = NEWS // len(municipalities)
    topics = sorted(TOPICS)
    batch: list[NewsItem] = []
    for municipality in municipalities:
        for k in range(per_municipality):
            topic = rng.choice(topics)
            words = TOPICS[topic].split()
            title = f"{topic}: {_text(rng, words, 6)}"
            batch.append(NewsItem(
                municipality=municipality, title=title[:200], slug=f"novost-{k + 1}",
                lead=_text(rng, words, 20).capitalize() + ".",
                body="\n\n".join(_text(rng, words, 60).capitalize() + "." for _ in range(3)),
                status=NewsStatus.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randrange(1, 2 * 365 * 24 * 60)),
            ))
        if len(batch) >= _BATCH:
            NewsItem.objects.bulk_create(batch)
            batch = []
    NewsItem.objects.bulk_create(batch)


def _vacuum() -> None:
    """What autovacuum does to a live database some time after a bulk load: fresh
    statistics, and the GIN index's pending list merged into the index. Without it
    the planner reads the 10,000 search vectors one by one (about ten times slower)
    until autovacuum happens to run in the middle of a measurement."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def ensure_data(log: Callable[[str], None] = print) -> BenchData:
    """Generate the data unless an earlier run left it; refuse a foreign database."""
    municipalities = list(
        Municipality.objects.filter(region__slug=REGION_SLUG).order_by("slug")
    )
    if not municipalities:
        if Municipality.objects.exists():
            raise SystemExit(
                "В базе уже есть другие данные: запустите бенчмарк на пустой базе "
                "(без DATABASE_URL он создаёт временный кластер PostgreSQL сам)."
            )
        rng = random.Random(SEED)
        started = time.monotonic()
        log(f"Создаю данные: {MUNICIPALITIES} МО, {NEWS} новостей, {RESIDENTS} жителей…")
        with transaction.atomic():
            municipalities = _territory(rng)
            _residents(rng, municipalities)
            _news(rng, municipalities)
        log(f"  в поисковом индексе: {rebuild_index()} документов")
        _vacuum()
        log(f"  данные готовы за {time.monotonic() - started:.0f} с")
    else:
        log("Данные бенчмарка уже есть в базе: использую их.")
    return BenchData(
        slugs=[m.slug for m in municipalities],
        search_paths=["/search/?" + urlencode({"q": q}) for q in SEARCH_QUERIES],
        summary=(
            f"{len(municipalities)} municipalities, {NewsItem.objects.count()} news items "
            f"({SearchEntry.objects.filter(kind='news').count()} in the search index), "
            f"{User.objects.count()} users"
        ),
    )
