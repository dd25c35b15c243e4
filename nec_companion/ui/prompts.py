"""Confirmations and messages behind one small object, so tests script the answers instead of patching Qt."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


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

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)


class ScriptedPrompts(Prompts):
    """For tests: answers from lists, and a record of every question asked."""

    def __init__(self, *, confirms: list[bool] | None = None, typed: list[bool] | None = None,
                 secrets: list[str | None] | None = None) -> None:
        super().__init__(None)
        self.confirms = list(confirms or [])
        self.typed = list(typed or [])
        self.secrets = list(secrets or [])
        self.asked: list[tuple[str, str]] = []

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
