"""Demo content of initiative budgeting in the main demo municipality: 30 projects
in every state, made through the services (rules, deadlines, audit, notifications),
replaying the acts at past moments.

A round's stages follow one another (projects are ranked only when all admitted
ones are scored, selected only when none is pending), so one round cannot hold a
draft and a completed project at once. The demo therefore has two rounds: last
year's, finished (refused, selected, not selected, in implementation, completed:
12 projects), and this year's, in scoring (draft, submitted, published, with an
overdue publication and an overdue decision, refused, scored, admitted: 18).
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from zemstvo.core.errors import DomainError
from zemstvo.core.registry import DemoContext
from zemstvo.initiatives import implementation, rounds, scoring, services
from zemstvo.initiatives.models import (
    CriterionInput,
    CriterionKind,
    Project,
    ProjectStatus,
    SelectionRound,
)
from zemstvo.initiatives.services import CostLine, FinancingLine, ProjectData

TITLES = [
    "Детская площадка во дворе на улице Ленина", "Ремонт тротуара к школе № 3",
    "Освещение пешеходной дорожки в парке", "Сквер у Дома культуры",
    "Спортивная площадка с уличными тренажёрами", "Благоустройство родника",
    "Ограждение сельского кладбища", "Остановочный павильон на Речной",
    "Ремонт мостика через ручей", "Хоккейная коробка в микрорайоне Южный",
    "Пожарный водоём в деревне", "Памятник землякам — ремонт и освещение",
    "Площадка для выгула собак", "Ремонт крыльца библиотеки",
    "Велопарковки у школ и поликлиники", "Зона отдыха на набережной",
    "Скейт-площадка для подростков", "Лавочки и урны на центральной аллее",
    "Ремонт дороги к садоводческому товариществу", "Уличные часы на площади",
    "Спортивный инвентарь для клуба", "Детский городок в деревне Заречье",
    "Сенсорный сад для детей с особенностями", "Ремонт колодца на Набережной",
    "Тротуар от автостанции до больницы", "Каток и прокат коньков",
    "Музей под открытым небом", "Площадка для мини-футбола",
    "Фонтан в сквере Победы", "Шахматная беседка в парке",
]
PROBLEMS = [
    "Жителям негде {x}: ближайшее подходящее место в нескольких километрах.",
    "Объект в аварийном состоянии, жители неоднократно обращались в администрацию.",
    "Территория не благоустроена, после дождей её невозможно пройти.",
]


def _pdf(title: str) -> SimpleUploadedFile:
    from fpdf import FPDF

    from zemstvo.initiatives.protocol import cyrillic_font

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(cyrillic_font()))
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 7, f"Протокол собрания жителей. {title}", new_x="LMARGIN", new_y="NEXT")
    return SimpleUploadedFile("protokol.pdf", bytes(pdf.output()), "application/pdf")


def _png(rng: Any) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (220, 232, 220))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        colour = (rng.randint(40, 200), rng.randint(90, 200), rng.randint(60, 160))
        draw.rectangle((0, row * 50, 320, row * 50 + 35), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), "image/png")


class _Demo:
    def __init__(self, ctx: DemoContext, municipality: Any) -> None:
        self.ctx, self.m, self.rng = ctx, municipality, ctx.rng
        staff = ctx.staff.get(municipality.slug, {})
        self.admin = staff.get("administrator")
        self.member = staff.get("commission_member")
        self.base = ctx.now.astimezone(municipality.tz).date()
        self.people = [u for u in ctx.residents if u.is_verified
                       and u.residence_municipality_id == municipality.pk]
        self.titles = iter(TITLES)

    def at(self, days: int, hour: int = 10) -> datetime:
        """A local moment ``days`` from today (negative: in the past)."""
        return datetime.combine(self.base + timedelta(days=days), time(hour),
                                tzinfo=self.m.tz)

    def round(self, title: str, start: int, *, close: int, budget: tuple[str, str]
              ) -> SelectionRound:
        day = self.base + timedelta(days=start)
        data = rounds.RoundData(
            year=day.year, title=title, budget_regional=Decimal(budget[0]),
            budget_local=Decimal(budget[1]), acceptance_from=day,
            acceptance_to=self.base + timedelta(days=close),
            scoring_until=self.base + timedelta(days=close + 20),
            results_date=self.base + timedelta(days=close + 30))
        round_ = rounds.round_create(actor=self.admin, municipality=self.m, data=data)
        rounds.criterion_add(actor=self.admin, round_=round_, title="Доля софинансирования "
                             "жителей и организаций", kind=CriterionKind.BANDS,
                             input=CriterionInput.CO_FINANCING, weight="2",
                             bands="0-3:0\n3-6:2\n6-10:4\n10-:5")
        rounds.criterion_add(actor=self.admin, round_=round_, title="Доля участников собрания",
                             kind=CriterionKind.BANDS, input=CriterionInput.MEETING,
                             weight="1", bands="0-5:1\n5-15:3\n15-:5")
        rounds.criterion_add(actor=self.admin, round_=round_, title="Социальная значимость",
                             kind=CriterionKind.SCALE, input=CriterionInput.MANUAL, weight="1",
                             scale_min=0, scale_max=10)
        return rounds.round_open(actor=self.admin, round_=round_, now=self.at(start, 9))

    def project(self, round_: SelectionRound, *, request: int, initiator: Any = None,
                kind: str = "group") -> Project:
        title = next(self.titles)
        residents = self.rng.choice([10, 20, 40, 60, 90]) * 1000
        cost = request * 1000 + residents
        local = request * 300
        initiator = initiator or self.rng.choice(self.people)
        data = ProjectData(
            title=title, problem=self.rng.choice(PROBLEMS).format(x="отдыхать и заниматься"),
            justification="Проект обсуждён на собрании жителей; место согласовано с "
                          "администрацией.",
            expected_result="Объект служит жителям круглый год.",
            timeline="май — сентябрь", territory=f"{self.m.name}, квартал "
                                                 f"{self.rng.randint(1, 30)}",
            beneficiaries=self.rng.randint(200, 900), territory_population=1000,
            participation="Жители проведут субботник и покрасят ограждения.",
            initiator_kind=kind,
            initiator_name="ТОС «Заречье»" if kind == "tos" else "",
            cost_items=[CostLine("Материалы и оборудование", "1", str(cost - 100000)),
                        CostLine("Работы подрядчика", "1", "100000")],
            financing=[FinancingLine("residents", str(residents), "Инструмент", "15000",
                                     self.rng.randint(50, 300)),
                       FinancingLine("local_budget", str(local)),
                       FinancingLine("regional_subsidy", str(request * 1000 - local))])
        document = _pdf("Решение собрания ТОС") if kind == "tos" else None
        project = services.project_create(actor=initiator, round_=round_, data=data,
                                          initiator_document=document)
        if kind == "group":
            others = [p for p in self.people if p.pk != initiator.pk]
            for person in self.rng.sample(others, min(len(others), 10)):
                services.group_join(actor=person, code=project.group_code)
        services.evidence_add(actor=initiator, project=project, kind="meeting",
                              count=self.rng.randint(20, 180),
                              held_on=round_.acceptance_from, file=_pdf(title))
        return project

    def submit(self, project: Project, day: int) -> Project:
        return services.project_submit(actor=project.created_by, project=project,
                                       now=self.at(day))

    def publish(self, project: Project, day: int, supporters: int = 0) -> Project:
        project = services.project_publish(actor=self.admin, project=project, now=self.at(day))
        for person in self.rng.sample(self.people, min(supporters, len(self.people))):
            try:
                services.project_support(actor=person, project=project, now=self.at(day, 15))
            except DomainError as exc:  # a minor, say: the demo shows what the rules allow
                self.ctx.log(f"Инициативные проекты: поддержка не учтена ({exc.message})")
        return project

    def decide(self, project: Project, *, admit: bool, day: int | None = None) -> Project:
        moment = (self.at(day) if day is not None else datetime.combine(
            project.comments_until + timedelta(days=1), time(11), tzinfo=self.m.tz))
        if admit:
            return services.project_decide(actor=self.admin, project=project, admit=True,
                                           reason="Проект соответствует требованиям.",
                                           now=moment)
        return services.project_decide(
            actor=self.admin, project=project, admit=False, ground="no_powers",
            reason="Объект находится в собственности субъекта РФ.", now=moment)

    def through_decision(self, round_: SelectionRound, day: int, *, admit: bool,
                         request: int = 500) -> Project:
        project = self.submit(self.project(round_, request=request), day)
        project = self.publish(project, day + 2, supporters=self.rng.randint(3, 12))
        return self.decide(project, admit=admit)

    def score(self, round_: SelectionRound) -> None:
        manual = round_.criteria.get(kind=CriterionKind.SCALE).pk
        for project in round_.projects.filter(status=ProjectStatus.ADMITTED):
            scoring.score_sheet_save(actor=self.member, project=project,
                                     points={manual: self.rng.randint(4, 10)})


def _last_year(demo: _Demo) -> None:
    """12 projects: 2 refused, 10 scored and selected within 3 000 000 (500 000 each:
    6 selected, 4 not); of the selected, 2 wait, 2 are being built, 2 are done."""
    round_ = demo.round("Народный бюджет прошлого года", -560, close=-480,
                        budget=("2100000", "900000"))
    for n in range(12):
        demo.through_decision(round_, -550 + 3 * n, admit=n >= 2)
    rounds.round_close_acceptance(actor=demo.admin, round_=round_)
    demo.score(round_)
    scoring.round_rank(actor=demo.admin, round_=round_, now=demo.at(-460))
    scoring.round_select(actor=demo.admin, round_=round_, now=demo.at(-455))
    selected = list(round_.projects.filter(status=ProjectStatus.SELECTED).order_by("rank"))
    for number, project in enumerate(selected[2:6]):
        implementation.contract_set(
            actor=demo.admin, project=project, number=f"0{number + 1}-ИБ",
            signed_on=demo.base - timedelta(days=420), contractor="ООО «Благоустройство»",
            amount=str(project.cost_total), now=demo.at(-420))
        implementation.photo_add(actor=demo.admin, project=project, phase="before",
                                 file=_png(demo.rng))
        done = number >= 2
        implementation.stage_save(
            actor=demo.admin, project=project, title="Подготовка площадки",
            planned_start=demo.base - timedelta(days=410),
            planned_end=demo.base - timedelta(days=380),
            actual_start=demo.base - timedelta(days=410),
            actual_end=demo.base - timedelta(days=375), progress=100, now=demo.at(-375))
        implementation.stage_save(
            actor=demo.admin, project=project, title="Монтаж и отделка",
            planned_start=demo.base - timedelta(days=370),
            planned_end=demo.base - timedelta(days=330),
            actual_start=demo.base - timedelta(days=368),
            actual_end=demo.base - timedelta(days=325) if done else None,
            progress=100 if done else 60, now=demo.at(-330))
        for source, share in (("local_budget", Decimal("0.3")),
                              ("regional_subsidy", Decimal("0.7"))):
            planned = (project.budget_request * share).quantize(Decimal("0.01"))
            implementation.spending_set(actor=demo.admin, project=project, source=source,
                                        planned=planned,
                                        actual=planned if done else planned / 2)
        if done:
            implementation.photo_add(actor=demo.admin, project=project, phase="after",
                                     file=_png(demo.rng))
            implementation.project_accept(actor=demo.admin, project=project,
                                          note="Акт приёмки выполненных работ № 12",
                                          now=demo.at(-320))


def _this_year(demo: _Demo) -> None:
    """18 projects of the current round, now in scoring."""
    round_ = demo.round("Народный бюджет текущего года", -80, close=10,
                        budget=("3500000", "1500000"))
    resident = next((p for p in demo.people if p.username == "resident"), None)
    for _ in range(2):
        demo.project(round_, request=600)
    demo.project(round_, request=400, initiator=resident)
    demo.submit(demo.project(round_, request=450), -10)  # publication overdue
    for _ in range(2):
        demo.submit(demo.project(round_, request=500), 0)
    for _ in range(3):
        demo.publish(demo.submit(demo.project(round_, request=550), -5), -4,
                     supporters=demo.rng.randint(2, 9))
    tos = demo.project(round_, request=700, kind="tos")
    demo.publish(demo.submit(tos, -40), -38, supporters=5)  # decision overdue
    demo.publish(demo.submit(demo.project(round_, request=350), -40), -38, supporters=3)
    for _ in range(2):
        demo.through_decision(round_, -60, admit=False)
    for _ in range(3):
        demo.through_decision(round_, -60, admit=True, request=800)
    late = [demo.publish(demo.submit(demo.project(round_, request=300), -30), -28,
                         supporters=4) for _ in range(2)]
    rounds.round_close_acceptance(actor=demo.admin, round_=round_)
    demo.score(round_)
    scoring.round_rank(actor=demo.admin, round_=round_, now=demo.at(-3))
    for project in late:  # decided after the ranking: admitted, waiting for scores
        demo.decide(project, admit=True, day=-2)


def generate_demo(ctx: DemoContext) -> None:
    if not ctx.municipalities:
        return
    municipality = ctx.municipalities[0]
    if SelectionRound.objects.filter(municipality=municipality).exists():
        return
    demo = _Demo(ctx, municipality)
    if demo.admin is None or demo.member is None or len(demo.people) < 11:
        ctx.log(f"Инициативные проекты: в «{municipality.name}» нет администратора, члена "
                "комиссии или 11 подтверждённых жителей, пропускаю.")
        return
    _last_year(demo)
    _this_year(demo)
    counts = {s: Project.objects.filter(municipality=municipality, status=s).count()
              for s in ProjectStatus.values}
    ctx.log("Инициативные проекты: " + ", ".join(f"{s} {n}" for s, n in counts.items()))

