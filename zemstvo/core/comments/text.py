"""What a comment's text becomes before it is stored: plain text, escaped, with web
addresses turned into safe links and line breaks kept. No HTML the author typed comes
through; nh3 then checks the result against a tiny allow-list as a second guard."""

from __future__ import annotations

import html as html_lib

import nh3
from django.utils.html import linebreaks, strip_tags, urlize

ALLOWED_TAGS = {"p", "br", "a"}
LINK_REL = "nofollow ugc noopener noreferrer"


def sanitise(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    html = linebreaks(urlize(text, trim_url_limit=60, nofollow=True, autoescape=True))
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"}, link_rel=LINK_REL,
    )


def excerpt(html: str, limit: int = 200) -> str:
    """Plain text of a stored comment, for notifications and the moderation queue."""
    spaced = html.replace("<br>", " ").replace("</p>", " ")
    plain = " ".join(html_lib.unescape(strip_tags(spaced)).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"
