"""Latin slugs for Russian names.

The letters follow ГОСТ 7.79-2000 system Б as people read it in web addresses
(«й» -> "y", «х» -> "kh", «ц» -> "ts", «щ» -> "shch"), without its diacritics and
apostrophes, which do not belong in a URL: «Вологда» -> "vologda",
«Кирилловский» -> "kirillovskiy", «Великий Устюг» -> "velikiy-ustyug".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Letters of the republics' languages that appear in official names.
    "ә": "a", "ө": "o", "ү": "u", "ң": "n", "һ": "h", "җ": "zh", "ӏ": "",
}


def transliterate(text: str) -> str:
    """Russian text in Latin letters, lower case; other characters are kept."""
    return "".join(_LETTERS.get(ch, ch) for ch in text.lower())


def slugify_ru(text: str, *, max_length: int = 80) -> str:
    """A URL slug: Latin letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "mo"


class SlugAllocator:
    """Hands out slugs that are unique among ``taken`` (and among those it gave).

    ``allocate("vologda", "vologodskaya")`` returns "vologda", or "vologda-vologodskaya"
    when that is taken, then "vologda-2", "vologda-3"...
    """

    def __init__(self, taken: Iterable[str], *, max_length: int = 120):
        self.taken = set(taken)
        self.max_length = max_length

    def allocate(self, base: str, *qualifiers: str) -> str:
        base = base[: self.max_length].strip("-") or "mo"
        candidates = [base] + [f"{base}-{q}" for q in qualifiers if q]
        for candidate in candidates:
            candidate = candidate[: self.max_length].strip("-")
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        number = 2
        while True:
            suffix = f"-{number}"
            candidate = base[: self.max_length - len(suffix)] + suffix
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
            number += 1
