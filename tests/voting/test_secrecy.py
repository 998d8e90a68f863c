"""The secret ballot as a property of the schema, the audit log and the logs: no
column, key, index or constraint links a ballot to a person; the ballot keeps no time
finer than the day; the audit event of a cast and every log record of it carry no
choice and nothing of the ballot."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from django.conf import settings
from django.db import connection, models

from tests.voting.conftest import option_ids
from zemstvo.core.audit.models import AuditEvent
from zemstvo.voting.models import Ballot, BallotChoice, VoterRegister
from zemstvo.voting.services import ballot_cast

pytestmark = pytest.mark.django_db

USER_MODEL = settings.AUTH_USER_MODEL.lower()


@pytest.mark.parametrize("model", [Ballot, BallotChoice])
def test_ballot_tables_have_no_reference_to_a_person_and_no_time_of_day(model):
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related is None or related._meta.label_lower != USER_MODEL, field.name
        assert related is not VoterRegister, field.name
        assert not isinstance(field, models.DateTimeField | models.TimeField), field.name
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.pk.default is uuid.uuid4


def test_the_ballot_keeps_only_these_columns():
    names = {f.column for f in Ballot._meta.concrete_fields}
    assert names == {"id", "poll_id", "receipt_hash", "cast_on", "free_text"}
    assert isinstance(Ballot._meta.get_field("cast_on"), models.DateField)
    # Lists never follow the order of casting.
    assert Ballot._meta.ordering == ["receipt_hash"]


def test_the_register_has_no_reference_to_a_ballot_and_no_time_of_day():
    for field in VoterRegister._meta.get_fields():
        assert getattr(field, "related_model", None) not in (Ballot, BallotChoice)
        assert not isinstance(field, models.DateTimeField | models.TimeField), field.name


@pytest.mark.parametrize("table", ["voting_ballot", "voting_ballotchoice"])
def test_no_database_constraint_or_index_of_the_ballot_tables_points_at_people(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        columns = [c.name for c in connection.introspection.get_table_description(cursor,
                                                                                  table)]
    assert not any("user" in c for c in columns), columns
    for name, info in constraints.items():
        target = (info.get("foreign_key") or ("",))[0]
        assert target not in ("accounts_user", "voting_voterregister"), name
        assert not any("user" in column for column in info["columns"] or []), name


def test_a_cast_leaves_an_audit_event_of_who_voted_and_nothing_of_the_ballot(
        poll, verified_resident):
    chosen = option_ids(poll)[1]
    code = ballot_cast(actor=verified_resident, poll=poll, choices=[chosen])
    ballot = Ballot.objects.get()
    (event,) = AuditEvent.objects.filter(action="voting.voted")
    assert (event.actor, event.object_type, event.object_id) == (
        verified_resident, "voting.poll", str(poll.pk))
    assert event.before is None and event.after is None
    everything = json.dumps(list(AuditEvent.objects.values()), default=str,
                            ensure_ascii=False)
    chosen_title = poll.options.get(pk=chosen).title
    for secret in (str(ballot.pk), ballot.pk.hex, ballot.receipt_hash, code, chosen_title,
                   "choices"):
        assert secret not in everything


def test_no_log_record_of_a_cast_mentions_the_ballot_even_with_sql_logging_on(
        poll, verified_resident, caplog):
    """With SQL logging switched on (DEBUG), statements are logged except those
    touching the ballot tables, which zemstvo.voting.logfilter drops (on PostgreSQL the
    register row, the ballot and the audit event are one message, dropped whole)."""
    chosen = option_ids(poll)[2]
    previous = connection.force_debug_cursor
    connection.force_debug_cursor = True
    try:
        with caplog.at_level(logging.DEBUG, logger="django.db.backends"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 'logging is on'")
            code = ballot_cast(actor=verified_resident, poll=poll, choices=[chosen])
    finally:
        connection.force_debug_cursor = previous
    ballot = Ballot.objects.get()
    text = "\n".join(r.getMessage() + str(getattr(r, "params", "")) for r in caplog.records)
    assert "logging is on" in text
    for secret in ("voting_ballot", str(ballot.pk), ballot.pk.hex, ballot.receipt_hash, code,
                   poll.options.get(pk=chosen).title):
        assert secret not in text


def test_the_sql_logger_carries_the_secret_ballot_filter():
    from zemstvo.voting.logfilter import SecretBallotFilter

    logger = logging.getLogger("django.db.backends")
    # Logging may be configured more than once in a process (dictConfig adds a
    # logger's filters again each time); one instance is enough.
    found = next(f for f in logger.filters if isinstance(f, SecretBallotFilter))
    ballot = logging.LogRecord("django.db.backends", logging.DEBUG, "", 0, "(%s) %s", (0.1, "x"),
                               None)
    ballot.sql = 'INSERT INTO "voting_ballot" ("id") VALUES (1)'
    register = logging.LogRecord("django.db.backends", logging.DEBUG, "", 0, "x", (), None)
    register.sql = 'INSERT INTO "voting_voterregister" ("user_id") VALUES (1)'
    assert found.filter(ballot) is False and found.filter(register) is True
