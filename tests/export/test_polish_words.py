"""Polish (UX walkthrough #28): plurals and durations read as a person would say them."""

from __future__ import annotations

from nec_companion.core.notes import NoteEntry
from nec_companion.export.summary_format import days_text as _days
from nec_companion.export.summary_format import hours_text as _hours_text
from nec_companion.ui.entries.words import hours_words


def test_durations_under_an_hour_are_minutes_and_plurals_agree():
    assert hours_words(0.75) == "45 minutes"
    assert hours_words(1 / 60) == "1 minute"
    assert hours_words(1) == "1 hour"
    assert hours_words(2.5) == "2.5 hours"
    assert _hours_text(0.75) == "45 minutes"
    assert _hours_text(1) == "1 hour"
    assert _hours_text(30) == "30 hours"
    assert _days(1) == "1 day"


def test_skin_to_skin_of_one_minute():
    import datetime as dt

    note = NoteEntry(at=dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC), time_zone="UTC", text="", tags=(),
                     skin_to_skin_minutes=1)
    assert note.describe() == "Skin to skin: 1 minute"
