"""What each kind of procedure is: its family, its default form, the legal limits on
its duration (as dated rule defaults, LAW.md) and the default stages a municipality's
timeline template starts from.

The stage durations below are the seed of a municipality's template, which its own
act changes within the law (the office page edits them); the numbers the law itself
sets are rule defaults (``RULE_DEFAULTS``), read through zemstvo.core.rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import RuleDefault
from zemstvo.hearings.models import DayKind, ProcedureForm, ProcedureKind, StageKind

GRK_51 = date(2017, 12, 30)  # ГрК ст. 5.1 (455-ФЗ от 29.12.2017) in force
FZ_58 = date(2022, 3, 14)  # 58-ФЗ от 14.03.2022 shortened the urban-planning terms
FZ_131 = date(2003, 10, 6)

URBAN = frozenset({
    ProcedureKind.GENPLAN, ProcedureKind.PZZ, ProcedureKind.PLANNING,
    ProcedureKind.CONDITIONAL_USE, ProcedureKind.DEVIATION, ProcedureKind.IMPROVEMENT,
})


@dataclass(frozen=True)
class TotalLimit:
    """Limits on the whole term, from the notice to the publication of the conclusion:
    rule keys (None: the law sets none) and their unit ("months" or "days")."""

    unit: str
    min_key: str | None = None
    max_key: str | None = None


LIMITS: dict[str, TotalLimit] = {
    ProcedureKind.GENPLAN: TotalLimit("months", max_key="hearings.genplan_max_months"),
    ProcedureKind.PZZ: TotalLimit("months", max_key="hearings.pzz_max_months"),
    ProcedureKind.CONDITIONAL_USE: TotalLimit(
        "months", max_key="hearings.conditional_use_max_months"),
    ProcedureKind.DEVIATION: TotalLimit("months", max_key="hearings.deviation_max_months"),
    ProcedureKind.IMPROVEMENT: TotalLimit("months", max_key="hearings.improvement_max_months"),
    ProcedureKind.PLANNING: TotalLimit("days", min_key="hearings.planning_min_days",
                                       max_key="hearings.planning_max_days"),
}
NO_LIMIT = TotalLimit("days")


def notice_rule(kind: str) -> str:
    """The rule for the least time from the notice to the publication of the draft."""
    return "hearings.notice_lead_days" if kind in URBAN else "hearings.charter_notice_lead_days"


def limit_for(kind: str) -> TotalLimit:
    return LIMITS.get(kind, NO_LIMIT)


def rule_keys(kind: str) -> list[str]:
    limit = limit_for(kind)
    return [notice_rule(kind)] + [k for k in (limit.min_key, limit.max_key) if k]


def default_form(kind: str) -> str:
    # 131-ФЗ ст. 28 ч. 3: the charter questions go only to public hearings; the
    # urban-planning projects go to discussions or hearings as the charter says.
    return ProcedureForm.DISCUSSION if kind in URBAN else ProcedureForm.HEARING


# (stage, min, default, max, day kind)
_URBAN_STAGES = (
    (StageKind.NOTICE, 7, 7, 14, DayKind.CALENDAR),
    (StageKind.PUBLICATION, 0, 0, 1, DayKind.CALENDAR),
    (StageKind.EXPOSITION, 7, 14, 21, DayKind.CALENDAR),
    (StageKind.MEETING, 0, 0, 1, DayKind.CALENDAR),
    (StageKind.PROTOCOL, 1, 2, 5, DayKind.WORKING),
    (StageKind.CONCLUSION, 1, 2, 5, DayKind.WORKING),
)
_SHORT_URBAN_STAGES = (
    (StageKind.NOTICE, 7, 7, 10, DayKind.CALENDAR),
    (StageKind.PUBLICATION, 0, 0, 1, DayKind.CALENDAR),
    (StageKind.EXPOSITION, 5, 7, 14, DayKind.CALENDAR),
    (StageKind.MEETING, 0, 0, 1, DayKind.CALENDAR),
    (StageKind.PROTOCOL, 1, 2, 3, DayKind.WORKING),
    (StageKind.CONCLUSION, 1, 2, 3, DayKind.WORKING),
)
_CHARTER_STAGES = (
    (StageKind.NOTICE, 7, 10, 30, DayKind.CALENDAR),
    (StageKind.PUBLICATION, 0, 0, 3, DayKind.CALENDAR),
    (StageKind.EXPOSITION, 7, 15, 30, DayKind.CALENDAR),
    (StageKind.MEETING, 0, 0, 1, DayKind.CALENDAR),
    (StageKind.PROTOCOL, 1, 3, 5, DayKind.WORKING),
    (StageKind.CONCLUSION, 1, 3, 10, DayKind.WORKING),
)


def default_stages(kind: str) -> tuple[tuple[str, int, int, int, str], ...]:
    if kind == ProcedureKind.PLANNING:
        return _SHORT_URBAN_STAGES
    return _URBAN_STAGES if kind in URBAN else _CHARTER_STAGES


RULE_DEFAULTS = (
    RuleDefault(
        key="hearings.notice_lead_days", kind="days", value=7, effective_from=GRK_51,
        title=_("Оповещение не позднее чем за столько дней до размещения проекта"),
        source="ГрК РФ ст. 5.1 ч. 8 п. 1",
    ),
    RuleDefault(
        key="hearings.charter_notice_lead_days", kind="days", value=7, effective_from=FZ_131,
        title=_("Оповещение о публичных слушаниях по уставу, бюджету, стратегии: "
                "дней до размещения проекта"),
        source="131-ФЗ ст. 28 ч. 4 (заблаговременное оповещение; срок — по акту "
               "представительного органа)",
    ),
    RuleDefault(
        key="hearings.genplan_max_months", kind="int", value=3, effective_from=GRK_51,
        title=_("Генеральный план: от оповещения до заключения, не более месяцев"),
        source="ГрК РФ ст. 28 ч. 8 (ред. 455-ФЗ): не менее одного и не более трёх месяцев",
    ),
    RuleDefault(
        key="hearings.genplan_max_months", kind="int", value=1, effective_from=FZ_58,
        title=_("Генеральный план: от оповещения до заключения, не более месяцев"),
        source="ГрК РФ ст. 28 (ред. 58-ФЗ от 14.03.2022): не более одного месяца",
    ),
    RuleDefault(
        key="hearings.pzz_max_months", kind="int", value=1, effective_from=FZ_58,
        title=_("Правила землепользования и застройки: от оповещения до заключения, "
                "не более месяцев"),
        source="ГрК РФ ст. 31 ч. 13 (ред. 58-ФЗ от 14.03.2022): не более одного месяца",
    ),
    RuleDefault(
        key="hearings.conditional_use_max_months", kind="int", value=1, effective_from=GRK_51,
        title=_("Условно разрешённый вид использования: от оповещения до заключения, "
                "не более месяцев"),
        source="ГрК РФ ст. 39 ч. 7: не более одного месяца",
    ),
    RuleDefault(
        key="hearings.deviation_max_months", kind="int", value=1, effective_from=GRK_51,
        title=_("Отклонение от предельных параметров: от оповещения до заключения, "
                "не более месяцев"),
        source="ГрК РФ ст. 40 ч. 4 (порядок ст. 39): не более одного месяца",
    ),
    RuleDefault(
        key="hearings.improvement_max_months", kind="int", value=1, effective_from=GRK_51,
        title=_("Правила благоустройства: от оповещения до заключения, не более месяцев"),
        source="ГрК РФ ст. 5.1; срок — по акту представительного органа "
               "(по умолчанию — один месяц)",
    ),
    RuleDefault(
        key="hearings.planning_min_days", kind="days", value=14, effective_from=FZ_58,
        title=_("Проект планировки: от оповещения до заключения, не менее дней"),
        source="ГрК РФ ст. 46 ч. 11 (ред. 58-ФЗ от 14.03.2022)",
    ),
    RuleDefault(
        key="hearings.planning_max_days", kind="days", value=30, effective_from=FZ_58,
        title=_("Проект планировки: от оповещения до заключения, не более дней"),
        source="ГрК РФ ст. 46 ч. 11 (ред. 58-ФЗ от 14.03.2022)",
    ),
)
