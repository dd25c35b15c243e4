"""Issue 13: one switch changes our messages, Qt's own dialog texts and the default locale together."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from nec_companion.core import i18n
from nec_companion.core.errors import WrongPassphrase
from nec_companion.ui.language import LanguageSwitch


def _standard_buttons() -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    return sorted(button.text().replace("&", "") for button in box.buttons())


def test_spanish_reaches_our_messages_qt_buttons_and_the_locale(qtbot) -> None:
    switch = LanguageSwitch()
    seen: list[str] = []
    switch.changed.connect(seen.append)
    try:
        assert switch.apply("es") is True
        assert i18n.active().code == "es"
        assert WrongPassphrase().message == "Esa frase de contraseña no abre este diario."
        assert _standard_buttons() == ["Cancelar", "Guardar"]
        assert QLocale().name() == "es_US"
        assert switch.apply("es") is False  # no change, no signal
        assert switch.apply_default() is True
        assert _standard_buttons() == ["Cancel", "Save"]
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        assert QLocale().name() == "en_US"
        assert seen == ["es", "en"]
    finally:
        switch.apply("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_the_machine_default_is_the_hospitals_language(qtbot) -> None:
    switch = LanguageSwitch(default="es")
    try:
        assert switch.default == "es"
        switch.apply("en")
        switch.apply_default()
        assert i18n.active().code == "es"
    finally:
        switch.apply("en")
    assert LanguageSwitch(default="xx").default == "en"  # an unknown site value falls back to English


def test_an_unknown_language_changes_nothing(qtbot) -> None:
    switch = LanguageSwitch()
    assert switch.apply("fr") is False
    assert i18n.active().code == "en"


def test_any_switch_going_back_to_english_removes_qt_spanish(qtbot) -> None:
    """Two switches (the window's and another) never leave Qt's Spanish installed behind each other's back."""
    first, second = LanguageSwitch(), LanguageSwitch()
    try:
        first.apply("es")
        second.apply("en")
        assert _standard_buttons() == ["Cancel", "Save"]
    finally:
        first.apply("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
