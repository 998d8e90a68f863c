"""System check: no open-data set declares a field that looks like personal data
(152-ФЗ: personal data is never in public exports)."""

from __future__ import annotations

import re

from django.core.checks import Error, register

# Parts of a field name that mark personal data of a person.
PERSONAL_DATA_RE = re.compile(
    r"(e_?mail|mbox|phone|telephone|birth|passport|snils|patronymic|first_?name|last_?name"
    r"|middle_?name|full_?name|fio|username|login|residence)",
    re.IGNORECASE,
)


def personal_fields() -> list[tuple[str, str]]:
    """(set identifier, field name) of every declared field that looks personal."""
    from zemstvo.core import registry

    return [
        (dataset.identifier, f.name)
        for manifest in registry.modules()
        for dataset in manifest.opendata_sets
        for f in dataset.fields
        if PERSONAL_DATA_RE.search(f.name)
    ]


@register()
def no_personal_data_in_open_data(app_configs, **kwargs):
    return [
        Error(
            f"Набор открытых данных «{identifier}» объявляет поле «{name}», похожее на "
            "персональные данные: персональные данные не публикуются (152-ФЗ).",
            id="opendata.E001",
        )
        for identifier, name in personal_fields()
    ]
