"""Charts drawn with QPainter: the same code paints the screen, images and PDF pages.

`model` (plain data, no Qt) describes a chart; `painter.draw_chart` draws one; `widget.ChartWidget` shows one
with a table alternative; `samples` holds made-up charts for development. Only the Qt-free model is imported
here, so `import nec_companion.ui.charts` loads no Qt.
"""

from nec_companion.ui.charts.model import (
    ChartSpec,
    ChartTable,
    GuideBand,
    Marker,
    Series,
    ShadedRange,
    format_number,
    format_tick,
    nice_ticks,
    table_rows,
)

__all__ = ["ChartSpec", "ChartTable", "GuideBand", "Marker", "Series", "ShadedRange", "format_number",
           "format_tick", "nice_ticks", "table_rows"]
