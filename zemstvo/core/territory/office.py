"""Office pages of the territory: the regional curator keeps the list of опорные
населённые пункты and their прилегающие территории (распоряжение Правительства РФ
№ 4132-р)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import can
from zemstvo.core.territory import selectors, services
from zemstvo.core.territory.forms import SupportSettlementForm

ACTION = "territory.mark_support_settlement"


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "shell/forbidden.html", status=403)


@login_required
def support_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, ACTION):
        return _forbidden(request)
    regions = selectors.regions_for_curator(request.user)
    text = request.GET.get("q", "").strip()[:100]
    context = {
        "support": selectors.support_settlements(regions),
        "q": text,
        "found": selectors.find_settlements(regions, text) if text else None,
    }
    return render(request, "territory/office/support_list.html", context)


@login_required
def support_edit(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = selectors.settlement_for_office(pk)
    if settlement is None or not can(request.user, ACTION, settlement):
        return _forbidden(request)
    candidates = selectors.adjacent_candidates(settlement)
    initial = {"is_support": settlement.is_support,
               "adjacent": list(settlement.adjacent.values_list("pk", flat=True))}
    data = request.POST if request.method == "POST" else None
    form = SupportSettlementForm(data, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["is_support"]:
                services.settlement_mark_support(
                    actor=request.user, settlement=settlement,
                    adjacent=list(form.cleaned_data["adjacent"]),
                )
                messages.success(request, _("«%s» отмечен как опорный.") % settlement)
            else:
                services.settlement_unmark_support(actor=request.user, settlement=settlement)
                messages.success(request, _("«%s» не отмечен как опорный.") % settlement)
            return redirect(reverse("office_territory:support"))
        except DomainError as exc:
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            if not exc.field_errors:
                form.add_error(None, exc.message)
    return render(
        request, "territory/office/support_edit.html", {"settlement": settlement, "form": form}
    )
