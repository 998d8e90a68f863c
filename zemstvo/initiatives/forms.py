"""Forms of initiative projects. They carry input; the rules (and their Russian
messages) live in the services, whose errors the views put back on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zemstvo.initiatives.models import (
    BUDGET_SOURCES,
    CriterionInput,
    CriterionKind,
    EvidenceKind,
    FinancingSource,
    InitiatorKind,
    PhotoPhase,
    RefusalGround,
)
from zemstvo.initiatives.services import CostLine, FinancingLine, ProjectData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Название проекта"), max_length=200)
    settlement = forms.ChoiceField(label=_("Населённый пункт"), required=False)
    territory = forms.CharField(label=_("Территория реализации (адрес, место)"), max_length=300)
    problem = forms.CharField(label=_("Описание проблемы"), widget=forms.Textarea({"rows": 4}))
    justification = forms.CharField(label=_("Обоснование предложений по решению проблемы"),
                                    widget=forms.Textarea({"rows": 4}))
    expected_result = forms.CharField(label=_("Ожидаемый результат"),
                                      widget=forms.Textarea({"rows": 3}))
    timeline = forms.CharField(label=_("Сроки реализации"), max_length=300)
    participation = forms.CharField(
        label=_("Планируемое имущественное и трудовое участие заинтересованных лиц"),
        widget=forms.Textarea({"rows": 3}), required=False)
    beneficiaries = forms.IntegerField(label=_("Число благополучателей"), min_value=1)
    territory_population = forms.IntegerField(label=_("Численность населения территории"),
                                              min_value=1)
    initiator_kind = forms.ChoiceField(label=_("Инициатор"), choices=InitiatorKind.choices)
    initiator_name = forms.CharField(
        label=_("Наименование ТОС или ФИО старосты"), max_length=300, required=False,
        help_text=_("Только если проект вносит ТОС или староста."))
    initiator_document = forms.FileField(
        label=_("Документ о полномочиях ТОС или старосты"), required=False,
        help_text=_("PDF или изображение; виден только администрации."))

    def __init__(self, *args: Any, settlements: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.settlements = {str(s.pk): s for s in settlements}
        self.fields["settlement"].choices = [("", _("всё муниципальное образование"))] + [
            (str(s.pk), f"{s.kind} {s.name}".strip()) for s in settlements]


class CostItemForm(forms.Form):
    name = forms.CharField(label=_("Статья расходов"), max_length=200, required=False)
    quantity = forms.DecimalField(label=_("Количество"), max_digits=12, decimal_places=3,
                                  min_value=0, required=False)
    unit_price = forms.DecimalField(label=_("Цена за единицу, руб."), required=False, **MONEY)

    def line(self) -> CostLine | None:
        data = self.cleaned_data
        if not data.get("name") and data.get("quantity") is None and \
                data.get("unit_price") is None:
            return None
        return CostLine(name=data.get("name") or "", quantity=data.get("quantity") or 0,
                        unit_price=data.get("unit_price") or 0)


CostItemFormSet = forms.formset_factory(CostItemForm, extra=0, min_num=6, max_num=50)


class FinancingForm(forms.Form):
    """One group of fields per source: money for every source; in-kind and labour for
    residents and businesses."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for source in FinancingSource:
            label = capfirst(source.label)
            self.fields[f"{source.value}_money"] = forms.DecimalField(
                label=_("%(source)s: денежные средства, руб.") % {"source": label},
                required=False, **MONEY)
            if source.value in BUDGET_SOURCES:
                continue
            self.fields[f"{source.value}_in_kind_description"] = forms.CharField(
                label=_("%(source)s: имущественное участие (что именно)") % {"source": label},
                max_length=300, required=False)
            self.fields[f"{source.value}_in_kind_value"] = forms.DecimalField(
                label=_("%(source)s: оценка имущественного участия, руб.") % {"source": label},
                required=False, **MONEY)
            self.fields[f"{source.value}_labour_hours"] = forms.IntegerField(
                label=_("%(source)s: трудовое участие, чел.-часов") % {"source": label},
                min_value=0, required=False)

    def lines(self) -> list[FinancingLine]:
        data = self.cleaned_data
        lines = []
        for source in FinancingSource:
            key = source.value
            lines.append(FinancingLine(
                source=key, money=data.get(f"{key}_money") or 0,
                in_kind_description=data.get(f"{key}_in_kind_description") or "",
                in_kind_value=data.get(f"{key}_in_kind_value") or 0,
                labour_hours=data.get(f"{key}_labour_hours") or 0))
        return lines


def project_data(form: ProjectForm, items: Any, financing: FinancingForm) -> ProjectData:
    data = form.cleaned_data
    return ProjectData(
        title=data["title"], problem=data["problem"], justification=data["justification"],
        expected_result=data["expected_result"], timeline=data["timeline"],
        territory=data["territory"], beneficiaries=data["beneficiaries"],
        territory_population=data["territory_population"],
        participation=data.get("participation", ""),
        settlement=form.settlements.get(data.get("settlement") or ""),
        initiator_kind=data["initiator_kind"], initiator_name=data.get("initiator_name", ""),
        cost_items=[line for f in items.forms if (line := f.line()) is not None],
        financing=financing.lines(),
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Документ"), choices=EvidenceKind.choices)
    count = forms.IntegerField(label=_("Число участников собрания (подписей, опрошенных)"),
                               min_value=1)
    held_on = forms.DateField(label=_("Дата"), widget=DATE)
    file = forms.FileField(label=_("Файл"), help_text=_("PDF или скан (JPEG, PNG)."))


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Название отбора"), max_length=200)
    year = forms.IntegerField(label=_("Год"), min_value=2021, max_value=2100)
    budget_regional = forms.DecimalField(label=_("Субсидия из бюджета субъекта, руб."), **MONEY)
    budget_local = forms.DecimalField(label=_("Средства местного бюджета, руб."), **MONEY)
    acceptance_from = forms.DateField(label=_("Приём проектов с"), widget=DATE)
    acceptance_to = forms.DateField(label=_("Приём проектов по"), widget=DATE)
    scoring_until = forms.DateField(label=_("Оценка проектов до"), widget=DATE)
    results_date = forms.DateField(label=_("Дата подведения итогов"), widget=DATE)


class CriterionForm(forms.Form):
    title = forms.CharField(label=_("Критерий"), max_length=200)
    kind = forms.ChoiceField(label=_("Вид"), choices=CriterionKind.choices)
    input = forms.ChoiceField(label=_("На чём основан"), choices=CriterionInput.choices)
    weight = forms.DecimalField(label=_("Вес"), max_digits=6, decimal_places=3, min_value=0)
    bands = forms.CharField(
        label=_("Диапазоны (для вида «диапазоны»)"), required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("По строке «от-до:баллы», значения в процентах, например «0-5:0», "
                    "«5-10:3», «10-:5»."))
    scale_min = forms.DecimalField(label=_("Баллов от (для шкалы)"), required=False,
                                   max_digits=6, decimal_places=2)
    scale_max = forms.DecimalField(label=_("Баллов до (для шкалы)"), required=False,
                                   max_digits=6, decimal_places=2)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Решение"), widget=forms.RadioSelect, choices=[
        ("admit", _("поддержать проект")), ("refuse", _("отказать в поддержке"))])
    ground = forms.ChoiceField(label=_("Основание отказа (ч. 7 ст. 26.1 131-ФЗ)"),
                               required=False,
                               choices=[("", "—"), *RefusalGround.choices])
    reason = forms.CharField(label=_("Мотивировка"), required=False,
                             widget=forms.Textarea({"rows": 3}))


class ScoreForm(forms.Form):
    """Points for each «scale» criterion; «bands» criteria are shown computed."""

    def __init__(self, *args: Any, criteria: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            if criterion.kind != CriterionKind.SCALE:
                continue
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.title} ({criterion.scale_min}–{criterion.scale_max})",
                max_digits=6, decimal_places=2)


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Номер контракта"), max_length=100)
    signed_on = forms.DateField(label=_("Дата контракта"), widget=DATE)
    contractor = forms.CharField(label=_("Подрядчик"), max_length=300)
    amount = forms.DecimalField(label=_("Цена контракта, руб."), **MONEY)


class StageForm(forms.Form):
    title = forms.CharField(label=_("Этап"), max_length=200)
    planned_start = forms.DateField(label=_("Начало по плану"), widget=DATE)
    planned_end = forms.DateField(label=_("Окончание по плану"), widget=DATE)
    actual_start = forms.DateField(label=_("Начало фактически"), widget=DATE, required=False)
    actual_end = forms.DateField(label=_("Окончание фактически"), widget=DATE, required=False)
    progress = forms.IntegerField(label=_("Готовность, %"), min_value=0, max_value=100)


class SpendingForm(forms.Form):
    source = forms.ChoiceField(label=_("Источник"), choices=FinancingSource.choices)
    planned = forms.DecimalField(label=_("План, руб."), **MONEY)
    actual = forms.DecimalField(label=_("Факт, руб."), **MONEY)


class PhotoForm(forms.Form):
    phase = forms.ChoiceField(label=_("Когда снято"), choices=PhotoPhase.choices)
    file = forms.FileField(label=_("Фотография"))


class AcceptForm(forms.Form):
    note = forms.CharField(label=_("Акт приёмки (номер, дата, кто принял)"),
                           widget=forms.Textarea({"rows": 2}))
