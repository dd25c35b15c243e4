"""The entry point the journal page uses, the Today layout, accessibility of the dialogs, and kind messages when
the journal cannot be read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from nec_companion.core.entries import EntryKind
from nec_companion.ui.entries.dialogs import DIALOGS
from nec_companion.ui.prompts import ScriptedPrompts


def test_entry_point_gives_the_seven_tabs_in_order_each_with_refresh(tabs) -> None:
    """build_entry_sections returns Today, Feeding, Pumping, Weights, Care events, Notes, Charts; each refreshes."""
    assert [label for label, _widget in tabs.sections] == ["Today", "Feeding", "Pumping", "Weights", "Care events",
                                                           "Notes", "Charts"]
    for _label, widget in tabs.sections:
        widget.refresh()  # type: ignore[attr-defined]
    assert tabs.today.heading.text() == "Today, Tuesday, March 10, 2026"


def test_open_questions_count_shows_on_today(tabs) -> None:
    """set_open_questions shows "N questions to ask" (singular for one) and hides at zero."""
    tabs.show("Today")
    tabs.today.set_open_questions(3)
    assert tabs.today.questions.isVisible() and tabs.today.questions.text() == "3 questions to ask"
    tabs.today.set_open_questions(1)
    assert tabs.today.questions.text() == "1 question to ask"
    tabs.today.set_open_questions(0)
    assert not tabs.today.questions.isVisible()


def test_twins_side_by_side_when_wide_and_stacked_when_narrow(qtbot, tabs) -> None:
    """Two Today cards sit side by side in a wide window and one under the other in a narrow one."""
    tabs.show("Today")
    tabs.host.resize(1400, 800)
    qtbot.waitUntil(lambda: tabs.today.cards.side_by_side)
    tabs.host.resize(640, 800)
    qtbot.waitUntil(lambda: not tabs.today.cards.side_by_side)
    first, second = tabs.today.baby_cards
    qtbot.waitUntil(lambda: second.geometry().top() > first.geometry().bottom())


def test_every_control_in_every_dialog_has_a_name_and_a_keyboard_path(tabs) -> None:
    """Every control a Tab key can reach in each entry dialog has an accessible name or its own words, and the
    first field has the keyboard focus."""
    for kind, dialog_class in DIALOGS.items():
        dialog = dialog_class(entries=tabs.entries, babies=tabs.journal.babies(), prompts=ScriptedPrompts(),
                              parent=tabs.host)
        dialog.show()
        dialog.activateWindow()
        QApplication.processEvents()
        unnamed = []
        for widget in dialog.findChildren(QWidget):
            if not widget.isVisibleTo(dialog) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            if isinstance(widget.parentWidget(), QWidget) and widget.parentWidget().focusProxy() is widget and \
                    widget.parentWidget().accessibleName():
                continue
            named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            if not named and type(widget).__name__ not in ("QScrollArea", "QScrollBar", "QLineEdit"):
                unnamed.append(type(widget).__name__)
            elif not named and type(widget).__name__ == "QLineEdit" and widget.parentWidget() is not None and \
                    not widget.parentWidget().accessibleName():
                unnamed.append(f"QLineEdit in {type(widget.parentWidget()).__name__}")
        assert unnamed == [], kind
        focused = QApplication.focusWidget()
        assert focused is not None and dialog.isAncestorOf(focused), kind
        dialog.reject()


def test_a_journal_that_cannot_be_read_gives_kind_words_not_a_traceback(tabs) -> None:
    """After the journal closes (locked elsewhere), the tabs and the editor say so in plain words."""
    tabs.journal.close(save=False)
    tabs.show("Today")
    tabs.today.refresh()
    assert tabs.today.message.isVisible() and tabs.today.message.text()
    weights = tabs.table("Weights")
    weights.refresh()
    assert weights.message.text()
    assert tabs.editor.add(EntryKind.WEIGHT, parent=tabs.host) is None
    assert tabs.prompts.asked and tabs.prompts.asked[-1][0] == "warn"
    tabs.show("Charts")
    tabs.charts.refresh()
    assert tabs.charts.empty.isVisible()
