"""Reads for the accounts pages and API; each costs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from zemstvo.core.accounts.backends import find_login_user
from zemstvo.core.accounts.models import ApiToken, Membership, User, VerificationLevel
from zemstvo.core.accounts.normalize import text_filter
from zemstvo.core.territory.models import Municipality, Settlement

PEOPLE_PER_PAGE = 25
MUNICIPALITY_CHOICES_LIMIT = 50


def municipalities_matching(query: str) -> list[Municipality]:
    """Active municipalities whose name contains ``query`` (the first ones by name)."""
    found = Municipality.objects.filter(is_active=True).select_related("region")
    if query.strip():
        found = found.filter(text_filter(("name",), query))
    return list(found.order_by("name")[:MUNICIPALITY_CHOICES_LIMIT])


def active_municipality(slug: str) -> Municipality | None:
    return Municipality.objects.filter(slug=slug, is_active=True).first()


def settlements_of(municipality: Municipality) -> QuerySet[Settlement]:
    return Settlement.objects.filter(municipality=municipality).order_by("name", "pk")


def people_page(
    municipality: Municipality, *, query: str = "", verified: str = "", page: Any = 1
) -> Page:
    """Residents of a municipality for the office list (two queries: count and page)."""
    people = User.objects.filter(residence_municipality=municipality).select_related(
        "residence_settlement"
    )
    if query.strip():
        people = people.filter(
            text_filter(("last_name", "first_name", "patronymic", "email", "username"), query)
        )
    if verified == "yes":
        people = people.filter(verification_level=VerificationLevel.VERIFIED)
    elif verified == "no":
        people = people.filter(verification_level=VerificationLevel.REGISTERED)
    people = people.order_by("last_name", "first_name", "patronymic", "pk")
    return Paginator(people, PEOPLE_PER_PAGE).get_page(page)


def person_for_staff(pk: int) -> User | None:
    return (
        User.objects.select_related(
            "residence_municipality", "residence_settlement", "verified_by"
        )
        .filter(pk=pk)
        .first()
    )


def find_user_by_login(identifier: str) -> User | None:
    return find_login_user(identifier)


def municipal_memberships(municipality: Municipality) -> list[Membership]:
    return list(
        Membership.objects.filter(municipality=municipality)
        .select_related("user", "granted_by")
        .order_by("role", "user__last_name", "user__username")
    )


def regional_memberships(municipality: Municipality) -> list[Membership]:
    return list(
        Membership.objects.filter(region_id=municipality.region_id)
        .select_related("user", "granted_by", "region")
        .order_by("role", "user__last_name", "user__username")
    )


def resident_counts(municipality: Municipality) -> dict[str, int]:
    """Residents registered in a municipality, verified, and awaiting verification
    (active accounts that gave the municipality as their place of residence)."""
    verified = Q(verification_level=VerificationLevel.VERIFIED)
    return User.objects.filter(residence_municipality=municipality, is_active=True).aggregate(
        registered=Count("pk"),
        verified=Count("pk", filter=verified),
        awaiting=Count("pk", filter=~verified),
    )


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created", "-id"))


def user_memberships(user: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user)
        .select_related("municipality", "region")
        .order_by("role", "pk")
    )
