"""Demo data of the effectiveness evaluation: the catalogue of Указ № 607, the demo
region with 30 rated municipalities of three types (extra ones are generated when the
shipped demo has fewer), five reporting years of values with realistic spreads and
trends, accepted through the services, опорные населённые пункты with a settlement
indicator, one rating per method, and an improvement plan. Deterministic (ctx.rng);
a region that already has campaigns gets nothing more."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext
from zemstvo.core.territory.models import Municipality, MunicipalityType, Settlement
from zemstvo.effectiveness import ratings, services, survey
from zemstvo.effectiveness.catalogue import load_decree_607
from zemstvo.effectiveness.checks import Entry
from zemstvo.effectiveness.models import Campaign, Indicator, Level, ValueKind, ValueType
from zemstvo.effectiveness.selectors import RATED_TYPES, leaf_indicators

TOTAL = 30
YEARS = 5
TYPES = (MunicipalityType.URBAN_OKRUG, MunicipalityType.MUNICIPAL_OKRUG,
         MunicipalityType.MUNICIPAL_DISTRICT)
SOURCE = "Демо: муниципальная статистика"


def _rated_municipalities(ctx: DemoContext) -> list[Municipality]:
    found = [m for m in ctx.municipalities if m.type in RATED_TYPES]
    existing = list(Municipality.objects.filter(region=ctx.region, slug__startswith="eff-demo-"))
    found += existing
    number = len(existing)
    while len(found) < TOTAL:
        number += 1
        kind = TYPES[number % len(TYPES)]
        word = MunicipalityType(kind).label.capitalize()
        found.append(Municipality.objects.create(
            region=ctx.region, name=f"{word} Демонстрационный-{number}",
            type=kind, oktmo=f"{ctx.region.code or '00'}9{number:08d}"[:11],
            slug=f"eff-demo-{number}", population=ctx.rng.randint(8_000, 300_000),
        ))
    return found


def _start(indicator: Indicator, rng: Any) -> float:
    if indicator.value_type == ValueType.YES_NO:
        return 1.0 if rng.random() < 0.8 else 2.0
    if indicator.unit.startswith("%"):
        return rng.uniform(15, 85)
    if indicator.unit.startswith("руб"):
        return rng.uniform(20_000, 70_000)
    return rng.uniform(5, 500)


def _next(indicator: Indicator, value: float, drift: float, rng: Any) -> float:
    if indicator.value_type == ValueType.YES_NO:
        return 1.0 if value == 1.0 or rng.random() < 0.3 else 2.0
    value *= 1 + drift + rng.gauss(0, 0.02)
    if indicator.unit.startswith("%"):
        value = min(max(value, 0.5), 99.5)
    return max(value, 0.1)


def _series(indicators: list[Indicator], years: list[int], rng: Any) -> dict:
    """Values by (indicator pk, year): a start level and a drift per municipality."""
    out = {}
    for indicator in indicators:
        value, drift = _start(indicator, rng), rng.uniform(-0.04, 0.05)
        for year in years:
            out[(indicator.pk, year)] = Decimal(f"{value:.2f}")
            value = _next(indicator, value, drift, rng)
    return out


def _support(ctx: DemoContext, curator: Any) -> list[Settlement]:
    from zemstvo.core.errors import DomainError
    from zemstvo.core.territory.services import settlement_mark_support

    marked = []
    for municipality in ctx.municipalities[:3]:
        places = list(Settlement.objects.filter(municipality=municipality)
                      .order_by("-population")[:3])
        if not places:
            continue
        try:
            marked.append(settlement_mark_support(actor=curator, settlement=places[0],
                                                  adjacent=places[1:]))
        except DomainError as exc:
            ctx.log(f"Эффективность: опорный пункт не отмечен ({exc.message})")
    return marked


def generate_demo(ctx: DemoContext) -> None:
    load_decree_607()
    if Campaign.objects.filter(region=ctx.region).exists():
        return
    curator = ctx.staff["region"].get("regional_curator") or ctx.staff["region"]["operator"]
    operator = ctx.staff["region"]["operator"]
    municipalities = _rated_municipalities(ctx)
    living = services.indicator_save(
        actor=curator, region=ctx.region, code="Р-1", sphere="living", unit="баллов",
        name="Индекс качества среды опорного населённого пункта", direction="higher",
        value_type=ValueType.NUMBER, level=Level.SETTLEMENT, min_value=Decimal(0),
        max_value=Decimal(360), bdpmo_code="", needs_confirmation=False, is_active=True,
        note="Показатель региона для мониторинга опорных населённых пунктов.")
    support = _support(ctx, curator)
    indicators = leaf_indicators(ctx.region, level=Level.MUNICIPALITY)
    last = ctx.now.year - 1
    years = list(range(last - YEARS + 1, last + 1))
    series = {m.pk: _series(indicators, years, ctx.rng) for m in municipalities}
    places = {s.pk: Decimal(ctx.rng.randint(120, 200)) for s in support}
    for year in years:
        campaign = services.campaign_open(actor=curator, region=ctx.region, year=year)
        for municipality in municipalities:
            analyst = ctx.staff.get(municipality.slug, {}).get("analyst") or operator
            report = services.report_get_or_create(campaign, municipality)
            entries = [Entry(indicator=i, year=year, kind=ValueKind.ACTUAL,
                             raw=series[municipality.pk][(i.pk, year)], source=SOURCE,
                             comment="Динамика по данным муниципальной статистики.")
                       for i in indicators]
            if year == last:
                entries += [Entry(indicator=i, year=year + n, kind=ValueKind.PLAN,
                                  raw=series[municipality.pk][(i.pk, year)], source=SOURCE)
                            for i in indicators for n in (1, 2, 3)]
            for settlement in support:
                if settlement.municipality_id == municipality.pk:
                    places[settlement.pk] *= Decimal("1.06")
                    entries.append(Entry(indicator=living, year=year, kind=ValueKind.ACTUAL,
                                         raw=places[settlement.pk].quantize(Decimal("0.1")),
                                         settlement=settlement, source=SOURCE,
                                         comment="Оценка по методике Минстроя."))
            services.values_save(actor=analyst, report=report, entries=entries, via="demo")
            services.report_submit(actor=analyst, report=report)
            services.report_accept(actor=curator, report=report)
    _survey_links(ctx, curator, last)
    for method in ratings.standard_methods(actor=curator, region=ctx.region):
        ratings.rating_compute(actor=curator, method=method, year=last)
    _plan(ctx, municipalities[0], indicators, last)
    ctx.log(f"Эффективность: {len(municipalities)} МО, {len(years)} лет, 3 рейтинга.")


def _survey_links(ctx: DemoContext, curator: Any, year: int) -> None:
    """Link a demo survey poll of the voting domain, if one is published, as the
    satisfaction survey (item 37) of ``year``: its options that say "satisfied"."""
    for poll in survey.survey_polls(ctx.region):
        satisfied = [o.pk for o in poll.options.all()
                     if "удовлетвор" in o.title.lower() and "не " not in o.title.lower()]
        if not satisfied:
            continue
        try:
            survey.survey_link_save(actor=curator, region=ctx.region, poll_id=poll.pk,
                                    year=year, satisfied=satisfied)
        except DomainError as exc:
            ctx.log(f"Эффективность: опрос «{poll.title}» не связан ({exc.message})")


def _plan(ctx: DemoContext, municipality: Municipality, indicators: list[Indicator],
          year: int) -> None:
    actor = (ctx.staff.get(municipality.slug, {}).get("analyst")
             or ctx.staff["region"]["operator"])
    rated = [i for i in indicators if i.is_rated][:3]
    titles = ("Ремонт дорог местного значения по программе", "Открытие групп кратковременного "
              "пребывания в детских садах", "Перевод заявлений на услуги в электронный вид")
    for number, (indicator, title) in enumerate(zip(rated, titles, strict=False)):
        services.measure_create(
            actor=actor, municipality=municipality, year=year + 1, title=title,
            owner="Заместитель главы администрации",
            deadline=ctx.now.date() + timedelta(days=90 * number - 30),
            indicator=indicator, expected_change=Decimal("2.5"))
