"""The journal's entries (no Qt): feeding plans, family feeds, pumping, weights, care events, notes, and the
daily figures worked out from them. Formulas, sources, time zones and validation ranges: docs/JOURNAL.md.

Public API, for the UI (plain blocking calls, all fast: run them on the GUI thread)
-----------------------------------------------------------------------------------------------------------
    from nec_companion.journal import JournalEntries, ChangeKind, EntryRejected, ConfirmationNeeded
    entries = JournalEntries(journal, clock=clock, time_zone=qt_system_zone_id)   # journal: OpenJournal
                                            # one per unlocked journal; holds no entries, so no refresh needed
        .time_zone -> "Europe/London"       # the family's zone: "today" and day boundaries; new entries use it
        .set_time_zone(name) -> name        # saved in the journal; TimeZoneRejected if unknown
        .now(), .today()                    # from the injected clock; today is local to .time_zone

  Writing (each returns an EntryChange(kind ADDED/UPDATED/DELETED, entry_kind, entry_id, entry, previous,
  baby_ids), calls journal.mark_changed(), and lets out only JournalError subclasses):
        .check(entry) -> EntryCheck         # before saving: .refusals / .confirmations (EntryProblem(field,
                                            #   message, severity)), .can_save, .needs_confirmation,
                                            #   .messages_for(field), .confirmation_text() "... Save it anyway?"
                                            #   `field` is the entry's dataclass field name ("volume_ml",
                                            #   "interval_hours", "grams", "shares", "signs", ...)
        .add(entry, *, confirmed=False)     # EntryRejected(.check, .field_problems) | ConfirmationNeeded(.question)
        .update(entry, *, confirmed=False)  # matched by entry.entry_id; EntryNotFound if gone
        .delete(entry)                      # change.previous is the deleted entry ...
        .restore(entry)                     # ... and this puts it back under the same id (Undo)
        .undo(change) -> EntryChange        # reverses any change above (add -> delete, edit -> old values,
                                            #   delete -> restore); change.undo_text "Undo delete weight"

  Reading (tuples of frozen entries, oldest first; days are local days, both ends included):
        .list_entries(kind, *, baby_id=None, first_day=None, last_day=None, newest_first=False, limit=None)
        .feeding_plans(baby_id=None, *, first_day=None, last_day=None)     also .family_feeds, .weights,
        .care_events, .notes (a baby's notes include family notes), .pumping_sessions(*, first_day, last_day)
        .get(kind, entry_id) -> entry | None
        .latest(kind, *, baby_id=None)      # defaults for a new entry ("the last values")
        .plan_in_force(baby_id, at=None) -> FeedingPlanChange | None

  After a change: refresh the tables of change.entry_kind, the Today cards of change.baby_ids
  (entries.baby_today(id)), and for PUMPING also entries.pumping_today(); the Today overview costs ~5 ms.

  Figures (core/daily.py, core/today.py do the maths; these load just what is needed):
        .today_overview() -> TodayOverview(day, now, babies: tuple[BabyToday], pumping: PumpingToday, .warnings)
        .baby_today(baby_id) -> BabyToday   # .plan, .plan_text, .plan_since_text, .feeding (FeedingDay),
                                            # .ml_per_kg_today, .planned_ml_today, .latest_weight, .weight_gain,
                                            # .recent_events, .ongoing_courses, .warning (banner: show
                                            # core.care_events.TELL_YOUR_NURSE), .family_feeds_today,
                                            # .skin_to_skin_minutes_today, .milestones_today, .ages, .is_paused
        .pumping_today() -> PumpingToday(day: PumpingDay, rolling_24h_ml, last_session)
        .feeding_days(baby_id, *, first_day, last_day) -> tuple[FeedingDay]
              # .day, .day_of_life, .ages, .hours (23/24/25), .planned_ml, .ml_per_kg, .weight_g,
              # .weight_is_birth_weight, .change_ml, .change_ml_per_kg, .hours_paused, .hours_without_plan,
              # .human_milk_percent, .totals (FeedingTotals), .plan_changes
        .chart_series(baby_id, *, first_day, last_day) -> BabyChartSeries
              # .days, .periods / .paused_spans (PlanPeriod: plan, start, end) to shade, .plan_changes,
              # .care_events, .weights, .milestones: one call per chart
        .plan_periods(baby_id, *, first_day, last_day) -> tuple[PlanPeriod]
        .pumping_days(*, first_day, last_day) -> tuple[PumpingDay(day, total_ml, sessions, minutes,
                                                                  colostrum_sessions)]
        .rolling_pumping_total(at=None) -> float
        .weight_gain(baby_id, *, on=None) -> WeightGain | None   # .g_per_kg_per_day, .from_day, .to_day, .days

  The entries (core/, frozen dataclasses, keyword-only; entry_id None until stored; times are aware datetimes,
  stored as UTC, with the IANA `time_zone` in effect; `dataclasses.replace` to edit):
        FeedingPlanChange(baby_id, effective_at, time_zone, regimen, milk=None, fortifier=Fortifier.NONE,
                          fortifier_strength="", route=None, note="")    .describe(), .is_paused
            regimen: BolusFeeds(volume_ml, interval_hours) | ContinuousFeeds(rate_ml_per_hour)
                     | FeedsPaused(reason)
            milk: Milk.only(MilkKind.DONOR) | Milk.mix({MilkKind.MOTHERS_OWN_FRESH: 60, MilkKind.FORMULA: 40},
                  formula_name="...")                     FeedRoute.NG_TUBE_BOLUS ... OTHER
        FamilyFeed(baby_id, at, time_zone, method=FamilyFeedMethod.BREASTFEED|BOTTLE, volume_ml=None, milk=None,
                   note="")
        PumpingSession(at, time_zone, minutes=None, left_ml=None, right_ml=None, total_ml=None, colostrum=False,
                       note="", shares=(PumpedMilkShare(baby_id, ml), ...))   # total = left + right if None
                       # (editing the sides: replace(..., left_ml=.., right_ml=.., total_ml=None) to re-add)
        Weight(baby_id, measured_on, grams, measured_at=None, note="")
        CareEvent(baby_id, kind: CareEventKind, started_at, time_zone, ended_at=None, detail="",
                  signs=frozenset[NoticedSign], note="")   .is_warning_sign, .is_ongoing, .describe()
        NoteEntry(at, time_zone, text="", tags=(), skin_to_skin_minutes=None, baby_id=None)  MILESTONE_TAGS
        EntryKind.FEEDING_PLAN / FAMILY_FEED / PUMPING / WEIGHT / CARE_EVENT / NOTE; entry_kind(entry)

  Helpers: core.local_time (local_to_instant(naive, zone, fold=0), classify_local_time -> NORMAL / SKIPPED /
  REPEATED, to_local, day_bounds, hours_in_day), core.units (ml_from_us_fl_oz, us_fl_oz_from_ml,
  grams_from_lb_oz, lb_oz_from_grams, format_ml, format_grams, format_lb_oz).

  Sample data for UI tests and screenshots: nec_companion.journal.sample.build_sample_twins(journal, clock=...)
  (60 days of made-up twins ending today by the clock; deterministic).

Errors (all JournalError, with .message / .next_step / .user_text()): EntryRejected (InputRejected),
ConfirmationNeeded, EntryNotFound, BabyNotFound, TimeZoneRejected (InputRejected), EntryNotSaved, and the
store's own JournalClosed.
"""

from nec_companion.journal.entries import TIME_ZONE_META_KEY, EntryChange, JournalEntries
from nec_companion.journal.errors import (
    BabyNotFound,
    ConfirmationNeeded,
    EntryNotFound,
    EntryNotSaved,
    EntryRejected,
    TimeZoneRejected,
)
from nec_companion.storage.baby_book import ChangeKind

__all__ = [
    "TIME_ZONE_META_KEY",
    "BabyNotFound",
    "ChangeKind",
    "ConfirmationNeeded",
    "EntryChange",
    "EntryNotFound",
    "EntryNotSaved",
    "EntryRejected",
    "JournalEntries",
    "TimeZoneRejected",
]
