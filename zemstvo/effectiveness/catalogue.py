"""The indicators of Указ Президента № 607 of 28.04.2008 (numbering 1–40 of the 2012
edition, Указ № 1384), with units, the direction in which a value is better and the
БД ПМО (Rosstat, section 41) codes where they are known.

The decree itself sets no directions; regions do (ПП № 1317 only separates "higher
is better" from "lower is better"), so the seeded ones are editable defaults. Items
that could not be confirmed against a current text are flagged as needing
confirmation. Item 36 (an approved general plan) is coded 1 = yes / 2 = no as in
БД ПМО. Source: shared/data/indicators/decree-607.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from zemstvo.core.audit.services import audit_record
from zemstvo.effectiveness.models import Direction, Indicator, Sphere, ValueType

H, L, N = Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL
PERCENT = "%"


@dataclass(frozen=True)
class Item:
    code: str
    sphere: str
    name: str
    unit: str
    direction: str
    bdpmo: str = ""
    unverified: bool = False
    active: bool = True
    subs: tuple[tuple[str, str, str], ...] = ()  # (name, unit, БД ПМО code)
    value_type: str = ValueType.NUMBER
    survey: bool = False


_SALARY = "руб."
_ENERGY_SUBS = (
    ("электрическая энергия", "кВт·ч на 1 чел.", ""),
    ("тепловая энергия", "Гкал на 1 кв. м", ""),
    ("горячая вода", "куб. м на 1 чел.", ""),
    ("холодная вода", "куб. м на 1 чел.", ""),
    ("природный газ", "куб. м на 1 чел.", ""),
)

DECREE_607: tuple[Item, ...] = (
    Item("1", Sphere.ECONOMY, "Число субъектов малого и среднего предпринимательства в расчете "
         "на 10 тыс. человек населения", "ед.", H),
    Item("2", Sphere.ECONOMY, "Доля среднесписочной численности работников (без внешних "
         "совместителей) малых и средних предприятий в среднесписочной численности работников "
         "всех предприятий и организаций", PERCENT, H),
    Item("3", Sphere.ECONOMY, "Объем инвестиций в основной капитал (за исключением бюджетных "
         "средств) в расчете на 1 жителя", "руб.", H, "Y48109003"),
    Item("4", Sphere.ECONOMY, "Доля площади земельных участков, являющихся объектами "
         "налогообложения земельным налогом, в общей площади территории", PERCENT, H,
         "Y48155006"),
    Item("5", Sphere.ECONOMY, "Доля прибыльных сельскохозяйственных организаций в общем их "
         "числе", PERCENT, H, "Y48942019"),
    Item("6", Sphere.ECONOMY, "Доля протяженности автомобильных дорог общего пользования "
         "местного значения, не отвечающих нормативным требованиям", PERCENT, L, "Y48106005"),
    Item("7", Sphere.ECONOMY, "Доля населения, проживающего в населенных пунктах, не имеющих "
         "регулярного автобусного и (или) железнодорожного сообщения с административным "
         "центром", PERCENT, L, "Y48155002"),
    Item("8", Sphere.ECONOMY, "Среднемесячная номинальная начисленная заработная плата "
         "работников", _SALARY, H, "Y48213002/-003/-004/-007/-008", subs=(
             ("крупных и средних предприятий и некоммерческих организаций", _SALARY,
              "Y48213002"),
             ("муниципальных дошкольных образовательных учреждений", _SALARY, "Y48213003"),
             ("муниципальных общеобразовательных учреждений", _SALARY, "Y48213004"),
             ("учителей муниципальных общеобразовательных учреждений", _SALARY, ""),
             ("муниципальных учреждений культуры и искусства", _SALARY, "Y48213007"),
             ("муниципальных учреждений физической культуры и спорта", _SALARY, "Y48213008"),
         )),
    Item("9", Sphere.PRESCHOOL, "Доля детей в возрасте 1–6 лет, получающих дошкольную "
         "образовательную услугу и (или) услугу по их содержанию в муниципальных "
         "образовательных учреждениях, в общей численности детей 1–6 лет", PERCENT, H,
         "Y48014006"),
    Item("10", Sphere.PRESCHOOL, "Доля детей в возрасте 1–6 лет, стоящих на учете для "
         "определения в муниципальные дошкольные образовательные учреждения, в общей "
         "численности детей 1–6 лет", PERCENT, L),
    Item("11", Sphere.PRESCHOOL, "Доля муниципальных дошкольных образовательных учреждений, "
         "здания которых находятся в аварийном состоянии или требуют капитального ремонта",
         PERCENT, L, "Y48014007"),
    Item("12", Sphere.SCHOOL, "Результаты ЕГЭ по русскому языку и математике (утратил силу, "
         "предположительно Указом № 591 от 04.11.2016)", "", N, unverified=True, active=False),
    Item("13", Sphere.SCHOOL, "Доля выпускников муниципальных общеобразовательных учреждений, "
         "не получивших аттестат о среднем общем образовании", PERCENT, L),
    Item("14", Sphere.SCHOOL, "Доля муниципальных общеобразовательных учреждений, "
         "соответствующих современным требованиям обучения", PERCENT, H),
    Item("15", Sphere.SCHOOL, "Доля муниципальных общеобразовательных учреждений, здания "
         "которых находятся в аварийном состоянии или требуют капитального ремонта",
         PERCENT, L),
    Item("16", Sphere.SCHOOL, "Доля детей первой и второй групп здоровья в общей численности "
         "обучающихся в муниципальных общеобразовательных учреждениях", PERCENT, H),
    Item("17", Sphere.SCHOOL, "Доля обучающихся, занимающихся во вторую (третью) смену",
         PERCENT, L),
    Item("18", Sphere.SCHOOL, "Расходы бюджета муниципального образования на общее "
         "образование в расчете на 1 обучающегося", "тыс. руб.", N),
    Item("19", Sphere.SCHOOL, "Доля детей в возрасте 5–18 лет, получающих услуги по "
         "дополнительному образованию", PERCENT, H),
    Item("20", Sphere.CULTURE, "Уровень фактической обеспеченности учреждениями культуры от "
         "нормативной потребности", PERCENT, H, subs=(
             ("клубами и учреждениями клубного типа", PERCENT, ""),
             ("библиотеками", PERCENT, ""),
             ("парками культуры и отдыха", PERCENT, ""),
         )),
    Item("21", Sphere.CULTURE, "Доля муниципальных учреждений культуры, здания которых "
         "находятся в аварийном состоянии или требуют капитального ремонта", PERCENT, L),
    Item("22", Sphere.CULTURE, "Доля объектов культурного наследия, находящихся в "
         "муниципальной собственности и требующих консервации или реставрации", PERCENT, L),
    Item("23", Sphere.SPORT, "Доля населения, систематически занимающегося физической "
         "культурой и спортом", PERCENT, H),
    Item("23.1", Sphere.SPORT, "Доля обучающихся, систематически занимающихся физической "
         "культурой и спортом, в общей численности обучающихся", PERCENT, H, unverified=True),
    Item("24", Sphere.HOUSING, "Общая площадь жилых помещений, приходящаяся в среднем на "
         "одного жителя", "кв. м", H, "Y48211001, Y48215001", subs=(
             ("всего", "кв. м", "Y48211001"),
             ("в том числе введенная в действие за один год", "кв. м", "Y48215001"),
         )),
    Item("25", Sphere.HOUSING, "Площадь земельных участков, предоставленных для "
         "строительства, в расчете на 10 тыс. человек населения", "га", H,
         "Y48155054, Y48155055", subs=(
             ("всего", "га", "Y48155054"),
             ("в том числе для жилищного строительства, индивидуального строительства и "
              "комплексного освоения в целях жилищного строительства", "га", "Y48155055"),
         )),
    Item("26", Sphere.HOUSING, "Площадь земельных участков, предоставленных для "
         "строительства, в отношении которых не было получено разрешение на ввод в "
         "эксплуатацию", "кв. м", L, "Y48155008, Y48155009", subs=(
             ("объектов жилищного строительства — в течение 3 лет", "кв. м", "Y48155008"),
             ("иных объектов капитального строительства — в течение 5 лет", "кв. м",
              "Y48155009"),
         )),
    Item("27", Sphere.UTILITIES, "Доля многоквартирных домов, в которых собственники "
         "помещений выбрали и реализуют один из способов управления", PERCENT, H),
    Item("28", Sphere.UTILITIES, "Доля организаций коммунального комплекса, "
         "осуществляющих деятельность с частной собственностью, арендой или концессией, "
         "участие субъекта РФ и (или) МО в капитале которых не более 25 процентов",
         PERCENT, H),
    Item("29", Sphere.UTILITIES, "Доля многоквартирных домов, расположенных на земельных "
         "участках, в отношении которых осуществлен государственный кадастровый учет",
         PERCENT, H, "Y48155018"),
    Item("30", Sphere.UTILITIES, "Доля населения, получившего жилые помещения и улучшившего "
         "жилищные условия, в общей численности населения, состоящего на учете в качестве "
         "нуждающегося в жилых помещениях", PERCENT, H, "Y48155056"),
    Item("31", Sphere.ADMINISTRATION, "Доля налоговых и неналоговых доходов местного бюджета "
         "(за исключением поступлений по дополнительным нормативам отчислений) в общем объеме "
         "собственных доходов бюджета (без учета субвенций)", PERCENT, H, "Y48313015"),
    Item("32", Sphere.ADMINISTRATION, "Доля основных фондов организаций муниципальной формы "
         "собственности, находящихся в стадии банкротства", PERCENT, L, "Y48155023"),
    Item("33", Sphere.ADMINISTRATION, "Объем не завершенного в установленные сроки "
         "строительства, осуществляемого за счет средств бюджета муниципального образования",
         "тыс. руб.", L, "Y48155033"),
    Item("34", Sphere.ADMINISTRATION, "Доля просроченной кредиторской задолженности по оплате "
         "труда (включая начисления на оплату труда) муниципальных учреждений", PERCENT, L),
    Item("35", Sphere.ADMINISTRATION, "Расходы бюджета муниципального образования на "
         "содержание работников органов местного самоуправления в расчете на 1 жителя",
         "руб.", L, "Y48313004"),
    Item("36", Sphere.ADMINISTRATION, "Наличие в городском округе (муниципальном районе) "
         "утвержденного генерального плана (схемы территориального планирования)",
         "да = 1 / нет = 2", H, "Y48155057", value_type=ValueType.YES_NO),
    Item("37", Sphere.ADMINISTRATION, "Удовлетворенность населения деятельностью органов "
         "местного самоуправления", "% от числа опрошенных", H, survey=True),
    Item("38", Sphere.ADMINISTRATION, "Среднегодовая численность постоянного населения",
         "тыс. чел.", N, "Y48112013"),
    Item("39", Sphere.ENERGY, "Удельная величина потребления энергетических ресурсов в "
         "многоквартирных домах", "", L, "Y48155041–045", subs=_ENERGY_SUBS),
    Item("40", Sphere.ENERGY, "Удельная величина потребления энергетических ресурсов "
         "муниципальными бюджетными учреждениями", "", L, "Y48155047–051", subs=_ENERGY_SUBS),
)


def _range(unit: str, value_type: str) -> tuple[Decimal | None, Decimal | None]:
    """Plausible range by unit: a share is 0–100 %, a yes/no is 1–2, a count is ≥ 0."""
    if value_type == ValueType.YES_NO:
        return Decimal(1), Decimal(2)
    if unit.startswith("%"):
        return Decimal(0), Decimal(100)
    return Decimal(0), None


def _fields(item: Item, position: int) -> dict[str, Any]:
    low, high = _range(item.unit, item.value_type)
    return {
        "sphere": item.sphere, "name": item.name, "unit": item.unit,
        "direction": item.direction, "value_type": item.value_type,
        "bdpmo_code": item.bdpmo, "needs_confirmation": item.unverified,
        "is_active": item.active, "is_survey": item.survey, "position": position,
        "min_value": low, "max_value": high,
    }


def load_decree_607(*, actor: Any = None) -> dict[str, int]:
    """Seed the federal catalogue. Idempotent: existing rows (the region may have
    corrected them) are left alone; only missing indicators are created."""
    existing = set(Indicator.objects.filter(region=None).values_list("code", flat=True))
    created = 0
    with transaction.atomic():
        for index, item in enumerate(DECREE_607):
            position = index * 10
            if item.code in existing:
                parent = Indicator.objects.get(region=None, code=item.code)
            else:
                parent = Indicator.objects.create(region=None, code=item.code,
                                                  **_fields(item, position))
                created += 1
            for number, (name, unit, bdpmo) in enumerate(item.subs, start=1):
                code = f"{item.code}.{number}"
                if code in existing:
                    continue
                sub = Item(code, item.sphere, name, unit, item.direction, bdpmo,
                           item.unverified, item.active)
                Indicator.objects.create(region=None, code=code, parent=parent,
                                         **_fields(sub, position + number))
                created += 1
        if created:
            audit_record(actor=actor, action="effectiveness.load_indicators",
                         after={"created": created})
    return {"created": created, "total": Indicator.objects.filter(region=None).count()}
