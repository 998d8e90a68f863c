"""The profile: details, place of residence in two steps, the verification status."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import ResidentFactory
from tests.factories import MunicipalityFactory, SettlementFactory
from zemstvo.core.accounts import services
from zemstvo.core.accounts.models import VerificationDocument, VerificationLevel
from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.errors import DomainError

pytestmark = pytest.mark.django_db

PROFILE = {
    "last_name": "Петрова", "first_name": "Анна", "patronymic": "Сергеевна",
    "email": "petrova@example.org", "phone": "", "birth_date": "1985-05-17",
}


def _verify(user, municipality):
    user.verification_level = VerificationLevel.VERIFIED
    user.verified_at = timezone.make_aware(dt.datetime(2026, 3, 2, 22, 30), dt.UTC)
    user.verification_document = VerificationDocument.PASSPORT
    user.residence_municipality = municipality
    user.save()
    return user


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_unverified_person_is_told_to_visit_the_administration(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Личность не подтверждена — обратитесь в администрацию" in page
    assert "Городской округ Тестоград" in page


def test_verified_person_sees_date_in_their_zone_and_document_kind(client, person, municipality):
    municipality.time_zone = "Asia/Vladivostok"
    municipality.save()
    _verify(person, municipality)
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    # 22:30 UTC on 2 March is already 3 March in Vladivostok.
    assert "Подтверждена 03.03.2026, способ: паспорт гражданина РФ" in page


def test_residence_is_chosen_in_two_steps_without_javascript(
    client, person, municipality, village
):
    client.force_login(person)
    url = reverse("accounts:residence")
    step1 = client.get(url, {"q": "тестоград"}).content.decode()  # lower case Cyrillic
    assert f'value="{municipality.slug}"' in step1
    step2 = client.get(url, {"municipality": municipality.slug}).content.decode()
    assert f'value="{village.pk}"' in step2 and "Берёзовка" in step2
    response = client.post(url, {"municipality": municipality.slug, "settlement": village.pk,
                                 "address": "ул. Лесная, 3"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.residence_municipality, person.residence_settlement) == (municipality, village)
    assert person.residence_address == "ул. Лесная, 3"
    assert AuditEvent.objects.filter(action="accounts.set_residence",
                                     object_id=str(person.pk)).exists()


def test_settlement_of_another_municipality_is_refused(client, person, municipality):
    foreign = SettlementFactory(municipality=MunicipalityFactory(), name="Чужое")
    client.force_login(person)
    response = client.post(reverse("accounts:residence"),
                           {"municipality": municipality.slug, "settlement": foreign.pk})
    assert response.status_code == 200
    assert "Выберите населённый пункт из списка." in response.content.decode()
    person.refresh_from_db()
    assert person.residence_settlement != foreign
    with pytest.raises(DomainError) as error:
        services.residence_set(actor=person, municipality=municipality, settlement=foreign)
    assert error.value.field_errors == {
        "settlement": ["Населённый пункт не относится к выбранному муниципальному образованию."]
    }


def test_verified_person_is_warned_before_moving(client, person, municipality):
    _verify(person, municipality)
    client.force_login(person)
    page = client.get(reverse("accounts:residence"),
                      {"municipality": municipality.slug}).content.decode()
    assert "подтверждение будет снято" in page


def test_moving_resets_verification_and_audits_it(client, person, municipality, village):
    """Verification confirms identity and place of residence: after a move the person is
    «registered» again until verified where they now live."""
    _verify(person, municipality)
    client.force_login(person)
    response = client.post(reverse("accounts:residence"),
                           {"municipality": municipality.slug, "settlement": village.pk},
                           follow=True)
    assert "Подтверждение личности снято" in response.content.decode()
    person.refresh_from_db()
    assert person.verification_level == VerificationLevel.REGISTERED
    assert (person.verified_at, person.verification_document) == (None, "")
    reset = AuditEvent.objects.get(action="accounts.verification_reset")
    assert reset.before["verification_level"] == "verified"
    assert reset.after["reason"] == "смена места жительства"
    assert reset.actor == person


def test_new_address_in_the_same_settlement_keeps_verification(client, person, municipality):
    _verify(person, municipality)
    client.force_login(person)
    client.post(reverse("accounts:residence"), {
        "municipality": municipality.slug, "settlement": person.residence_settlement_id,
        "address": "ул. Новая, 1"})
    person.refresh_from_db()
    assert person.is_verified and person.residence_address == "ул. Новая, 1"


def test_changing_the_name_resets_verification(client, person, municipality):
    _verify(person, municipality)
    client.force_login(person)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "подтверждение личности будет снято" in page
    client.post(reverse("accounts:profile"), {**PROFILE, "last_name": "Сидорова"})
    person.refresh_from_db()
    assert person.last_name == "Сидорова" and not person.is_verified
    event = AuditEvent.objects.get(action="accounts.update_profile")
    assert event.after == {"changed": ["last_name"]}  # names, not values, in the log


def test_phone_is_normalised_and_a_bad_one_refused(client, person):
    client.force_login(person)
    client.post(reverse("accounts:profile"), {**PROFILE, "phone": "8 (912) 345-67-89"})
    person.refresh_from_db()
    assert person.phone == "+79123456789"
    response = client.post(reverse("accounts:profile"), {**PROFILE, "phone": "позвоните"})
    assert "Введите номер телефона" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "+79123456789"


def test_future_birth_date_is_refused(client, person):
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "birth_date": "2999-01-01"})
    assert "Проверьте дату рождения" in response.content.decode()
    person.refresh_from_db()
    assert person.birth_date == dt.date(1985, 5, 17)


def test_new_email_takes_effect_only_after_its_link(
    client, person, django_capture_on_commit_callbacks
):
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:profile"), {**PROFILE, "email": "anna.new@example.org"})
    person.refresh_from_db()
    assert person.email == "petrova@example.org"
    assert mail.outbox[0].to == ["anna.new@example.org"]
    path = urlparse(re.search(r"https?://\S+", mail.outbox[0].body).group(0)).path
    assert client.get(path).status_code == 302
    person.refresh_from_db()
    assert person.email == "anna.new@example.org"
    # The link was made for the old address: once used, it cannot be replayed.
    replay = client.get(path)
    assert replay.status_code == 400 and "Ссылка устарела" in replay.content.decode()


def test_email_taken_by_someone_else_is_refused(client, person):
    ResidentFactory(email="taken@example.org")
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "email": "Taken@example.org"})
    assert "Этот адрес уже занят" in response.content.decode()
    assert mail.outbox == []


def test_email_cannot_be_removed_but_a_phone_only_resident_can_save(client, person):
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "email": ""})
    assert "Адрес электронной почты нельзя удалить" in response.content.decode()
    phone_only = ResidentFactory(email="", phone="+79120001122")
    client.force_login(phone_only)
    response = client.post(reverse("accounts:profile"),
                           {**PROFILE, "email": "", "phone": "+7 912 000-11-22"})
    assert response.status_code == 302
