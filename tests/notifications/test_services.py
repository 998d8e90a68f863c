"""notify, preferences, subscriptions and the daily digest."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import UserFactory
from zemstvo.core import permissions
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications import services
from zemstvo.core.notifications.models import DigestLog, Notification, Subscription

pytestmark = pytest.mark.django_db


def person(**kwargs):
    return UserFactory(email_confirmed_at=timezone.now(), **kwargs)


def _notify(recipients, kind="test.event", **kwargs):
    return services.notify(recipients=recipients, kind=kind, title="Новое событие",
                           body="Подробности", url="/m/testgrad/", **kwargs)


def test_notify_creates_a_row_for_each_recipient_in_bulk(django_assert_num_queries, mailoutbox,
                                                         municipality):
    people = [person() for _n in range(5)]
    with django_assert_num_queries(2):  # preferences, one insert
        rows = _notify(people + people[:2], municipality=municipality)
    assert len(rows) == 5
    stored = Notification.objects.filter(kind="test.event")
    assert {n.user_id for n in stored} == {p.pk for p in people}
    assert all(n.municipality == municipality and n.read_at is None for n in stored)


def test_mail_is_sent_only_after_commit(mailoutbox, django_capture_on_commit_callbacks):
    resident = person()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([resident])
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [resident.email]
    assert message.subject == "Новое событие"
    assert "Подробности" in message.body
    assert "/m/testgrad/" in message.body
    assert "/notifications/settings/" in message.body


@pytest.mark.django_db(transaction=True)
def test_no_mail_when_the_transaction_rolls_back(mailoutbox):
    resident = person()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        _notify([resident])
        raise Boom
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_preferences_decide_the_channels(mailoutbox, django_capture_on_commit_callbacks):
    default = person()
    no_mail = person()
    services.preference_set(user=no_mail, kind="*", channel="email", enabled=False)
    no_mail_for_kind = person()
    services.preference_set(user=no_mail_for_kind, kind="test.event", channel="email",
                            enabled=False)
    mail_for_kind_only = person()
    services.preference_set(user=mail_for_kind_only, kind="*", channel="email", enabled=False)
    services.preference_set(user=mail_for_kind_only, kind="test.event", channel="email",
                            enabled=True)
    nothing_on_site = person()
    services.preference_set(user=nothing_on_site, kind="*", channel="in_app", enabled=False)
    digest = person()
    services.preference_set(user=digest, kind="*", channel="digest", enabled=True)
    unconfirmed = UserFactory()
    everyone = [default, no_mail, no_mail_for_kind, mail_for_kind_only, nothing_on_site,
                digest, unconfirmed]

    with django_capture_on_commit_callbacks(execute=True):
        _notify(everyone)

    mailed = {m.to[0] for m in mailoutbox}
    assert mailed == {default.email, mail_for_kind_only.email, nothing_on_site.email}
    with_rows = set(Notification.objects.values_list("user_id", flat=True))
    assert with_rows == {p.pk for p in everyone} - {nothing_on_site.pk}


def test_inactive_people_are_not_notified(mailoutbox, django_capture_on_commit_callbacks):
    gone = person(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([gone, None]) == []
    assert mailoutbox == [] and not Notification.objects.exists()


def test_a_mail_failure_is_logged_and_never_raised(monkeypatch, caplog, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    first, second = person(), person()
    real_send = services.send_mail

    def flaky(subject, message, from_email, recipients, **kwargs):
        if recipients == [first.email]:
            raise smtplib.SMTPException("сервер недоступен")
        return real_send(subject, message, from_email, recipients, **kwargs)

    monkeypatch.setattr(services, "send_mail", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([first, second])
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert "не отправлено" in caplog.text
    assert Notification.objects.count() == 2


def test_mark_read_and_mark_all_read(resident):
    rows = _notify([resident, person()]) + _notify([resident])
    mine = [n for n in rows if n.user_id == resident.pk]
    services.mark_read(user=resident, notification=mine[0])
    assert Notification.objects.get(pk=mine[0].pk).read_at is not None
    assert services.mark_all_read(user=resident) == 1
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_mark_read_refuses_someone_elses_notification(resident):
    other = _notify([person()])[0]
    with pytest.raises(DomainError, match="не найдено"):
        services.mark_read(user=resident, notification=other)
    assert Notification.objects.get(pk=other.pk).read_at is None


def test_preference_set_refuses_an_unknown_channel(resident):
    with pytest.raises(DomainError, match="Неизвестный способ"):
        services.preference_set(user=resident, kind="*", channel="pigeon", enabled=True)


def test_subscription_is_unique(resident, settlement):
    first = services.subscribe(user=resident, target=settlement)
    again = services.subscribe(user=resident, target=settlement)
    assert first.pk == again.pk
    assert Subscription.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=resident, content_type=first.content_type,
                                    object_id=first.object_id)


def test_unsubscribe(resident, settlement):
    services.subscribe(user=resident, target=settlement)
    assert services.unsubscribe(user=resident, target=settlement) is True
    assert services.unsubscribe(user=resident, target=settlement) is False
    assert not Subscription.objects.exists()


def test_anonymous_may_not_subscribe(settlement):
    assert not permissions.can(None, "notifications.subscribe", settlement)
    with pytest.raises(DomainError):
        services.subscribe(user=None, target=settlement)


def test_notify_subscribers_reaches_followers_but_not_the_actor(settlement, editor):
    followers = [person() for _n in range(3)]
    for follower in followers + [editor]:
        services.subscribe(user=follower, target=settlement)
    rows = services.notify_subscribers(target=settlement, kind="test.update", title="Изменения",
                                       body="", exclude=editor)
    assert {n.user_id for n in rows} == {f.pk for f in followers}
    assert all(n.municipality_id == settlement.municipality_id for n in rows)


def _digest_person():
    someone = person()
    services.preference_set(user=someone, kind="*", channel="digest", enabled=True)
    return someone


def test_digest_mails_unread_notifications_of_the_last_day_once(mailoutbox):
    reader = _digest_person()
    fresh = _notify([reader], kind="test.fresh")[0]
    old = _notify([reader], kind="test.old")[0]
    now = timezone.now()
    Notification.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=2))
    read = _notify([reader], kind="test.read")[0]
    services.mark_read(user=reader, notification=read)
    Notification.objects.filter(pk=fresh.pk).update(title="Свежее")
    Notification.objects.filter(pk=old.pk).update(title="Старое")
    Notification.objects.filter(pk=read.pk).update(title="Прочитанное")

    assert services.send_digests(now=now) == 1
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "Свежее" in body and "Старое" not in body and "Прочитанное" not in body
    assert DigestLog.objects.get(user=reader).last_sent_at == now

    assert services.send_digests(now=now + dt.timedelta(hours=1)) == 0
    assert len(mailoutbox) == 1

    later = _notify([reader], kind="test.later")[0]
    Notification.objects.filter(pk=later.pk).update(
        created_at=now + dt.timedelta(hours=2), title="Позднее"
    )
    assert services.send_digests(now=now + dt.timedelta(days=1)) == 1
    assert "Позднее" in mailoutbox[1].body and "Свежее" not in mailoutbox[1].body


def test_digest_only_for_those_who_chose_it_and_only_their_digest_kinds(mailoutbox):
    no_digest = person()
    _notify([no_digest])
    picky = person()
    services.preference_set(user=picky, kind="test.wanted", channel="digest", enabled=True)
    services.notify(recipients=[picky], kind="test.wanted", title="Нужное", body="")
    services.notify(recipients=[picky], kind="test.other", title="Другое", body="")
    mailoutbox.clear()

    assert services.send_digests() == 1
    assert [m.to for m in mailoutbox] == [[picky.email]]
    assert "Нужное" in mailoutbox[0].body and "Другое" not in mailoutbox[0].body


def test_digest_failure_is_retried_next_time(monkeypatch, mailoutbox):
    reader = _digest_person()
    _notify([reader])
    monkeypatch.setattr(services, "send_mail",
                        lambda *a, **k: (_ for _ in ()).throw(smtplib.SMTPException("нет")))
    assert services.send_digests() == 0
    assert not DigestLog.objects.exists()
    monkeypatch.undo()
    assert services.send_digests() == 1


def test_send_digests_command(capsys, mailoutbox):
    _notify([_digest_person()])
    call_command("send_digests")
    assert "Отправлено сводок: 1" in capsys.readouterr().out


def test_followers_of_a_municipality_get_its_news(municipality, editor):
    follower = person()
    services.subscribe(user=follower, target=municipality)
    rows = services.notify_subscribers(target=municipality, kind="news.published",
                                       title="Новость", body="", exclude=editor)
    assert [(n.user_id, n.municipality_id) for n in rows] == [(follower.pk, municipality.pk)]
