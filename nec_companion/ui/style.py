"""The calm look: a light palette with strong contrast, generous spacing, and one text-size knob."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QPalette

from nec_companion.charts.palette import ACCENT, INK, MUTED, PANEL, PAPER, WARN_BG, WARN_INK

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


BASE_POINT_SIZE = 11.0
# Non-text contrast (WCAG 1.4.11): every control edge, indicator and focus ring is at least 3:1 against white,
# the paper and the panel colour; tests/ui/test_accessibility_audit.py checks these pairs.
EDGE = "#66808c"        # borders of buttons, fields, lists, tables; check-box and radio outlines
WARN_EDGE = "#a0660a"   # the border of warm banners and the Warning signs button
FOCUS = ACCENT          # the 2 px focus ring
FOCUS_ON_ACCENT = INK   # the ring round a selected (accent-coloured) navigation tab
SPIN_TARGET = 24        # px: spin and time arrows are at least this wide and tall (WCAG 2.5.8)


def point_size(scale: float) -> float:
    return BASE_POINT_SIZE * scale


def _scaled_style(scale: float) -> object:
    """Fusion with check boxes and round buttons that grow with the text (Fusion draws them at 13 px)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QProxyStyle, QStyle, QStyleFactory

    indicator_metrics = {QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
                         QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight}

    from PySide6.QtCore import QRect, QRectF, QSize, Qt
    from PySide6.QtGui import QPen

    class ScaledIndicatorStyle(QProxyStyle):
        """Also: check boxes and radios get a dark outline, and the focus rectangle (check boxes, radios, tab bars,
        table cells) is a solid 2 px ring, instead of Fusion's faint ones (WCAG 1.4.11 and 2.4.7)."""

        def pixelMetric(self, metric, option=None, widget=None):  # noqa: N802
            value = super().pixelMetric(metric, option, widget)
            return round(value * scale) if metric in indicator_metrics else value

        def subControlRect(self, control, option, sub, widget=None):  # noqa: N802
            """Spin-box arrows side by side, each at least 24×24 px (WCAG 2.5.8 target size; Fusion's are 14×8)."""
            rect = super().subControlRect(control, option, sub, widget)
            if control != QStyle.ComplexControl.CC_SpinBox or \
                    option.buttonSymbols == QAbstractSpinBox.ButtonSymbols.NoButtons:
                return rect
            frame = option.rect
            side = max(SPIN_TARGET, frame.height() - 2)
            buttons_left = frame.right() - 2 * side
            if sub == QStyle.SubControl.SC_SpinBoxDown:
                return QRect(buttons_left, frame.top() + 1, side, frame.height() - 2)
            if sub == QStyle.SubControl.SC_SpinBoxUp:
                return QRect(buttons_left + side, frame.top() + 1, side, frame.height() - 2)
            if sub == QStyle.SubControl.SC_SpinBoxEditField:
                return QRect(frame.left() + 3, frame.top() + 2, max(0, buttons_left - frame.left() - 4),
                             frame.height() - 4)
            return rect

        def sizeFromContents(self, kind, option, size, widget=None):  # noqa: N802
            result = super().sizeFromContents(kind, option, size, widget)
            if kind == QStyle.ContentsType.CT_SpinBox:
                result = QSize(result.width() + 2 * SPIN_TARGET - 16, max(result.height(), SPIN_TARGET + 2))
            return result

        def drawComplexControl(self, control, option, painter, widget=None):  # noqa: N802
            """Combo, spin, date and time boxes: Fusion's frame (2:1) gets a 3:1 edge drawn over it."""
            super().drawComplexControl(control, option, painter, widget)
            if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox) and \
                    getattr(option, "frame", True) and option.state & QStyle.StateFlag.State_Enabled:
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing, True)
                painter.setPen(QPen(QColor(EDGE), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
                painter.restore()

        def drawControl(self, element, option, painter, widget=None):  # noqa: N802
            super().drawControl(element, option, painter, widget)
            if element == QStyle.ControlElement.CE_TabBarTabLabel and option.state & QStyle.StateFlag.State_HasFocus \
                    and (widget is None or widget.objectName() != "navigation"):
                painter.save()
                painter.setPen(QPen(QColor(FOCUS), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(option.rect).adjusted(2, 2, -2, -2))
                painter.restore()

        def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802
            if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing, False)
                painter.setPen(QPen(QColor(FOCUS), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(option.rect).adjusted(1, 1, -1, -1))
                painter.restore()
                return
            super().drawPrimitive(element, option, painter, widget)
            if element in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                           QStyle.PrimitiveElement.PE_IndicatorRadioButton):
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing, True)
                painter.setPen(QPen(QColor(EDGE), max(1.0, scale)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
                if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                    painter.drawEllipse(box)
                else:
                    painter.drawRoundedRect(box, 2, 2)
                painter.restore()

    return ScaledIndicatorStyle(QStyleFactory.create("Fusion"))


def apply_style(app: QApplication, *, scale: float) -> None:
    """Set font, palette and stylesheet for the whole app; call again when the text size changes."""
    app.setStyle(_scaled_style(scale))  # type: ignore[call-overload]  # a QProxyStyle, made lazily
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
QTabBar#navigation::tab:focus {{ border: 2px solid {FOCUS_ON_ACCENT}; text-decoration: underline; }}
QPushButton {{ padding: 6px 14px; border: 1px solid {EDGE}; border-radius: 6px; background: white; }}
QLineEdit {{ padding: 6px 8px; border: 1px solid {EDGE}; border-radius: 6px; background: white; }}
QTreeWidget, QListWidget, QListView, QTextBrowser, QTableView, QPlainTextEdit, QTextEdit {{
    border: 1px solid {EDGE}; border-radius: 6px; background: white; }}
QScrollArea {{ border: 2px solid transparent; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QListWidget:focus, QTreeWidget:focus, QTextBrowser:focus,
QComboBox:focus, QListView:focus, QTableView:focus, QPlainTextEdit:focus, QTextEdit:focus, QScrollArea:focus {{
    border: 2px solid {FOCUS}; }}
QPushButton:disabled, QToolButton:disabled {{ color: #8a979e; background: #f2f4f5; border-color: #d3dde1; }}
QPushButton#warningSigns {{ background: {WARN_BG}; color: {WARN_INK}; border: 1px solid {WARN_EDGE};
    font-weight: 600; }}
QPushButton#warningSigns:focus {{ border: 2px solid {FOCUS_ON_ACCENT}; text-decoration: underline; }}
QFrame#definitionPanel {{ background: {WARN_BG}; border: 1px solid {WARN_EDGE}; border-radius: 6px; }}
QFrame#card {{ background: white; border: 1px solid {EDGE}; border-radius: 8px; }}
QFrame#banner {{ background: {WARN_BG}; border: 1px solid {WARN_EDGE}; border-radius: 6px; }}
QLabel#aboutBody {{ border: 2px solid transparent; border-radius: 6px; }}
QLabel#aboutBody:focus {{ border: 2px solid {FOCUS}; }}
QListWidget#sectionNav {{ background: {PANEL}; border: 1px solid {EDGE}; padding: 4px 0; }}
QListWidget#sectionNav:focus {{ border: 2px solid {FOCUS}; }}
QListWidget#sectionNav::item {{ padding: 3px 10px 3px 12px; border-left: 5px solid transparent; }}
QListWidget#sectionNav::item:selected {{ background: white; color: {INK}; border-left: 5px solid {ACCENT}; }}
QListWidget#sectionNav::item:hover:!selected {{ background: #e2e9eb; }}
QToolButton {{ padding: 4px 8px; border: 1px solid transparent; border-radius: 6px; }}
QToolButton:hover {{ border: 1px solid {EDGE}; }}
"""
