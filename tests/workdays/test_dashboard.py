"""The office dashboard card of the production calendar."""



def test_dashboard_month_counts_match_an_independent_count(calendars):
    """GIVEN November 2025 in Moscow WHEN the dashboard asks for the month THEN the
    counts equal a plain walk over the days of the XML (03.11 and 04.11 are days off)."""
    import datetime as dt

    from tests.factories import MunicipalityFactory
    from zemstvo.core.workdays.selectors import working_month

    municipality = MunicipalityFactory(time_zone="Europe/Moscow")
    now = dt.datetime(2025, 11, 5, 9, 0, tzinfo=dt.UTC)
    month = working_month(municipality, now=now)
    days_off = {dt.date(2025, 11, 3), dt.date(2025, 11, 4)}
    working = [
        dt.date(2025, 11, d) for d in range(1, 31)
        if (dt.date(2025, 11, d).weekday() < 5 and dt.date(2025, 11, d) not in days_off)
        or dt.date(2025, 11, d) == dt.date(2025, 11, 1)  # Saturday 01.11 is working
    ]
    assert month.working_days_in_month == len(working)
    assert month.working_days_left == len([d for d in working if d > month.today])
    assert month.today_is_working is True
    assert month.next_working_day == dt.date(2025, 11, 6)


def test_dashboard_card_says_plainly_when_the_year_is_not_loaded(db):
    import datetime as dt

    from tests.factories import MunicipalityFactory
    from zemstvo.core.workdays.module import _calendar_lines

    lines = _calendar_lines(None, MunicipalityFactory())
    assert len(lines) == 1 and lines[0].alert
    assert str(dt.date.today().year) in str(lines[0].value)
