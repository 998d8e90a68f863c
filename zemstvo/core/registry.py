"""The module registry: each app declares itself once in its ``module.py``.

A module (a domain, or a kernel app that has pages) defines ``manifest``, a frozen
:class:`ModuleManifest`. The shell builds menus, URLs, the office dashboard, the search
index, the open-data catalogue and the demo data from these manifests, so adding a
domain never edits the kernel: the kernel imports no domain by name.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from zemstvo.core.accounts.models import User
    from zemstvo.core.territory.models import Municipality, Region


Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class NavItem:
    """A menu entry. ``scope`` says how its URL is reversed:
    ``municipality`` with the portal's slug, ``site`` and ``office`` without."""

    title: str
    url_name: str
    scope: str = "municipality"
    # Office entries are shown only to users for whom this action is allowed.
    action: str | None = None


@dataclass(frozen=True)
class CardLine:
    label: str
    value: int | str | Decimal
    url: str = ""
    # Overdue or otherwise alarming figures are highlighted on the dashboard.
    alert: bool = False


@dataclass(frozen=True)
class DashboardCard:
    """An office dashboard card. ``lines`` computes its figures for a staff user in a
    municipality (None: a regional or platform view); it must cost a fixed number of
    queries. ``action`` hides the card from users who may not perform it."""

    title: str
    lines: Callable[[User, Municipality | None], list[CardLine]]
    action: str | None = None


@dataclass(frozen=True)
class HomeBlock:
    """A block on a municipality's public home page: ``context`` returns the template
    context for ``template`` (a fixed number of queries, whatever the data size)."""

    title: str
    template: str
    context: Callable[[Municipality], dict[str, Any]]
    order: int = 100


@dataclass(frozen=True)
class SearchDoc:
    """One document of the cross-module search index."""

    kind: str  # the module label, e.g. "news"
    object_id: str
    title: str
    body: str
    url: str
    municipality_id: int | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class SearchProvider:
    """Yields every public document of a kind, to (re)build the index."""

    kind: str
    title: str
    documents: Callable[[], Iterable[SearchDoc]]


@dataclass(frozen=True)
class DataField:
    name: str
    title: str
    type: str = "string"  # string | integer | number | date | datetime | boolean


@dataclass(frozen=True)
class OpenDataSet:
    """A data set published under /opendata/, with its passport (паспорт набора данных)
    as the Russian open-data methodology asks. ``rows`` yields plain dicts with the
    keys of ``fields``; it never yields personal data."""

    identifier: str  # e.g. "news"; the full identifier is prefixed with the publisher's INN
    title: str
    description: str
    fields: tuple[DataField, ...]
    rows: Callable[[Municipality | None], Iterable[Mapping[str, Any]]]
    keywords: tuple[str, ...] = ()
    periodicity: str = "ежедневно"
    created: date = date(2026, 11, 27)


@dataclass(frozen=True)
class RuleDefault:
    """A legal number as a dated default of a rule set (LAW.md): a municipality or a
    region overrides it by its own act (zemstvo.core.rules). Several defaults of one
    key with different ``effective_from`` dates follow a change in the law."""

    key: str  # "<module label>.<name>", e.g. "voting.min_age"
    title: str
    value: Any
    effective_from: date
    source: str  # the legal source, e.g. "131-ФЗ ст. 26.1 ч. 7"
    kind: str = "int"  # int | decimal | bool | str | days | working_days
    description: str = ""


@dataclass
class DemoContext:
    """What the kernel's demo seeding hands to each module's demo generator."""

    region: Region
    municipalities: list[Municipality]
    # staff[municipality.slug][role] -> User; staff["region"]["regional_curator"] too
    staff: dict[str, dict[str, User]]
    residents: list[User]
    rng: random.Random
    now: datetime
    log: Callable[[str], None] = print


@dataclass(frozen=True)
class ModuleManifest:
    label: str
    title: str
    public_nav: tuple[NavItem, ...] = ()
    office_nav: tuple[NavItem, ...] = ()
    # Dotted paths of URLconfs the shell mounts for this module:
    # /m/<municipality>/<label>/, /<label>/ and /office/<label>/.
    # URL namespaces: ``<label>`` for public_urls or site_urls (a module has at most
    # one of the two), ``office_<label>`` for office_urls. ``url_prefix`` replaces the
    # label in the site path (the territory module mounts "r/..." and "m/..." at "").
    public_urls: str | None = None
    site_urls: str | None = None
    office_urls: str | None = None
    url_prefix: str | None = None
    # "package.module:router" paths of django-ninja routers, with their API prefixes.
    api_routers: tuple[tuple[str, str], ...] = ()
    dashboard_cards: tuple[DashboardCard, ...] = ()
    home_blocks: tuple[HomeBlock, ...] = ()
    search_providers: tuple[SearchProvider, ...] = ()
    opendata_sets: tuple[OpenDataSet, ...] = ()
    policies: Mapping[str, Predicate] = field(default_factory=dict)
    rule_defaults: tuple[RuleDefault, ...] = ()
    demo: Callable[[DemoContext], None] | None = None
    # Demo generators run in this order (lower first): content that others link to first.
    demo_order: int = 100


_modules: list[ModuleManifest] | None = None


def modules() -> list[ModuleManifest]:
    """Every installed app's manifest, in INSTALLED_APPS order."""
    global _modules
    if _modules is None:
        _modules = _discover()
    return _modules


def _discover() -> list[ModuleManifest]:
    found: list[ModuleManifest] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.module")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.module":
                raise
            continue
        manifest = getattr(module, "manifest", None)
        if not isinstance(manifest, ModuleManifest):
            raise TypeError(f"{config.name}.module must define `manifest = ModuleManifest(...)`")
        found.append(manifest)
    labels = [m.label for m in found]
    if len(labels) != len(set(labels)):
        raise ValueError(f"Duplicate module labels: {labels}")
    return found


def reset() -> None:
    """Forget the discovered manifests (for tests that register a module of their own)."""
    global _modules
    _modules = None


def get(label: str) -> ModuleManifest:
    for manifest in modules():
        if manifest.label == label:
            return manifest
    raise LookupError(label)


def resolve_dotted(path: str) -> Any:
    """``"package.module:attr"`` -> the attribute."""
    module_path, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_path), attr)


def rule_defaults() -> dict[str, list[RuleDefault]]:
    """Every declared rule default by key, oldest first."""
    found: dict[str, list[RuleDefault]] = {}
    for manifest in modules():
        for default in manifest.rule_defaults:
            if not default.key.startswith(f"{manifest.label}."):
                raise ValueError(f"Rule {default.key!r} must start with {manifest.label!r}.")
            found.setdefault(default.key, []).append(default)
    for defaults in found.values():
        defaults.sort(key=lambda d: d.effective_from)
    return found


def policies() -> dict[str, Predicate]:
    merged: dict[str, Predicate] = {}
    for manifest in modules():
        for action, predicate in manifest.policies.items():
            if action in merged:
                raise ValueError(f"Action {action!r} is declared by two modules")
            merged[action] = predicate
    return merged
