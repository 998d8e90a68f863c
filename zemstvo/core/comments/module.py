from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zemstvo.core.comments.policies import RULES
from zemstvo.core.registry import CardLine, DashboardCard, ModuleManifest, NavItem


def _card_lines(user: Any, municipality: Any) -> list[CardLine]:
    from zemstvo.core.comments.selectors import open_report_count

    count = open_report_count(user, municipality)
    return [CardLine(label=str(_("Жалобы на комментарии")), value=count,
                     url=reverse("office_comments:queue"), alert=count > 0)]


manifest = ModuleManifest(
    label="comments",
    title=_("Комментарии"),
    site_urls="zemstvo.core.comments.urls",
    office_urls="zemstvo.core.comments.office_urls",
    office_nav=(
        NavItem(_("Модерация комментариев"), "office_comments:queue", scope="office",
                action="comments.moderate"),
    ),
    dashboard_cards=(
        DashboardCard(title=_("Комментарии"), lines=_card_lines, action="comments.moderate"),
    ),
    policies=RULES,
)
