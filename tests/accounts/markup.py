"""Checks of page markup shared by the accounts tests."""

from __future__ import annotations

import re


def check_markup(html: str) -> None:
    """One h1, and a label for every visible form field."""
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id
