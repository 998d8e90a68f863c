"""Forms of the moderation pages."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zemstvo.core.territory.models import Municipality


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Причина"), max_length=500,
                             error_messages={"required": _("Укажите причину.")})


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Комментарий модератора (необязательно)"), max_length=500,
                             required=False)


class BlockForm(forms.Form):
    username = forms.CharField(label=_("Логин пользователя"), max_length=150)
    municipality = forms.ChoiceField(label=_("Муниципальное образование"))
    until = forms.DateField(
        label=_("Заблокировать по (включительно)"), required=False,
        help_text=_("Пусто — до снятия блокировки вручную."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(label=_("Причина"), max_length=500,
                             error_messages={"required": _("Укажите причину.")})

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._by_slug = {m.slug: m for m in municipalities}
        self.fields["municipality"].choices = [(m.slug, m.name) for m in municipalities]

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("Пользователь с таким логином не найден."))
        return user

    def clean_municipality(self) -> Municipality:
        return self._by_slug[self.cleaned_data["municipality"]]

    def until_moment(self) -> datetime | None:
        """The end of the chosen day in the municipality's own time zone."""
        day = self.cleaned_data.get("until")
        if day is None:
            return None
        zone = ZoneInfo(self.cleaned_data["municipality"].time_zone)
        return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
