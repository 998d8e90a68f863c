"""Writes for people: registration, e-mail confirmation, profile and place of residence,
passwords, in-person verification and its revocation.

Every function checks, validates, writes inside one transaction together with its
audit event, and sends e-mail only after the commit. Personal data is not copied into
the audit log: events name the fields that changed, not their values.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zemstvo.core.accounts import confirmation
from zemstvo.core.accounts.models import User, VerificationDocument, VerificationLevel
from zemstvo.core.accounts.normalize import normalize_email, normalize_phone
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.notifications.services import notify
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Municipality, Settlement

# Documents a clerk may accept at the counter; ЕСИА and a roll import have their own ways.
IN_PERSON_DOCUMENTS = (
    VerificationDocument.PASSPORT,
    VerificationDocument.TEMPORARY_ID,
    VerificationDocument.FOREIGN_PASSPORT,
    VerificationDocument.MILITARY_ID,
)
IDENTITY_FIELDS = ("last_name", "first_name", "patronymic", "birth_date")
_RESEND_PAUSE_SECONDS = 60


def _fail(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def _email_taken(email: str, *, exclude_pk: int | None = None) -> bool:
    found = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.exists()


def _check_birth_date(value: date | None) -> None:
    if value is not None and not date(1900, 1, 1) <= value < timezone.localdate():
        raise _fail("birth_date", "Проверьте дату рождения: она должна быть в прошлом.")


def _verification_state(user: User) -> dict[str, Any]:
    return {
        "verification_level": user.verification_level,
        "verification_document": user.verification_document,
        "verified_at": user.verified_at,
        "verified_by": user.verified_by_id,
    }


def _clear_verification(user: User) -> None:
    user.verification_level = VerificationLevel.REGISTERED
    user.verified_at = None
    user.verified_by = None
    user.verification_document = ""


def _reset_verification(*, actor: Any, user: User, reason: str) -> None:
    """Return a verified person to «registered»: the facts verification confirmed
    (identity, place of residence) are no longer the ones on record."""
    before = _verification_state(user)
    _clear_verification(user)
    audit_record(
        actor=actor, action="accounts.verification_reset", obj=user,
        municipality=user.residence_municipality_id,
        before=before, after={**_verification_state(user), "reason": reason},
    )


def _notify(person: User, *, kind: str, title: str, body: str) -> None:
    notify(
        recipients=[person], kind=kind, title=title, body=body,
        url=reverse("accounts:profile"), municipality=person.residence_municipality,
    )


# --- registration and e-mail ------------------------------------------------------------


def user_register(
    *,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    password: str,
    consent: bool,
    patronymic: str = "",
) -> User:
    """Create an account that stays inactive until its e-mail address is confirmed.

    152-ФЗ ст. 9: processing personal data needs the person's consent, and the
    operator must be able to prove it, so the time of consent is recorded.
    """
    username = username.strip()
    email = normalize_email(email)
    if not consent:
        raise _fail("consent", "Без согласия на обработку персональных данных регистрация "
                               "невозможна.")
    if "@" in username:
        # Otherwise a login could look like someone else's e-mail address.
        raise _fail("username", "Имя пользователя не может содержать «@»: войти по адресу "
                                "электронной почты можно и так.")
    if User.objects.filter(username__iexact=username).exists():
        raise _fail("username", "Это имя пользователя уже занято.")
    if _email_taken(email):
        raise _fail("email", "Пользователь с таким адресом электронной почты уже "
                             "зарегистрирован. Войдите или восстановите пароль.")
    user = User(
        username=username, email=email, first_name=first_name.strip(),
        last_name=last_name.strip(), patronymic=patronymic.strip(), is_active=False,
        personal_data_consent_at=timezone.now(),
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], field_errors={"password1": list(exc.messages)}) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            audit_record(actor=user, action="accounts.register", obj=user,
                         after={"username": user.username})
            transaction.on_commit(lambda: confirmation.send_confirmation(user))
    except IntegrityError:
        # Two registrations with the same address raced past the check above.
        raise _fail("email", "Пользователь с таким адресом электронной почты уже "
                             "зарегистрирован.") from None
    return user


def email_confirm(*, token: str) -> tuple[User, bool]:
    """Apply a confirmation link. Returns the account and whether this call changed it
    (False for a link opened a second time)."""
    claim = confirmation.read_token(token)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=claim.user_id).first()
        if user is None or normalize_email(user.email) != normalize_email(claim.previous_email):
            raise DomainError("Ссылка устарела: адрес электронной почты с тех пор изменился.")
        if normalize_email(claim.email) == normalize_email(user.email):
            if user.email_confirmed_at is not None:
                return user, False
            user.email_confirmed_at = timezone.now()
            # An unconfirmed registration is the only inactive account this opens;
            # an account blocked by staff has a confirmed address and stays blocked.
            user.is_active = True
            user.save(update_fields=["email_confirmed_at", "is_active"])
            audit_record(actor=user, action="accounts.confirm_email", obj=user,
                         after={"email_confirmed": True, "is_active": True})
            return user, True
        if _email_taken(claim.email, exclude_pk=user.pk):
            raise DomainError("Этот адрес уже занят другой учётной записью.")
        user.email = normalize_email(claim.email)
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email", "email_confirmed_at"])
        audit_record(actor=user, action="accounts.change_email", obj=user,
                     after={"changed": ["email"]})
    return user, True


def confirmation_resend(*, email: str) -> None:
    """Send the link again to an account still waiting for confirmation. Says nothing
    about whether such an account exists (the page answers the same either way)."""
    user = User.objects.filter(
        email__iexact=normalize_email(email), is_active=False, email_confirmed_at__isnull=True
    ).first()
    # One letter a minute per account is enough for a person and useless for flooding.
    if user is not None and cache.add(f"accounts:resend:{user.pk}", 1, _RESEND_PAUSE_SECONDS):
        confirmation.send_confirmation(user)


# --- profile ----------------------------------------------------------------------------


def profile_update(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    patronymic: str,
    email: str,
    phone: str,
    birth_date: date | None,
) -> bool:
    """Change one's own details. A new e-mail address takes effect when confirmed
    through the link sent to it; returns whether such a letter was sent.

    Verification confirms who the person is: a change of name or birth date returns a
    verified person to «registered» (they were told so before submitting)."""
    user = actor
    email = normalize_email(email)
    phone_value = ""
    if phone.strip():
        phone_value = normalize_phone(phone) or ""
        if not phone_value:
            raise _fail("phone", "Введите номер телефона, например +7 912 345-67-89.")
    _check_birth_date(birth_date)
    if not email and user.email:
        # The address is how the person logs in and recovers the password.
        raise _fail("email", "Адрес электронной почты нельзя удалить: укажите новый.")
    email_changed = email != normalize_email(user.email)
    if email_changed and _email_taken(email, exclude_pk=user.pk):
        raise _fail("email", "Этот адрес уже занят другой учётной записью.")
    new_values = {
        "first_name": first_name.strip(), "last_name": last_name.strip(),
        "patronymic": patronymic.strip(), "birth_date": birth_date, "phone": phone_value,
    }
    changed = [f for f, v in new_values.items() if getattr(user, f) != v]
    if not changed and not email_changed:
        return False
    with transaction.atomic():
        for field, value in new_values.items():
            setattr(user, field, value)
        if user.is_verified and set(changed) & set(IDENTITY_FIELDS):
            _reset_verification(actor=actor, user=user, reason="изменены ФИО или дата рождения")
        user.save()
        if changed:
            audit_record(actor=actor, action="accounts.update_profile", obj=user,
                         municipality=user.residence_municipality_id,
                         after={"changed": changed})
        if email_changed:
            transaction.on_commit(lambda: confirmation.send_confirmation(user, email))
    return email_changed


def residence_set(
    *,
    actor: User,
    municipality: Municipality,
    settlement: Settlement,
    address: str = "",
) -> bool:
    """Set one's own place of residence. Returns whether verification was reset.

    Verification confirms identity and place of residence; a person who moves is
    verified again where they now live (the page warns before the change)."""
    user = actor
    if not municipality.is_active:
        raise _fail("municipality", "Это муниципальное образование не работает на платформе.")
    if settlement.municipality_id != municipality.pk:
        raise _fail("settlement", "Населённый пункт не относится к выбранному муниципальному "
                                  "образованию.")
    address = address.strip()
    if len(address) > 255:
        raise _fail("address", "Адрес слишком длинный: не больше 255 символов.")
    moved = (user.residence_municipality_id, user.residence_settlement_id) != (
        municipality.pk, settlement.pk
    )
    if not moved and address == user.residence_address:
        return False
    reset = moved and user.is_verified
    with transaction.atomic():
        before = {"residence_municipality": user.residence_municipality_id,
                  "residence_settlement": user.residence_settlement_id}
        if reset:
            _reset_verification(actor=actor, user=user, reason="смена места жительства")
        user.residence_municipality = municipality
        user.residence_settlement = settlement
        user.residence_address = address
        user.save()
        audit_record(
            actor=actor, action="accounts.set_residence", obj=user, municipality=municipality,
            before=before,
            after={"residence_municipality": municipality.pk,
                   "residence_settlement": settlement.pk,
                   "verification_reset": reset},
        )
    return reset


def password_set(*, user: User, password: str, reason: str) -> None:
    """Store a new password (``reason``: "change" or "reset"). A reset proves the
    person reads the account's mailbox, so it also confirms the address."""
    with transaction.atomic():
        user.set_password(password)
        fields = ["password"]
        if reason == "reset" and user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            fields.append("email_confirmed_at")
        user.save(update_fields=fields)
        audit_record(actor=user, action=f"accounts.password_{reason}", obj=user,
                     municipality=user.residence_municipality_id)


# --- verification by staff --------------------------------------------------------------


def resident_verify(
    *,
    actor: User,
    person: User,
    document: str,
    settlement: Settlement | None,
) -> User:
    """Confirm a person's identity and place of residence in person.

    The record keeps who verified, when and by which kind of document, never the
    document's number (152-ФЗ ст. 5 ч. 5: no data beyond the purpose)."""
    require(actor, "accounts.verify_resident", person)
    if document not in IN_PERSON_DOCUMENTS:
        raise _fail("document", "Выберите вид документа, удостоверяющего личность.")
    if settlement is None or settlement.municipality_id != person.residence_municipality_id:
        raise _fail("settlement", "Выберите населённый пункт муниципального образования, "
                                  "в котором живёт человек.")
    if not person.is_active:
        raise DomainError("Учётная запись не активна: житель ещё не подтвердил адрес "
                          "электронной почты.")
    if person.is_verified:
        raise DomainError("Личность этого жителя уже подтверждена.")
    with transaction.atomic():
        person.verification_level = VerificationLevel.VERIFIED
        person.verified_at = timezone.now()
        person.verified_by = actor
        person.verification_document = document
        person.residence_settlement = settlement
        person.save(update_fields=["verification_level", "verified_at", "verified_by",
                                   "verification_document", "residence_settlement"])
        audit_record(
            actor=actor, action="accounts.verify_resident", obj=person,
            municipality=person.residence_municipality_id,
            after={**_verification_state(person), "residence_settlement": settlement.pk},
        )
        _notify(person, kind="accounts.verified", title="Личность подтверждена",
                body="Администрация подтвердила вашу личность и место жительства. Теперь вы "
                     "можете поддерживать инициативы и голосовать.")
    return person


def resident_revoke_verification(*, actor: User, person: User, reason: str) -> User:
    """Withdraw a verification (a mistake, a forged document, a person who moved)."""
    require(actor, "accounts.revoke_verification", person)
    reason = " ".join(reason.split())
    if not reason:
        raise _fail("reason", "Укажите причину, по которой подтверждение снимается.")
    if len(reason) > 500:
        raise _fail("reason", "Причина слишком длинная: не больше 500 символов.")
    if not person.is_verified:
        raise DomainError("Личность этого жителя не подтверждена — снимать нечего.")
    with transaction.atomic():
        before = _verification_state(person)
        _clear_verification(person)
        person.save(update_fields=["verification_level", "verified_at", "verified_by",
                                   "verification_document"])
        audit_record(
            actor=actor, action="accounts.revoke_verification", obj=person,
            municipality=person.residence_municipality_id,
            before=before, after={**_verification_state(person), "reason": reason},
        )
        _notify(person, kind="accounts.verification_revoked",
                title="Подтверждение личности снято",
                body=f"Администрация сняла подтверждение вашей личности. Причина: {reason}")
    return person

