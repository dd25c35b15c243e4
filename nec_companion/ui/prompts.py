"""Confirmations and messages behind one small object, so tests script the answers instead of patching Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

from nec_companion.core.i18n import _


def forget_file_dialog_history() -> None:
    """Qt remembers recent folders and files of its file dialog in its own settings; on a shared computer the
    next family must not see where this one saved things, so that memory is wiped after every dialog."""
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.remove("Qt/filedialog")
    settings.sync()


class Prompts:
    """The real dialogs. Each returns plainly what the person chose.

    Their text is always shown as plain text (it may hold a journal's label, a file name or a backup's label,
    which anyone can set: never markup), and each dialog is deleted once answered, so what it showed does not
    stay behind in memory.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, *, yes: str | None = None, no: str | None = None) -> bool:
        box = self._message_box(QMessageBox.Icon.Question, title, text)
        yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        chosen = box.clickedButton() is yes_button
        box.deleteLater()
        return chosen

    def typed_confirmation(self, title: str, text: str, *, expected: str) -> bool:
        typed = self._ask_text(title, text, QLineEdit.EchoMode.Normal)
        return typed is not None and typed.strip().casefold() == expected.strip().casefold()

    def ask_secret(self, title: str, text: str) -> str | None:
        return self._ask_text(title, text, QLineEdit.EchoMode.Password)

    def inform(self, title: str, text: str) -> None:
        box = self._message_box(QMessageBox.Icon.Information, title, text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        box.deleteLater()

    def _message_box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, parent=self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box

    def _ask_text(self, title: str, text: str, echo: QLineEdit.EchoMode) -> str | None:
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setLabelText(text)
        dialog.setTextEchoMode(echo)
        dialog.setTextValue("")
        for label in dialog.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        typed = dialog.textValue()
        dialog.deleteLater()
        return typed if accepted else None

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        """Qt's own dialog (not the system's): the system dialog keeps a "recent files" list of its own."""
        try:
            name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), file_filter,
                                                  options=QFileDialog.Option.DontUseNativeDialog)
        finally:
            forget_file_dialog_history()
        return Path(name) if name else None

    def choose_folder(self, title: str, start: Path) -> Path | None:
        try:
            name = QFileDialog.getExistingDirectory(self.parent, title, str(start),
                                                    QFileDialog.Option.DontUseNativeDialog |
                                                    QFileDialog.Option.ShowDirsOnly)
        finally:
            forget_file_dialog_history()
        return Path(name) if name else None

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
        try:
            name, _ = QFileDialog.getOpenFileName(self.parent, title, str(start), file_filter,
                                                  options=QFileDialog.Option.DontUseNativeDialog)
        finally:
            forget_file_dialog_history()
        return Path(name) if name else None

    def warn(self, title: str, text: str) -> None:
        box = self._message_box(QMessageBox.Icon.Warning, title, text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        box.deleteLater()


class ScriptedPrompts(Prompts):
    """For tests: answers from lists, and a record of every question asked."""

    def __init__(self, *, confirms: list[bool] | None = None, typed: list[bool] | None = None,
                 secrets: list[str | None] | None = None, paths: list[Path | None] | None = None) -> None:
        super().__init__(None)
        self.confirms = list(confirms or [])
        self.typed = list(typed or [])
        self.secrets = list(secrets or [])
        self.paths = list(paths or [])
        self.asked: list[tuple[str, str]] = []

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.asked.append(("save_file", str(suggested)))
        return self.paths.pop(0) if self.paths else None

    def choose_folder(self, title: str, start: Path) -> Path | None:
        self.asked.append(("choose_folder", str(start)))
        return self.paths.pop(0) if self.paths else None

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
        self.asked.append(("open_file", str(start)))
        return self.paths.pop(0) if self.paths else None

    def confirm(self, title: str, text: str, *, yes: str | None = None, no: str | None = None) -> bool:
        self.asked.append(("confirm", text))
        return self.confirms.pop(0) if self.confirms else False

    def typed_confirmation(self, title: str, text: str, *, expected: str) -> bool:
        self.asked.append(("typed", text))
        return self.typed.pop(0) if self.typed else False

    def ask_secret(self, title: str, text: str) -> str | None:
        self.asked.append(("secret", text))
        return self.secrets.pop(0) if self.secrets else None

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", text))

    def warn(self, title: str, text: str) -> None:
        self.asked.append(("warn", text))
