"""Question and answer dialogs: keyboard first (Ctrl+Enter saves), no business rules here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.i18n import _
from nec_companion.core.questions import Priority, Question, QuestionDraft, Role, Topic
from nec_companion.ui.drafts import confirm_discard, make_draftable
from nec_companion.ui.widgets.fitted_dialog import FittedDialog
from nec_companion.ui.widgets.passphrase_edit import mark_sensitive


def _private_text(parent: QWidget, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit


def _buttons(dialog: FittedDialog, accept_text: str, on_accept: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    # Translators: a button's tooltip, e.g. "Save question (Ctrl+Enter)".
    ok.setToolTip(_("{button} (Ctrl+Enter)").format(button=accept_text))
    buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog).activated.connect(on_accept)
    return buttons


class QuestionDialog(FittedDialog):
    """A question: the words, which baby, topic and priority."""

    def __init__(self, *, babies: tuple[Baby, ...], question: Question | None = None,
                 prompts: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.setWindowTitle(_("Edit question") if question else _("Add a question"))
        self.setModal(True)
        self.draft: QuestionDraft | None = None
        self.text = _private_text(self, _("Question"))
        self.text.setPlaceholderText(_("For example: How much milk is my baby getting now, and when will that "
                                       "change?"))
        self.baby = QComboBox(self)
        self.baby.setAccessibleName(_("About which baby"))
        # One baby: the question is about that baby (kept with it, so it still shows the right name after a twin
        # is added); several: "All babies" or one of them.
        if len(babies) == 1:
            self.baby.addItem(babies[0].nickname, int(babies[0].baby_id))
        else:
            self.baby.addItem(_("All babies"), None)
        if len(babies) > 1:
            for baby in babies:
                self.baby.addItem(baby.nickname, int(baby.baby_id))
        self.topic = QComboBox(self)
        self.topic.setAccessibleName(_("Topic"))
        for topic in Topic:
            self.topic.addItem(topic.label, topic.value)
        self.priority = QComboBox(self)
        self.priority.setAccessibleName(_("Priority"))
        for priority in Priority:
            self.priority.addItem(priority.label, int(priority))
        self.priority.setCurrentIndex(1)
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #8a1c1c;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(_("Question:"), self.text)
        form.addRow(_("About:"), self.baby)
        form.addRow(_("Topic:"), self.topic)
        form.addRow(_("Priority:"), self.priority)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, _("Save question"), self._accept))
        if question is not None:
            self.text.setPlainText(question.text)
            self.baby.setCurrentIndex(max(0, self.baby.findData(int(question.baby_id) if question.baby_id else None)))
            self.topic.setCurrentIndex(self.topic.findData(question.topic.value))
            self.priority.setCurrentIndex(self.priority.findData(int(question.priority)))
        self.text.setFocus()
        make_draftable(self, kind="question", title=self.windowTitle(),
                       reopen={"question_id": int(question.question_id) if question is not None else None})

    def reject(self) -> None:
        if self.prompts is None or confirm_discard(self, self.prompts):
            super().reject()

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.problem.setText(_("Please type the question you want to ask."))
            self.problem.show()
            return
        baby = self.baby.currentData()
        self.draft = QuestionDraft(text=self.text.toPlainText(), topic=Topic(self.topic.currentData()),
                                   priority=Priority(self.priority.currentData()),
                                   baby_id=BabyId(int(baby)) if baby is not None else None)
        self.accept()


class AnswerDialog(FittedDialog):
    """Record the answer right after rounds: what was said, who said it (role only), when."""

    def __init__(self, *, question: Question, now: dt.datetime, prompts: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.setWindowTitle(_("Record the answer"))
        self.setModal(True)
        self.result_answer: tuple[str, Role, dt.datetime] | None = None
        asked = QLabel(f"<b>{_escape(question.text)}</b>", self)
        asked.setWordWrap(True)
        asked.setTextFormat(Qt.TextFormat.RichText)
        self.text = _private_text(self, _("Answer"))
        self.text.setPlaceholderText(_("What did they say? A few words are enough."))
        if question.answer is not None:
            self.text.setPlainText(question.answer.text)
        self.role = QComboBox(self)
        self.role.setAccessibleName(_("Who answered"))
        self.role.addItem(_("Choose who answered\u2026"), None)  # no default: a guessed role would be wrong data
        for role in Role:
            self.role.addItem(role.label, role.value)
        if question.answer is not None:
            self.role.setCurrentIndex(self.role.findData(question.answer.role.value))
        self.role_problem = QLabel(_("Please choose who answered. Their role is enough, no name."), self)
        self.role_problem.setWordWrap(True)
        self.role_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.role_problem.hide()
        self.when = QDateTimeEdit(self)
        self.when.setAccessibleName(_("When"))
        self.when.setDisplayFormat("d MMM yyyy HH:mm")
        local = (question.answer.answered_at if question.answer else now).astimezone()
        self.when.setDateTime(QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0))
        form = QFormLayout()
        form.addRow(_("Answer:"), self.text)
        form.addRow(_("Who answered:"), self.role)
        form.addRow("", self.role_problem)
        form.addRow(_("When:"), self.when)
        layout = QVBoxLayout(self)
        layout.addWidget(asked)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, _("Save answer"), self._accept))
        self.text.setFocus()
        make_draftable(self, kind="answer", title=self.windowTitle(),
                       reopen={"question_id": int(question.question_id)})

    def reject(self) -> None:
        if self.prompts is None or confirm_discard(self, self.prompts):
            super().reject()

    def _accept(self) -> None:
        if self.role.currentData() is None:
            self.role_problem.show()
            self.role.setFocus()
            return
        value = self.when.dateTime()
        date, time = value.date(), value.time()
        local = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute()).astimezone()
        self.result_answer = (self.text.toPlainText(), Role(self.role.currentData()), local)
        self.accept()


def _escape(text: str) -> str:
    import html

    return html.escape(text)


__all__ = ["AnswerDialog", "QuestionDialog", "mark_sensitive"]
