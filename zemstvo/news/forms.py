"""The office form for a news item: text fields and files (several at once)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.news.services import LEAD_MAX, TITLE_MAX


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that accepts several files; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class NewsForm(forms.Form):
    """Field checks live in the service (news.services); the form only carries input
    and shows the service's messages."""

    title = forms.CharField(label=_("Заголовок"), max_length=TITLE_MAX)
    lead = forms.CharField(
        label=_("Анонс"), max_length=LEAD_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Одно-два предложения для списка новостей и рассылки."),
    )
    body = forms.CharField(
        label=_("Текст"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Обычный текст; абзацы разделяйте пустой строкой."),
    )
    cover = forms.FileField(
        label=_("Обложка"), required=False,
        help_text=_("Изображение JPEG, PNG или WEBP (необязательно)."),
    )
    related = forms.ChoiceField(
        label=_("О чём новость"), required=False,
        help_text=_("Программа, проект или другая запись: новость появится на её странице."),
    )
    files = MultipleFileField(
        label=_("Файлы"), required=False,
        help_text=_("Документы и изображения к новости: PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG."),
    )

    def __init__(self, *args, related_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["related"].choices = [("", _("— не связана —")), *related_choices]
