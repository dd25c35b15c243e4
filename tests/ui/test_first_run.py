"""First run never dead-ends (UX walkthrough #7, #8): with no journal yet, "Create a journal" is the one action;
after the recovery code the family goes straight on to adding the baby; "Feed…" before any baby offers to add
the baby and then carries on to the feed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from nec_companion.ui.entries.dialogs import FamilyFeedDialog
from nec_companion.ui.entries.today import QUICK_ADDS
from nec_companion.ui.journal.dialogs import BabyDialog
from tests.ui.test_journal_screen import (
    create_journal,
    when_dialog,
)


def test_empty_start_page_shows_only_create(qtbot, journal_window):
    screen = journal_window.journal_screen
    start = screen.start
    assert start.create_button.isVisible() and start.create_button.text() == "Create a journal…"
    for hidden in (start.passphrase, start.open_button, start.recover_button, start.delete_button, start.journals):
        assert not hidden.isVisible()
    create_journal(qtbot, journal_window)
    journal_window.lock_button.click()
    assert start.passphrase.isVisible() and start.open_button.isVisible()
    assert start.create_button.text() == "Create a new journal…"


def test_after_the_recovery_code_the_next_step_is_adding_the_baby(qtbot, journal_window):
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    assert screen.page.tabs.currentWidget() is screen.page.babies_tab
    assert "add your baby" in screen.page.notice.label.text()
    journal_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.page.add_button, timeout=5000)

    def fill(dialog: BabyDialog) -> None:
        dialog.nickname.setText("Pip")
        dialog.ga_weeks.setValue(30)
        dialog._accept()

    when_dialog(BabyDialog, fill)
    screen.page.add_button.click()
    # Walked on a real screen: the hint still said "Next, add your baby" under the baby just added.
    assert "add your baby" not in screen.page.notice.label.text()


def test_feed_before_any_baby_offers_to_add_the_baby_then_carries_on(qtbot, journal_window):
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    today = screen.today_screen
    today.refresh()
    assert not today.add_baby_button.isHidden()
    prompts = screen.prompts
    prompts.confirms = [True]  # "Add your baby now"
    seen: list[str] = []

    def fill(dialog: BabyDialog) -> None:
        seen.append("baby")
        dialog.nickname.setText("Pip")
        dialog.birth_date.setDate(dialog.birth_date.date().addDays(-3))
        dialog.ga_weeks.setValue(30)
        dialog._accept()

    when_dialog(BabyDialog, fill)
    when_dialog(FamilyFeedDialog, lambda d: (seen.append("feed"), d.save()))
    change = today.quick_add(next(a for a in QUICK_ADDS if a.shortcut == "Alt+F"))
    assert seen == ["baby", "feed"]
    assert change is not None
    assert [b.nickname for b in screen.session.journal.babies()] == ["Pip"]
    assert len(screen.entries.family_feeds()) == 1
    assert today.add_baby_button.isHidden()
    assert any("Add your baby now" not in text and "first add your baby" in text for _k, text in prompts.asked)


def test_create_dialog_states_the_strength_of_a_suggestion(qtbot, journal_window):
    """The create dialog says how much randomness a suggested passphrase has (at least 55 bits)."""
    import re

    from nec_companion.ui.journal.dialogs import CreateJournalDialog

    seen: list[str] = []

    def look(dialog: CreateJournalDialog) -> None:
        seen.append(dialog.strength.text() if dialog.strength.isVisible() else "")
        dialog.reject()

    when_dialog(CreateJournalDialog, look)
    journal_window.journal_screen.start.create_button.click()
    bits = int(re.search(r"about (\d+) bits", seen[0]).group(1))
    assert bits >= 55


def test_add_to_my_questions_shows_it_was_added_until_the_journal_locks(qtbot, journal_window, bundled_library,
                                                                        bundled_index):
    """Under an article, "Add to my questions" becomes "Added to your questions ✓" (no longer a link) with a
    notice; after the journal locks the library no longer shows what this family added."""
    from PySide6.QtCore import QUrl

    from tests.ui.test_questions_screen import _open_library_article

    create_journal(qtbot, journal_window)
    reader = _open_library_article(journal_window, bundled_library, bundled_index, "feeding-progression")
    reader.browser.anchorClicked.emit(QUrl("question:feeding-progression/0"))
    html = reader.browser.toHtml()
    assert 'href="question:feeding-progression/0"' not in html
    assert "Added to your questions \u2713" in reader.browser.toPlainText()
    assert 'href="question:feeding-progression/1"' in html
    assert "Added to your questions" in reader.definition_label.text() and reader.definition_panel.isVisible()
    journal_window.lock_button.click()
    assert 'href="question:feeding-progression/0"' in reader.browser.toHtml()
