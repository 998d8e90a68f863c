"""Forms of the territory's office pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zemstvo.core.territory.models import Settlement


class SupportSettlementForm(forms.Form):
    is_support = forms.BooleanField(label=_("Опорный населённый пункт"), required=False)
    adjacent = forms.ModelMultipleChoiceField(
        label=_("Прилегающие населённые пункты"),
        queryset=Settlement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Населённые пункты того же муниципального района или округа, жители"
                    " которых пользуются услугами опорного."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Settlement], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["adjacent"].queryset = candidates

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("adjacent") and not cleaned.get("is_support"):
            self.add_error(
                "adjacent",
                _("Прилегающие населённые пункты отмечаются только у опорного."),
            )
        return cleaned
