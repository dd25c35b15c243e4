"""A tour of every screen and dialog over the made-up sample journal, and a check that nothing is cut off.

Used by `scripts/tour.py` (a PNG of each view, for people to look at) and by `tests/ui/test_layout.py` (fails
when a button, label, check box or tab is narrower than its text needs, a tab bar would have to scroll, or
widgets overlap). SAMPLE DATA only: the journal is built in a folder the caller gives (a temporary one), with a
fast key derivation; never the family's real data folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QToolButton,
    QWidget,
)

TOUR_PASSPHRASE = "quiet harbour lantern meadow"
TOUR_NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


def settle(rounds: int = 4) -> None:
    """Let layouts settle (a wrapped label asks for its height after the first pass)."""
    app = QApplication.instance()
    for _ in range(rounds):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if app is not None:
            app.processEvents()


@dataclass
class TourWindow:
    window: Any  # MainWindow
    directory: Any  # JournalDirectory
    clock: Any
    scale: float


def build_tour_window(data_dir: Path, *, scale: float, size: tuple[int, int], library: Any = None,
                      index: Any = None) -> TourWindow:
    """A main window over the bundled library and one sample journal (locked), styled at `scale`."""
    from nec_companion.core.clock import ManualClock
    from nec_companion.journal.sample import build_sample_twins
    from nec_companion.journal.schema import JOURNAL_SCHEMA
    from nec_companion.security.kdf import KdfPolicy
    from nec_companion.storage import JournalDirectory
    from nec_companion.ui import style
    from nec_companion.ui.main_window import MainWindow
    from nec_companion.ui.prompts import ScriptedPrompts

    app = QApplication.instance()
    style.apply_style(app, scale=scale)  # type: ignore[arg-type]
    if library is None:
        from nec_companion.content.loader import load_library_for
        from nec_companion.content.search import SearchIndex
        from nec_companion.core.i18n import active
        from nec_companion.paths import bundled_resources_dir

        # The library in the language the app speaks (a tour in Spanish shows the Spanish articles).
        library = load_library_for(bundled_resources_dir(), active().code, today=dt.date.today())
        index = SearchIndex(library)
    clock = ManualClock(TOUR_NOW)
    directory = JournalDirectory(data_dir, schema=JOURNAL_SCHEMA, clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    if not directory.list():
        made = directory.create(passphrase=TOUR_PASSPHRASE, label="Sage Panda").journal  # i18n: not text
        build_sample_twins(made, clock=clock)
        made.close()
        directory.create(passphrase=TOUR_PASSPHRASE, label="Blue Otter").journal.close()  # i18n: not text
    window = MainWindow(text_scale=scale, journal_directory=lambda: directory, clock=clock, prompts=ScriptedPrompts())
    window.set_library(library, index)
    window.resize(*size)
    window.apply_text_scale(scale)
    window.show()
    settle()
    return TourWindow(window=window, directory=directory, clock=clock, scale=scale)


def _choose_glossary_word(reader: Any, slug: str, *, lines_down: int) -> bool:
    """Open `slug` and choose (as with the keyboard) a glossary word some lines down the article."""
    from PySide6.QtGui import QTextCursor

    if not reader.show_article(slug):
        return False
    settle()
    document = reader.browser.document()
    block, skipped = document.begin(), 0
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            href = fragment.charFormat().anchorHref()
            if href.startswith("glossary:") and skipped >= lines_down:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                reader.browser.setTextCursor(cursor)
                reader.browser.ensureCursorVisible()
                settle()
                reader.show_definition(href.split(":", 1)[1])
                return True
            fragments += 1
        skipped += 1
        block = block.next()
    return False


def _open_sample(tour: TourWindow) -> Any:
    screen = tour.window.ensure_journal_screen()
    if screen.session is None:
        journal_id = next(i.journal_id for i in tour.directory.list() if i.label == "Sage Panda")
        screen.show_opened(tour.directory.open(journal_id, TOUR_PASSPHRASE))
    return screen


def _show_dialog(dialog: QDialog) -> QDialog:
    dialog.show()
    settle()
    refit = getattr(dialog, "refit", None)
    if callable(refit):
        refit()
        settle()
    return dialog


def tour(t: TourWindow) -> Iterator[tuple[str, QWidget]]:
    """Yield (name, widget) for every screen and dialog, each shown and settled; dialogs close after."""
    window = t.window
    window.show_screen("library")
    settle()
    yield "library", window
    window.library_screen.open_article("warning-signs")
    settle()
    yield "library-article", window
    reader = window.library_screen.reader
    if _choose_glossary_word(reader, "tube-feeds", lines_down=12):
        settle()
        yield "library-definition", window
        reader.hide_definition()
    for key in ("about", "settings"):
        window.show_screen(key)
        settle()
        yield key, window
    window.show_screen("journal")
    settle()
    yield "journal-chooser", window

    from nec_companion.security.recovery_code import RecoveryCode
    from nec_companion.ui.journal.dialogs import (
        BabyDialog,
        ChangePassphraseDialog,
        CreateJournalDialog,
        RecoverWithCodeDialog,
        RecoveryCodeDialog,
    )

    dialogs: list[tuple[str, Any]] = [
        ("dialog-create-journal", lambda: CreateJournalDialog(
            suggest_label=lambda: "Green Finch", suggest_passphrase=lambda: "tidy-gravel-moon-abacus-river",
            check_passphrase=lambda text, label: (), parent=window)),
        ("dialog-recovery-code", lambda: RecoveryCodeDialog(
            RecoveryCode.generate(), label="Green Finch",  # i18n: not text
            print_document=lambda d: None, parent=window)),
        ("dialog-recover-with-code", lambda: RecoverWithCodeDialog(check_code=lambda text: (),
                                                                    check_passphrase=lambda *a, **k: (),
                                                                    parent=window)),
    ]
    yield from _dialogs(dialogs)

    screen = _open_sample(t)
    settle()
    nav = screen.page.tabs
    for index in range(nav.count()):
        nav.setCurrentIndex(index)
        settle()
        yield f"journal-{nav.tabText(index).lower().replace(' ', '-')}", window

    from nec_companion.core.entries import EntryKind
    from nec_companion.ui.entries.dialogs import DIALOGS
    from nec_companion.ui.prompts import ScriptedPrompts
    from nec_companion.ui.questions.dialogs import AnswerDialog, QuestionDialog

    journal = screen.session.journal
    babies = journal.babies()
    entries = screen.entries
    more: list[tuple[str, Any]] = [
        ("dialog-change-passphrase", lambda: ChangePassphraseDialog(check_passphrase=lambda text: (),
                                                                     parent=window)),
        ("dialog-baby", lambda: BabyDialog(today=t.clock.now().date(), details=babies[0].details,
                                           validate=lambda d: (), parent=window)),
        ("dialog-add-baby", lambda: BabyDialog(today=t.clock.now().date(), validate=lambda d: (), parent=window)),
    ]
    for kind in DIALOGS:
        more.append((f"dialog-{kind.value}", lambda k=kind: DIALOGS[k](
            entries=entries, babies=babies, prompts=ScriptedPrompts(), parent=window)))
    more.append(("dialog-pumping-one-baby", lambda: DIALOGS[EntryKind.PUMPING](
        entries=entries, babies=babies[:1], prompts=ScriptedPrompts(), parent=window)))
    more.append(("dialog-question", lambda: QuestionDialog(babies=babies, parent=window)))
    questions = screen.questions_screen.book.all()
    if questions:
        more.append(("dialog-answer", lambda: AnswerDialog(question=questions[0], now=t.clock.now(),
                                                           parent=window)))
    yield from _dialogs(more)
    window.lock_journal("now")
    settle()


def _dialogs(dialogs: list[tuple[str, Any]]) -> Iterator[tuple[str, QWidget]]:
    for name, make in dialogs:
        dialog = _show_dialog(make())
        try:
            yield name, dialog
        finally:
            dialog.hide()
            dialog.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # now, while nothing else refers to it
            settle(1)


# ----------------------------------------------------------------------------------------------- the check

def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel)):
        text = widget.text()
    label = (text or widget.accessibleName() or widget.objectName())[:50].replace("\n", " ")
    return f"{type(widget).__name__} “{label}”"


def _clipped(widget: QWidget) -> str | None:
    """Why `widget` cannot show all its text at its current size (None when it can)."""
    tolerance = 1
    if isinstance(widget, (QPushButton, QToolButton, QCheckBox, QRadioButton)):
        if not widget.text():
            return None
        need = widget.sizeHint()
        if widget.width() + tolerance < need.width():
            return f"{widget.width()} px wide, needs {need.width()}"
        if widget.height() + tolerance < min(need.height(), widget.fontMetrics().height()):
            return f"{widget.height()} px high, needs {need.height()}"
        return None
    if isinstance(widget, QLabel):
        if not widget.text() or (widget.pixmap() is not None and not widget.pixmap().isNull()):
            return None
        if widget.wordWrap():
            need_h = widget.heightForWidth(widget.width())
            if need_h > 0 and widget.height() + tolerance + 2 < need_h:
                return f"{widget.height()} px high at {widget.width()} px wide, needs {need_h}"
            return None
        need = widget.sizeHint()
        if widget.width() + tolerance < need.width() - 2 * widget.margin():
            return f"{widget.width()} px wide, needs {need.width()}"
        if widget.height() + tolerance < widget.fontMetrics().height():
            return f"{widget.height()} px high, needs {widget.fontMetrics().height()}"
    return None


def _past_right_edge(widget: QWidget) -> str | None:
    """A page wider than the scroll area showing it (with no sideways scroll bar), or a widget running past its
    parent's right edge: its right part is cut off."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return None
    area = parent.parentWidget()
    if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
        if area.horizontalScrollBar().isVisible() or not isinstance(widget, QWidget) or \
                type(area).__name__ not in ("QScrollArea",):
            return None
        if widget.geometry().right() > parent.width() + 1:
            return f"{widget.width()} px wide in a scroll area {parent.width()} px wide (the right part is cut off)"
        return None
    if isinstance(parent, (QAbstractScrollArea, QTabBar)) or isinstance(widget, QScrollBar):
        return None
    if widget.geometry().right() > parent.width() + 1 and widget.geometry().left() < parent.width():
        return f"runs {widget.geometry().right() - parent.width()} px past the right edge of {_name(parent)}"
    return None


def _tab_bar_problem(bar: QTabBar) -> str | None:
    for button in bar.findChildren(QToolButton):
        if button.isVisible():
            return "shows scroll buttons (some tabs are out of reach)"
    for index in range(bar.count()):
        rect = bar.tabRect(index)
        if rect.right() >= bar.width() + 1:
            return f"tab “{bar.tabText(index)}” runs past the bar's edge"
        if rect.width() + 1 < bar.tabSizeHint(index).width():
            return f"tab “{bar.tabText(index)}” is {rect.width()} px wide, needs {bar.tabSizeHint(index).width()}"
    return None


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            found.append(widget)
        elif inner is not None:
            found += _layout_widgets(inner)
    return found


def _overlaps(parent: QWidget) -> list[str]:
    """Visible children that cover each other: two widgets of one layout, or a widget outside the layout drawn over
    one inside it (an orphan check box over the intro text)."""
    layout = parent.layout()
    if layout is None:
        return []
    managed = [w for w in _layout_widgets(layout) if w.parent() is parent and _visible(w)]
    problems = []
    for n, first in enumerate(managed):
        for second in managed[n + 1:]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > 2 and common.height() > 2:
                problems.append(f"{_name(first)} overlaps {_name(second)}")
    strays = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
              if _visible(w) and not w.isWindow() and w not in managed
              and isinstance(w, (QAbstractButton, QLabel)) and layout.indexOf(w) < 0]
    for stray in strays:
        for other in managed:
            common = stray.geometry().intersected(other.geometry())
            if common.width() > 2 and common.height() > 2:
                problems.append(f"{_name(stray)} (outside the layout) is drawn over {_name(other)}")
    return problems


def layout_problems(root: QWidget) -> list[str]:
    """Everything cut off or overlapping in `root` and the widgets inside it, as plain sentences."""
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _visible(widget) or (widget.isWindow() and widget is not root):
            continue
        if isinstance(widget, QScrollBar) or isinstance(widget.parent(), QScrollBar):
            continue
        if isinstance(widget, QTabBar):
            problem = _tab_bar_problem(widget)
        elif isinstance(widget.parent(), QTabBar):
            continue  # the tab bar's own scroll buttons: reported with the bar
        else:
            problem = _clipped(widget)
        problem = problem or _past_right_edge(widget)
        if problem:
            problems.append(f"{_name(widget)}: {problem}")
        if not isinstance(widget, QAbstractScrollArea):
            problems += _overlaps(widget)
    return problems


def visible_rect(widget: QWidget) -> QRect:
    return widget.visibleRegion().boundingRect()
