"""Made-up example charts for development, screenshots and benchmarks. SAMPLE DATA: not from any real baby.
They are never shown in the app, so their words stay English and out of the translation catalog.

The pumping chart puts sessions per day on a secondary (right) scale rather than normalising them onto the mL
scale: a count of sessions keeps its own honest units that a parent can read off (7 sessions is "7"), while a
normalised series would need an invented scale and would look like millilitres it is not.
"""

from __future__ import annotations

import math

from nec_companion.charts.model import ChartSpec, GuideBand, Marker, Series, ShadedRange

PUMPING_GUIDE_NOTE = ("The dashed lines are guides from the library's pumping article "
                      "(\u201cPumping milestones\u201d): averages from studies, not a test. "
                      "Every amount of milk helps.")


def _feeding_volume(day: int) -> float:
    """mL/kg/day of a made-up 28-week baby: trophic feeds, advance, a 3-day pause, re-advance, a 2-day pause."""
    if day < 2:
        return 0.0
    if day <= 4:
        return 15.0
    if day <= 14:
        return min(160.0, 15.0 + (day - 4) * 20.0)
    if day == 15:
        return 160.0
    if 16 <= day <= 18:
        return 0.0  # feeds paused (NPO)
    if day <= 27:
        return min(155.0, 20.0 + (day - 19) * 18.0)
    if 40 <= day <= 41:
        return 0.0
    # Full feeds, creeping up a little as fortifier is added and the plan is adjusted for weight.
    return 155.0 + min(20.0, max(0, day - 30) * 1.0) - (6.0 if day == 39 else 0.0)


def feeding_progression() -> ChartSpec:
    """mL/kg/day by day of life over 60 days, with two pauses shaded and plan changes and events marked."""
    days = range(1, 61)
    points: list[tuple[float, float | None]] = [(float(d), _feeding_volume(d)) for d in days]
    points[33 - 1] = (33.0, None)  # a day with no plan recorded leaves a gap, not a guess
    return ChartSpec(
        title="Feeds by day of life (sample data)",  # i18n: not text (sample data)
        x_label="Day of life",
        y_label="Enteral feeds, mL/kg/day",
        x_name="Day",
        series=(Series("Enteral feeds (mL/kg/day)", tuple(points), "line"),),
        shaded=(ShadedRange(15.5, 18.5, "Feeds paused (NPO)"), ShadedRange(39.5, 41.5, "Feeds paused (NPO)")),
        markers=(
            Marker(2, "Trophic feeds started, mother's own milk", "plan"),
            Marker(5, "Increase by 20 mL/kg/day each day", "plan"),
            Marker(15, "Swollen belly noticed, told the nurse", "warning"),
            Marker(16, "Antibiotics started", "event"),
            Marker(19, "Feeds restarted at 20 mL/kg/day", "plan"),
            Marker(23, "Antibiotics stopped", "event"),
            Marker(28, "Human-milk fortifier added", "plan"),
            Marker(40, "Blood transfusion", "event"),
            Marker(42, "Feeds back at full volume", "plan"),
        ),
        y_min=0,
        summary=("Sample data. Enteral feeds rose from 15 to 160 mL/kg/day by day 11, were paused on days 16 to "
                 "18 and 40 to 41, and were back at full volume (about 155 to 175 mL/kg/day) by day 27 and "
                 "day 42."),
    )


_PUMPED_ML = (4, 12, 35, 110, 210, 290, 330, 360, 390, 420, 440, 455, 470, 490, 505, 480, 520, 540, 555, 530,
              560, 575, 590, 570, 600, 610, 625, 640)
_SESSIONS = (5, 7, 8, 8, 8, 8, 7, 8, 8, 7, 8, 8, 7, 8, 8, 6, 8, 8, 8, 7, 8, 8, 8, 7, 8, 8, 8, 8)


def pumping_totals() -> ChartSpec:
    """Daily pumping totals (bars) with sessions per day (points, right scale) and the article's guides."""
    days = range(1, len(_PUMPED_ML) + 1)
    return ChartSpec(
        title="Pumping: milk per day and sessions (sample data)",  # i18n: not text (sample data)
        x_label="Day of life",
        y_label="Milk pumped, mL per day",
        x_name="Day",
        series=(
            Series("Milk pumped (mL per day)",
                   tuple((float(d), float(v)) for d, v in zip(days, _PUMPED_ML, strict=False)),
                   "bars"),
            Series("Pumping sessions per day",
                   tuple((float(d), float(s)) for d, s in zip(days, _SESSIONS, strict=False)),
                   "points", axis="right"),
        ),
        guides=(
            GuideBand(500, 500, "About 500 mL a day, around day 14"),
            GuideBand(750, 750, "750 mL a day, a goal some programs use"),
        ),
        y_min=0,
        y2_label="Sessions per day",
        y2_min=0,
        y2_max=10,
        note=PUMPING_GUIDE_NOTE,
        summary=("Sample data. Milk pumped rose from a few millilitres of colostrum on day 1 to about 500 mL a day "
                 "by day 15 and 640 mL on day 28, with 7 to 8 pumping sessions on most days."),
    )


BIRTH_WEIGHT_G = 980


def _weight(day: int) -> float:
    if day <= 5:
        return BIRTH_WEIGHT_G - day * 22.0
    if day <= 13:
        return BIRTH_WEIGHT_G - 110 + (day - 5) * 14.0
    return round(BIRTH_WEIGHT_G * math.exp(0.0145 * (day - 13)) + 12 * math.sin(day / 2.3))


def weight_gain() -> ChartSpec:
    """Weight in grams over 60 days, weighed most days, with birth weight as a dashed reference line."""
    weighed = [d for d in range(0, 61) if d % 7 != 3]  # not weighed every day: no gap, the line just joins
    return ChartSpec(
        title="Weight (sample data)",  # i18n: not text (sample data)
        x_label="Day of life",
        y_label="Weight, grams",
        x_name="Day",
        series=(
            Series("Weight (g)", tuple((float(d), _weight(d)) for d in weighed), "line"),
            Series(f"Birth weight ({BIRTH_WEIGHT_G:,} g)",
                   ((0.0, float(BIRTH_WEIGHT_G)), (60.0, float(BIRTH_WEIGHT_G))), "line", dashed=True),
        ),
        markers=(Marker(13, "Back to birth weight", "event"),),
        summary=(f"Sample data. Birth weight {BIRTH_WEIGHT_G:,} g; weight dipped to about 870 g on day 5, was back "
                 f"to birth weight on day 13 and reached about {_weight(60):,.0f} g on day 60."),
    )


def all_samples() -> dict[str, ChartSpec]:
    """The three sample charts by a short name (used for screenshot file names)."""
    return {"feeding": feeding_progression(), "pumping": pumping_totals(), "weight": weight_gain()}
