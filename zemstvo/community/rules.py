"""Legal numbers of the community module as dated rule defaults (LAW.md).

Fractions are stored as text ("1/2") and read with ``fraction`` so that "more than
half" and "at least one third" are compared exactly, without rounding."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import RuleDefault

FZ_131 = date(2003, 10, 6)
FZ_83_2018 = date(2018, 4, 18)  # 83-ФЗ: сельские старосты (ст. 27.1), этапы схода

GATHERING_KEYS = [
    "community.gathering_quorum", "community.gathering_decision",
    "community.gathering_stage_period_days", "community.gathering_min_age",
]
TOS_KEYS = ["community.tos_meeting_quorum", "community.tos_conference_quorum",
            "community.tos_min_age"]
STAROSTA_KEYS = ["community.starosta_term_min_years", "community.starosta_term_max_years"]

RULE_DEFAULTS = (
    RuleDefault(key="community.gathering_quorum", kind="str", value="1/2",
                effective_from=FZ_131,
                title=_("Сход правомочен, если участвует более такой доли жителей с "
                        "избирательным правом"),
                source="131-ФЗ ст. 25.1 ч. 2"),
    RuleDefault(key="community.gathering_decision", kind="str", value="1/2",
                effective_from=FZ_131,
                title=_("Решение схода принято, если за него более такой доли участников"),
                source="131-ФЗ ст. 25.1 ч. 2"),
    RuleDefault(key="community.gathering_stage_period_days", kind="days", value=30,
                effective_from=FZ_83_2018,
                title=_("Все этапы схода проводятся в пределах срока, дней (не более месяца)"),
                source="131-ФЗ ст. 25.1 ч. 2.1"),
    RuleDefault(key="community.gathering_min_age", kind="int", value=18, effective_from=FZ_131,
                title=_("Возраст жителя, обладающего избирательным правом, для схода"),
                source="131-ФЗ ст. 25.1; 67-ФЗ ст. 4 ч. 1"),
    RuleDefault(key="community.tos_meeting_quorum", kind="str", value="1/3",
                effective_from=FZ_131,
                title=_("Учредительное собрание ТОС правомочно при участии не менее такой "
                        "доли жителей территории, достигших 16 лет"),
                source="131-ФЗ ст. 27 ч. 8"),
    RuleDefault(key="community.tos_conference_quorum", kind="str", value="2/3",
                effective_from=FZ_131,
                title=_("Учредительная конференция ТОС правомочна при участии не менее такой "
                        "доли избранных делегатов"),
                source="131-ФЗ ст. 27 ч. 8"),
    RuleDefault(key="community.tos_min_age", kind="int", value=16, effective_from=FZ_131,
                title=_("Возраст жителя, участвующего в ТОС"), source="131-ФЗ ст. 27 ч. 3"),
    RuleDefault(key="community.starosta_term_min_years", kind="int", value=2,
                effective_from=FZ_83_2018,
                title=_("Наименьший срок полномочий сельского старосты по уставу, лет"),
                source="131-ФЗ ст. 27.1 ч. 5"),
    RuleDefault(key="community.starosta_term_max_years", kind="int", value=5,
                effective_from=FZ_83_2018,
                title=_("Наибольший срок полномочий сельского старосты по уставу, лет"),
                source="131-ФЗ ст. 27.1 ч. 5"),
)


def fraction(rules: dict, key: str) -> Fraction:
    """The fraction of a frozen rule snapshot ("1/2", "0.5")."""
    raw = str(rules[key]["value"]).strip()
    try:
        value = Fraction(raw.replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise DomainError(f"Правило {key}: значение «{raw}» не является долей.") from None
    if not 0 < value <= 1:
        raise DomainError(f"Правило {key}: доля должна быть больше 0 и не больше 1.")
    return value
