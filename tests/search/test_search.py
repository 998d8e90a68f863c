"""The search selector and services, on whichever database the run uses (the suite
runs on SQLite with FTS5 and on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from zemstvo.core.registry import SearchDoc
from zemstvo.core.search.models import FTS_TABLE, SearchEntry
from zemstvo.core.search.selectors import search
from zemstvo.core.search.services import rebuild_index, remove_document

pytestmark = pytest.mark.django_db

BUDGET = "Администрация объявляет приём заявок: инициативное бюджетирование 2026 года."


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_an_inflected_word_finds_its_other_forms(index):
    """GIVEN a document about «бюджетирование» WHEN one searches «бюджетирования»
    THEN it is found, with the matching word highlighted."""
    index("Приём заявок", BUDGET)
    results = search("бюджетирования")
    assert results.error == ""
    assert results.total == 1
    assert titles(results) == ["Приём заявок"]
    assert "<mark>бюджетирование</mark>" in results.hits[0].snippet


def test_yo_and_ye_are_the_same_letter(index):
    index("Ёлка на площади", "Новогодняя ёлка откроется в субботу.")
    assert titles(search("елка")) == ["Ёлка на площади"]


def test_english_words_are_stemmed_too(index):
    index("Open data", "The portal publishes datasets for developers.")
    assert titles(search("publishing dataset")) == ["Open data"]


def test_a_portal_search_does_not_return_another_portals_documents(
    index, municipality, other_municipality
):
    index("Ремонт дороги в Тестограде", "Дорожные работы.", municipality_id=municipality.pk)
    index("Ремонт дороги в Другом", "Дорожные работы.", municipality_id=other_municipality.pk)
    mine = search("ремонт дорог", municipality=municipality)
    theirs = search("ремонт дорог", municipality=other_municipality.pk)
    everywhere = search("ремонт дорог")
    assert titles(mine) == ["Ремонт дороги в Тестограде"]
    assert mine.total == 1
    assert titles(theirs) == ["Ремонт дороги в Другом"]
    assert everywhere.total == 2
    assert mine.hits[0].municipality_name == municipality.name


def test_title_matches_rank_before_body_matches(index):
    index("Отчёт администрации", "Упоминание: бюджет. Ещё раз бюджет и снова бюджет.")
    index("Бюджет на 2027 год", "Проект решения вынесен на публичные слушания.")
    assert titles(search("бюджет"))[0] == "Бюджет на 2027 год"


def test_kinds_filter_keeps_only_those_kinds(index):
    index("Школьный автобус", "Расписание", kind="testdocs")
    index("Школьный стадион", "Открытие", kind="otherdocs")
    assert titles(search("школьный", kinds=["otherdocs"])) == ["Школьный стадион"]
    assert search("школьный", kinds=["testdocs", "otherdocs"]).total == 2


@pytest.mark.parametrize(
    "query",
    [
        '"', '""', "'", "*", "**", "-", "--", "OR", "or or", "()", "(", ")", "AND",
        "NOT", "NEAR(a b)", "бюджет*", '"бюджет', "бюджет OR", "OR бюджет", "-бюджет",
        "бюджет -", "бюджет & | !", "col:бюджет", "^бюджет", "бюджет:", "a-b-c", "{}[]",
        "\\", "%", "_", "бюджет' OR 1=1 --", "\x00бюджет", "ё", "!!!", "&", "|", "<->",
        "бюджет <-> дорога", "title:бюджет", '"" OR ""', "(бюджет OR дорога) -мост",
    ],
)
def test_special_characters_in_a_query_never_crash(index, query):
    index("Бюджет", "Бюджет и дорога через мост.")
    results = search(query)
    # Either a clear message or an answer; never an exception from FTS5 or tsquery.
    assert results.error or results.total >= 0
    if results.error:
        assert results.hits == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Введите слово или фразу для поиска."),
        ("   ", "Введите слово или фразу для поиска."),
        ("а", "Слишком короткий запрос: введите не меньше 2 символов."),
        ("я" * 201, "Слишком длинный запрос: не больше 200 символов."),
        ("-- **", "В запросе нет слов для поиска: добавьте хотя бы одно слово."),
    ],
)
def test_unsearchable_queries_get_a_russian_message(query, message, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = search(query)
    assert results.error == message
    assert results.hits == [] and results.total == 0


def test_websearch_syntax_phrase_or_and_exclusion(index):
    index("Ремонт моста", "Мост через реку закрыт на ремонт.")
    index("Ремонт дороги", "Дорога к школе будет отремонтирована.")
    index("Школьный праздник", "Праздник в школе и ремонт не связаны.")
    assert set(titles(search("ремонт -мост"))) == {"Ремонт дороги", "Школьный праздник"}
    assert set(titles(search("мост or праздник"))) == {"Ремонт моста", "Школьный праздник"}
    assert titles(search('"дорога к школе"')) == ["Ремонт дороги"]


def test_control_characters_are_dropped_from_documents(index):
    index("Новость\x00 с нулём", "Текст\x00 про субботник\x07")
    assert titles(search("субботник")) == ["Новость с нулём"]


def test_snippets_escape_the_documents_html(index):
    index("Объявление", "Внимание <script>alert(1)</script> бюджетирование & прочее")
    snippet = str(search("бюджетирование").hits[0].snippet)
    # PostgreSQL's ts_headline drops tags, the SQLite snippet escapes them: never raw.
    assert "<script" not in snippet
    assert "&amp; прочее" in snippet
    assert "<mark>бюджетирование</mark>" in snippet


def test_pages_of_results_and_total(index):
    for n in range(5):
        index(f"Новость номер {n}", "Благоустройство двора.")
    first = search("благоустройство", limit=2)
    last = search("благоустройство", limit=2, offset=4)
    beyond = search("благоустройство", limit=2, offset=10)
    assert first.total == last.total == beyond.total == 5
    assert len(first.hits) == 2 and len(last.hits) == 1 and beyond.hits == []


def test_reindexing_a_document_replaces_it(index):
    index("Старый заголовок", "Слово альфа", object_id=7)
    index("Новый заголовок", "Слово бета", object_id=7)
    assert SearchEntry.objects.count() == 1
    assert search("альфа").total == 0
    assert titles(search("бета")) == ["Новый заголовок"]


def _fts_rows() -> int:
    if connection.vendor != "sqlite":
        return SearchEntry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        return cursor.fetchone()[0]


def test_removing_a_document_drops_it_from_the_index(index):
    index("Удаляемая новость", "Текст про благоустройство", object_id=3)
    remove_document("testdocs", 3)
    remove_document("testdocs", 999)  # not there: nothing happens
    assert search("благоустройство").total == 0
    assert SearchEntry.objects.count() == 0
    assert _fts_rows() == 0


def test_rebuild_is_idempotent_and_drops_stale_documents(test_provider, index, municipality):
    index("Устаревший документ", "Больше не публикуется: благоустройство", object_id=500)
    test_provider.extend(
        SearchDoc(kind="testdocs", object_id=str(n), title=f"Благоустройство {n}",
                  body="Сквер и детская площадка.", url=f"/d/{n}",
                  municipality_id=municipality.pk)
        for n in range(3)
    )
    assert rebuild_index() == 3
    first = [(h.title, h.url) for h in search("благоустройство").hits]
    assert rebuild_index() == 3
    second = [(h.title, h.url) for h in search("благоустройство").hits]
    assert first == second
    assert len(first) == 3
    assert "Устаревший документ" not in [t for t, _u in first]
    assert SearchEntry.objects.count() == 3
    assert _fts_rows() == 3


def test_rebuild_command(test_provider, municipality, capsys):
    from django.core.management import call_command

    test_provider.append(SearchDoc(kind="testdocs", object_id="1", title="Субботник",
                                   body="Уборка парка", url="/d/1"))
    call_command("rebuild_search_index")
    assert "документов — 1" in capsys.readouterr().out
    assert titles(search("субботник")) == ["Субботник"]
    assert search("субботник").hits[0].kind_title == "Тестовые документы"
