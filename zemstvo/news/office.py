"""Staff pages for news at /office/news/: the list with a status filter, the
create/edit form with file upload, and the publish / withdraw / archive buttons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zemstvo.core.attachments.selectors import attachments_for
from zemstvo.core.errors import DomainError, NotAllowed, NotFound
from zemstvo.core.permissions import can
from zemstvo.core.shell.http import safe_next
from zemstvo.core.shell.selectors import office_municipality_choices
from zemstvo.core.territory.models import Municipality
from zemstvo.news import linking, selectors, services
from zemstvo.news.forms import NewsForm
from zemstvo.news.models import NewsItem, NewsStatus

OFFICE_PAGE_SIZE = 25
_TRANSITIONS = {
    "publish": (services.news_publish, gettext_lazy("Новость опубликована.")),
    "unpublish": (
        services.news_unpublish, gettext_lazy("Новость снята с публикации и стала черновиком.")
    ),
    "archive": (services.news_archive, gettext_lazy("Новость перенесена в архив.")),
}


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "shell/forbidden.html").content)


def _choices(user: Any) -> list[Municipality]:
    return [m for m in office_municipality_choices(user) if can(user, "news.view_office", m)]


def _chosen(choices: list[Municipality], slug: str | None) -> Municipality | None:
    return next((m for m in choices if m.slug == slug), choices[0] if choices else None)


def _list_url(item: NewsItem) -> str:
    return f"{reverse('office_news:list')}?m={item.municipality.slug}"


def _show_errors(form: NewsForm, exc: DomainError) -> None:
    if not exc.field_errors:
        form.add_error(None, exc.message)
    for field, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def office_list(request: HttpRequest) -> HttpResponse:
    choices = _choices(request.user)
    municipality = _chosen(choices, request.GET.get("m"))
    if municipality is None:
        return _forbidden(request)
    status = request.GET.get("status", "")
    items = selectors.office_items(municipality, status)
    context = {
        "municipality": municipality,
        "choices": choices,
        "status": status if status in NewsStatus.values else "",
        "statuses": NewsStatus.choices,
        "page": Paginator(items, OFFICE_PAGE_SIZE).get_page(request.GET.get("page")),
        "can_create": can(request.user, "news.create", municipality),
    }
    return render(request, "news/office/list.html", context)


@login_required
def office_create(request: HttpRequest) -> HttpResponse:
    choices = [m for m in _choices(request.user) if can(request.user, "news.create", m)]
    municipality = _chosen(choices, request.GET.get("m") or request.POST.get("m"))
    if municipality is None:
        return _forbidden(request)
    form = NewsForm(request.POST or None, request.FILES or None,
                    related_choices=linking.choices(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.news_create(
                actor=request.user, municipality=municipality, **_input(form, municipality)
            )
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("Черновик новости сохранён."))
            return redirect("office_news:edit", pk=item.pk)
    context = {"form": form, "municipality": municipality, "item": None}
    return render(request, "news/office/form.html", context)


@login_required
def office_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = selectors.office_item(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not can(request.user, "news.edit", item):
        return _forbidden(request)
    initial = {"title": item.title, "lead": item.lead, "body": item.body,
               "related": f"{item.related_type_id}:{item.related_id}" if item.related_id else ""}
    form = NewsForm(request.POST or None, request.FILES or None, initial=initial,
                    related_choices=linking.choices(item.municipality))
    if request.method == "POST" and form.is_valid():
        try:
            services.news_update(actor=request.user, item=item,
                                 **_input(form, item.municipality))
        except DomainError as exc:
            _show_errors(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect("office_news:edit", pk=item.pk)
    context = {
        "form": form,
        "municipality": item.municipality,
        "item": item,
        "attachments": attachments_for(item),
        "can_publish": can(request.user, "news.publish", item),
    }
    return render(request, "news/office/form.html", context)


def _input(form: NewsForm, municipality: Municipality) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "related": linking.resolve(data.get("related") or "", municipality),
        "title": data["title"],
        "lead": data.get("lead", ""),
        "body": data["body"],
        "files": data.get("files") or [],
        "cover": data.get("cover"),
    }


@login_required
@require_POST
def office_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _TRANSITIONS:
        raise Http404
    try:
        item = selectors.office_item(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    service, done = _TRANSITIONS[action]
    try:
        service(actor=request.user, item=item)
    except NotAllowed:
        return _forbidden(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(safe_next(request, request.POST.get("next"), _list_url(item)))
