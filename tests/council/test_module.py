"""The council manifest: open data of decisions without personal data, search
documents of sessions, the dashboard card."""

from __future__ import annotations

from datetime import date

import pytest

from zemstvo.council.models import Decision
from zemstvo.council.module import DECISIONS_DATASET, manifest

pytestmark = pytest.mark.django_db


def test_decisions_open_data_rows_have_exactly_the_declared_fields(municipality, held_session,
                                                                   resident):
    item = held_session.items.first()
    Decision.objects.create(agenda_item=item, number="7", title="О бюджете",
                            adopted_on=date(2026, 1, 10), published_on=date(2026, 1, 15),
                            publication_source="Газета")
    rows = list(DECISIONS_DATASET.rows(municipality))
    assert len(rows) == 1
    assert set(rows[0]) == {f.name for f in DECISIONS_DATASET.fields}
    assert rows[0]["number"] == "7" and rows[0]["published_on"] == date(2026, 1, 15)


def test_search_documents_list_sessions_with_their_agenda(held_session):
    (provider,) = manifest.search_providers
    docs = list(provider.documents())
    assert docs[0].title == held_session.title and "Вопрос повестки 1" in docs[0].body


def test_dashboard_card_counts_pending_questions(municipality, planned_session, resident,
                                                 moderator):
    from zemstvo.council.models import ResidentQuestion

    ResidentQuestion.objects.create(agenda_item=planned_session.items.first(), author=resident,
                                    text="Вопрос")
    (card,) = manifest.dashboard_cards
    lines = card.lines(moderator, municipality)
    assert lines[0].value == 1 and lines[1].alert is False
