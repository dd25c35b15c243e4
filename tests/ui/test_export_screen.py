"""Export and backup from the journal: warnings before unprotected files, neutral names, deletion at lock,
encrypted backup and restore through the start screen."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QSettings

from nec_companion.journal.sample import build_sample_twins
from nec_companion.ui.prompts import forget_file_dialog_history
from tests.ui.test_journal_screen import (  # noqa: F401  (fixtures)
    PASSPHRASE,
    add_baby,
    create_journal,
    when_dialog,
)


def _open_export(qtbot, window, clock) -> object:
    create_journal(qtbot, window)
    screen = window.journal_screen
    build_sample_twins(screen.session.journal, clock=clock, days=10, seed=5)
    screen.page.tabs.setCurrentWidget(screen.export_screen)
    return screen


def test_csv_needs_the_warning_and_uses_neutral_names(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """Saying no to the warning writes nothing; saying yes writes neutral file names that read back."""
    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    usb = tmp_path / "usb"
    usb.mkdir()
    screen.prompts.confirms = [False]
    export.csv_button.click()
    assert list(usb.iterdir()) == []
    assert "NOT be protected" in screen.prompts.asked[-1][1]
    screen.prompts.confirms = [True]
    screen.prompts.paths = [usb]
    export.csv_button.click()
    names = sorted(p.name for p in usb.iterdir())
    assert len(names) == 6
    assert all(name.endswith(".csv") and "pip" not in name.lower() for name in names)
    with open(next(usb.glob("weights-*.csv")), encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) >= 1
    assert export.files.count() == 6


def test_files_written_are_offered_for_deletion_at_lock(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """Lock now asks to delete the unprotected files; yes deletes them."""
    screen = _open_export(qtbot, journal_window, clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    screen.prompts.confirms = [True]
    screen.prompts.paths = [usb]
    screen.export_screen.csv_button.click()
    assert len(list(usb.iterdir())) == 6
    screen.prompts.confirms = [True]  # "Delete them"
    journal_window.lock_journal("now")
    assert list(usb.iterdir()) == []


def test_idle_lock_leaves_a_banner_instead_of_asking(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """An idle lock (nobody there) does not ask; the start screen shows a banner with a delete button."""
    screen = _open_export(qtbot, journal_window, clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    screen.prompts.confirms = [True]
    screen.prompts.paths = [usb]
    screen.export_screen.csv_button.click()
    asked_before = len(screen.prompts.asked)
    journal_window.lock_journal("idle")
    assert len(screen.prompts.asked) == asked_before
    assert screen.start.leftover.isVisible()
    screen.start.delete_leftover_button.click()
    assert list(usb.iterdir()) == []
    assert not screen.start.leftover.isVisible()


def test_backup_then_restore_replacing_the_journal(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """An encrypted backup saved to a stick restores through the start screen (replace, with the passphrase)."""
    screen = _open_export(qtbot, journal_window, clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "journal-backup.njx"
    screen.prompts.paths = [target]
    screen.export_screen.backup_button.click()
    assert not screen.export_screen.backup_button.isEnabled()  # runs off the GUI thread: one click at a time
    qtbot.waitUntil(lambda: "Encrypted backup saved" in screen.export_screen.message.text(), timeout=15000)
    assert target.exists() and screen.export_screen.backup_button.isEnabled()
    assert b"Pip" not in target.read_bytes()
    journal_window.lock_journal("now")
    screen.prompts.paths = [target]
    screen.prompts.secrets = [PASSPHRASE]
    screen.prompts.confirms = [False, False]  # "Don't replace it", then "Cancel the restore"
    screen.start.restore_button.click()
    assert "Nothing was restored" in screen.start.notice.label.text()
    assert [text.split("?")[0] for kind, text in screen.prompts.asked[-2:]] == [
        "The journal \u201c" + screen.start.journals.item(0).text() + "\u201d is already on this computer. Replace "
        "it with the backup", "Keep both, as two separate journals"]
    screen.prompts.paths = [target]
    screen.prompts.secrets = [PASSPHRASE]
    screen.prompts.confirms = [True]  # "Replace the copy here"
    screen.start.restore_button.click()
    # success is calm news (not the red message line), and the passphrase just typed opens the restored journal:
    # no second typing (UX walkthrough 24)
    qtbot.waitUntil(lambda: screen.session is not None, timeout=15000)
    assert "was restored from the backup and is open" in screen.page.notice.label.text()
    assert screen.session.journal.label == screen.start.journals.item(0).text()
    assert screen.start.message.text() == ""
    assert screen.start.journals.count() == 1
    assert len(screen.prompts.secrets) == 0  # the passphrase was asked once


def test_restore_of_a_damaged_file_changes_nothing(qtbot, journal_window, clock, tmp_path: Path) -> None:
    """A damaged backup gets a clear message and the journal list stays as it was."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    journal_window.lock_journal("now")
    bad = tmp_path / "broken.njx"
    bad.write_bytes(b"\x00" * 5000)
    screen.prompts.paths = [bad]
    screen.start.restore_button.click()
    assert "Nothing on this computer was changed" in screen.start.message.text()
    assert screen.start.journals.count() == 1


def test_file_dialog_history_is_forgotten(tmp_path: Path) -> None:
    """Qt's remembered folders and recent files for its file dialog are wiped after a dialog."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    settings.setValue("FileDialog/lastVisited", "file:///media/usb/family-folder")
    settings.setValue("FileDialog/history", ["file:///media/usb/family-folder"])
    settings.sync()
    forget_file_dialog_history()
    again = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    assert again.value("FileDialog/lastVisited") is None
    assert "family-folder" not in "".join(p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


def test_summary_pdf_after_warning_with_progress_off_the_gui_thread(qtbot, journal_window, clock,
                                                                    tmp_path: Path) -> None:
    """Save as PDF: the warning, a neutral name, a real PDF whose text names the baby and says it is not a
    medical record; it is remembered for deletion at lock."""

    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    export.refresh()
    target = tmp_path / "usb" / "summary.pdf"
    target.parent.mkdir()
    screen.prompts.confirms = [True]
    screen.prompts.paths = [target]
    seen: list[str] = []
    shown = export._show_progress
    export._show_progress = lambda step, steps: (seen.append(f"{step}/{steps}"), shown(step, steps))
    export.pdf_button.click()
    assert screen.prompts.asked[-1][0] == "save_file"
    assert screen.prompts.asked[-1][1].endswith(f"care-team-summary-{screen.entries.today().isoformat()}.pdf")
    qtbot.waitUntil(lambda: target.exists() and "Saved" in export.summary_status.text(), timeout=30000)
    assert seen and seen[-1].split("/")[0] == seen[-1].split("/")[1], seen  # progress reached the end
    assert target.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())  # pypdf, no poppler
    assert export.baby.currentText() in text
    assert "Not a medical record" in text or "not a medical record" in text
    assert target in export.written.existing()


def test_summary_dates_default_to_the_stay_once_a_baby_exists(qtbot, journal_window, clock) -> None:
    """Opening Export before the baby is added must not pin the summary to today only (walkthrough #19): once
    a baby exists the dates cover the stay, or its last 14 days."""
    import datetime as dt

    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    screen.export_screen.refresh()  # no baby yet
    add_baby(qtbot, journal_window, "Pip")  # born 20 days ago
    screen.export_screen.refresh()
    today = screen.entries.today()
    first = screen.export_screen.first_day.date()
    assert dt.date(first.year(), first.month(), first.day()) == today - dt.timedelta(days=13)


def test_a_saved_confirmation_shows_under_the_button_pressed_and_is_announced(qtbot, journal_window, clock,
                                                                             tmp_path: Path) -> None:
    """Walkthrough #23: "Saved 6 files in …" appears right under "Save CSV files…", in view, and a screen reader
    hears it; a later backup message moves under the backup button."""
    from nec_companion.ui.widgets import announce as announcing

    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    usb = tmp_path / "usb"
    usb.mkdir()
    heard: list[str] = []
    listener = lambda _widget, text, _assertive: heard.append(text)  # noqa: E731
    announcing.add_listener(listener)
    try:
        screen.prompts.confirms = [True]
        screen.prompts.paths = [usb]
        export.csv_button.click()
    finally:
        announcing.remove_listener(listener)
    assert export.message.text() == f"Saved 6 files in {usb}."
    assert export._layout.indexOf(export.message) == export._layout.indexOf(export.csv_button) + 1
    assert not export.message.visibleRegion().isEmpty()  # scrolled into view
    assert export.message.text() in heard
    export.delete_files_button.click()
    assert export._layout.indexOf(export.message) == export._layout.indexOf(export.delete_files_button) + 1
    assert export.message.text().startswith("Deleted 6 files.")


def test_summary_language_choice_only_when_the_family_reads_another_language(qtbot, journal_window,
                                                                            clock) -> None:
    """English: no choice (nothing to choose). Spanish: Español / English / both, passed on as
    SummaryOptions(languages=...) in column order."""
    from nec_companion.core import i18n
    from nec_companion.export.summary import SummaryOptions
    from nec_companion.ui.journal.export_screen import ExportScreen, SummaryActions

    screen = _open_export(qtbot, journal_window, clock)
    assert screen.export_screen.language.count() == 0 and screen.export_screen.language.isHidden()
    asked: list[tuple[str, ...]] = []

    def build(_entries, baby, first, last, _sections, *, languages=()):
        asked.append(languages)
        return SummaryOptions(baby_id=baby.baby_id, first_day=first, last_day=last, languages=languages)

    actions = SummaryActions(build=build, save_pdf=lambda *_a: None, print_document=lambda *_a: None,
                             suggested_name=lambda today: "summary.pdf")
    with i18n.using("es"):
        export = ExportScreen(journal=screen.session.journal, entries=screen.entries,
                              babies=screen.session.journal.babies, clock=clock, prompts=screen.prompts,
                              written=screen.written, summary=actions)
        qtbot.addWidget(export)
        assert [export.language.itemText(i) for i in range(export.language.count())] == [
            "Español", "English", "Los dos, uno al lado del otro"]
        assert export.pdf_button.text() == "Guardar como PDF…"
        assert export._build_document().languages == ("es",)
        export.language.setCurrentIndex(1)
        assert export._build_document().languages == ("en",)
        export.language.setCurrentIndex(2)
        assert export._build_document().languages == ("es", "en")
    assert asked == [("es",), ("en",), ("es", "en")]
