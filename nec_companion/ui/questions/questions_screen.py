"""The Questions tab: the family's list (filter, search, reorder, answer fast) and the suggested-question bank."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.clock import Clock
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import _, active
from nec_companion.core.questions import (
    Question,
    QuestionDraft,
    QuestionId,
    Status,
    SuggestedQuestion,
    Topic,
    question_key,
)
from nec_companion.storage.question_book import QuestionBook, QuestionChange, QuestionChangeKind
from nec_companion.ui.drafts import apply_state
from nec_companion.ui.prompts import Prompts
from nec_companion.ui.questions.dialogs import AnswerDialog, QuestionDialog
from nec_companion.ui.questions.model import QuestionsFilter, QuestionsTableModel
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.scroll_page import scroll_page

BANK_ROLE = Qt.ItemDataRole.UserRole + 5


class QuestionsScreen(QWidget):
    """Signals: changed(): something on the list changed (the session saves soon)."""

    changed = Signal()

    def __init__(self, *, book: QuestionBook, babies: Callable[[], tuple[Baby, ...]], clock: Clock,
                 prompts: Prompts, suggestions: Callable[[], list[SuggestedQuestion]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self._babies = babies
        self._clock = clock
        self.prompts = prompts
        self._suggestions = suggestions
        self._undo: Question | None = None

        self.model = QuestionsTableModel(self)
        self.proxy = QuestionsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("My questions"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it), like the entry tables
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):  # short words ("Priority", "Prioridad"): as wide as their header or values
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _i: self.record_answer())

        self.add_button = QPushButton(_("Add a question…"), self)
        self.add_button.setToolTip(_("Add a question (Ctrl+N)"))
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(_("Show"))
        for label, key in ((_("Still to ask"), "open"), (_("Answered"), "answered"), (_("All questions"), "all")):
            self.status_filter.addItem(label, key)
        self.baby_filter = QComboBox(self)
        self.baby_filter.setAccessibleName(_("Which baby"))
        self.topic_filter = QComboBox(self)
        self.topic_filter.setAccessibleName(_("Topic"))
        self.topic_filter.addItem(_("All topics"), None)
        for topic in Topic:
            self.topic_filter.addItem(topic.label, topic.value)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search my questions and answers"))
        self.search.setAccessibleName(_("Search my questions and answers"))
        self.search.setClearButtonEnabled(True)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.baby_filter.currentIndexChanged.connect(self._filters_changed)
        self.topic_filter.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)

        self.answer_button = QPushButton(_("Record answer…"), self)
        self.answer_button.setToolTip(_("Record the answer (Enter or Ctrl+R)"))
        self.asked_button = QPushButton(_("Mark as asked"), self)
        self.not_needed_button = QPushButton(_("No longer needed"), self)
        self.reopen_button = QPushButton(_("Ask again"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.delete_button = QPushButton(_("Delete"), self)
        self.up_button = QPushButton(_("Move up"), self)
        self.up_button.setToolTip(_("Move up (Alt+Up)"))
        self.down_button = QPushButton(_("Move down"), self)
        self.down_button.setToolTip(_("Move down (Alt+Down)"))
        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("banner")
        undo_layout = QHBoxLayout(self.undo_bar)
        self.undo_label = QLabel("", self.undo_bar)
        self.undo_button = QPushButton(_("Undo"), self.undo_bar)
        self.undo_button.setAccessibleName(_("Undo delete"))
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(_("Message"))
        self.message.hide()

        self.bank = QTreeWidget(self)
        self.bank.setHeaderHidden(True)
        self.bank.setAccessibleName(_("Suggested questions from the library"))
        self.bank.setWordWrap(True)
        self.bank.itemActivated.connect(lambda item, _c: self.add_from_bank(item))
        self.bank_add = QPushButton(_("Add to my questions"), self)
        self.bank_add.setAccessibleDescription(_("Add the chosen suggested question to my questions"))

        for button, slot in ((self.add_button, self.add_question), (self.answer_button, self.record_answer),
                             (self.asked_button, lambda: self.set_status(Status.ASKED)),
                             (self.not_needed_button, lambda: self.set_status(Status.NOT_NEEDED)),
                             (self.reopen_button, lambda: self.set_status(Status.TO_ASK)),
                             (self.edit_button, self.edit_question), (self.delete_button, self.delete_question),
                             (self.up_button, lambda: self.move_question(-1)),
                             (self.down_button, lambda: self.move_question(1)),
                             (self.undo_button, self.undo_delete),
                             (self.bank_add, lambda: self.add_from_bank(self.bank.currentItem()))):
            button.clicked.connect(slot)

        # Rows that wrap (widgets/flow.py): at 200 % text the buttons move to a second row instead of being cut.
        top = FlowLayout()
        top.addWidget(self.add_button)
        # Each filter has a visible label as its buddy: on Linux a combo box's name is its current item, and a
        # screen reader finds what it is for through the label.
        for text, box in ((_("Show:"), self.status_filter), (_("Baby:"), self.baby_filter),
                          (_("Topic:"), self.topic_filter)):
            buddy = QLabel(text, self)
            buddy.setBuddy(box)
            if box is self.baby_filter:
                self.baby_filter_label = buddy
            top.addWidget(buddy)
            top.addWidget(box)
        top.addWidget(self.search)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M" * 12))
        actions = FlowLayout()
        for button in (self.answer_button, self.asked_button, self.not_needed_button, self.reopen_button,
                       self.edit_button, self.delete_button, self.up_button, self.down_button):
            actions.addWidget(button)
        mine = QWidget(self)
        mine_layout = QVBoxLayout(mine)
        mine_layout.setContentsMargins(0, 0, 0, 0)
        mine_layout.addLayout(top)
        mine_layout.addWidget(self.undo_bar)
        mine_layout.addWidget(self.table, 1)
        mine_layout.addLayout(actions)
        mine_layout.addWidget(self.message)
        # The suggested-question bank starts folded away (walkthrough #3): the family's own list gets the room,
        # and one button opens the bank underneath it.
        self.bank_toggle = QToolButton(self)
        self.bank_toggle.setCheckable(True)
        self.bank_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.bank_toggle.setAutoRaise(True)
        self.bank_toggle.toggled.connect(self.show_bank)
        self.bank_status = plain_label("", self)
        self.bank_status.setAccessibleDescription(_("Message"))
        self.bank_status.hide()
        self.bank_box = QWidget(self)
        bank_layout = QVBoxLayout(self.bank_box)
        bank_layout.setContentsMargins(0, 0, 0, 0)
        bank_layout.addWidget(plain_label(_("Questions other parents often ask, from the library's articles, "
                                            "by topic."), self.bank_box, muted=True))
        bank_layout.addWidget(self.bank, 1)
        bank_row = FlowLayout()
        bank_row.addWidget(self.bank_add)
        bank_row.addWidget(self.bank_status)
        bank_layout.addLayout(bank_row)
        self.bank_box.hide()
        # The table keeps room for several questions; when the window is short the whole page scrolls.
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 8)
        self.bank.setMinimumHeight(self.bank.fontMetrics().height() * 8)
        # One column, no splitter: rows that wrap ask for their height, which a splitter would not give them.
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 8, 0, 0)
        page_layout.addWidget(mine, 3)
        page_layout.addSpacing(12)
        page_layout.addWidget(self.bank_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        page_layout.addWidget(self.bank_box, 1)
        self._scroll = scroll_page(self, page)

        for keys, slot in (("Ctrl+N", self.add_question), ("Ctrl+R", self.record_answer),
                           ("Alt+Up", lambda: self.move_question(-1)), ("Alt+Down", lambda: self.move_question(1)),
                           (QKeySequence.StandardKey.Delete, self.delete_question)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.refresh()
        self.show_bank(False)

    # ----- the bank and messages -----
    def show_bank(self, shown: bool) -> None:
        """Open or fold the suggested-question bank (folded when the screen opens)."""
        self.bank_toggle.blockSignals(True)
        self.bank_toggle.setChecked(shown)
        self.bank_toggle.blockSignals(False)
        self.bank_box.setVisible(shown)
        self._name_bank_toggle()
        if shown:  # the bank opens under the family's eyes: once laid out, its button goes to the top of the view
            QTimer.singleShot(0, self._bank_to_top)

    def _bank_to_top(self) -> None:
        page = self._scroll.widget()
        if self.bank_box.isVisible() and page is not None:
            self._scroll.verticalScrollBar().setValue(self.bank_toggle.mapTo(page, QPoint(0, 0)).y() - 8)

    def _name_bank_toggle(self) -> None:
        shown = self.bank_toggle.isChecked()
        self.bank_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        count = sum(topic.childCount() for topic in self._bank_topics())
        # Translators: the button that opens or folds the list of suggested questions; {n} is how many there are.
        self.bank_toggle.setText(_("Suggested questions from the library ({n})").format(n=active().number(count)))
        self.bank_toggle.setAccessibleName(self.bank_toggle.text())
        self.bank_toggle.setAccessibleDescription(_("Hide the suggested questions") if shown else
                                                  _("Show the suggested questions"))

    def _tell(self, text: str, *, near_bank: bool = False) -> None:
        """Show a confirmation where the family is looking: beside "Add to my questions" for the bank, else under
        the list's buttons; scrolled into view and read out by a screen reader."""
        label = self.bank_status if near_bank and self.bank_box.isVisible() else self.message
        for other in (self.message, self.bank_status):
            if other is not label:
                other.setText("")
                other.hide()
        label.setText(text)
        label.setVisible(bool(text))  # an empty line takes no room between the buttons and the bank
        if text:
            # Once laid out (the label may just have appeared): scroll it into view.
            QTimer.singleShot(0, lambda: self._into_view(label))
            announce(label, text)

    def _into_view(self, label: QLabel) -> None:
        if label.isVisible():
            self._scroll.ensureWidgetVisible(label, 16, 16)

    # ----- data -----
    def _baby_name(self, baby_id: BabyId | None) -> str:
        if baby_id is None:
            return _("All babies")
        return next((b.nickname for b in self._babies() if b.baby_id == baby_id), _("All babies"))

    def refresh(self, *, select: int | None = None) -> None:
        babies = self._babies()
        self.baby_filter.blockSignals(True)
        current = self.baby_filter.currentData()
        self.baby_filter.clear()
        self.baby_filter.addItem(_("All babies"), None)
        for baby in babies:
            self.baby_filter.addItem(baby.nickname, int(baby.baby_id))
        self.baby_filter.setCurrentIndex(max(0, self.baby_filter.findData(current)))
        self.baby_filter.setVisible(len(babies) > 1)
        self.baby_filter_label.setVisible(len(babies) > 1)
        self.baby_filter.blockSignals(False)
        # High priority first, then the family's own order (the order the rounds sheet uses too).
        questions = tuple(sorted(self.book.all(), key=lambda q: (q.priority, q.position)))
        self.model.set_rows(questions, baby_name=self._baby_name)
        self.proxy.sort(-1)
        if select is not None:
            self.select(select)
        self._fill_bank(questions)

    def _bank_topics(self) -> list[QTreeWidgetItem]:
        items = (self.bank.topLevelItem(i) for i in range(self.bank.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _fill_bank(self, questions: tuple[Question, ...]) -> None:
        on_list = {question_key(q.text) for q in questions}
        # Filled again after every change: the open topics and the chosen suggestion stay as they were, so a
        # question just added shows "(on your list)" where the family is looking.
        opened = {topic.data(0, BANK_ROLE) for topic in self._bank_topics() if topic.isExpanded()}
        chosen = self.bank.currentItem()
        current = chosen.data(0, BANK_ROLE) if chosen is not None else None
        self.bank.clear()
        groups: dict[Topic, QTreeWidgetItem] = {}
        for suggestion in self._suggestions():
            parent = groups.get(suggestion.topic)
            if parent is None:
                parent = QTreeWidgetItem([suggestion.topic.label])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                parent.setData(0, BANK_ROLE, suggestion.topic.value)
                groups[suggestion.topic] = parent
                self.bank.addTopLevelItem(parent)
                parent.setExpanded(suggestion.topic.value in opened)
            already = question_key(suggestion.text) in on_list
            item = QTreeWidgetItem([_("{question}   (on your list)").format(question=suggestion.text) if already
                                     else suggestion.text])
            item.setData(0, BANK_ROLE, suggestion)
            item.setToolTip(0, _("From the article: {title}").format(title=suggestion.article_title))
            parent.addChild(item)
            if suggestion == current:
                self.bank.setCurrentItem(item)
        self._name_bank_toggle()

    def select(self, question_id: int) -> None:
        row = self.model.row_of(question_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def selected(self) -> Question | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            current = self.table.currentIndex()
            if not current.isValid():
                return None
            rows = [current]
        return self.model.question_at(self.proxy.mapToSource(rows[0]).row())

    def _filters_changed(self, *_args: object) -> None:
        baby = self.baby_filter.currentData()
        topic = self.topic_filter.currentData()
        self.proxy.set_filters(status=self.status_filter.currentData(),
                               baby="any" if baby is None else BabyId(int(baby)),
                               topic=Topic(topic) if topic else None, words=self.search.text())

    # ----- actions -----
    def _apply(self, action: Callable[[], QuestionChange], *, done: str = "",
               near_bank: bool = False) -> QuestionChange | None:
        try:
            change = action()
        except JournalError as error:
            self.prompts.warn(_("Not saved"), error.user_text())
            return None
        self.refresh(select=int(change.question.question_id))
        self._tell(done, near_bank=near_bank)
        if change.kind is not QuestionChangeKind.ALREADY_THERE:
            self.changed.emit()
        return change

    def reopen_draft(self, kind: str, reopen: dict[str, Any], fields: dict[str, Any]) -> None:
        """Open again a question or answer the family was typing when the journal locked, with their text."""
        question_id = reopen.get("question_id")
        question = None
        if question_id is not None:
            question = next((q for q in self.book.all() if int(q.question_id) == int(question_id)), None)
        if kind == "answer" and question is not None:
            self.refresh(select=int(question.question_id))
            self.record_answer(restore=fields)
        elif question is not None:
            self.refresh(select=int(question.question_id))
            self.edit_question(restore=fields)
        else:
            self.add_question(restore=fields)

    def add_question(self, restore: dict[str, Any] | None = None) -> None:
        dialog = QuestionDialog(babies=self._babies(), prompts=self.prompts, parent=self)
        if restore:
            apply_state(dialog, restore)
        if dialog.exec() != QuestionDialog.DialogCode.Accepted or dialog.draft is None:
            return
        draft = dialog.draft
        change = self._apply(lambda: self.book.add(draft), done=_("Question added."))
        if change is not None and change.kind is QuestionChangeKind.ALREADY_THERE:
            self._tell(_("That question is already on your list, so it was not added twice."))

    def add_suggested(self, suggestion: SuggestedQuestion) -> QuestionChange | None:
        draft = QuestionDraft(text=suggestion.text, topic=suggestion.topic, source_article=suggestion.article_slug)
        change = self._apply(lambda: self.book.add(draft), done=_("Added to your questions."), near_bank=True)
        if change is not None and change.kind is QuestionChangeKind.ALREADY_THERE:
            self._tell(_("That question is already on your list."), near_bank=True)
        return change

    def add_from_bank(self, item: QTreeWidgetItem | None) -> None:
        suggestion = item.data(0, BANK_ROLE) if item is not None else None
        if isinstance(suggestion, SuggestedQuestion):
            self.add_suggested(suggestion)

    def edit_question(self, restore: dict[str, Any] | None = None) -> None:
        question = self.selected()
        if question is None:
            return
        dialog = QuestionDialog(babies=self._babies(), question=question, prompts=self.prompts, parent=self)
        if restore:
            apply_state(dialog, restore)
        if dialog.exec() != QuestionDialog.DialogCode.Accepted or dialog.draft is None:
            return
        draft = dialog.draft
        self._apply(lambda: self.book.update(question.question_id, draft), done=_("Question saved."))

    def record_answer(self, restore: dict[str, Any] | None = None) -> None:
        question = self.selected()
        if question is None:
            self._tell(_("Choose a question in the list first."))
            return
        dialog = AnswerDialog(question=question, now=self._clock.now(), prompts=self.prompts, parent=self)
        if restore:
            apply_state(dialog, restore)
        if dialog.exec() != AnswerDialog.DialogCode.Accepted or dialog.result_answer is None:
            return
        text, role, when = dialog.result_answer
        self._apply(lambda: self.book.answer(question.question_id, text=text, role=role, answered_at=when),
                    done=_("Answer saved. You can see it under \u201cAnswered\u201d."))

    def set_status(self, status: Status) -> None:
        question = self.selected()
        if question is not None:
            self._apply(lambda: self.book.set_status(question.question_id, status))

    def delete_question(self) -> None:
        question = self.selected()
        if question is None:
            return
        change = self._apply(lambda: self.book.delete(question.question_id))
        if change is not None:
            self._undo = change.question
            short = question.text if len(question.text) < 60 else question.text[:57] + "…"
            self.undo_label.setText(_("Deleted \u201c{question}\u201d.").format(question=short))
            announce(self.undo_label, self.undo_label.text())
            self.undo_bar.show()

    def undo_delete(self) -> None:
        if self._undo is None:
            return
        question, self._undo = self._undo, None
        self.undo_bar.hide()
        self._apply(lambda: self.book.restore(question), done=_("Question put back."))

    def move_question(self, step: int) -> None:
        """Move the selected question `step` places up (negative) or down in the list."""
        question = self.selected()
        if question is None:
            return
        index = self.table.currentIndex()
        target_row = index.row() + step
        if not 0 <= target_row < self.proxy.rowCount():
            return
        neighbour = self.model.question_at(self.proxy.mapToSource(self.proxy.index(target_row, 0)).row())
        if neighbour is None:
            return
        if neighbour.priority != question.priority:
            # The list keeps high priority first; a move across that line would be undone at once.
            self._tell(_("To move it above that question, change its priority (Edit).") if step < 0 else
                       _("To move it below that question, change its priority (Edit)."))
            return
        before: QuestionId | None
        if step < 0:
            before = neighbour.question_id
        else:
            after_row = target_row + 1
            following = (self.model.question_at(self.proxy.mapToSource(self.proxy.index(after_row, 0)).row())
                         if after_row < self.proxy.rowCount() else None)
            before = following.question_id if following is not None else None
        self._apply(lambda: self.book.move(question.question_id, before=before))
