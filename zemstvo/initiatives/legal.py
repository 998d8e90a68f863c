"""The legal numbers of initiative projects as dated rule defaults (LAW.md): a
municipality's or region's act overrides them on /office/rules/, and a round keeps
the values in force on the day it opened."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from zemstvo.core.registry import RuleDefault

# Article 26.1 was added to 131-ФЗ by 236-ФЗ of 20.07.2020, in force from 01.01.2021.
ARTICLE_26_1 = date(2021, 1, 1)
LAW_33_FZ = date(2025, 6, 19)

GROUP_MIN_SIZE = "initiatives.group_min_size"
INITIATOR_MIN_AGE = "initiatives.initiator_min_age"
PUBLICATION_WORKING_DAYS = "initiatives.publication_working_days"
COMMENT_WORKING_DAYS = "initiatives.comment_working_days"
DECISION_DAYS = "initiatives.decision_days"
RULE_KEYS = [GROUP_MIN_SIZE, INITIATOR_MIN_AGE, PUBLICATION_WORKING_DAYS,
             COMMENT_WORKING_DAYS, DECISION_DAYS]

RULE_DEFAULTS = (
    RuleDefault(
        key=GROUP_MIN_SIZE, title=_("Минимальная численность инициативной группы"),
        value=10, effective_from=ARTICLE_26_1, kind="int",
        source="131-ФЗ ст. 26.1 ч. 2 (нормативным правовым актом представительного органа "
               "численность может быть уменьшена)",
    ),
    RuleDefault(
        key=INITIATOR_MIN_AGE, title=_("Минимальный возраст инициаторов и поддерживающих"),
        value=16, effective_from=ARTICLE_26_1, kind="int", source="131-ФЗ ст. 26.1 ч. 2",
    ),
    RuleDefault(
        key=INITIATOR_MIN_AGE, title=_("Минимальный возраст инициаторов и поддерживающих"),
        value=18, effective_from=LAW_33_FZ, kind="int",
        source="33-ФЗ от 20.03.2025 (вступил в силу 19.06.2025)",
    ),
    RuleDefault(
        key=PUBLICATION_WORKING_DAYS, title=_("Срок опубликования внесённого проекта"),
        value=3, effective_from=ARTICLE_26_1, kind="working_days",
        source="131-ФЗ ст. 26.1 ч. 8",
    ),
    RuleDefault(
        key=COMMENT_WORKING_DAYS,
        title=_("Срок приёма замечаний и предложений жителей (не менее)"),
        value=5, effective_from=ARTICLE_26_1, kind="working_days",
        source="131-ФЗ ст. 26.1 ч. 8",
    ),
    RuleDefault(
        key=DECISION_DAYS, title=_("Срок рассмотрения проекта со дня внесения"),
        value=30, effective_from=ARTICLE_26_1, kind="days", source="131-ФЗ ст. 26.1 ч. 9",
    ),
)
