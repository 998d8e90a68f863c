"""Forms of the hearings pages: they carry input; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zemstvo.hearings.models import (
    Channel,
    LocalBasis,
    ParticipantKind,
    ProcedureForm,
    ProcedureKind,
    Recommendation,
)
from zemstvo.hearings.participants import Identity


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IdentityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Участник"), choices=ParticipantKind.choices,
                             initial=ParticipantKind.PERSON)
    full_name = forms.CharField(label=_("Фамилия, имя, отчество"), required=False,
                                max_length=300)
    birth_date = forms.DateField(label=_("Дата рождения"), required=False, widget=DATE)
    org_name = forms.CharField(label=_("Наименование организации"), required=False,
                               max_length=300)
    ogrn = forms.CharField(label=_("ОГРН"), required=False, max_length=15)
    address = forms.CharField(label=_("Адрес регистрации (для организации — место нахождения)"),
                              required=False, max_length=400)

    def identity(self) -> Identity:
        data = self.cleaned_data
        return Identity(kind=data["kind"], full_name=data.get("full_name", ""),
                        birth_date=data.get("birth_date"), org_name=data.get("org_name", ""),
                        ogrn=data.get("ogrn", ""), address=data.get("address", ""))


class ProposalForm(IdentityForm):
    text = forms.CharField(label=_("Предложение или замечание"),
                           widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000)
    right_holder = forms.BooleanField(
        label=_("Я правообладатель земельного участка или объекта на этой территории"),
        required=False)
    documents = MultipleFileField(
        label=_("Правоустанавливающие документы"), required=False,
        help_text=_("Для правообладателей: выписка из ЕГРН или иной документ (PDF, JPEG, PNG)."))


class StaffParticipantForm(IdentityForm):
    basis = forms.ChoiceField(label=_("Связь с территорией"), choices=LocalBasis.choices)
    documents = MultipleFileField(label=_("Документы участника"), required=False)


class StaffProposalForm(forms.Form):
    participant = forms.IntegerField(label=_("Номер участника"), min_value=1)
    channel = forms.ChoiceField(label=_("Способ внесения"), choices=[
        c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_at = forms.DateTimeField(label=_("Дата и время поступления"), required=False,
                                      widget=DATETIME)
    text = forms.CharField(label=_("Предложение или замечание"),
                           widget=forms.Textarea(attrs={"rows": 4}))


class ProcedureCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=ProcedureKind.choices)
    form = forms.ChoiceField(label=_("Форма"), choices=[("", _("как в шаблоне"))]
                             + list(ProcedureForm.choices), required=False)
    title = forms.CharField(label=_("Наименование проекта"), max_length=300)
    organiser = forms.CharField(label=_("Организатор"), max_length=300, required=False)
    notice_date = forms.DateField(label=_("Дата оповещения"), widget=DATE)
    settlements = forms.MultipleChoiceField(
        label=_("Территория (пусто — всё муниципальное образование)"), required=False)


class NoticeForm(forms.Form):
    project_info = forms.CharField(label=_("Информация о проекте"), widget=forms.Textarea(
        attrs={"rows": 4}), required=False)
    materials_list = forms.CharField(label=_("Перечень информационных материалов"),
                                     widget=forms.Textarea(attrs={"rows": 3}), required=False)
    exposition_place = forms.CharField(label=_("Место экспозиции"), required=False)
    exposition_hours = forms.CharField(label=_("Дни и часы посещения экспозиции"),
                                       required=False)
    proposals_method = forms.CharField(label=_("Порядок и форма внесения предложений"),
                                       widget=forms.Textarea(attrs={"rows": 3}), required=False)
    site_url = forms.URLField(label=_("Официальный сайт, где размещается проект"),
                              required=False)
    meeting_place = forms.CharField(label=_("Место собрания участников"), required=False)
    meeting_at = forms.DateTimeField(label=_("Дата и время собрания"), required=False,
                                     widget=DATETIME)


class ConsultationForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Дата и время консультации"), widget=DATETIME)
    place = forms.CharField(label=_("Место консультации"), max_length=300)
    consultant = forms.CharField(label=_("Консультант"), max_length=200)


class RecommendationForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Рекомендация"), choices=Recommendation.choices)
    reason = forms.CharField(label=_("Аргументация"), widget=forms.Textarea(attrs={"rows": 2}))


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Выводы по результатам"),
                              widget=forms.Textarea(attrs={"rows": 4}))
