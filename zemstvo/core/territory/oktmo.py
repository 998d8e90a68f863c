"""The structure of ОКТМО codes (ОК 033-2013, Общероссийский классификатор территорий
муниципальных образований), shared by the city-data loader and the ОКТМО import.

A code has up to four blocks: ``TT KKK PPP NNN``.

- ``TT`` (разряды 1–2): the субъект РФ. Autonomous okrugs inside a krai or oblast
  share its two digits and are told apart by the third one (11 8.. Ненецкий АО in
  Архангельская область; 71 8.. Ханты-Мансийский and 71 9.. Ямало-Ненецкий АО in
  Тюменская область).
- ``KKK`` (разряды 3–5): the second level. Its first digit names the kind:
  3 — внутригородские территории городов федерального значения, 5 — муниципальные
  округа, 6 — муниципальные районы, 7 — городские округа. Codes ending in 00 (``600``,
  ``700``) are grouping headings («Муниципальные районы Вологодской области»).
- ``PPP`` (разряды 6–8): the поселение inside a район (or the внутригородской район
  inside a городской округ): 1 — городские поселения, 4 — сельские поселения,
  3 — внутригородские районы, 7 — межселенные территории; ``100``, ``400`` are headings.
- ``NNN`` (разряды 9–11), section 2 of the classifier only: the населённый пункт;
  ``000`` is the heading «Населенные пункты, входящие в состав …».

Section 1 (``RAZDEL`` 1) lists municipalities with 8-digit codes, section 2 the
населённые пункты with 11-digit codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zemstvo.core.territory.models import MunicipalityType
from zemstvo.core.territory.translit import slugify_ru

# "UTC+N" (as the city data gives a time zone) -> the IANA zone of that offset in
# Russia (Федеральный закон № 107-ФЗ «Об исчислении времени», ст. 5).
TIME_ZONES: dict[int, str] = {
    2: "Europe/Kaliningrad",
    3: "Europe/Moscow",
    4: "Europe/Samara",
    5: "Asia/Yekaterinburg",
    6: "Asia/Omsk",
    7: "Asia/Krasnoyarsk",
    8: "Asia/Irkutsk",
    9: "Asia/Yakutsk",
    10: "Asia/Vladivostok",
    11: "Asia/Magadan",
    12: "Asia/Kamchatka",
}

# (region digits, third digit) -> the first word of the autonomous okrug's name.
AUTONOMOUS_OKRUGS: dict[tuple[str, str], str] = {
    ("11", "8"): "Ненецкий",
    ("71", "8"): "Ханты-Мансийский",
    ("71", "9"): "Ямало-Ненецкий",
}

# Federal cities (города федерального значения): the region is the city itself.
FEDERAL_CITY_CODES = frozenset({"40", "45", "67"})

INTER_SETTLEMENT = "inter_settlement"  # межселенная территория: not a municipality


def iana_zone(utc_offset: str) -> str:
    """``"UTC+3"`` -> ``"Europe/Moscow"``; ValueError for an offset Russia does not use."""
    match = re.fullmatch(r"\s*UTC\s*\+\s*(\d{1,2})\s*", utc_offset or "")
    if not match or int(match.group(1)) not in TIME_ZONES:
        raise ValueError(f"Неизвестный часовой пояс: «{utc_offset}»")
    return TIME_ZONES[int(match.group(1))]


@dataclass(frozen=True)
class Code:
    ter: str
    kod1: str
    kod2: str
    kod3: str = "000"

    @classmethod
    def parse(cls, digits: str) -> Code:
        if not re.fullmatch(r"\d{8}|\d{11}", digits):
            raise ValueError(f"Код ОКТМО из 8 или 11 цифр, получено «{digits}»")
        return cls(digits[:2], digits[2:5], digits[5:8], digits[8:11] or "000")

    @property
    def municipal(self) -> str:
        """The 8-digit code of the municipality at the lowest level of this code."""
        return self.ter + self.kod1 + self.kod2

    @property
    def okrug(self) -> str:
        """The 8-digit code of the second-level municipality (район, округ)."""
        return self.ter + self.kod1 + "000"

    @property
    def full(self) -> str:
        return self.municipal + self.kod3


def okrug_level_type(ter: str, kod1: str) -> str | None:
    """The kind of a second-level municipality from its code, None if the code does
    not say. Inside an autonomous okrug the second digit carries the kind (the
    classifier gives районы the 10–39 series and городские округа 50–98; муниципальные
    округа were put in the 40s)."""
    digit = kod1[0]
    if (ter, digit) in AUTONOMOUS_OKRUGS:
        second = kod1[1]
        if second in "123":
            return MunicipalityType.MUNICIPAL_DISTRICT
        if second == "4":
            return MunicipalityType.MUNICIPAL_OKRUG
        if second in "56789":
            return MunicipalityType.URBAN_OKRUG
        return None
    return {
        "3": MunicipalityType.INTRA_CITY,
        "5": MunicipalityType.MUNICIPAL_OKRUG,
        "6": MunicipalityType.MUNICIPAL_DISTRICT,
        "7": MunicipalityType.URBAN_OKRUG,
    }.get(digit)


def settlement_level_type(kod2: str) -> str | None:
    """The kind of a third-level unit from the first digit of its block."""
    return {
        "1": MunicipalityType.URBAN_SETTLEMENT,
        "4": MunicipalityType.RURAL_SETTLEMENT,
        "3": MunicipalityType.INTRA_CITY_DISTRICT,
        "7": INTER_SETTLEMENT,
    }.get(kod2[0])


# Phrases of an official name that say the kind, most specific first.
_NAME_TYPES: tuple[tuple[str, str], ...] = (
    ("с внутригородским делением", MunicipalityType.URBAN_OKRUG_WITH_DIVISION),
    ("внутригородской район", MunicipalityType.INTRA_CITY_DISTRICT),
    ("внутригородское муниципальное образование", MunicipalityType.INTRA_CITY),
    ("внутригородская территория", MunicipalityType.INTRA_CITY),
    ("межселенная территория", INTER_SETTLEMENT),
    ("муниципальный район", MunicipalityType.MUNICIPAL_DISTRICT),
    ("муниципальный округ", MunicipalityType.MUNICIPAL_OKRUG),
    ("городской округ", MunicipalityType.URBAN_OKRUG),
    ("городское поселение", MunicipalityType.URBAN_SETTLEMENT),
    ("сельское поселение", MunicipalityType.RURAL_SETTLEMENT),
    ("сельсовет", MunicipalityType.RURAL_SETTLEMENT),
    ("сельский округ", MunicipalityType.RURAL_SETTLEMENT),
)


def type_from_name(name: str) -> str | None:
    lowered = name.lower().replace("ё", "е")
    for phrase, kind in _NAME_TYPES:
        if phrase in lowered:
            return kind
    return None


# Abbreviations of the kinds of населённые пункты as ОКТМО and ФИАС write them,
# longest first so that "ж/д ст" wins over "ст".
SETTLEMENT_KINDS: tuple[str, ...] = tuple(
    sorted(
        {
            "г", "пгт", "рп", "кп", "дп", "гп", "п", "пос", "с", "д", "х", "ст-ца", "ст",
            "сл", "аул", "у", "м", "нп", "мкр", "тер", "рзд", "жилрайон", "починок",
            "заимка", "выселки", "кордон", "казарма", "арбан", "кв-л", "пст", "снт",
            "ж/д ст", "ж/д рзд", "ж/д пл", "ж/д будка", "ж/д казарм", "ж/д оп", "ж/д пост",
            "ж/д платф", "ж/д к-т", "ж/д путевой пост", "ж/д блокпост", "платф", "остров",
            "зимовье", "промзона", "городок", "автодорога", "высел",
        },
        key=len,
        reverse=True,
    )
)


def split_settlement_name(text: str) -> tuple[str, str]:
    """``"д Ивановка"`` -> ``("д", "Ивановка")``; a name without a known kind -> ("", name)."""
    text = " ".join(text.split())
    for kind in SETTLEMENT_KINDS:
        if text.startswith(kind + " ") and len(text) > len(kind) + 1:
            return kind, text[len(kind) + 1 :]
        if text.startswith(kind + ". ") and len(text) > len(kind) + 2:
            return kind, text[len(kind) + 2 :]
    return "", text


# Words of an official name that say what a municipality is rather than which one.
_SLUG_NOISE = re.compile(
    r"муниципальн\w* район\w*|муниципальн\w* округ\w*|городско\w* округ\w*"
    r"|городско\w* поселени\w*|сельско\w* поселени\w*|внутригородск\w* район\w*"
    r"|внутригородск\w* муниципальн\w* образовани\w*|муниципальн\w* образовани\w*"
    r"|с внутригородским делением|\bгород\b|\bг\b|[«»\"']",
    re.IGNORECASE,
)
_SLUG_SUFFIX = {
    MunicipalityType.MUNICIPAL_DISTRICT: "-rn",
    MunicipalityType.MUNICIPAL_OKRUG: "-mo",
    MunicipalityType.RURAL_SETTLEMENT: "-sp",
    MunicipalityType.INTRA_CITY: "-vmo",
    MunicipalityType.INTRA_CITY_DISTRICT: "-vr",
}


def slug_stem(name: str, kind: str) -> str:
    """The words of a name that tell one municipality from another, for its slug:
    «Вологодский муниципальный район» -> "vologodskiy-rn", «город Вологда» -> "vologda",
    «сельское поселение Ферапонтовское» -> "ferapontovskoe-sp"."""
    words = _SLUG_NOISE.sub(" ", name)
    stem = slugify_ru(words) if re.search(r"\w", words) else slugify_ru(name)
    return stem + _SLUG_SUFFIX.get(kind, "")


def display_name(name: str, kind: str) -> str:
    """An official name as the portal shows it: without the classifier's list marks
    («- Кагальницкое», «…/»), and with its kind when the name does not say it
    («сельское поселение Кагальницкое», «городской округ город Вологда»)."""
    clean = " ".join(name.strip().lstrip("-–— ").rstrip("/ ").split())
    if type_from_name(clean) is None and kind in MunicipalityType.values:
        return f"{MunicipalityType(kind).label} {clean}"
    return clean
