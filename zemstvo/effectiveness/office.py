"""Staff pages at /office/effectiveness/: campaigns and reports (entry per sphere,
template and upload, submit, accept or return), value history, the catalogue,
ratings, priority areas and the improvement plan, the head's report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zemstvo.core.accounts.roles import is_operator, staff_region_ids
from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.selectors import office_municipality, office_municipality_choices
from zemstvo.core.territory.models import Municipality, MunicipalityType, Region
from zemstvo.effectiveness import (
    headreport,
    importing,
    ratings,
    scoring,
    selectors,
    services,
    survey,
)
from zemstvo.effectiveness.checks import PLAN_YEARS, Entry
from zemstvo.effectiveness.forms import (
    CampaignForm,
    IndicatorForm,
    MeasureForm,
    MeasureUpdateForm,
    MethodForm,
    RatingForm,
    ReturnForm,
    SurveyLinkForm,
    UploadForm,
)
from zemstvo.effectiveness.models import (
    Campaign,
    Indicator,
    Level,
    Measure,
    MethodKind,
    RatingMethod,
    Report,
    ReportStatus,
    Sphere,
    ValueKind,
)
from zemstvo.effectiveness.priorities import priority_areas


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _show(form: Any, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _regions(user: Any) -> list[Region]:
    if is_operator(user):
        return list(Region.objects.filter(municipalities__isnull=False).distinct()[:100])
    return list(Region.objects.filter(pk__in=staff_region_ids(user)))


def _curated_region(request: HttpRequest, action: str) -> Region | None:
    regions = [r for r in _regions(request.user) if can(request.user, action, r)]
    slug = request.GET.get("region") or request.POST.get("region")
    return next((r for r in regions if r.slug == slug), regions[0] if regions else None)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can(user, "effectiveness.view_office", None):
        return _forbidden(request)
    municipality = office_municipality(user, request.GET.get("m"))
    region = _curated_region(request, "effectiveness.manage_campaign")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and region and form.is_valid():
        try:
            campaign = services.campaign_open(actor=user, region=region,
                                              year=form.cleaned_data["year"],
                                              deadline=form.cleaned_data["deadline"])
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Кампания открыта."))
            return redirect("office_effectiveness:campaign", pk=campaign.pk)
    region_ids = {r.pk for r in _regions(user)}
    if municipality is not None:
        region_ids.add(municipality.region_id)
    context = {
        "campaigns": selectors.campaigns(None if is_operator(user) else region_ids),
        "municipality": municipality, "region": region, "form": form,
        "can_enter": municipality is not None and can(user, "effectiveness.enter_values",
                                                      municipality),
    }
    return render(request, "effectiveness/office/home.html", context)


@login_required
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    if not can(request.user, "effectiveness.review", campaign.region):
        return _forbidden(request)
    rows = selectors.reports_of(campaign)
    context = {"campaign": campaign, "rows": rows, "is_open": campaign.is_open,
               "can_close": can(request.user, "effectiveness.manage_campaign", campaign.region)}
    return render(request, "effectiveness/office/campaign.html", context)


@login_required
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a campaign: a confirmation page (GET), then the closing (POST)."""
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    if not can(request.user, "effectiveness.manage_campaign", campaign.region):
        return _forbidden(request)
    if request.method == "POST":
        try:
            services.campaign_close(actor=request.user, campaign=campaign)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Кампания завершена: отчёты и значения закрыты "
                                        "для изменений."))
        return redirect("office_effectiveness:campaign", pk=campaign.pk)
    rows = selectors.reports_of(campaign)
    pending = [r for r in rows
               if r["report"] is None or r["report"].status != ReportStatus.ACCEPTED]
    return render(request, "effectiveness/office/campaign_close.html",
                  {"campaign": campaign, "pending": pending, "total": len(rows),
                   "is_open": campaign.is_open})


def _report_or_404(request: HttpRequest, pk: int) -> Report:
    try:
        report = selectors.report_for_office(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not can(request.user, "effectiveness.view_office", report.municipality):
        raise Http404
    return report


@login_required
def report_open(request: HttpRequest, pk: int, municipality: str) -> HttpResponse:
    """The report of a municipality in a campaign (created on first visit)."""
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    found = get_object_or_404(Municipality, slug=municipality, region=campaign.region)
    if not can(request.user, "effectiveness.view_office", found):
        return _forbidden(request)
    try:
        report = services.report_get_or_create(campaign, found)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("office_effectiveness:home")
    return redirect("office_effectiveness:report", pk=report.pk)


def _sphere_rows(report: Report, sphere: str) -> list[dict[str, Any]]:
    year = report.campaign.year
    current = selectors.report_value_map(report)
    support = selectors.support_settlements(report.municipality)
    rows = []
    for indicator in selectors.leaf_indicators(report.campaign.region):
        if indicator.sphere != sphere:
            continue
        targets = support if indicator.level == Level.SETTLEMENT else [None]
        for settlement in targets:
            cells = []
            for y, kind in [(year, ValueKind.ACTUAL)] + [
                (year + n, ValueKind.PLAN) for n in range(1, PLAN_YEARS + 1)
            ]:
                key = f"{indicator.pk}-{settlement.pk if settlement else 0}-{y}-{kind}"
                value = current.get((indicator.code, settlement.oktmo if settlement else "",
                                     y, kind))
                cells.append({"key": key, "year": y, "kind": kind, "value": value})
            rows.append({"indicator": indicator, "settlement": settlement, "cells": cells})
    return rows


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    sphere = request.GET.get("sphere") or request.POST.get("sphere") or Sphere.ECONOMY
    if sphere not in Sphere.values:
        sphere = Sphere.ECONOMY
    rows = _sphere_rows(report, sphere)
    errors: dict[str, list[str]] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        entries, keys = _entries(request, report, rows, posted)
        try:
            changed = services.values_save(actor=request.user, report=report, entries=entries)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            messages.error(request, exc.message)
            errors = {keys[int(p)]: m for p, m in exc.field_errors.items() if p.isdigit()}
        else:
            messages.success(request, _("Сохранено значений: %(n)s.") % {"n": changed})
            return redirect(f"{reverse('office_effectiveness:report', args=[report.pk])}"
                            f"?sphere={sphere}")
    _decorate(rows, errors, posted)
    user, campaign_open = request.user, report.campaign.is_open
    context = {
        "report": report, "sphere": sphere, "spheres": Sphere.choices, "rows": rows,
        "has_errors": bool(errors), "upload_form": UploadForm(),
        "return_form": ReturnForm(),
        "campaign_open": campaign_open,
        "can_enter": campaign_open and report.is_editable
        and can(user, "effectiveness.enter_values", report.municipality),
        "can_review": campaign_open and can(user, "effectiveness.review", report.municipality),
    }
    return render(request, "effectiveness/office/report.html", context)


def _decorate(rows: list[dict], errors: dict[str, list[str]], posted: dict[str, str]) -> None:
    """What each input shows: the value typed (after an error) or stored, its errors."""
    for row in rows:
        for cell in row["cells"]:
            key, stored = cell["key"], cell["value"]
            if posted:
                cell["raw"] = posted.get(key, "")
                cell["comment"] = posted.get(f"c-{key}", "")
                cell["source"] = posted.get(f"s-{key}", "")
            else:
                cell["raw"] = f"{stored.value.normalize():f}" if stored else ""
                cell["comment"] = stored.comment if stored else ""
                cell["source"] = stored.source if stored else ""
            cell["errors"] = errors.get(key, [])


def _entries(request: HttpRequest, report: Report, rows: list[dict], posted: dict[str, str]
             ) -> tuple[list[Entry], list[str]]:
    entries, keys = [], []
    for row in rows:
        for cell in row["cells"]:
            key = cell["key"]
            raw = request.POST.get(f"v-{key}", "").strip()
            comment = request.POST.get(f"c-{key}", "")
            source = request.POST.get(f"s-{key}", "")
            posted[key], posted[f"c-{key}"], posted[f"s-{key}"] = raw, comment, source
            if raw == "" and cell["value"] is None:
                continue
            entries.append(Entry(indicator=row["indicator"], year=cell["year"],
                                 kind=cell["kind"], raw=raw, comment=comment, source=source,
                                 settlement=row["settlement"]))
            keys.append(key)
    return entries, keys


@login_required
@require_POST
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    cells: list[Any] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = importing.values_import(actor=request.user, report=report,
                                            name=upload.name, content=upload.read())
        except NotAllowed:
            return _forbidden(request)
        except importing.ImportRejected as exc:
            messages.error(request, exc.message)
            cells = exc.cells
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Файл загружен, сохранено значений: %(n)s.")
                             % {"n": saved})
            return redirect("office_effectiveness:report", pk=report.pk)
    return render(request, "effectiveness/office/upload_errors.html",
                  {"report": report, "cells": cells, "form": form}, status=422)


@login_required
def report_template(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report_or_404(request, pk)
    if fmt not in {"xlsx", "csv"}:
        raise Http404
    name = f"pokazateli-{report.municipality.slug}-{report.campaign.year}"
    if fmt == "xlsx":
        body = importing.template_xlsx(report)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = importing.template_csv(report), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def head_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report_or_404(request, pk)
    if fmt not in {"docx", "pdf"}:
        raise Http404
    data = headreport.report_data(report.municipality, report.campaign.year)
    if fmt == "docx":
        body = headreport.as_docx(data)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body, kind = headreport.as_pdf(data), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="doklad-{report.municipality.slug}-{report.campaign.year}.{fmt}"')
    return response


_TRANSITIONS = {
    "submit": (services.report_submit, "Отчёт представлен куратору."),
    "accept": (services.report_accept, "Отчёт принят."),
}


@login_required
@require_POST
def report_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _report_or_404(request, pk)
    try:
        if action == "return":
            services.report_return(actor=request.user, report=report,
                                   comment=request.POST.get("comment", ""))
            done = _("Отчёт возвращён на доработку.")
        elif action in _TRANSITIONS:
            service, done = _TRANSITIONS[action]
            service(actor=request.user, report=report)
        else:
            raise Http404
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _(done))
    return redirect("office_effectiveness:report", pk=report.pk)


@login_required
def value_history(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        value = selectors.value_history(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not can(request.user, "effectiveness.view_office", value.municipality):
        raise Http404
    return render(request, "effectiveness/office/history.html", {"value": value})


@login_required
def catalogue(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = _curated_region(request, "effectiveness.manage_catalogue")
    if region is None:
        return _forbidden(request)
    indicator = get_object_or_404(Indicator, pk=pk) if pk else None
    initial = {"is_active": True, "level": Level.MUNICIPALITY}
    if indicator:
        initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(actor=request.user, region=region, indicator=indicator,
                                    **form.cleaned_data)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Показатель сохранён."))
            return redirect("office_effectiveness:catalogue")
    context = {"region": region, "form": form, "indicator": indicator,
               "indicators": selectors.catalogue(region)}
    return render(request, "effectiveness/office/catalogue.html", context)


@login_required
def ratings_page(request: HttpRequest) -> HttpResponse:
    region = _curated_region(request, "effectiveness.compute_rating")
    if region is None:
        return _forbidden(request)
    if request.method == "POST" and request.POST.get("standard"):
        ratings.standard_methods(actor=request.user, region=region)
        return redirect("office_effectiveness:ratings")
    methods = list(RatingMethod.objects.filter(region=region))
    form = RatingForm(request.POST or None)
    form.fields["method"].choices = [(m.pk, m.name) for m in methods]
    form.fields["group"].choices = [("", _("Все виды, каждый в своей группе"))] + [
        (t, MunicipalityType(t).label) for t in selectors.RATED_TYPES]
    if request.method == "POST" and form.is_valid():
        method = next(m for m in methods if str(m.pk) == form.cleaned_data["method"])
        try:
            rating = ratings.rating_compute(actor=request.user, method=method,
                                            year=form.cleaned_data["year"],
                                            group=form.cleaned_data["group"] or "")
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Рейтинг рассчитан."))
            return redirect("effectiveness:rating", pk=rating.pk)
    context = {"region": region, "methods": methods, "form": form,
               "ratings": selectors.latest_ratings(region)}
    return render(request, "effectiveness/office/ratings.html", context)


@login_required
def method_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or change a rating method of the region: every parameter, with help."""
    if pk:
        method = get_object_or_404(RatingMethod.objects.select_related("region"), pk=pk)
        region: Region | None = method.region
        if not can(request.user, "effectiveness.compute_rating", region):
            return _forbidden(request)
    else:
        method, region = None, _curated_region(request, "effectiveness.compute_rating")
        if region is None:
            return _forbidden(request)
    assert region is not None
    indicators = selectors.rated_indicators(region)
    kind = request.GET.get("kind") if request.GET.get("kind") in MethodKind.values else None
    if method is not None and kind is None:
        initial = MethodForm.initial_from(method.name, method.kind, method.parameters,
                                          indicators)
    else:
        kind = kind or MethodKind.PP1317
        initial = MethodForm.initial_from(method.name if method else "", kind,
                                          scoring.PRESETS[kind], indicators)
    form = MethodForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            saved = ratings.method_save(actor=request.user, region=region,
                                        name=form.cleaned_data["name"],
                                        kind=form.cleaned_data["kind"],
                                        parameters=form.parameters(), method=method)
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Методика «%(name)s» сохранена.") % {"name": saved.name})
            return redirect(f"{reverse('office_effectiveness:ratings')}?region={region.slug}")
    context = {"region": region, "method": method, "form": form, "kinds": MethodKind.choices,
               "kind": kind or (method.kind if method else MethodKind.PP1317)}
    return render(request, "effectiveness/office/method.html", context)


@login_required
def survey_links(request: HttpRequest) -> HttpResponse:
    """Link a published survey poll (voting domain) as a municipality's satisfaction
    survey of a year (Указ № 607 item 37)."""
    region = _curated_region(request, "effectiveness.link_survey")
    if region is None:
        return _forbidden(request)
    polls = survey.survey_polls(region)
    raw = request.GET.get("poll") or request.POST.get("poll") or ""
    poll = next((p for p in polls if str(p.pk) == raw), None)
    form = None
    if poll is not None:
        form = SurveyLinkForm(request.POST or None, options=list(poll.options.all()),
                              initial={"year": poll.closes_at.year})
    elif request.method == "POST":
        messages.error(request, _("Выберите опрос из списка опубликованных анкетирований "
                                  "муниципальных образований региона."))
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            survey.survey_link_save(actor=request.user, region=region, poll_id=poll.pk,
                                    year=form.cleaned_data["year"],
                                    satisfied=form.cleaned_data["satisfied"])
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Опрос связан с показателем 37."))
            return redirect(f"{reverse('office_effectiveness:survey')}?region={region.slug}")
    context = {"region": region, "polls": polls, "poll": poll, "form": form,
               "results": survey.poll_results(survey.links(region)),
               "voting": survey.voting_installed()}
    refused = request.method == "POST" and (form is None or bool(form.errors))
    return render(request, "effectiveness/office/survey.html", context,
                  status=422 if refused else 200)


@login_required
@require_POST
def survey_link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    region = _curated_region(request, "effectiveness.link_survey")
    if region is None:
        return _forbidden(request)
    try:
        link = survey.link_for(region, pk)
        survey.survey_link_remove(actor=request.user, link=link)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except NotAllowed:
        return _forbidden(request)
    messages.success(request, _("Связь с опросом удалена: рейтинг возьмёт значение из "
                                "отчёта."))
    return redirect(f"{reverse('office_effectiveness:survey')}?region={region.slug}")


def _plan_municipality(request: HttpRequest) -> Municipality | None:
    choices = [m for m in office_municipality_choices(request.user)
               if can(request.user, "effectiveness.view_office", m)]
    slug = request.GET.get("m") or request.POST.get("m")
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    municipality = _plan_municipality(request)
    if municipality is None:
        return _forbidden(request)
    from zemstvo.effectiveness.scorecard import latest_year

    year = latest_year([municipality.pk])
    form = MeasureForm(request.POST or None)
    indicators = selectors.rated_indicators(municipality.region)
    form.fields["indicator"].choices = [(i.pk, f"{i.code}. {i.name[:80]}") for i in indicators]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        indicator = next(i for i in indicators if str(i.pk) == data["indicator"])
        try:
            services.measure_create(
                actor=request.user, municipality=municipality, year=year + 1,
                title=data["title"], owner=data["owner"], deadline=data["deadline"],
                indicator=indicator, expected_change=data["expected_change"])
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Мероприятие добавлено."))
            return redirect(f"{reverse('office_effectiveness:plan')}?m={municipality.slug}")
    context = {"municipality": municipality, "year": year, "form": form,
               "priorities": priority_areas(municipality, year),
               "measure_rows": selectors.measures_with_outcomes(selectors.measures(municipality)),
               "can_manage": can(request.user, "effectiveness.manage_plan", municipality),
               "choices": office_municipality_choices(request.user)}
    return render(request, "effectiveness/office/plan.html", context)


@login_required
def measure_page(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("municipality", "indicator"),
                                pk=pk)
    if not can(request.user, "effectiveness.view_office", measure.municipality):
        raise Http404
    form = MeasureUpdateForm(request.POST or None, request.FILES or None,
                             initial={"status": measure.status, "result": measure.result})
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(actor=request.user, measure=measure,
                                    status=form.cleaned_data["status"],
                                    result=form.cleaned_data["result"],
                                    evidence=form.cleaned_data.get("evidence"))
        except NotAllowed:
            return _forbidden(request)
        except DomainError as exc:
            _show(form, exc)
        else:
            messages.success(request, _("Мероприятие обновлено."))
            return redirect("office_effectiveness:measure", pk=measure.pk)
    return render(request, "effectiveness/office/measure.html",
                  {"measure": measure, "form": form, "attachments": attachments_for(measure)})
