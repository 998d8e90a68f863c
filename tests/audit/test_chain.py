"""The audit log's hash chain: appends, tampering found and named, the command."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, transaction

from tests.factories import UserFactory
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.audit.selectors import BreakKind, events_word, verify_chain
from zemstvo.core.audit.services import GENESIS_HASH, audit_record

pytestmark = pytest.mark.django_db


def _log(count: int, **kwargs) -> list[AuditEvent]:
    return [
        audit_record(actor=None, action=kwargs.get("action", "test.change"),
                     after={"n": n}, municipality=kwargs.get("municipality"))
        for n in range(count)
    ]


def _run_command(capsys, *args) -> tuple[int, str, str]:
    try:
        call_command("audit_verify", *args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_chain_holds_on_an_empty_log(capsys):
    report = verify_chain()
    assert report.ok and report.count == 0 and report.last_hash == GENESIS_HASH
    code, out, _err = _run_command(capsys)
    assert code == 0
    assert "Журнал цел: 0 событий" in out


def test_chain_holds_on_many_events_read_in_batches(capsys, municipality):
    events = _log(23, municipality=municipality)
    report = verify_chain(batch_size=5)
    assert report.ok
    assert report.count == 23
    assert report.last_hash == events[-1].hash
    code, out, _err = _run_command(capsys, "--batch-size", "4")
    assert code == 0
    assert "Журнал цел: 23 события" in out
    assert events[-1].hash in out


def test_each_event_links_to_the_one_before():
    first, second, third = _log(3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash


def test_edited_row_is_detected_and_named(capsys):
    events = _log(5, action="news.publish")
    AuditEvent.objects.filter(pk=events[2].pk).update(after={"n": "подделка"})

    report = verify_chain()

    assert not report.ok
    assert report.broken.event_id == events[2].pk
    assert report.broken.kind == BreakKind.EDITED
    assert report.count == 2
    code, _out, err = _run_command(capsys)
    assert code == 1
    assert f"id={events[2].pk}" in err
    assert "news.publish" in err
    assert "изменена" in err
    assert events[2].created_at.strftime("%Y-%m-%d %H:%M:%S") in err


def test_edited_action_is_detected():
    events = _log(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(action="test.nothing_happened")
    report = verify_chain()
    assert report.broken.event_id == events[1].pk
    assert report.broken.kind == BreakKind.EDITED


def test_row_deleted_in_the_middle_is_detected(capsys):
    events = _log(5)
    AuditEvent.objects.filter(pk=events[2].pk).delete()

    report = verify_chain()

    assert report.broken.event_id == events[3].pk
    assert report.broken.kind == BreakKind.MISSING
    assert report.broken.previous_id == events[1].pk
    code, _out, err = _run_command(capsys)
    assert code == 1
    assert f"id={events[3].pk}" in err
    assert "не хватает" in err


def test_first_rows_deleted_are_detected():
    events = _log(3)
    AuditEvent.objects.filter(pk=events[0].pk).delete()
    report = verify_chain()
    assert report.broken.event_id == events[1].pk
    assert report.broken.kind == BreakKind.MISSING
    assert report.broken.previous_id is None


def test_edit_with_a_recomputed_hash_breaks_the_next_link():
    events = _log(4)
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.after = {"n": "подделка"}
    AuditEvent.objects.filter(pk=forged.pk).update(after=forged.after, hash=forged.compute_hash())

    report = verify_chain()

    assert report.broken.event_id == events[2].pk
    assert report.broken.kind == BreakKind.MISSING


def test_swapped_rows_are_reported_as_reordered():
    events = _log(4)
    a, b = (AuditEvent.objects.get(pk=e.pk) for e in events[1:3])
    fields = ["created_at", "action", "after", "prev_hash", "hash"]
    AuditEvent.objects.filter(pk=a.pk).update(hash="x" * 64)
    AuditEvent.objects.filter(pk=b.pk).update(**{f: getattr(a, f) for f in fields})
    AuditEvent.objects.filter(pk=a.pk).update(**{f: getattr(b, f) for f in fields})

    report = verify_chain()

    assert report.broken.event_id == a.pk
    assert report.broken.kind == BreakKind.REORDERED
    assert report.broken.linked_id == b.pk


def test_save_on_an_existing_row_raises():
    event = _log(1)[0]
    event.action = "test.other"
    with pytest.raises(RuntimeError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.change"


def test_delete_raises():
    event = _log(1)[0]
    with pytest.raises(RuntimeError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_the_actor_keeps_the_chain_whole():
    person = UserFactory()
    event = audit_record(actor=person, action="test.change", after={"a": 1})
    person.delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor_id == event.actor_id
    assert stored.actor_label == event.actor_label
    assert verify_chain().ok


def test_values_hash_the_same_after_the_database_round_trip():
    audit_record(actor=None, action="test.change",
                 before={"ratio": 1e20, "share": 0.1, "list": [1.0, "б", None]},
                 after={"nested": {"ё": True, "n": -3}})
    assert verify_chain().ok


def test_rolled_back_appends_leave_no_gap_in_the_chain():
    class Boom(Exception):
        pass

    with transaction.atomic():
        first = audit_record(actor=None, action="test.kept")
        with pytest.raises(Boom), transaction.atomic():
            audit_record(actor=None, action="test.rolled_back")
            raise Boom
        second = audit_record(actor=None, action="test.kept")
    assert second.prev_hash == first.hash
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_a_linear_chain():
    """GIVEN four threads, each with its own database connection, appending at once
    WHEN they are done THEN every event links to exactly one other and the chain holds."""
    errors: list[str] = []
    start = threading.Barrier(4)

    def append(n: int, i: int) -> None:
        # The test database of SQLite is an in-memory shared cache, whose table locks
        # do not wait like a file database's do: try again (PostgreSQL never gets here).
        for _attempt in range(5000):
            try:
                with transaction.atomic():
                    audit_record(actor=None, action="test.append", after={"t": n, "i": i})
                return
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                time.sleep(0)
        raise AssertionError("the chain stayed locked")

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(5):
                append(n, i)
        except Exception as exc:  # reported through `errors` to the main thread
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    prev_hashes = list(AuditEvent.objects.values_list("prev_hash", flat=True))
    assert len(prev_hashes) == 20
    assert len(set(prev_hashes)) == 20
    assert verify_chain().ok


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 событий"), (1, "1 событие"), (3, "3 события"), (11, "11 событий"),
    (21, "21 событие"), (112, "112 событий"),
])
def test_events_word_follows_russian_plurals(count, text):
    assert events_word(count) == text
