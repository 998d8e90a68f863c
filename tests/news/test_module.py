"""The news module through the kernel: search provider, open-data set, demo content."""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
from tests.news.factories import NewsItemFactory, PublishedNewsFactory
from zemstvo.core.attachments.models import Attachment
from zemstvo.core.registry import DemoContext
from zemstvo.core.search.selectors import search
from zemstvo.core.search.services import rebuild_index
from zemstvo.news.demo import PER_MUNICIPALITY, tiny_pdf, tiny_png
from zemstvo.news.models import NewsItem, NewsStatus
from zemstvo.news.module import manifest

pytestmark = pytest.mark.django_db


def test_rebuilding_search_indexes_published_news_only(municipality):
    PublishedNewsFactory(municipality=municipality, title="Фестиваль народного творчества")
    NewsItemFactory(municipality=municipality, title="Фестиваль в черновике")
    NewsItemFactory(municipality=municipality, title="Фестиваль в архиве",
                    status=NewsStatus.ARCHIVED)
    assert rebuild_index() == 1
    hits = search("фестиваля", municipality=municipality, kinds=["news"]).hits
    assert [h.title for h in hits] == ["Фестиваль народного творчества"]
    assert hits[0].kind_title == "Новости"


def test_news_open_data_holds_no_personal_data(client, municipality, editor):
    item = PublishedNewsFactory(municipality=municipality, author=editor, title="Открытие сквера")
    NewsItemFactory(municipality=municipality, title="Черновик")
    response = client.get(reverse("opendata:data_csv", args=[f"{municipality.oktmo}-news"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["id", "municipality", "oktmo", "title", "lead", "published_at", "url"]
    assert len(rows) == 2
    assert rows[1][3] == "Открытие сквера"
    assert rows[1][6].endswith(item.get_absolute_url())
    text = "\n".join(",".join(r) for r in rows)
    assert editor.username not in text and editor.last_name not in text
    assert editor.email not in text


def _demo_context(seed: int = 7) -> DemoContext:
    municipalities = [MunicipalityFactory(), MunicipalityFactory()]
    staff = {}
    for m in municipalities:
        editor = UserFactory()
        MembershipFactory(user=editor, role="editor", municipality=m)
        staff[m.slug] = {"editor": editor}
    residents = [UserFactory() for _ in range(4)]
    return DemoContext(
        region=municipalities[0].region, municipalities=municipalities, staff=staff,
        residents=residents, rng=random.Random(seed), now=timezone.now(), log=lambda _m: None,
    )


def test_demo_builds_a_season_of_news_and_is_safe_to_run_again():
    from zemstvo.core.comments.models import Comment

    ctx = _demo_context()
    manifest.demo(ctx)
    for municipality in ctx.municipalities:
        items = NewsItem.objects.filter(municipality=municipality)
        assert items.count() == PER_MUNICIPALITY
        published = items.filter(status=NewsStatus.PUBLISHED)
        assert published.count() == PER_MUNICIPALITY - 2
        oldest = min(i.published_at for i in published)
        assert oldest >= ctx.now - timedelta(days=91)
        assert max(i.published_at for i in published) <= ctx.now
    mimes = set(Attachment.objects.values_list("mime_type", flat=True))
    assert mimes == {"application/pdf", "image/png"}
    assert NewsItem.objects.filter(cover__isnull=False).exists()
    assert Comment.objects.exists()
    assert search("бюджетирования").total >= 1
    counts = (NewsItem.objects.count(), Attachment.objects.count(), Comment.objects.count())
    manifest.demo(ctx)
    assert (NewsItem.objects.count(), Attachment.objects.count(),
            Comment.objects.count()) == counts


def test_demo_files_are_valid():
    from zemstvo.core.attachments import sniff

    assert tiny_pdf("Проверка").startswith(b"%PDF-")
    png = io.BytesIO(tiny_png(random.Random(1)))
    assert sniff.sniff(png).code == "png"
