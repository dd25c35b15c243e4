"""Table model and filter proxy for the family's questions (model → proxy → view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import N_, _, active
from nec_companion.core.questions import Question, Status, Topic

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (N_("Question"), N_("For"), N_("Topic"), N_("Priority"), N_("Status"), N_("Answer"))
_Index = QModelIndex | QPersistentModelIndex


class QuestionsTableModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[Question] = []
        self._baby_name: Callable[[BabyId | None], str] = lambda _b: _("All babies")

    def set_rows(self, questions: tuple[Question, ...] | list[Question], *,
                 baby_name: Callable[[BabyId | None], str]) -> None:
        self.beginResetModel()
        self._rows = list(questions)
        self._baby_name = baby_name
        self.endResetModel()

    def question_at(self, row: int) -> Question | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, question_id: int) -> int | None:
        return next((i for i, q in enumerate(self._rows) if q.question_id == question_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802,B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        question = self._rows[index.row()]
        column = index.column()
        if role == ENTITY_ROLE:
            return question
        if role == SORT_ROLE:
            return (question.position, self._baby_name(question.baby_id), question.topic.value,
                    int(question.priority), list(Status).index(question.status),
                    question.answer.answered_at.isoformat() if question.answer else "")[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 5):
            return question.text if column == 0 else (question.answer.text if question.answer else None)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == 0:
            return question.text
        if column == 1:
            return self._baby_name(question.baby_id)
        if column == 2:
            return question.topic.label
        if column == 3:
            return question.priority.label
        if column == 4:
            return question.status.label
        if question.answer is None:
            return ""
        answered = question.answer.answered_at.astimezone()
        language = active()
        # Translators: who answered a question and when, e.g. "Nurse, Mar 10, 2026 2:30 PM".
        who_when = _("{role}, {date} {time}").format(role=question.answer.role.label,
                                                     date=language.date(answered.date(), style="medium"),
                                                     time=language.time(answered))
        if not question.answer.text:
            return who_when
        # Translators: {who_when} is "Nurse, Mar 10, 2026 2:30 PM"; {answer} is what they said.
        return _("{who_when}: {answer}").format(who_when=who_when, answer=question.answer.text)


class QuestionsFilter(QSortFilterProxyModel):
    """Filters by status group, baby, topic and words; sorts on raw keys (the family's order by default)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._status: str = "open"  # "open", "answered", "all"
        self._baby: BabyId | None | str = "any"
        self._topic: Topic | None = None
        self._words: str = ""

    def set_filters(self, *, status: str | None = None, baby: BabyId | None | str = "unchanged",
                    topic: Topic | None | str = "unchanged", words: str | None = None) -> None:
        self.beginFilterChange()
        if status is not None:
            self._status = status
        if baby != "unchanged":
            self._baby = baby
        if topic != "unchanged":
            self._topic = topic  # type: ignore[assignment]
        if words is not None:
            self._words = words.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        question = model.question_at(source_row) if isinstance(model, QuestionsTableModel) else None
        if question is None:
            return False
        if self._status == "open" and not question.status.is_open:
            return False
        if self._status == "answered" and question.status is not Status.ANSWERED:
            return False
        if self._baby != "any" and question.baby_id not in (self._baby, None):
            return False
        if self._topic is not None and question.topic is not self._topic:
            return False
        if self._words:
            haystack = f"{question.text} {question.answer.text if question.answer else ''}".casefold()
            return all(word in haystack for word in self._words.split())
        return True
