"""A passphrase field: hidden by default, a Show button, paste allowed, no predictive text or history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from nec_companion.core.i18n import _, pgettext


def mark_sensitive(edit: QLineEdit) -> None:
    """Input-method hints for private text: no prediction, no learning, no on-screen keyboard history."""
    edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText |
                             Qt.InputMethodHint.ImhNoAutoUppercase)


class PassphraseEdit(QWidget):
    """Signals: text_changed(str), submitted()."""

    text_changed = Signal(str)
    submitted = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        mark_sensitive(self.edit)
        self.edit.textChanged.connect(self.text_changed)
        self.edit.returnPressed.connect(self.submitted)
        self.toggle = QPushButton(pgettext("passphrase", "Show"), self)
        self.toggle.setCheckable(True)
        # Translators: {field} is the field's name in lower case, e.g. "passphrase": "Show passphrase".
        self.toggle.setAccessibleName(_("Show {field}").format(field=accessible_name.lower()))
        self.toggle.toggled.connect(self._toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)

    def _toggle(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setText(pgettext("passphrase", "Hide") if shown else pgettext("passphrase", "Show"))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming, like QLineEdit)
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()
        self.toggle.setChecked(False)
