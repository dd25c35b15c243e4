"""SAMPLE DATA (made up, not a real family): a realistic NICU stay of preterm twins, for screenshots, UI tests,
demos and the benchmark. Deterministic: the same seed and clock give the same journal.

    from nec_companion.journal.sample import build_sample_twins
    sample = build_sample_twins(journal, clock=clock)          # 60 days ending today (by the clock)
    sample.babies, sample.first_day, sample.last_day, sample.counts

Its notes and details are written in the language active when it is built (marked with `_()`), so the Spanish
tour shows a Spanish sample; the nicknames stay as they are.

The story: twins "Robin" (1,150 g) and "Wren" (990 g), born at 28+3 weeks. Feeds start as 1 mL every 3 hours
of colostrum by NG tube and go up about 20 mL/kg a day to 160 mL/kg/day, with human-milk fortifier from
100 mL/kg/day. Donor milk tops up the first days. Robin has two days of continuous feeds for spit-ups; on day 12
Wren's belly looks swollen: "something I noticed", feeds paused, an X-ray, 48 hours of antibiotics, and feeds
restart slowly. Probiotic from day 3, a transfusion for Wren on day 20. The mother pumps 8 times a day
(colostrum for the first days, then 60-120 mL a session); the babies are weighed every night; notes record
skin to skin and milestones (first hold, off the breathing machine, first breastfeed, first bottle, first
bath). From day 36 the family gives breastfeeds with test weights and bottles.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyDetails, BabyId
from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.clock import Clock
from nec_companion.core.entries import EntryKind, JournalEntry, entry_instant, entry_kind
from nec_companion.core.feeding import (
    BolusFeeds,
    ContinuousFeeds,
    FamilyFeed,
    FamilyFeedMethod,
    FeedingPlanChange,
    FeedRoute,
    FeedsPaused,
    Fortifier,
    Milk,
    MilkKind,
)
from nec_companion.core.i18n import _
from nec_companion.core.local_time import local_to_instant
from nec_companion.core.measurements import Weight
from nec_companion.core.notes import NoteEntry
from nec_companion.core.pumping import PumpedMilkShare, PumpingSession
from nec_companion.journal.entries import JournalEntries
from nec_companion.storage.baby_book import BabyBook
from nec_companion.storage.journal import OpenJournal

SAMPLE_SEED = 20250107
SAMPLE_TIME_ZONE = "Europe/London"
SAMPLE_DAYS = 60


@dataclass(frozen=True)
class SampleTwins:
    """What `build_sample_twins` put in the journal."""

    babies: tuple[Baby, Baby]
    first_day: date
    last_day: date
    time_zone: str
    counts: dict[EntryKind, int]

    @property
    def total_entries(self) -> int:
        return sum(self.counts.values())


def sample_twin_details(birth_date: date) -> tuple[BabyDetails, BabyDetails]:
    """The two sample babies (nicknames only: sample data)."""
    ga = GestationalAge(28, 3)
    return (
        BabyDetails(nickname="Robin", birth_date=birth_date, birth_time=time(4, 40), gestational_age=ga,
                    birth_weight_g=1150),
        BabyDetails(nickname="Wren", birth_date=birth_date, birth_time=time(4, 52), gestational_age=ga,
                    birth_weight_g=990),
    )


def build_sample_twins(
    journal: OpenJournal,
    *,
    clock: Clock,
    days: int = SAMPLE_DAYS,
    seed: int = SAMPLE_SEED,
    time_zone: str = SAMPLE_TIME_ZONE,
) -> SampleTwins:
    """Add the sample twins and `days` days of entries ending today (by `clock`) to an open journal.

    Every entry goes through `JournalEntries.add` (validated; unusual values confirmed), so the sample also
    exercises the real write path. The journal's time zone is set to `time_zone`.
    """
    entries = JournalEntries(journal, clock=clock, time_zone=time_zone)
    entries.set_time_zone(time_zone)
    last_day = entries.today()
    first_day = last_day - timedelta(days=days - 1)
    book = BabyBook(journal, clock=clock)
    babies = tuple(book.add(details).baby for details in sample_twin_details(first_day))
    assert babies[0] is not None and babies[1] is not None
    twins = (babies[0], babies[1])
    generated = generate_sample_entries(twins, first_day=first_day, days=days, time_zone=time_zone, seed=seed,
                                        now=clock.now())
    counts: Counter[EntryKind] = Counter()
    for entry in generated:
        entries.add(entry, confirmed=True)
        counts[entry_kind(entry)] += 1
    return SampleTwins(babies=twins, first_day=first_day, last_day=last_day, time_zone=time_zone,
                       counts=dict(counts))


def generate_sample_entries(
    babies: Sequence[Baby],
    *,
    first_day: date,
    days: int,
    time_zone: str,
    seed: int = SAMPLE_SEED,
    now: datetime | None = None,
    heavy: bool = False,
) -> list[JournalEntry]:
    """The sample entries for `babies` (the twins) from `first_day`, in time order, none after `now`.

    `heavy=True` is the benchmark's "three years of heavy use": a plan change every day, six family feeds a
    day per baby once bottles start, two notes a day; weights level off so they stay plausible for years.
    """
    story = _Story(babies, first_day=first_day, time_zone=time_zone, rng=random.Random(seed), heavy=heavy)
    for offset in range(days):
        story.day(offset)
    timed = [(_when(entry, time_zone), entry) for entry in story.entries]
    if now is not None:
        timed = [(when, entry) for when, entry in timed if when <= now]
    return [entry for _when_, entry in sorted(timed, key=lambda pair: pair[0])]


def _when(entry: JournalEntry, zone: str) -> datetime:
    moment = entry_instant(entry)
    if moment is not None:
        return moment
    assert isinstance(entry, Weight)
    return local_to_instant(datetime.combine(entry.measured_on, entry.measured_at or time(23, 0)), zone)


class _Story:
    """The twins' stay, day by day."""

    def __init__(self, babies: Sequence[Baby], *, first_day: date, time_zone: str, rng: random.Random,
                 heavy: bool) -> None:
        self.babies = list(babies)
        self.first_day = first_day
        self.zone = time_zone
        self.rng = rng
        self.heavy = heavy
        self.entries: list[JournalEntry] = []
        self.weights = {baby.baby_id: float(baby.birth_weight_g or 1000) for baby in babies}
        self.target = {baby.baby_id: 0.0 for baby in babies}  # mL/kg/day of the current plan
        self.paused_until: dict[BabyId, int] = {}
        self.supply = 2.0  # mL per pumping session

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        day = self.first_day + timedelta(days=offset)
        return local_to_instant(datetime.combine(day, time(hour % 24, minute)), self.zone)

    def day(self, offset: int) -> None:
        for index, baby in enumerate(self.babies):
            self._weigh(baby, offset, index)
            self._plan(baby, offset, index)
            self._events(baby, offset, index)
            self._family_feeds(baby, offset)
            self._notes(baby, offset, index)
        self._pumping(offset)

    # ---- weights: a drop of about 8 % over the first 5 days, back to birth weight by day 12, then growth
    def _weigh(self, baby: Baby, offset: int, index: int) -> None:
        birth = float(baby.birth_weight_g or 1000)
        if offset == 0:
            return
        if offset <= 5:
            grams = birth * (1 - 0.016 * offset)
        elif offset <= 12:
            grams = birth * (0.92 + 0.08 * (offset - 5) / 7)
        else:
            previous = self.weights[baby.baby_id]
            rate = 0.0165 if previous < 2500 else max(0.0006, 0.0165 * 2500 / previous / (1 + offset / 200))
            if self.paused_until.get(baby.baby_id, -1) >= offset:
                rate = -0.004
            grams = min(11_000.0, previous * math.exp(rate + self.rng.gauss(0, 0.004)))
        self.weights[baby.baby_id] = grams
        self.entries.append(Weight(baby_id=baby.baby_id, measured_on=self.first_day + timedelta(days=offset),
                                   measured_at=time(22, 10 + index * 5), grams=round(grams)))

    # ---- the feeding plan, changed on the morning round
    def _plan(self, baby: Baby, offset: int, index: int) -> None:
        bid = baby.baby_id
        minute = 5 * self.rng.randint(0, 9)
        if offset == 0:
            self._add_plan(baby, self.at(0, 11 + index, minute), BolusFeeds(1, 3),
                           Milk.only(MilkKind.MOTHERS_OWN_FRESH), note=_("Colostrum by tube, 1 mL every 3 hours"))
            self.target[bid] = 8 * 1000 / self.weights[bid]
            return
        is_wren = index == 1
        if is_wren and offset == 12:
            self._add_plan(baby, self.at(offset, 14, 20), FeedsPaused(_("belly swollen; resting the bowel")), None,
                           note=_("Feeds stopped after the X-ray"))
            self.paused_until[bid] = 14
            self.target[bid] = 0
            return
        if is_wren and offset == 13:
            return
        if is_wren and offset == 14:
            self._add_plan(baby, self.at(14, 16), BolusFeeds(2, 3), Milk.only(MilkKind.MOTHERS_OWN_FRESH),
                           note=_("Restarting slowly"))
            self.target[bid] = 16 * 1000 / self.weights[bid]
            return
        if not is_wren and offset == 8:
            rate = round(self.target[bid] * self.weights[bid] / 1000 / 24, 1)
            self._add_plan(baby, self.at(8, 9, minute), ContinuousFeeds(rate), Milk.only(MilkKind.MOTHERS_OWN_FRESH),
                           route=FeedRoute.NG_TUBE_CONTINUOUS, note=_("Spit-ups: trying continuous feeds"))
            return
        if not is_wren and offset == 9:
            return
        advancing = self.target[bid] < 160
        if not advancing and not self.heavy and offset % 7 != 0:
            return
        if advancing and offset >= 2:
            self.target[bid] = min(160.0, self.target[bid] + 20)
        weight_kg = self.weights[bid] / 1000
        volume = max(1.0, round(self.target[bid] * weight_kg / 8 * 2) / 2)
        volume = min(volume, 240.0)
        interval = 3.0
        milk = Milk.only(MilkKind.MOTHERS_OWN_FRESH)
        if offset <= 4 and self.supply < 8:
            milk = Milk.mix({MilkKind.MOTHERS_OWN_FRESH: 50, MilkKind.DONOR: 50})
        elif self.heavy and offset > 400 and offset % 3 == 0:
            milk = Milk.mix({MilkKind.MOTHERS_OWN_FROZEN: 70, MilkKind.FORMULA: 30}, formula_name=_("term formula"))
        elif offset % 5 == 0:
            milk = Milk.only(MilkKind.MOTHERS_OWN_FROZEN)
        fortified = self.target[bid] >= 100
        route = FeedRoute.BOTTLE if offset >= 50 else FeedRoute.NG_TUBE_BOLUS
        self._add_plan(baby, self.at(offset, 9 + index, minute), BolusFeeds(volume, interval), milk,
                       fortifier=Fortifier.HUMAN_MILK_BASED if fortified else Fortifier.NONE,
                       strength=_("full strength") if fortified else "", route=route)

    def _add_plan(self, baby: Baby, when: datetime, regimen: BolusFeeds | ContinuousFeeds | FeedsPaused,
                  milk: Milk | None, *, fortifier: Fortifier = Fortifier.NONE, strength: str = "",
                  route: FeedRoute | None = FeedRoute.NG_TUBE_BOLUS, note: str = "") -> None:
        self.entries.append(FeedingPlanChange(
            baby_id=baby.baby_id, effective_at=when, time_zone=self.zone, regimen=regimen, milk=milk,
            fortifier=fortifier, fortifier_strength=strength, route=route if not isinstance(regimen, FeedsPaused)
            else None, note=note))

    # ---- care events
    def _events(self, baby: Baby, offset: int, index: int) -> None:
        bid, zone = baby.baby_id, self.zone
        if offset == 2:
            self.entries.append(CareEvent(baby_id=bid, kind=CareEventKind.PROBIOTIC, started_at=self.at(2, 10),
                                          time_zone=zone, detail=_("daily probiotic drops")))
        if index == 1 and offset == 12:
            self.entries.append(CareEvent(
                baby_id=bid, kind=CareEventKind.NOTICED, started_at=self.at(12, 13, 50), time_zone=zone,
                signs=frozenset({NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY, NoticedSign.SPIT_UP_OR_GREEN_FLUID}),
                note=_("Her belly looked bigger and a bit shiny; told the nurse straight away.")))
            self.entries.append(CareEvent(baby_id=bid, kind=CareEventKind.TEST, started_at=self.at(12, 14, 5),
                                          time_zone=zone, detail=_("belly X-ray")))
            self.entries.append(CareEvent(baby_id=bid, kind=CareEventKind.ANTIBIOTICS, started_at=self.at(12, 15),
                                          ended_at=self.at(14, 15), time_zone=zone,
                                          detail=_("ampicillin and gentamicin"),
                                          note=_("48-hour course while tests run")))
        if index == 1 and offset == 20:
            self.entries.append(CareEvent(baby_id=bid, kind=CareEventKind.TRANSFUSION, started_at=self.at(20, 11),
                                          ended_at=self.at(20, 14), time_zone=zone, detail=_("red blood cells")))
        if index == 0 and offset == 25:
            self.entries.append(CareEvent(baby_id=bid, kind=CareEventKind.PROCEDURE, started_at=self.at(25, 10),
                                          time_zone=zone, detail=_("eye examination (ROP screening)")))
        if self.heavy and offset > 60 and offset % 2 == index:
            kinds = (CareEventKind.TEST, CareEventKind.ACID_REDUCER, CareEventKind.PROCEDURE)
            kind = kinds[(offset // 2) % 3]
            self.entries.append(CareEvent(baby_id=bid, kind=kind, started_at=self.at(offset, 12, 30),
                                          ended_at=self.at(offset, 18) if kind.is_course else None, time_zone=zone,
                                          detail=_("routine check")))

    # ---- feeds the family gives
    def _family_feeds(self, baby: Baby, offset: int) -> None:
        if offset < 35:
            return
        per_day = 6 if self.heavy else min(4, 1 + (offset - 35) // 6)
        hours = (9, 12, 15, 18, 21, 23)[:per_day]
        for number, hour in enumerate(hours):
            minute = 5 * self.rng.randint(0, 11)
            if offset < 42 or number % 2 == 0:
                taken = self.rng.choice((None, 0.0, 4.0, 8.0, 12.0, 18.0, 24.0))
                feed = FamilyFeed(baby_id=baby.baby_id, at=self.at(offset, hour, minute), time_zone=self.zone,
                                  method=FamilyFeedMethod.BREASTFEED, volume_ml=taken)
            else:
                volume = float(min(200, 10 + 2 * (offset - 42) + self.rng.randint(0, 10)))
                feed = FamilyFeed(baby_id=baby.baby_id, at=self.at(offset, hour, minute), time_zone=self.zone,
                                  method=FamilyFeedMethod.BOTTLE, volume_ml=volume,
                                  milk=Milk.only(MilkKind.MOTHERS_OWN_FRESH),
                                  note=_("took it well") if self.rng.random() < 0.2 else "")
            self.entries.append(feed)

    # ---- notes and milestones
    def _notes(self, baby: Baby, offset: int, index: int) -> None:
        milestones = {3: _("first hold"), 20 + 4 * index: _("off the breathing machine"), 36: _("first breastfeed"),
                      42: _("first bottle"), 30 + index: _("first bath")}
        if not self.heavy and offset == 11 + 10 * index:
            milestones[offset] = _("full feeds reached")
        bid = baby.baby_id
        if offset in milestones:
            tag = milestones[offset]
            self.entries.append(NoteEntry(baby_id=bid, at=self.at(offset, 16, 15), time_zone=self.zone,
                                          # Translators: a milestone note, "Robin: first hold!".
                                          text=_("{name}: {milestone}!").format(name=baby.nickname, milestone=tag),
                                          tags=(tag,), skin_to_skin_minutes=45 if offset == 3 else None))
        elif offset >= 4 and self.rng.random() < 0.7:
            self.entries.append(NoteEntry(baby_id=bid, at=self.at(offset, 14, 5 * self.rng.randint(0, 11)),
                                          time_zone=self.zone, skin_to_skin_minutes=self.rng.choice((30, 45, 60, 90,
                                                                                                     120))))
        if self.heavy and offset > 60:
            self.entries.append(NoteEntry(baby_id=bid, at=self.at(offset, 20, 30), time_zone=self.zone,
                                          text=(_("Good day.") + " ") * self.rng.randint(1, 20), tags=(_("daily"),)))
        if index == 0 and offset % 7 == 6:
            self.entries.append(NoteEntry(at=self.at(offset, 21), time_zone=self.zone,
                                          text=_("Week done. Questions for the doctors' round written down.")))

    # ---- pumping, 8 times a day, about every 3 hours
    def _pumping(self, offset: int) -> None:
        start = 8 if offset == 0 else 0
        for number, hour in enumerate((0, 3, 6, 9, 12, 15, 18, 21)):
            if hour < start:
                continue
            if offset < 4:
                self.supply = 0.5 + 1.5 * offset + number * 0.2
            else:
                self.supply = min(110.0, self.supply * 1.012 + 1.5)
            left = max(0.0, round(self.supply * self.rng.uniform(0.35, 0.6) + self.rng.gauss(0, 2), 0))
            right = max(0.0, round(self.supply * self.rng.uniform(0.4, 0.65) + self.rng.gauss(0, 2), 0))
            shares: tuple[PumpedMilkShare, ...] = ()
            if number == 3 and offset >= 5 and len(self.babies) == 2:
                half = (left + right) / 2
                shares = (PumpedMilkShare(self.babies[0].baby_id, half),
                          PumpedMilkShare(self.babies[1].baby_id, left + right - half))
            self.entries.append(PumpingSession(
                at=self.at(offset, hour, 5 * self.rng.randint(0, 6)), time_zone=self.zone,
                minutes=self.rng.choice((15, 15, 20, 20, 25)), left_ml=left, right_ml=right, colostrum=offset < 4,
                shares=shares))


__all__ = ["SAMPLE_DAYS", "SAMPLE_SEED", "SAMPLE_TIME_ZONE", "SampleTwins", "build_sample_twins",
           "generate_sample_entries", "sample_twin_details"]
