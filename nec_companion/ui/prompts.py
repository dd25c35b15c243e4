"""Confirmations and messages behind one small object, so tests script the answers instead of patching Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def forget_file_dialog_history() -> None:
    """Qt remembers recent folders and files of its file dialog in its own settings; on a shared computer the
    next family must not see where this one saved things, so that memory is wiped after every dialog."""
    settings = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.remove("Qt/filedialog")
    settings.sync()


class Prompts:
    """The real dialogs. Each returns plainly what the person chose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str, *, yes: str = "Yes", no: str = "Cancel") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes_button

    def typed_confirmation(self, title: str, text: str, *, expected: str) -> bool:
        typed, ok = QInputDialog.getText(self.parent, title, text, QLineEdit.EchoMode.Normal, "")
        return bool(ok) and typed.strip().casefold() == expected.strip().casefold()

    def ask_secret(self, title: str, text: str) -> str | None:
        typed, ok = QInputDialog.getText(self.parent, title, text, QLineEdit.EchoMode.Password, "")
        return typed if ok else None

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

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
        QMessageBox.warning(self.parent, title, text)


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

    def confirm(self, title: str, text: str, *, yes: str = "Yes", no: str = "Cancel") -> bool:
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
