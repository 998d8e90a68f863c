"""People and roles: the user, how far their identity is confirmed, and their roles
in municipalities and regions."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VerificationLevel(models.TextChoices):
    """How far a person's identity and place of residence are confirmed. Only a
    verified resident performs the binding acts (support, vote, proposals)."""

    REGISTERED = "registered", _("зарегистрирован")
    VERIFIED = "verified", _("подтверждён")


class VerificationDocument(models.TextChoices):
    """The kind of document shown at in-person verification. The document's number
    is never stored (152-ФЗ: collect no more than the purpose needs)."""

    PASSPORT = "passport", _("паспорт гражданина РФ")
    TEMPORARY_ID = "temporary_id", _("временное удостоверение личности")
    FOREIGN_PASSPORT = "foreign_passport", _("заграничный паспорт")
    MILITARY_ID = "military_id", _("военный билет")
    ESIA = "esia", _("учётная запись ЕСИА")
    ROLL_IMPORT = "roll_import", _("список жителей, загруженный администрацией")


class Role(models.TextChoices):
    """Staff and regional roles (DESIGN.md, «Who uses it»)."""

    ADMINISTRATOR = "administrator", _("администратор")
    EDITOR = "editor", _("редактор")
    MODERATOR = "moderator", _("модератор")
    CLERK = "clerk", _("делопроизводитель")
    SERVICE_OPERATOR = "service_operator", _("оператор услуг")
    HR_OFFICER = "hr_officer", _("кадровик")
    ANALYST = "analyst", _("аналитик")
    COMMISSION_MEMBER = "commission_member", _("член комиссии")
    REGIONAL_CURATOR = "regional_curator", _("региональный куратор")
    EXPERT = "expert", _("эксперт")


# Roles held in a region rather than in one municipality.
REGIONAL_ROLES = frozenset({Role.REGIONAL_CURATOR, Role.EXPERT})


class User(AbstractUser):
    """A person: visitor turned resident, staff member, curator or expert."""

    email = models.EmailField(_("электронная почта"), blank=True, db_index=True)
    patronymic = models.CharField(_("отчество"), max_length=150, blank=True)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    phone = models.CharField(_("телефон"), max_length=20, blank=True)
    email_confirmed_at = models.DateTimeField(_("почта подтверждена"), null=True, blank=True)
    # 152-ФЗ ст. 9: the operator must be able to prove the person's consent.
    personal_data_consent_at = models.DateTimeField(
        _("согласие на обработку персональных данных"), null=True, blank=True
    )

    residence_municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="residents", verbose_name=_("муниципальное образование проживания"),
    )
    residence_settlement = models.ForeignKey(
        "territory.Settlement", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="residents", verbose_name=_("населённый пункт проживания"),
    )
    residence_address = models.CharField(_("адрес"), max_length=255, blank=True)

    verification_level = models.CharField(
        _("подтверждение личности"), max_length=16, choices=VerificationLevel.choices,
        default=VerificationLevel.REGISTERED,
    )
    verified_at = models.DateTimeField(_("когда подтверждён"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("кто подтвердил"),
    )
    verification_document = models.CharField(
        _("документ"), max_length=32, choices=VerificationDocument.choices, blank=True,
    )

    class Meta:
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~Q(email=""), name="user_email_unique"
            ),
            # A verified person always carries who/when/how.
            models.CheckConstraint(
                condition=Q(verification_level="registered")
                | (Q(verified_at__isnull=False) & ~Q(verification_document="")),
                name="user_verified_has_record",
            ),
        ]

    @property
    def full_name(self) -> str:
        parts = [self.last_name, self.first_name, self.patronymic]
        return " ".join(p for p in parts if p) or self.username

    @property
    def is_verified(self) -> bool:
        return self.verification_level == VerificationLevel.VERIFIED


class Membership(models.Model):
    """A role held by a user in one municipality or in one region (exactly one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("роль"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        "territory.Municipality", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("муниципальное образование"),
    )
    region = models.ForeignKey(
        "territory.Region", null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships", verbose_name=_("субъект РФ"),
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("роль пользователя")
        verbose_name_plural = _("роли пользователей")
        constraints = [
            models.CheckConstraint(
                condition=(Q(municipality__isnull=False) & Q(region__isnull=True))
                | (Q(municipality__isnull=True) & Q(region__isnull=False)),
                name="membership_one_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="membership_unique_municipal",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_regional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.municipality or self.region})"


class ApiToken(models.Model):
    """A bearer token for the API. Only the SHA-256 of the secret is stored: the
    secret is shown to its owner once, when the token is issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("владелец"),
    )
    name = models.CharField(_("название"), max_length=100, blank=True)
    key_hash = models.CharField(_("хеш ключа"), max_length=64, unique=True)
    # The first characters of the secret, so the owner can tell tokens apart.
    prefix = models.CharField(_("начало ключа"), max_length=16)
    created = models.DateTimeField(_("создан"), auto_now_add=True)
    last_used = models.DateTimeField(_("последнее использование"), null=True, blank=True)
    expires = models.DateTimeField(_("действует до"))
    revoked_at = models.DateTimeField(_("отозван"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("токен API")
        verbose_name_plural = _("токены API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires > now
