"""The charts layer: what a chart shows and how it is drawn, shared by the screen and the PDF summary.

`model` (plain data, no Qt) describes a chart; `layout` (pure maths, no Qt) works out its ranges, ticks and
placements; `painter.draw_chart` draws one with QPainter (QtGui only, no widgets) on any paint device: a widget,
an image or a PDF page; `samples` holds made-up charts for development. The widget that shows a chart on screen,
with its table alternative, is `nec_companion.ui.charts.widget`. Nothing is imported here: `ui/style.py` needs only
the palette, and the model is not needed to paint the first window (docs/PERFORMANCE.md). Export and UI both
import this layer; it imports neither.
"""
