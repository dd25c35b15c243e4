"""The window rebuilds its screens in place (a language change): the open journal stays open on the same section,
the same tab and article stay chosen, nothing is left behind; and the auto-lock countdown is seen over a dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMainWindow, QVBoxLayout

from nec_companion.ui.widgets.banner import Banner
from tests.ui.test_journal_screen import (
    PASSPHRASE,
    add_baby,
    create_journal,
)


def visible_secondary_windows() -> list[str]:
    return [f"{type(w).__name__} {w.windowTitle()!r}" for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, QMainWindow)]


def test_rebuild_keeps_the_open_journal_on_the_same_section(qtbot, journal_window, bundled_library,
                                                            bundled_index) -> None:
    window = journal_window
    window.set_library(bundled_library, bundled_index)
    create_journal(qtbot, window)
    add_baby(qtbot, window)
    old = window.journal_screen
    session = old.session
    assert old.show_section("Questions")
    old_library = window.library_screen
    window.rebuild_screens()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    screen = window.journal_screen
    assert screen is not old and window.library_screen is not old_library
    assert window.current_screen() == "journal"
    assert screen.session is session and not session.is_locked
    assert screen.stack.currentWidget() is screen.page
    assert screen.current_section() == "Questions"
    assert screen.page.tabs.currentWidget() is screen.questions_screen
    assert len(screen.page.cards) == 1  # the baby is shown by the new page
    assert session.journal.label in screen.page.heading.text()
    assert window.lock_button.isEnabled()
    assert visible_secondary_windows() == []
    # The new screen owns the session: a change saves, the countdown shows on the new page, Lock now locks.
    session.note_changed()
    qtbot.waitUntil(lambda: not session.journal.dirty, timeout=10000)
    assert "All changes saved" in screen.page.save_status.text()
    window.lock_button.click()
    assert screen.session is None and screen.stack.currentWidget() is screen.start
    assert not window.lock_button.isEnabled()
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)


def test_rebuild_with_the_journal_locked_keeps_tab_and_article(qtbot, journal_window, bundled_library,
                                                               bundled_index) -> None:
    window = journal_window
    window.set_library(bundled_library, bundled_index)
    slug = next(iter(bundled_library.articles))
    assert window.library_screen.open_article(slug)
    create_journal(qtbot, window)
    window.lock_journal("now")
    window.show_screen("settings")
    window.rebuild_screens()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.current_screen() == "settings"
    assert window.stack.currentWidget() is window.settings_screen
    assert window.library_screen.reader.current.key == slug
    screen = window.journal_screen
    assert screen.session is None and screen.start.journals.count() == 1
    assert [window.navigation.tabText(i) for i in range(window.navigation.count())] == [
        "Library", "My journal", "About and safety", "Settings"]
    assert visible_secondary_windows() == []


def test_countdown_is_seen_over_an_open_dialog(qtbot, journal_window, clock) -> None:
    """A modal dialog (a note being typed) does not hide the auto-lock countdown (UX walkthrough 22)."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    dialog = QDialog(journal_window)
    QVBoxLayout(dialog).addWidget(QLineEdit(dialog))
    dialog.setModal(True)
    dialog.resize(500, 300)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=5000)
    clock.advance(dt.timedelta(seconds=155))
    screen.session.check_idle()
    over = [b for b in dialog.findChildren(Banner) if b.isVisible()]
    assert len(over) == 1
    assert "will lock in 25 seconds" in over[0].label.text()
    assert over[0].geometry().top() == 0 and over[0].width() == dialog.width()
    clock.advance(dt.timedelta(seconds=1))
    screen.session.check_idle()
    assert "24 seconds" in over[0].label.text()
    screen.session.activity()  # someone moved: the notice goes
    assert not over[0].isVisible()
    assert not screen.page.countdown.isVisible()
    dialog.reject()


def test_rebuild_in_another_language_keeps_the_section(qtbot, journal_window) -> None:
    """The language switch the rebuild is for: the words change, the open journal and its section do not."""
    from nec_companion.core import i18n

    window = journal_window
    create_journal(qtbot, window)
    session = window.journal_screen.session
    assert window.journal_screen.show_section("Questions")
    i18n.set_active(i18n.language("es"))  # put back by the autouse `english` fixture
    window.rebuild_screens()
    screen = window.journal_screen
    assert screen.session is session
    assert screen.current_section() == "Preguntas"
    assert window.navigation.tabText(1) == "Mi diario"
    assert window.lock_button.text() == "Bloquear ahora"
    assert screen.page.heading.text() == f"Diario: {session.journal.label}"


def test_a_notice_shown_at_unlock_survives_the_rebuild(qtbot, journal_window, bundled_library,
                                                       bundled_index) -> None:
    """Unlocking a journal in another language rebuilds the window just after the unlock's notices (a restored
    backup, an interrupted passphrase change) were shown: they must still be there afterwards."""
    window = journal_window
    window.set_library(bundled_library, bundled_index)
    create_journal(qtbot, window)
    window.journal_screen.workspace.notice("This journal was restored from a backup.")
    window.rebuild_screens()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    page = window.journal_screen.page
    assert page.notice.isVisibleTo(page)
    assert page.notice.label.text() == "This journal was restored from a backup."
