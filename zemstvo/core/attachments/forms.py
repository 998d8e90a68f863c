"""The upload form (the partial attachments/upload_form.html renders its fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    owner_type = forms.IntegerField(widget=forms.HiddenInput)
    owner_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    file = forms.FileField(label=_("Файл"), error_messages={
        "required": _("Выберите файл."),
        "empty": _("Файл пустой: выберите файл с содержимым."),
    })
    title = forms.CharField(label=_("Название (необязательно)"), required=False, max_length=255)
    is_public = forms.BooleanField(label=_("Доступен всем посетителям"), required=False)
