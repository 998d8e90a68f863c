from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.core import registry


class OverrideForm(forms.Form):
    SCOPES = [("municipal", _("для муниципального образования")),
              ("regional", _("для всех муниципальных образований субъекта РФ"))]

    key = forms.ChoiceField(label=_("Правило"))
    value = forms.CharField(label=_("Значение"), max_length=100)
    effective_from = forms.DateField(label=_("Действует с"),
                                     widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("Акт, которым установлено значение"), max_length=255,
                             help_text=_("Например: решение Думы от 12.03.2026 № 45"))
    scope = forms.ChoiceField(label=_("Действует"), choices=SCOPES, initial="municipal")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [
            (key, f"{defaults[0].title} ({key})")
            for key, defaults in sorted(registry.rule_defaults().items())
        ]
