"""Demo content: a real region from the shipped data, staff for every role, residents,
then each registered module's own demo generator (in its manifest).

Demo passwords exist only here: the accounts below are created by `zemstvo seed-demo`
and nowhere else.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from zemstvo.core import registry
from zemstvo.core.accounts.models import (
    Membership,
    Role,
    User,
    VerificationDocument,
    VerificationLevel,
)
from zemstvo.core.shell.models import DemoState
from zemstvo.core.territory.models import Municipality, Region, Settlement

DEMO_KEY = "demo"
DEMO_PASSWORD = "zemstvo-demo"
DEMO_REGION = "Вологодская"
# The portals of the demo, by city name in the shipped city data: two городских округа
# and four городских поселения of муниципальные районы.
DEMO_CITIES = ["Вологда", "Череповец", "Сокол", "Великий Устюг", "Тотьма", "Кириллов"]
MAIN_CITY = "Вологда"
RESIDENTS = 200

# Municipal roles the main demo municipality has one account for each.
MUNICIPAL_ROLES = [
    (Role.ADMINISTRATOR, "admin"),
    (Role.EDITOR, "editor"),
    (Role.MODERATOR, "moderator"),
    (Role.CLERK, "clerk"),
    (Role.SERVICE_OPERATOR, "operator"),
    (Role.HR_OFFICER, "hr"),
    (Role.ANALYST, "analyst"),
    (Role.COMMISSION_MEMBER, "commission"),
]

FIRST_NAMES_M = ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Михаил", "Иван",
                 "Николай", "Павел", "Владимир", "Евгений", "Артём", "Роман", "Олег"]
FIRST_NAMES_F = ["Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Мария", "Ирина",
                 "Светлана", "Екатерина", "Юлия", "Анастасия", "Галина", "Людмила"]
LAST_NAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
              "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
              "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов",
              "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Белов"]
PATRONYMICS_M = ["Александрович", "Сергеевич", "Андреевич", "Иванович", "Петрович",
                 "Николаевич", "Владимирович", "Михайлович"]
PATRONYMICS_F = ["Александровна", "Сергеевна", "Андреевна", "Ивановна", "Петровна",
                 "Николаевна", "Владимировна", "Михайловна"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    where: str


def is_loaded() -> bool:
    return DemoState.objects.filter(key=DEMO_KEY).exists()


def load_reference_data() -> None:
    """Territory and production calendars: idempotent, loaded on every run."""
    call_command("load_territory", verbosity=0)
    call_command("load_calendar", verbosity=0)


def _demo_region() -> Region:
    region = Region.objects.filter(name__startswith=DEMO_REGION).first()
    if region is None:
        raise RuntimeError(f"Регион «{DEMO_REGION}» не найден в данных о территориях")
    return region


def _demo_municipalities(region: Region) -> list[Municipality]:
    found: list[Municipality] = []
    for city in DEMO_CITIES:
        settlement = (
            Settlement.objects.select_related("municipality")
            .filter(municipality__region=region, name=city)
            .first()
        )
        if settlement is None:
            raise RuntimeError(f"Город «{city}» не найден в данных о территориях")
        found.append(settlement.municipality)
    return found


def _user(username: str, password_hash: str, **fields) -> User:
    user, _created = User.objects.update_or_create(
        username=username, defaults={"password": password_hash, "is_active": True, **fields}
    )
    return user


def _grant(user: User, role: str, *, municipality=None, region=None) -> None:
    Membership.objects.get_or_create(
        user=user, role=role, municipality=municipality, region=region
    )


def create_staff(
    region: Region, municipalities: list[Municipality], password_hash: str
) -> dict[str, dict[str, User]]:
    staff: dict[str, dict[str, User]] = {"region": {}}
    operator = _user(
        "operator", password_hash, is_superuser=True, is_staff=True,
        first_name="Оператор", last_name="Платформы", email="operator@zemstvo.local",
    )
    staff["region"]["operator"] = operator
    for role, login, last in [(Role.REGIONAL_CURATOR, "curator", "Куратова"),
                              (Role.EXPERT, "expert", "Экспертов")]:
        user = _user(login, password_hash, first_name="Демо", last_name=last,
                     email=f"{login}@zemstvo.local")
        _grant(user, role, region=region)
        staff["region"][role] = user
    for index, municipality in enumerate(municipalities):
        staff[municipality.slug] = {}
        roles = MUNICIPAL_ROLES if index == 0 else MUNICIPAL_ROLES[:2]
        for role, suffix in roles:
            login = f"{municipality.slug}-{suffix}"
            user = _user(login, password_hash, first_name="Сотрудник",
                         last_name=f"{role.label.capitalize()}", email=f"{login}@zemstvo.local")
            _grant(user, role, municipality=municipality)
            staff[municipality.slug][role] = user
    return staff


def create_residents(
    municipalities: list[Municipality], password_hash: str, rng: random.Random, verifier: User
) -> list[User]:
    """Two named accounts to log in with, and RESIDENTS residents spread over the demo
    portals; about two in three are verified in person."""
    main = municipalities[0]
    now = timezone.now()
    residents = [
        _user("resident", password_hash, first_name="Мария", last_name="Жителева",
              patronymic="Ивановна", email="resident@zemstvo.local",
              birth_date=date(1988, 3, 14), email_confirmed_at=now,
              residence_municipality=main, residence_settlement=main.centre,
              verification_level=VerificationLevel.VERIFIED, verified_at=now,
              verified_by=verifier, verification_document=VerificationDocument.PASSPORT),
        _user("newcomer", password_hash, first_name="Пётр", last_name="Новосёлов",
              email="newcomer@zemstvo.local", email_confirmed_at=now,
              residence_municipality=main, residence_settlement=main.centre),
    ]
    existing = set(User.objects.filter(username__startswith="demo-resident-")
                   .values_list("username", flat=True))
    batch = []
    for n in range(1, RESIDENTS + 1):
        username = f"demo-resident-{n:03d}"
        if username in existing:
            continue
        female = rng.random() < 0.55
        municipality = rng.choice(municipalities)
        verified = rng.random() < 0.65
        last = rng.choice(LAST_NAMES) + ("а" if female else "")
        batch.append(User(
            username=username,
            password="!demo-unusable",  # residents of the roll log in after a reset
            first_name=rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M),
            last_name=last,
            patronymic=rng.choice(PATRONYMICS_F if female else PATRONYMICS_M),
            email=f"{username}@example.org",
            birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55)),
            email_confirmed_at=now,
            residence_municipality=municipality,
            residence_settlement_id=municipality.centre_id,
            verification_level=(VerificationLevel.VERIFIED if verified
                                else VerificationLevel.REGISTERED),
            verified_at=now - timedelta(days=rng.randrange(1, 300)) if verified else None,
            verified_by=verifier if verified else None,
            verification_document=VerificationDocument.PASSPORT if verified else "",
        ))
    User.objects.bulk_create(batch)
    residents.extend(User.objects.filter(username__startswith="demo-resident-")
                     .order_by("username"))
    return residents


def demo_accounts() -> list[DemoAccount]:
    """The accounts to print: every staff role and the two resident accounts."""
    rows = [DemoAccount("operator", "оператор платформы (суперпользователь)", "вся платформа")]
    state = DemoState.objects.filter(key=DEMO_KEY).first()
    staff = list(state.summary.get("staff", [])) if state else []
    portals = list(state.summary.get("municipalities", [])) if state else []
    memberships = Membership.objects.select_related("user", "municipality", "region").filter(
        user__username__in=staff
    )

    def order(membership: Membership) -> tuple[int, int]:
        # Regional roles first, then the portals in demo order, each in role order.
        if membership.municipality is None:
            return (-1, membership.pk)
        slug = membership.municipality.slug
        return (portals.index(slug) if slug in portals else len(portals), membership.pk)

    for membership in sorted(memberships, key=order):
        rows.append(DemoAccount(membership.user.username, membership.get_role_display(),
                                str(membership.municipality or membership.region)))
    rows.append(DemoAccount("resident", "житель, личность подтверждена", MAIN_CITY))
    rows.append(DemoAccount("newcomer", "житель, личность не подтверждена", MAIN_CITY))
    return rows


def seed(log=print) -> dict:
    """Build the whole demo in one transaction: a failure leaves nothing half-made."""
    rng = random.Random(2026)
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        region = _demo_region()
        municipalities = _demo_municipalities(region)
        staff = create_staff(region, municipalities, password_hash)
        verifier = staff[municipalities[0].slug][Role.CLERK]
        residents = create_residents(municipalities, password_hash, rng, verifier)
        context = registry.DemoContext(
            region=region, municipalities=municipalities, staff=staff, residents=residents,
            rng=rng, now=timezone.now(), log=log,
        )
        for manifest in sorted(registry.modules(), key=lambda m: m.demo_order):
            if manifest.demo is not None:
                log(f"  демо-данные: {manifest.title}")
                manifest.demo(context)
        summary = {
            "region": region.name,
            "municipalities": [m.slug for m in municipalities],
            "staff": sorted({u.username for group in staff.values() for u in group.values()}),
            "residents": len(residents),
        }
        DemoState.objects.create(key=DEMO_KEY, summary=summary)
    return summary
