"""In the browser: at the door of a two-stage сход the clerk finds residents in the roll
and registers them; a person who came to the first stage is not registered again at
the second; the quorum card turns to «Сход правомочен» when more than half came."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.sessions import log_in
from tests.factories import MembershipFactory, MunicipalityFactory, SettlementFactory, UserFactory
from zemstvo.community import services
from zemstvo.community.models import Attendance

ROLL = "\n".join(["ФИО;Дата рождения;Адрес", "Аксёнова Анна;01.01.1970;ул. Лесная",
                  "Борисов Борис;02.02.1972;ул. Лесная", "Васильев Василий;03.03.1975;",
                  "Громова Галина;04.04.1980;"])


@pytest.fixture
def gathering(transactional_db):
    municipality = MunicipalityFactory(slug="primerograd", name="Городской округ Примероград")
    settlement = SettlementFactory(municipality=municipality, name="Заречье", kind="д")
    clerk = UserFactory(username="clerk")
    MembershipFactory(user=clerk, role="clerk", municipality=municipality)
    roll = services.roll_import_csv(actor=clerk, municipality=municipality,
                                    settlement=settlement, title="Список Заречья",
                                    compiled_on=date(2026, 3, 1), content=ROLL)
    return services.gathering_create(actor=clerk, roll=roll, title="О ремонте моста",
                                     called_by="Глава поселения",
                                     stages=[(date(2026, 3, 1), "Клуб"),
                                             (date(2026, 3, 8), "Школа")]), clerk


def _register(page, name: str, stage_label: str) -> None:
    page.get_by_label("ФИО или номер по списку").fill(name)
    page.get_by_label("Этап регистрации").select_option(label=stage_label)
    page.get_by_role("button", name="Найти в списке").click()
    page.get_by_role("button", name=f"Зарегистрировать {name}").click()


def test_a_gathering_registers_attendance_and_reaches_quorum(new_context, gathering,
                                                            live_server):
    gathering, clerk = gathering
    context = new_context()
    log_in(context, clerk, live_server.url)
    page = context.new_page()
    page.goto(f"/office/community/gatherings/{gathering.pk}/")
    card = page.locator("#quorum-card")
    expect(card).to_contain_text("Кворума нет")
    _register(page, "Аксёнова Анна", "1 — 01.03.2026")
    expect(page.get_by_text("Участник зарегистрирован: Аксёнова Анна.")).to_be_visible()
    _register(page, "Борисов Борис", "1 — 01.03.2026")
    # Anna comes again to the second stage: the roll shows she already took part.
    page.get_by_label("ФИО или номер по списку").fill("Аксёнова")
    page.get_by_label("Этап регистрации").select_option(label="2 — 08.03.2026")
    page.get_by_role("button", name="Найти в списке").click()
    expect(page.get_by_text("уже участвует (этап 1)")).to_be_visible()
    expect(page.get_by_role("button", name="Зарегистрировать Аксёнова Анна")).to_have_count(0)
    expect(card).to_contain_text("Кворума нет")
    _register(page, "Громова Галина", "2 — 08.03.2026")
    expect(page.locator("#quorum-card")).to_contain_text("Сход правомочен")
    expect(page.locator("#quorum-card")).to_contain_text("3 из 4")
    assert Attendance.objects.filter(gathering=gathering).count() == 3
    assert set(Attendance.objects.values_list("stage__number", flat=True)) == {1, 2}
