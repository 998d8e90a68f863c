"""The filter of the office's audit log page."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zemstvo.core.audit.models import AuditEvent
from zemstvo.core.territory.models import Municipality


class AuditFilterForm(forms.Form):
    object_type = forms.CharField(
        label=_("Тип объекта"), required=False, max_length=100,
        help_text=_("Например, news.newsitem"),
    )
    object_id = forms.CharField(label=_("Номер объекта"), required=False, max_length=64)
    actor = forms.CharField(label=_("Логин сотрудника или жителя"), required=False,
                            max_length=150)
    actor_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    action = forms.CharField(
        label=_("Действие"), required=False, max_length=100,
        help_text=_("Точное имя («comments.hide») или модуль («comments»)"),
    )
    municipality = forms.ChoiceField(label=_("Муниципальное образование"), required=False)
    date_from = forms.DateField(label=_("С даты"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("По дату"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    before = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The choices come from the list the view already read: no query of their own.
        self.fields["municipality"].choices = [("", _("все доступные"))] + [
            (m.slug, m.name) for m in municipalities
        ]
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Выберите муниципальное образование из списка."
        )
        self._by_slug = {m.slug: m for m in municipalities}

    def clean_municipality(self) -> Municipality | None:
        slug = self.cleaned_data.get("municipality") or ""
        return self._by_slug.get(slug)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Дата окончания раньше даты начала."))
        if data.get("object_id") and not data.get("object_type"):
            self.add_error("object_type", _("Укажите тип объекта вместе с его номером."))
        return data

    def filter(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        data = self.cleaned_data
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"].strip().lower())
        if data.get("object_id"):
            events = events.filter(object_id=data["object_id"].strip())
        if data.get("actor"):
            events = events.filter(actor_label=data["actor"].strip())
        if data.get("actor_id"):
            events = events.filter(actor_id=data["actor_id"])
        if data.get("action"):
            action = data["action"].strip().rstrip(".")
            events = events.filter(Q(action=action) | Q(action__startswith=f"{action}."))
        municipality = data.get("municipality")
        if municipality is not None:
            events = events.filter(municipality=municipality)
        # Days are the municipality's own (or the platform's) calendar days.
        zone = ZoneInfo(municipality.time_zone) if municipality else timezone.get_current_timezone()
        if data.get("date_from"):
            events = events.filter(created_at__gte=_start_of(data["date_from"], zone))
        if data.get("date_to"):
            events = events.filter(
                created_at__lt=_start_of(data["date_to"] + timedelta(days=1), zone)
            )
        return events


def _start_of(day: date, zone: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)
