"""Staff pages at /office/accounts/: the residents of a municipality, a person's card,
verification in person and its revocation, roles.

Every page that shows personal data writes an audit event (152-ФЗ: access to personal
data is limited to those who need it, and each access can be accounted for).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.accounts import forms, role_services, selectors, services
from zemstvo.core.accounts.models import Membership, User
from zemstvo.core.accounts.roles import staff_municipality_ids
from zemstvo.core.audit.services import audit_record
from zemstvo.core.errors import DomainError, NotAllowed
from zemstvo.core.permissions import can
from zemstvo.core.shell import selectors as shell_selectors
from zemstvo.core.territory.models import Municipality


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    message = message or _("Недостаточно прав для этой страницы.")
    return render(request, "accounts/office/forbidden.html", {"message": message}, status=403)


def _municipality_and_choices(request: HttpRequest) -> tuple[Municipality | None, list]:
    """The municipality the page works on (as the office dashboard picks it: the one
    asked for among the user's, else the first one the user is staff of) and the
    choices for the switcher, in one query."""
    slug = request.POST.get("m") or request.GET.get("m")
    choices = shell_selectors.office_municipality_choices(request.user)
    direct = staff_municipality_ids(request.user)
    chosen = (
        next((m for m in choices if m.slug == slug), None)
        or next((m for m in choices if m.pk in direct), None)
        or (choices[0] if choices else None)
    )
    return chosen, choices


def _municipality(request: HttpRequest) -> Municipality | None:
    return _municipality_and_choices(request)[0]


def _person(pk: int) -> User:
    person = selectors.person_for_staff(pk)
    if person is None:
        raise Http404
    return person


def _audit_personal_data_read(request: HttpRequest, person: User, page: str) -> None:
    audit_record(actor=request.user, action="accounts.view_personal_data", obj=person,
                 municipality=person.residence_municipality_id, after={"page": page})


def _roles_url(municipality: Municipality) -> str:
    return f"{reverse('office_accounts:roles')}?{urlencode({'m': municipality.slug})}"


@login_required
def people(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality_and_choices(request)
    if municipality is None or not can(request.user, "accounts.view_people", municipality):
        return _forbidden(request)
    filters = forms.PeopleFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {"q": "", "verified": ""}
    page = selectors.people_page(
        municipality, query=data["q"], verified=data["verified"], page=request.GET.get("page")
    )
    # The list shows names and addresses: a read of personal data, so it is audited too.
    audit_record(actor=request.user, action="accounts.view_people", municipality=municipality,
                 after={"q": data["q"], "verified": data["verified"], "page": page.number})
    query = urlencode({"m": municipality.slug, "q": data["q"], "verified": data["verified"]})
    context = {
        "municipality": municipality, "filters": filters, "page": page, "query": query,
        "choices": choices,
        "counts": selectors.resident_counts(municipality),
        "may_manage_roles": can(request.user, "accounts.grant_role", municipality)
        or can(request.user, "accounts.grant_role", municipality.region),
    }
    return render(request, "accounts/office/people.html", context)


def _render_person(
    request: HttpRequest, person: User, revoke_form: forms.RevokeVerificationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    _audit_personal_data_read(request, person, "person")
    context = {
        "person": person,
        "may_verify": not person.is_verified and person.is_active
        and can(request.user, "accounts.verify_resident", person),
        "may_revoke": person.is_verified
        and can(request.user, "accounts.revoke_verification", person),
        "revoke_form": revoke_form or forms.RevokeVerificationForm(),
    }
    return render(request, "accounts/office/person.html", context, status=status)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person(pk)
    if not can(request.user, "accounts.view_personal_data", found):
        return _forbidden(request)
    return _render_person(request, found)


@login_required
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person(pk)
    if not can(request.user, "accounts.verify_resident", found):
        return _forbidden(request)
    if found.residence_municipality_id is None:
        return _forbidden(request, _("Житель не указал место жительства: подтвердить его "
                                     "личность можно после того, как он выберет его в профиле."))
    form = forms.VerifyForm(
        request.POST or None, settlements=selectors.settlements_of(found.residence_municipality),
        initial={"settlement": found.residence_settlement_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_verify(
                actor=request.user, person=found, document=form.cleaned_data["document"],
                settlement=form.cleaned_data["settlement"],
            )
        except NotAllowed as error:
            return _forbidden(request, error.message)
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            messages.success(request, _("Личность и место жительства подтверждены."))
            return redirect("office_accounts:person", pk=found.pk)
    _audit_personal_data_read(request, found, "verify")
    return render(request, "accounts/office/verify.html", {"person": found, "form": form})


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    found = _person(pk)
    if not can(request.user, "accounts.revoke_verification", found):
        return _forbidden(request)
    form = forms.RevokeVerificationForm(request.POST)
    if form.is_valid():
        try:
            services.resident_revoke_verification(
                actor=request.user, person=found, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            messages.success(request, _("Подтверждение личности снято."))
            return redirect("office_accounts:person", pk=found.pk)
    return _render_person(request, found, form, status=400)


def _roles_context(
    request: HttpRequest, municipality: Municipality, choices: list, **bound: Any
) -> dict[str, Any]:
    may_municipal = can(request.user, "accounts.grant_role", municipality)
    may_regional = can(request.user, "accounts.grant_role", municipality.region)
    return {
        "municipality": municipality,
        "choices": choices,
        "municipal": selectors.municipal_memberships(municipality),
        "regional": selectors.regional_memberships(municipality),
        "may_municipal": may_municipal,
        "may_regional": may_regional,
        "municipal_form": bound.get("municipal_form") or forms.GrantRoleForm(),
        "regional_form": bound.get("regional_form") or forms.GrantRoleForm(regional=True),
    }


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality_and_choices(request)
    if municipality is None or not (
        can(request.user, "accounts.grant_role", municipality)
        or can(request.user, "accounts.grant_role", municipality.region)
    ):
        return _forbidden(request)
    context = _roles_context(request, municipality, choices)
    return render(request, "accounts/office/roles.html", context)


@require_POST
@login_required
def role_grant(request: HttpRequest) -> HttpResponse:
    municipality, choices = _municipality_and_choices(request)
    if municipality is None:
        return _forbidden(request)
    regional = request.POST.get("scope") == "regional"
    form = forms.GrantRoleForm(request.POST, regional=regional)
    if form.is_valid():
        scope = {"region": municipality.region} if regional else {"municipality": municipality}
        try:
            role_services.membership_grant(
                actor=request.user, user=form.cleaned_data["user"],
                role=form.cleaned_data["role"], **scope,
            )
        except NotAllowed as error:
            return _forbidden(request, error.message)
        except DomainError as error:
            forms.add_domain_error(form, error)
        else:
            messages.success(request, _("Роль назначена."))
            return redirect(_roles_url(municipality))
    bound = {"regional_form" if regional else "municipal_form": form}
    context = _roles_context(request, municipality, choices, **bound)
    return render(request, "accounts/office/roles.html", context, status=400)


@require_POST
@login_required
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "municipality", "region"), pk=pk
    )
    municipality = _municipality(request)
    try:
        role_services.membership_revoke(actor=request.user, membership=membership)
    except NotAllowed as error:
        return _forbidden(request, error.message)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Роль снята."))
    if municipality is None:
        return redirect("shell:office")
    return redirect(_roles_url(municipality))
