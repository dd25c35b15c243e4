"""UX walkthrough #15 (issue 11): charts whose axes never mislead. The x-axis starts where the data starts, a
weight chart with one weighing is not a lone dot beside a birth-weight line on the axis, one term for the x-axis
("Day of life") everywhere, and the planned-feeds line shows the pause. Qt-free: the chart specs and the layout."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from nec_companion.charts.layout import value_axis, value_extent
from nec_companion.charts.model import ChartSpec, line_runs
from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.daily import baby_chart_series, pumping_days
from nec_companion.core.feeding import BolusFeeds, FeedingPlanChange, FeedsPaused
from nec_companion.core.measurements import Weight
from nec_companion.core.pumping import PumpingSession
from nec_companion.export.chart_specs import feeding_chart_spec, pumping_chart_spec, weight_chart_spec

ZONE = "UTC"
BIRTH = date(2025, 3, 1)
BABY = Baby(baby_id=BabyId(1), nickname="Bean", birth_date=BIRTH, birth_time=None,
            gestational_age=GestationalAge(28, 0), birth_weight_g=1180)


def day(number: int) -> date:
    """The date of day of life `number` (the day of birth is day 1)."""
    return BIRTH + timedelta(days=number - 1)


def at(number: int, hour: int = 9) -> datetime:
    return datetime.combine(day(number), datetime.min.time(), tzinfo=UTC).replace(hour=hour)


def plan(number: int, regimen: object, hour: int = 9) -> FeedingPlanChange:
    return FeedingPlanChange(baby_id=BABY.baby_id, effective_at=at(number, hour), time_zone=ZONE,
                             regimen=regimen)  # type: ignore[arg-type]


def series_from_birth(*, plans: list[FeedingPlanChange], weights: list[Weight], baby: Baby = BABY,
                      last: int = 21, first: int = 1):
    """What the Charts tab asks for: the whole stay, from the day of birth to today (day `last`)."""
    return baby_chart_series(baby=baby, plans=plans, weights=weights, zone_name=ZONE, first_day=day(first),
                             last_day=day(last))


def weight(number: int, grams: int) -> Weight:
    return Weight(baby_id=BABY.baby_id, measured_on=day(number), grams=grams)


def y_range(spec: ChartSpec) -> tuple[float, float]:
    """The value axis the painter draws for `spec` (the same Qt-free maths)."""
    points = [(s, s.clean_points()) for s in spec.series]
    extent = value_extent(points, spec, "left")
    assert extent is not None
    axis = value_axis(extent, spec.y_min, spec.y_max, 6)
    return axis.low, axis.high


def test_feeding_axis_starts_at_the_first_day_with_a_plan_not_at_day_1() -> None:
    """The walkthrough: feeds written down on days 17-21 drew an axis from day 1 with 16 empty days."""
    plans = [plan(17, BolusFeeds(2.0, 3.0)), plan(19, BolusFeeds(4.0, 3.0))]
    spec = feeding_chart_spec(series_from_birth(plans=plans, weights=[weight(17, 1180)]), zone_name=ZONE)
    assert spec.x_min == 16.5 and spec.x_max == 21.5
    assert spec.x_label == "Day of life"


def test_feeding_axis_reaches_back_to_an_earlier_pause_or_care_event() -> None:
    """Anything drawn counts as data: a pause that began before the first feeds keeps its place on the axis."""
    plans = [plan(15, FeedsPaused("NPO")), plan(17, BolusFeeds(2.0, 3.0))]
    spec = feeding_chart_spec(series_from_birth(plans=plans, weights=[weight(15, 1180)]), zone_name=ZONE)
    assert spec.shaded and spec.x_min is not None and spec.x_min <= min(s.x_start for s in spec.shaded)
    assert spec.x_min >= 14.5


def test_planned_feeds_line_stops_at_the_pause() -> None:
    plans = [plan(2, BolusFeeds(2.0, 3.0)), plan(5, FeedsPaused("NPO")), plan(8, BolusFeeds(2.0, 3.0))]
    spec = feeding_chart_spec(series_from_birth(plans=plans, weights=[weight(1, 1180)], last=10), zone_name=ZONE)
    """The pause is shaded and the line never joins a day before it to a day in or after it: the days inside are
    0 mL/kg/day (the plan gave no milk), drawn as dots in the band, and the line starts again after it."""
    pause = spec.shaded[0]
    assert (pause.x_start, pause.label) == (4.875, "Feeds paused (NPO)")  # 09:00 on day 5
    runs = line_runs(spec.series[0].clean_points(), spec.shaded)
    for run in runs:
        xs = [x for x, _ in run]
        assert max(xs) < pause.x_start or min(xs) > pause.x_end or pause.x_start <= min(xs) <= max(xs) <= pause.x_end
    assert next(run for run in runs if len(run) > 1)[-1][0] == 4.0 and runs[-1][0][0] == 8.0
    assert dict(spec.series[0].points)[6.0] == 0.0


def test_one_weighing_is_joined_to_the_birth_weight_at_day_1() -> None:
    """A parent reads the weight chart as "where did my baby start, where is she now": the birth weight is the
    first point of the line (and named in the legend), so one weighing is not a lone dot."""
    spec = weight_chart_spec(series_from_birth(plans=[], weights=[weight(20, 1340)]))
    line, birth = spec.series[0], spec.series[1]
    assert line.points == ((1.0, 1180.0), (20.0, 1340.0))
    assert birth.name == "Birth weight (1,180 g)" and birth.style == "points" and birth.points == ((1.0, 1180.0),)
    assert spec.x_min == 0.5 and spec.x_label == "Day of life"


def test_weight_scale_keeps_the_birth_weight_off_the_axis_and_small_changes_small() -> None:
    """1,180 g at birth and 1,340 g on day 20: both sit inside the plot (not on its edge), and the scale spans at
    least a quarter of the weight, so a 160 g gain does not fill the whole height."""
    spec = weight_chart_spec(series_from_birth(plans=[], weights=[weight(20, 1340)]))
    low, high = y_range(spec)
    assert low < 1180 - 20 and high > 1340 + 20
    assert high - low >= 0.25 * 1340
    assert low > 0  # not a scale from zero that squashes every weight into the top half


def test_a_later_range_draws_no_birth_weight_far_below_the_data() -> None:
    """The last 14 days of a long stay: the birth weight (1,180 g) would squash 2,300-2,400 g into a sliver."""
    weights = [weight(60 + i, 2300 + 10 * i) for i in range(8)]
    spec = weight_chart_spec(series_from_birth(plans=[], weights=weights, first=55, last=68))
    assert [s.name for s in spec.series] == ["Weight (g)"]
    low, _high = y_range(spec)
    assert low > 1500
    assert spec.x_min == 59.5  # from the first weighing, not the first day of the range


def test_every_day_axis_says_day_of_life() -> None:
    sessions = [PumpingSession(at=at(6, 14), time_zone=ZONE, total_ml=22.5)]
    pumping = pumping_chart_spec(pumping_days(sessions, zone_name=ZONE, first_day=BIRTH, last_day=day(10)),
                                 birth_date=BIRTH)
    weights = weight_chart_spec(series_from_birth(plans=[], weights=[weight(3, 1100)]))
    feeding = feeding_chart_spec(series_from_birth(plans=[plan(2, BolusFeeds(1.0, 3.0))], weights=[]),
                                 zone_name=ZONE)
    assert {pumping.x_label, weights.x_label, feeding.x_label} == {"Day of life"}
    assert "Day after birth" not in repr((pumping, weights, feeding))
