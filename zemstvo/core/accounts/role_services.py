"""Writes for roles: granting and revoking a Membership.

A municipal role (administrator, editor, clerk, ...) is held in one municipality and
granted by its administrator; a regional role (regional curator, expert) is held in a
region and granted by the region's curator. The platform operator grants any.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from zemstvo.core.accounts import roles
from zemstvo.core.accounts.models import REGIONAL_ROLES, Membership, Role, User
from zemstvo.core.accounts.roles import is_operator
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import require
from zemstvo.core.territory.models import Municipality, Region


def _fail(field: str, message: str) -> DomainError:
    return DomainError(message, field_errors={field: [message]})


def membership_grant(
    *,
    actor: User,
    user: User,
    role: str,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> Membership:
    if role not in Role.values:
        raise _fail("role", "Выберите роль из списка.")
    regional = role in REGIONAL_ROLES
    if regional and (region is None or municipality is not None):
        raise _fail("role", "Эта роль назначается в субъекте РФ, а не в муниципальном "
                            "образовании.")
    if not regional and (municipality is None or region is not None):
        raise _fail("role", "Эта роль назначается в муниципальном образовании.")
    membership = Membership(
        user=user, role=role, municipality=municipality, region=region, granted_by=actor
    )
    require(actor, "accounts.grant_role", membership)
    if not user.is_active:
        raise _fail("user", "Учётная запись не активна: роль назначить нельзя.")
    scope = {"municipality": municipality} if municipality else {"region": region}
    if Membership.objects.filter(user=user, role=role, **scope).exists():
        raise _fail("role", "Эта роль у пользователя уже есть.")
    try:
        with transaction.atomic():
            membership.save()
            audit_record(
                actor=actor, action="accounts.grant_role", obj=membership,
                municipality=municipality,
                after={"user": user.pk, "role": role,
                       "municipality": getattr(municipality, "pk", None),
                       "region": getattr(region, "pk", None)},
            )
    except IntegrityError:
        raise _fail("role", "Эта роль у пользователя уже есть.") from None
    roles.forget(user)
    return membership


def membership_revoke(*, actor: User, membership: Membership) -> None:
    require(actor, "accounts.revoke_role", membership)
    if (
        membership.user_id == actor.pk
        and membership.role == Role.ADMINISTRATOR
        and not is_operator(actor)
    ):
        # Otherwise a municipality could be left with nobody to manage its roles.
        raise DomainError("Нельзя снять роль администратора с самого себя: попросите другого "
                          "администратора или оператора платформы.")
    with transaction.atomic():
        audit_record(
            actor=actor, action="accounts.revoke_role", obj=membership,
            municipality=membership.municipality_id,
            before={"user": membership.user_id, "role": membership.role,
                    "municipality": membership.municipality_id,
                    "region": membership.region_id},
        )
        membership.delete()
    roles.forget(membership.user)
