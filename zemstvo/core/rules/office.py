"""Office pages: the rules in force for a municipality and the acts that set them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.errors import DomainError
from zemstvo.core.permissions import can
from zemstvo.core.rules import selectors, services
from zemstvo.core.rules.forms import OverrideForm
from zemstvo.core.rules.models import RuleOverride
from zemstvo.core.shell.selectors import office_municipality, office_municipality_choices


def _page_url(municipality) -> str:
    return f"{reverse('office_rules:index')}?m={municipality.slug}"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    municipality = office_municipality(request.user, request.GET.get("m"))
    if municipality is None or not can(request.user, "rules.view", municipality):
        return HttpResponseForbidden(render(request, "shell/forbidden.html").content)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rule_override_set(
                actor=request.user, key=data["key"], value=data["value"],
                effective_from=data["effective_from"], source=data["source"],
                municipality=municipality if data["scope"] == "municipal" else None,
                region=municipality.region if data["scope"] == "regional" else None,
            )
        except DomainError as error:
            for field, errors in (error.field_errors or {"__all__": [error.message]}).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Значение правила записано."))
            return redirect(_page_url(municipality))
    today = timezone.localdate(timezone=municipality.tz)
    context = {
        "municipality": municipality,
        "choices": office_municipality_choices(request.user),
        "rows": selectors.rules_table(municipality, today),
        "today": today,
        "form": form,
        "can_municipal": can(request.user, "rules.override_municipal", municipality),
        "can_regional": can(request.user, "rules.override_regional", municipality.region),
    }
    return render(request, "rules/index.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(RuleOverride.objects.select_related("municipality", "region"),
                                 pk=pk)
    municipality = override.municipality or office_municipality(request.user,
                                                                request.POST.get("m"))
    try:
        services.rule_override_remove(actor=request.user, override=override)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Значение правила удалено."))
    return redirect(_page_url(municipality) if municipality else reverse("shell:office"))
