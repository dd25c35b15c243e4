"""A day with nothing recorded is "not recorded", never 0 mL or 0 sessions: in the pumping chart, its table
and summary sentence, and the care-team summary (issue 11, "Numbers that never mislead")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.core.daily import pumping_days
from nec_companion.core.pumping import PumpingSession
from nec_companion.export.chart_specs import PUMPING_GUIDES, pumping_chart_spec
from nec_companion.export.summary import Section, SummaryOptions, build_summary
from nec_companion.journal import JournalEntries
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.passphrase_policy import PassphraseLists
from nec_companion.storage import JournalDirectory
from nec_companion.storage.question_book import QuestionBook

ZONE = "America/New_York"
BIRTH = date(2025, 3, 1)


def first_day_of_pumping() -> list[PumpingSession]:
    """A mother's first day: three sessions on day 6 making 22.5 mL, nothing written down before or after."""
    return [PumpingSession(at=datetime(2025, 3, 6, hour, 0, tzinfo=UTC), time_zone=ZONE, total_ml=ml)
            for hour, ml in ((14, 5.0), (18, 7.5), (22, 10.0))]


def test_pumping_days_mark_days_without_sessions_as_not_recorded() -> None:
    days = pumping_days(first_day_of_pumping(), zone_name=ZONE, first_day=BIRTH, last_day=date(2025, 3, 10))
    assert [d.day for d in days if d.recorded] == [date(2025, 3, 6)]
    assert sum(d.recorded for d in days) == 1 and len(days) == 10


def test_pumping_chart_draws_no_zero_bars_starts_at_the_data_and_keeps_guides_in_scale() -> None:
    days = pumping_days(first_day_of_pumping(), zone_name=ZONE, first_day=BIRTH, last_day=date(2025, 3, 10))
    spec = pumping_chart_spec(days, birth_date=BIRTH, today=date(2025, 3, 10))
    bars = spec.series[0].points
    assert bars == ((6.0, 22.5),)  # day of life 6 only; no 0 mL bars for days nobody recorded
    assert spec.x_min == 5.5  # the axis starts where the data starts, not at day 1
    assert spec.guides == ()  # 500 and 750 mL a day would dwarf a 22.5 mL day
    assert "not recorded" in spec.summary and "1 of 10 days" in spec.summary


def test_pumping_guides_are_off_by_default_and_shown_near_the_data() -> None:
    sessions = [PumpingSession(at=datetime(2025, 3, 14, 15, 0, tzinfo=UTC), time_zone=ZONE, total_ml=450.0)]
    days = pumping_days(sessions, zone_name=ZONE, first_day=date(2025, 3, 14), last_day=date(2025, 3, 14))
    hidden = pumping_chart_spec(days, birth_date=BIRTH)
    assert [g.y_low for g in hidden.guides] == [PUMPING_GUIDES[0][0]]  # 500 only: 750 would be beyond it
    assert all(g.hidden for g in hidden.guides)
    shown = pumping_chart_spec(days, birth_date=BIRTH, show_guides=True)
    assert not any(g.hidden for g in shown.guides)


def test_summary_averages_only_recorded_days_and_collapses_the_gaps(tmp_path: Path) -> None:
    """The walkthrough's mother pumped 22.5 mL on her first day; the summary must not say "3 mL a day"."""
    clock = ManualClock(datetime(2025, 3, 10, 16, 0, tzinfo=UTC))
    directory = JournalDirectory(tmp_path / "data", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests(),
                                 passphrase_lists=PassphraseLists.load())
    journal, _code = directory.create(passphrase="tidy gravel moon abacus")
    try:
        baby = journal.add_baby(BabyDetails(nickname="Bean", birth_date=BIRTH, birth_time=time(7, 0),
                                            gestational_age=GestationalAge(27, 0), birth_weight_g=900)).baby
        assert baby is not None
        entries = JournalEntries(journal, clock=clock, time_zone=ZONE)
        for session in first_day_of_pumping():
            entries.add(session)
        document = build_summary(entries, QuestionBook(journal, clock=clock).all(), baby,
                                 SummaryOptions(baby.baby_id, BIRTH, date(2025, 3, 10),
                                                sections=frozenset({Section.PUMPING})), clock.now())
    finally:
        journal.close(save=False)
    html = document.body_html
    assert "22 mL a day" in html or "23 mL a day" in html
    assert "3 mL a day" not in html
    assert "Not recorded on 9 days" in html
    assert html.count("not recorded") == 1  # days 7 to 10 are one row; days before the first session are left out
    assert not re.search(r"(?<![\d.])0 sessions", html)


def test_summary_puts_recent_concerns_on_page_one_and_collapses_days_without_a_plan(tmp_path: Path) -> None:
    """Walkthrough #19: the red flag was on page 4 behind 16 "No plan recorded" rows. Now the last week's noticed
    signs, pauses and antibiotics come right after the baby's ages, and a run of days with no plan is one row."""
    from datetime import timedelta

    from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
    from nec_companion.core.feeding import BolusFeeds, FeedingPlanChange, FeedsPaused, Milk, MilkKind

    now = datetime(2025, 3, 21, 16, 0, tzinfo=UTC)
    clock = ManualClock(now)
    directory = JournalDirectory(tmp_path / "data", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests(),
                                 passphrase_lists=PassphraseLists.load())
    journal, _code = directory.create(passphrase="tidy gravel moon abacus")
    try:
        baby = journal.add_baby(BabyDetails(nickname="Bean", birth_date=BIRTH, birth_time=time(7, 0),
                                            gestational_age=GestationalAge(27, 0), birth_weight_g=900)).baby
        assert baby is not None
        entries = JournalEntries(journal, clock=clock, time_zone=ZONE)
        bid = baby.baby_id
        entries.add(FeedingPlanChange(baby_id=bid, effective_at=now - timedelta(days=4), time_zone=ZONE,
                                      regimen=BolusFeeds(volume_ml=8, interval_hours=3),
                                      milk=Milk.only(MilkKind.MOTHERS_OWN_FRESH)), confirmed=True)
        entries.add(FeedingPlanChange(baby_id=bid, effective_at=now - timedelta(days=2), time_zone=ZONE,
                                      regimen=FeedsPaused(reason="swollen belly")), confirmed=True)
        entries.add(CareEvent(baby_id=bid, kind=CareEventKind.NOTICED, started_at=now - timedelta(days=2, hours=2),
                              time_zone=ZONE, signs=frozenset({NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY})),
                    confirmed=True)
        entries.add(CareEvent(baby_id=bid, kind=CareEventKind.ANTIBIOTICS, detail="gentamicin",
                              started_at=now - timedelta(days=2), time_zone=ZONE), confirmed=True)
        document = build_summary(entries, QuestionBook(journal, clock=clock).all(), baby,
                                 SummaryOptions(bid, BIRTH, date(2025, 3, 21)), clock.now())
    finally:
        journal.close(save=False)
    html = document.body_html
    concerns = html.index("Recent concerns")
    assert html.index("Baby and ages") < concerns < html.index("Feeding progression")
    page_one = html[concerns:html.index("Feeding progression")]
    assert "Something the family noticed" in page_one and "Swollen or discolored belly" in page_one
    assert "Feeds paused (swollen belly)" in page_one and "still paused" in page_one
    assert "Antibiotics (gentamicin)" in page_one and "no stop recorded" in page_one
    feeding = html[html.index("Feeds day by day"):html.index("<h2>", html.index("Feeds day by day"))]
    assert feeding.count(">No plan recorded<") == 1  # days 1 to 16 are one row (day 17 says for how many hours)
    assert "1 Mar to 16 Mar" in feeding
