"""`BabyBook`: the babies in one open journal (no Qt), like `QuestionBook` for questions.

Every change is validated in `core.babies` (the family gets a message per field in `BabyRejected`), written in
one transaction on the journal's in-memory database, marks the journal changed (saved with the next save),
and returns a `BabyChange` the UI refreshes just that row from. Deleting a baby deletes that baby's entries
(ON DELETE CASCADE). `OpenJournal.babies()`, `.add_baby()`, ... are thin delegates to this book.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from nec_companion.core.babies import Baby, BabyDetails, BabyId, validate_baby
from nec_companion.core.clock import Clock
from nec_companion.core.errors import BabyRejected
from nec_companion.core.i18n import _
from nec_companion.storage import babies_table

if TYPE_CHECKING:
    from nec_companion.storage.journal import OpenJournal


class ChangeKind(enum.Enum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True)
class BabyChange:
    """What a babies call changed, so the UI can refresh just that row. `baby` is None after a delete."""

    kind: ChangeKind
    baby_id: BabyId
    baby: Baby | None


class BabyBook:
    """Add, change, delete and list the babies of one open journal (raises JournalClosed once it is locked)."""

    def __init__(self, journal: OpenJournal, *, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    def all(self) -> tuple[Baby, ...]:
        """Every baby, oldest birth date first."""
        return babies_table.list_babies(self._journal.database.connection)

    def get(self, baby_id: BabyId) -> Baby | None:
        return babies_table.get_baby(self._journal.database.connection, baby_id)

    def add(self, details: BabyDetails) -> BabyChange:
        """Validate and add a baby. Raises BabyRejected with a message per field."""
        cleaned = self._validated(details)
        with self._journal.database.transaction() as connection:
            baby_id = babies_table.insert_baby(connection, cleaned, now=self._clock.now())
        self._journal.mark_changed()
        return BabyChange(ChangeKind.ADDED, baby_id, self.get(baby_id))

    def update(self, baby_id: BabyId, details: BabyDetails) -> BabyChange:
        """Validate and change a baby's details. Raises BabyRejected (also when the baby was deleted)."""
        cleaned = self._validated(details)
        with self._journal.database.transaction() as connection:
            found = babies_table.update_baby(connection, baby_id=baby_id, details=cleaned, now=self._clock.now())
        if not found:
            raise BabyRejected((("baby", _("This baby is no longer in the journal.")),))
        self._journal.mark_changed()
        return BabyChange(ChangeKind.UPDATED, baby_id, self.get(baby_id))

    def delete(self, baby_id: BabyId) -> BabyChange:
        """Delete a baby and that baby's entries; deleting a baby that is already gone changes nothing."""
        with self._journal.database.transaction() as connection:
            found = babies_table.delete_baby(connection, baby_id)
        if found:
            self._journal.mark_changed()
        return BabyChange(ChangeKind.DELETED, baby_id, None)

    def _today(self) -> date:
        return self._clock.now().astimezone().date()

    def _validated(self, details: BabyDetails) -> BabyDetails:
        try:
            cleaned = details.cleaned()
            problems = validate_baby(cleaned, today=self._today())
        except (AttributeError, TypeError, ValueError) as error:
            # Translators: {problem} is a short technical reason, shown in brackets after the request.
            message = _("Please check the baby's details ({problem}).").format(problem=error)
            raise BabyRejected((("details", message),)) from None
        if problems:
            raise BabyRejected(tuple((problem.field, problem.message) for problem in problems))
        return cleaned


__all__ = ["BabyBook", "BabyChange", "ChangeKind"]
