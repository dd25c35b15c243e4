"""The chart widget: a chart from `nec_companion.charts` on screen, with its table alternative."""
