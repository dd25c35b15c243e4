"""The hospital's site settings as a family sees them: turned-off saving, the unit in the summary footer, a
read-only USB stick, the paper size, About."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from nec_companion import site
from nec_companion.export.pdf import page_size_for_paper
from nec_companion.journal.sample import build_sample_twins
from nec_companion.site import SiteSettings
from tests.ui.test_journal_screen import (
    create_journal,
)


@pytest.fixture
def hospital():  # type: ignore[no-untyped-def]
    """Activate site settings for one test (the composition root does this at start), then put back the defaults."""
    previous = site.active()

    def use(**values: object) -> SiteSettings:
        settings = SiteSettings(**values)  # type: ignore[arg-type]
        site.activate(settings)
        return settings

    yield use
    site.activate(previous)


def _open_export(qtbot, window, clock):  # type: ignore[no-untyped-def]
    create_journal(qtbot, window)
    screen = window.journal_screen
    build_sample_twins(screen.session.journal, clock=clock, days=5, seed=3)
    screen.page.tabs.setCurrentWidget(screen.export_screen)
    screen.export_screen.refresh()
    return screen


def test_files_and_backups_turned_off_say_so_and_write_nothing(qtbot, hospital, journal_window, clock,
                                                                tmp_path: Path) -> None:
    hospital(allow_unprotected_files=False, allow_backups=False)
    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen
    assert not export.pdf_button.isEnabled() and not export.csv_button.isEnabled()
    assert not export.backup_button.isEnabled()
    assert export.print_button.isEnabled()  # printing is still allowed
    assert export.files_turned_off.isVisible() and "hospital has turned off" in export.files_turned_off.text()
    assert export.backups_turned_off.isVisible()
    # Even if called directly, nothing is written.
    usb = tmp_path / "usb"
    usb.mkdir()
    screen.prompts.confirms = [True]
    screen.prompts.paths = [usb, usb / "backup.njx"]
    export.save_csv()
    export.save_backup()
    assert list(usb.iterdir()) == []
    assert site.TURNED_OFF in export.message.text()


def test_defaults_leave_saving_on(qtbot, hospital, journal_window, clock) -> None:
    hospital()
    export = _open_export(qtbot, journal_window, clock).export_screen
    assert export.pdf_button.isEnabled() and export.csv_button.isEnabled() and export.backup_button.isEnabled()
    assert not export.files_turned_off.isVisible() and not export.backups_turned_off.isVisible()


def test_summary_footer_names_the_unit(qtbot, hospital, journal_window, clock) -> None:
    hospital(hospital_name="St Example Hospital", unit_name="Neonatal Unit")
    export = _open_export(qtbot, journal_window, clock).export_screen
    document = export._build_document()
    assert "Neonatal Unit, St Example Hospital" in document.footer
    assert "Not a medical record" in document.footer


def test_read_only_stick_gets_a_clear_message_and_the_offer_to_print(qtbot, hospital, journal_window, clock,
                                                                      tmp_path: Path, monkeypatch) -> None:
    hospital()
    screen = _open_export(qtbot, journal_window, clock)
    export = screen.export_screen

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("nec_companion.ui.journal.export_screen.export_csv_logs", refuse)
    printed: list[str] = []
    monkeypatch.setattr(export, "print_summary", lambda: printed.append("summary"))
    screen.prompts.confirms = [True, True]  # the unprotected-file warning, then "Print instead"
    screen.prompts.paths = [tmp_path]
    export.csv_button.click()
    assert "write-protected" in export.message.text()
    assert any("print the summary" in text for _kind, text in screen.prompts.asked)
    assert printed == ["summary"]


def test_print_to_file_is_refused_when_files_are_turned_off(qtbot, hospital, journal_window) -> None:
    from nec_companion.export.written_files import WrittenFiles
    from nec_companion.ui.printing import PrintService

    hospital(allow_unprotected_files=False)
    prompts = journal_window.prompts
    service = PrintService(parent=journal_window, prompts=prompts,
                           choose=lambda printer, _title, _files: (printer.setOutputFileName("/tmp/x.pdf"), True)[1])
    painted: list[int] = []
    assert not service.print_private("Print", lambda _printer: painted.append(1), WrittenFiles())
    assert painted == []
    assert "turned off" in prompts.asked[-1][1]


def test_paper_size_from_the_site() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert page_size_for_paper("A4", us).id() == QPageSize.PageSizeId.A4
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert page_size_for_paper("Letter", uk).id() == QPageSize.PageSizeId.Letter
    assert page_size_for_paper("auto", us).id() == QPageSize.PageSizeId.Letter
    assert page_size_for_paper("auto", uk).id() == QPageSize.PageSizeId.A4
