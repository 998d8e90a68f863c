"""The voting module declares itself to the platform: menus, pages, API, home block,
the live turnout card, the legal rule defaults, policies and demo content."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zemstvo.core.accounts.roles import card_municipality_ids
from zemstvo.core.registry import (
    CardLine,
    DashboardCard,
    HomeBlock,
    ModuleManifest,
    NavItem,
    RuleDefault,
)
from zemstvo.voting import selectors
from zemstvo.voting.demo import generate_demo
from zemstvo.voting.policies import RULES


def _home_context(municipality: Any) -> dict[str, Any]:
    return {"municipality": municipality, "polls": selectors.running_polls(municipality)}


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    """Running votes with their turnout so far, and closed votes waiting for their
    results to be published (an alert)."""
    ids = card_municipality_ids(user, municipality)
    if municipality is not None:
        query = f"?m={municipality.slug}"
    else:
        query = ""
    lines = []
    for poll in selectors.dashboard_polls(ids):
        eligible = selectors.eligible_now(poll)
        share = round(100 * poll.voted / eligible, 1) if eligible else 0.0
        lines.append(CardLine(
            _("Явка: %(title)s") % {"title": poll.title},
            f"{share}% ({poll.voted} / {eligible})",
            reverse("office_voting:results", args=[poll.pk]),
        ))
    counts = selectors.counts_by_status(ids)
    url = reverse("office_voting:list") + (query + "&" if query else "?")
    lines.append(CardLine(_("Черновики"), counts["drafts"], f"{url}status=draft"))
    lines.append(CardLine(_("Завершены, итоги не опубликованы"), counts["closed"],
                          f"{url}status=closed", alert=counts["closed"] > 0))
    return lines


RULE_DEFAULTS = (
    RuleDefault(
        key="voting.min_age", title=_("Возраст участника опроса об инициативном проекте"),
        value=16, effective_from=date(2021, 1, 1), kind="int",
        source="131-ФЗ ст. 26.1 ч. 6, ст. 31 ч. 2 (ред. 236-ФЗ от 20.07.2020)",
        description=_("Выявление мнения граждан о поддержке инициативного проекта: жители "
                      "соответствующей территории, достигшие этого возраста."),
    ),
    RuleDefault(
        key="voting.min_age", title=_("Возраст участника опроса об инициативном проекте"),
        value=18, effective_from=date(2025, 6, 19), kind="int",
        source="33-ФЗ от 20.03.2025 (об общих принципах организации местного "
               "самоуправления в единой системе публичной власти)",
        description=_("С 19.06.2025 возраст повышен с 16 до 18 лет."),
    ),
    RuleDefault(
        key="voting.min_age_voting_rights",
        title=_("Возраст участника опроса граждан (избирательное право)"),
        value=18, effective_from=date(2003, 10, 6), kind="int",
        source="131-ФЗ ст. 31 ч. 2; 67-ФЗ ст. 4 ч. 2 (активное избирательное право с 18 лет)",
        description=_("В опросе граждан участвуют жители, обладающие избирательным правом."),
    ),
)

manifest = ModuleManifest(
    label="voting",
    title=_("Голосования"),
    public_nav=(NavItem(_("Голосования"), "voting:list"),),
    office_nav=(NavItem(_("Голосования"), "office_voting:list", scope="office",
                        action="voting.view_office"),),
    public_urls="zemstvo.voting.urls",
    office_urls="zemstvo.voting.office_urls",
    api_routers=(("polls", "zemstvo.voting.api:router"),),
    dashboard_cards=(
        DashboardCard(title=_("Голосования"), lines=_card_lines, action="voting.view_results"),
    ),
    home_blocks=(
        HomeBlock(title=_("Голосования"), template="voting/home_block.html",
                  context=_home_context, order=20),
    ),
    policies=RULES,
    rule_defaults=RULE_DEFAULTS,
    demo=generate_demo,
    demo_order=60,
)
