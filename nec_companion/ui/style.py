"""The calm look: a light palette with strong contrast, generous spacing, and one text-size knob."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette

from nec_companion.charts.palette import ACCENT, INK, MUTED, PANEL, PAPER, WARN_BG, WARN_INK  # noqa: F401 (the palette)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


BASE_POINT_SIZE = 11.0


def point_size(scale: float) -> float:
    return BASE_POINT_SIZE * scale


def _scaled_style(scale: float) -> object:
    """Fusion with check boxes and round buttons that grow with the text (Fusion draws them at 13 px)."""
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

    indicator_metrics = {QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
                         QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight}

    class ScaledIndicatorStyle(QProxyStyle):
        def pixelMetric(self, metric, option=None, widget=None):  # type: ignore[no-untyped-def]  # noqa: N802
            value = super().pixelMetric(metric, option, widget)
            return round(value * scale) if metric in indicator_metrics else value

    return ScaledIndicatorStyle(QStyleFactory.create("Fusion"))


def apply_style(app: QApplication, *, scale: float) -> None:
    """Set font, palette and stylesheet for the whole app; call again when the text size changes."""
    app.setStyle(_scaled_style(scale))  # type: ignore[arg-type]
    font = QFont(app.font())
    font.setPointSizeF(point_size(scale))
    app.setFont(font)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(scale))


def stylesheet(scale: float) -> str:
    p = point_size(scale)
    return f"""
QWidget {{ font-size: {p:.1f}pt; }}
QLabel#screenTitle {{ font-size: {p * 1.5:.1f}pt; font-weight: 600; color: #17384a; }}
QLabel#muted, QLabel[muted="true"] {{ color: {MUTED}; }}
QTabBar#navigation::tab {{ padding: 8px 16px; margin-right: 4px; border: 2px solid transparent;
    border-top-left-radius: 6px; border-top-right-radius: 6px; color: {INK}; background: {PANEL}; }}
QTabBar#navigation::tab:selected {{ background: {ACCENT}; color: white; }}
QTabBar#navigation:focus {{ border: none; }}
QTabBar#navigation::tab:focus {{ border: 2px solid #d9a441; }}
QPushButton {{ padding: 6px 14px; border: 1px solid #9fb3bc; border-radius: 6px; background: white; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QListWidget:focus, QTreeWidget:focus, QTextBrowser:focus,
QComboBox:focus, QListView:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:disabled, QToolButton:disabled {{ color: #8a979e; background: #f2f4f5; border-color: #d3dde1; }}
QPushButton#warningSigns {{ background: {WARN_BG}; color: {WARN_INK}; border: 1px solid #d9a441; font-weight: 600; }}
QLineEdit {{ padding: 6px 8px; border: 1px solid #9fb3bc; border-radius: 6px; background: white; }}
QTreeWidget, QListWidget, QListView, QTextBrowser {{ border: 1px solid #d3dde1; border-radius: 6px; background: white; }}
QFrame#definitionPanel {{ background: {WARN_BG}; border: 1px solid #e2c27a; border-radius: 6px; }}
QFrame#card {{ background: white; border: 1px solid #d3dde1; border-radius: 8px; }}
QFrame#banner {{ background: {WARN_BG}; border: 1px solid #e2c27a; border-radius: 6px; }}
QListWidget#sectionNav {{ background: {PANEL}; border: 1px solid #d3dde1; padding: 4px 0; }}
QListWidget#sectionNav:focus {{ border: 2px solid {ACCENT}; }}
QListWidget#sectionNav::item {{ padding: 3px 10px 3px 12px; border-left: 5px solid transparent; }}
QListWidget#sectionNav::item:selected {{ background: white; color: {INK}; border-left: 5px solid {ACCENT}; }}
QListWidget#sectionNav::item:hover:!selected {{ background: #e2e9eb; }}
QToolButton {{ padding: 4px 8px; border: 1px solid transparent; border-radius: 6px; }}
QToolButton:hover {{ border: 1px solid #9fb3bc; }}
"""
