"""Issue 13: one language per family, not per computer. One click in the header (or Settings) switches everything at
once, an open journal remembers the choice in its encrypted file, unlocking speaks the journal's language, and
locking brings back the computer's own language (the hospital's site default)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from nec_companion.content.loader import load_library_for
from nec_companion.content.search import SearchIndex
from nec_companion.core import i18n
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.ui.language import LanguageSwitch
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.prompts import ScriptedPrompts
from tests.conftest import RESOURCES
from tests.ui.test_journal_screen import PASSPHRASE, create_journal


@pytest.fixture(scope="module")
def libraries(bundled_library, bundled_index):
    spanish = load_library_for(RESOURCES, "es", today=dt.date.today(), english=bundled_library)
    return {"en": (bundled_library, bundled_index), "es": (spanish, SearchIndex(spanish))}


def make_window(qtbot, app_paths, clock, libraries, *, default: str = "en") -> MainWindow:
    def directory() -> JournalDirectory:
        return JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA, clock=clock,
                                kdf=KdfPolicy.insecure_fast_for_tests())

    switch = LanguageSwitch(default=default)
    switch.apply_default()
    loads: list[str] = []

    def loader(code: str):
        loads.append(code)
        return libraries[code]

    window = MainWindow(journal_directory=directory, clock=clock, prompts=ScriptedPrompts(), languages=switch,
                        library_loader=loader)
    window.loads = loads  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.set_library(*libraries[default])
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def back_to_english():
    yield
    LanguageSwitch().apply("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def tabs(window: MainWindow) -> list[str]:
    return [window.navigation.tabText(i) for i in range(window.navigation.count())]


def settle() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_one_click_in_the_header_speaks_spanish_everywhere_and_back(qtbot, app_paths, clock, libraries,
                                                                    back_to_english) -> None:
    window = make_window(qtbot, app_paths, clock, libraries)
    assert window.language_button.text() == "Español"  # the other language, in its own name
    assert tabs(window) == ["Library", "My journal", "About and safety", "Settings"]
    window.library_screen.open_article("warning-signs")

    window.language_button.click()  # one click
    settle()
    assert i18n.active().code == "es"
    library, journal, about, settings = tabs(window)
    assert (library, journal, settings) == ("Biblioteca", "Mi diario", "Configuración") and "seguridad" in about
    assert window.language_button.text() == "English"
    assert "Cambiar a English" in window.language_button.accessibleName()
    assert window.library_screen.language == "es" and window.loads == ["es"]
    # The same article, now the Spanish one; Settings shows the choice; Qt's own buttons speak Spanish too.
    assert window.library_screen.reader.current.key == "warning-signs"
    assert window.settings_screen.language_buttons["es"].isChecked()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.buttons()[0].text().replace("&", "") == "Cancelar"

    # Settings' radio button is the same choice.
    window.settings_screen.language_buttons["en"].click()
    settle()
    assert i18n.active().code == "en" and tabs(window)[0] == "Library"
    assert window.library_screen.language == "en"


def test_a_journal_remembers_its_language_and_the_computers_comes_back_on_lock(qtbot, app_paths, clock, libraries,
                                                                              back_to_english) -> None:
    window = make_window(qtbot, app_paths, clock, libraries)
    window.show_screen("journal")
    create_journal(qtbot, window)
    screen = window.journal_screen
    journal = screen.session.journal
    assert journal.language == "en"  # made while the app spoke English

    window.language_button.click()  # the family chooses Spanish with their journal open
    settle()
    assert journal.language == "es" and i18n.active().code == "es"
    screen = window.journal_screen
    assert screen.session is not None and screen.session.journal is journal  # still open, not reopened
    qtbot.waitUntil(lambda: not journal.dirty, timeout=10000)  # the choice is saved (encrypted) with the journal

    window.lock_journal("now")
    qtbot.waitUntil(lambda: tabs(window)[0] == "Library", timeout=5000)  # the computer's language again
    assert i18n.active().code == "en"
    screen = window.journal_screen
    assert screen.session is None

    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: window.journal_screen.session is not None, timeout=15000)
    qtbot.waitUntil(lambda: tabs(window)[0] == "Biblioteca", timeout=5000)  # the family's language on unlock
    assert i18n.active().code == "es"
    assert window.journal_screen.session.journal.language == "es"


def test_the_hospitals_language_is_the_computers_default(qtbot, app_paths, clock, libraries,
                                                         back_to_english) -> None:
    window = make_window(qtbot, app_paths, clock, libraries, default="es")
    assert tabs(window)[0] == "Biblioteca" and window.language_button.text() == "English"
    window.language_button.click()
    settle()
    assert tabs(window)[0] == "Library"
    window.show_screen("journal")
    create_journal(qtbot, window)
    assert window.journal_screen.session.journal.language == "en"
    window.lock_journal("now")
    qtbot.waitUntil(lambda: tabs(window)[0] == "Biblioteca", timeout=5000)  # the site's Spanish comes back
