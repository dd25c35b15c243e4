"""The language the app speaks right now, for every part at once: our own messages, Qt's own dialogs, formats.

`LanguageSwitch` is the one place that changes it (issue 13). It makes a gettext catalog active
(`core.i18n.set_active`), installs Qt's bundled translation of its own texts (`qtbase_es.qm`: the file and colour
dialogs, "Cancel" and "Save" on standard buttons, the context menu of a text field) and sets the default QLocale
(calendar pop-ups, date fields). It remembers the machine's default (the hospital's `language` key, else English),
which comes back when a family's journal locks. The screens themselves are rebuilt by the main window when
`changed` fires, so a widget never needs to retranslate itself.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from nec_companion.core import i18n

log = logging.getLogger("nec_companion")


#: Qt's own translation installed now. One for the whole app, whichever switch installed it, so going back to
#: English from any switch removes it (two switches never stack translations).
_installed: QTranslator | None = None


def qt_translations_dir() -> str:
    """Where PySide6 keeps Qt's own translations (inside the wheel, and inside the frozen app)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


class LanguageSwitch(QObject):
    """Changes the active language for the app and for Qt; `changed(code)` fires after a real change."""

    changed = Signal(str)

    def __init__(self, default: str = i18n.DEFAULT_LANGUAGE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._default = default if default in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        self._code = ""

    @property
    def code(self) -> str:
        """The code of the language spoken now ("en", "es")."""
        return self._code or i18n.active().code

    @property
    def default(self) -> str:
        """The machine's language: the hospital's choice, else English. It comes back when a journal locks."""
        return self._default

    def apply(self, code: str) -> bool:
        """Speak `code` from now on; returns whether anything changed. An unknown code or a damaged catalog
        leaves the language as it was (logged: it is an installation problem, never a family's)."""
        previous = self.code
        if code == previous and self._code:
            return False
        try:
            language = i18n.language(code)
        except i18n.CatalogProblem as problem:
            log.warning("language %s could not be loaded: %s", code, problem)
            return False
        i18n.set_active(language)
        self._install_qt_translation(code)
        QLocale.setDefault(QLocale(i18n.CLDR_LOCALES[code]))
        changed = code != previous
        self._code = code
        if changed:
            self.changed.emit(code)
        return changed

    def apply_default(self) -> bool:
        """Back to the machine's language (the journal locked, or the app starts)."""
        return self.apply(self._default)

    def _install_qt_translation(self, code: str) -> None:
        global _installed
        app = QCoreApplication.instance()
        if _installed is not None:
            if app is not None:
                app.removeTranslator(_installed)
            _installed = None
        if code == "en" or app is None:
            return
        translator = QTranslator(app)
        if translator.load(f"qtbase_{code}", qt_translations_dir()):
            app.installTranslator(translator)
            _installed = translator
        else:  # the app still works: only Qt's own buttons stay in English
            log.warning("Qt's own translations for %s are missing from %s", code, qt_translations_dir())
