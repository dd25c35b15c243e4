"""`EntryEditor`: opens the entry dialogs, saves what they return through `JournalEntries`, and tells every entry
screen what changed. One per open journal; every screen adds, edits, deletes and undoes through it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from nec_companion.core.babies import Baby, BabyId
from nec_companion.core.entries import EntryKind, JournalEntry, entry_kind
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import _
from nec_companion.core.plausibility import EntryCheck
from nec_companion.journal import ConfirmationNeeded, EntryChange, EntryRejected, JournalEntries
from nec_companion.ui.drafts import apply_state
from nec_companion.ui.entries.dialogs import DIALOGS, EntryDialog
from nec_companion.ui.entries.fields import VolumeUnit
from nec_companion.ui.prompts import Prompts

_MAX_REOPEN = 5


class EntryEditor(QObject):
    """Signals: changed(EntryChange) after every successful add, edit, delete or undo (after `on_changed()`,
    which schedules the encrypted save); dialog_opened(EntryDialog) as each dialog opens (for tests)."""

    changed = Signal(object)
    dialog_opened = Signal(object)

    def __init__(self, *, entries: JournalEntries, babies: Callable[[], tuple[Baby, ...]], prompts: Prompts,
                 on_changed: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.babies = babies
        self.prompts = prompts
        self._on_changed = on_changed
        self.add_baby_first: Callable[[], bool] | None = None
        """Opens "Add a baby" (set by the journal screen); True when a baby was added."""
        self.volume_unit = VolumeUnit.ML
        """The unit the family last typed amounts in (mL or US fl oz): the next dialog opens with it."""

    # ------------------------------------------------------------------------------------------ dialogs

    def add(self, kind: EntryKind, *, parent: QWidget | None = None, baby_id: BabyId | None = None,
            preset: object = None) -> EntryChange | None:
        """Open the dialog for a new entry of `kind`; save it. None when cancelled or not saved."""
        return self._edit_loop(kind, None, parent=parent, baby_id=baby_id, preset=preset)

    def edit(self, entry: JournalEntry, *, parent: QWidget | None = None) -> EntryChange | None:
        return self._edit_loop(entry_kind(entry), entry, parent=parent, baby_id=None, preset=None)

    def reopen_draft(self, reopen: dict[str, Any], fields: dict[str, Any], *,
                     parent: QWidget | None = None) -> EntryChange | None:
        """Open again the dialog the family was typing in when the journal locked, with what they typed."""
        try:
            kind = EntryKind(reopen.get("kind"))
        except ValueError:
            return None
        original = None
        if reopen.get("editing") and reopen.get("entry_id") is not None:
            try:
                original = self.entries.get(kind, int(reopen["entry_id"]))
            except (JournalError, TypeError, ValueError):
                original = None
        return self._edit_loop(kind, original, parent=parent, baby_id=None, preset=None, restore=fields)

    def _edit_loop(self, kind: EntryKind, original: JournalEntry | None, *, parent: QWidget | None,
                   baby_id: BabyId | None, preset: object,
                   restore: dict[str, Any] | None = None) -> EntryChange | None:
        try:
            babies = self.babies()
        except JournalError as error:
            self.prompts.warn(_("Not available"), error.user_text())
            return None
        if kind not in (EntryKind.PUMPING, EntryKind.NOTE) and not babies:  # pumping and family notes need none
            # Never a dead end: offer to add the baby now, then carry on to what the family wanted to record.
            if self.add_baby_first is None or not self.prompts.confirm(
                    _("Add your baby first"), _("To record this, first add your baby (a nickname, the birth date and "
                                                "the weeks of pregnancy at birth). It takes a minute."),
                    yes=_("Add your baby now"), no=_("Not now")):
                return None
            if not self.add_baby_first():
                return None
            try:
                babies = self.babies()
            except JournalError:
                return None
            if not babies:
                return None
        draft = original
        check: EntryCheck | None = None
        for _attempt in range(_MAX_REOPEN):
            dialog = self._dialog(kind, draft, editing=original is not None, babies=babies, baby_id=baby_id,
                                  preset=preset, parent=parent)
            if dialog is None:
                return None
            if restore:
                apply_state(dialog, restore)
                restore = None
            if check is not None:
                dialog.show_check(check)
            self.dialog_opened.emit(dialog)
            accepted = dialog.exec() == EntryDialog.DialogCode.Accepted and dialog.result_entry is not None
            self.volume_unit = dialog.volume_unit
            result, confirmed = dialog.result_entry, dialog.confirmed
            dialog.deleteLater()
            if not accepted or result is None:
                return None
            try:
                change = self._save(result, confirmed=confirmed, update=original is not None)
            except EntryRejected as error:  # the journal changed while the dialog was open: show why, keep typing
                draft, check = result, error.check
                continue
            except JournalError as error:
                self.prompts.warn(_("Not saved"), error.user_text())
                return None
            if change is None:  # "Go back" to a late confirmation
                draft, check = result, None
                continue
            return self._done(change)
        return None

    def _dialog(self, kind: EntryKind, entry: JournalEntry | None, *, editing: bool, babies: tuple[Baby, ...],
                baby_id: BabyId | None, preset: object, parent: QWidget | None) -> EntryDialog | None:
        try:
            dialog = DIALOGS[kind](entries=self.entries, babies=babies, prompts=self.prompts, entry=entry,
                                   editing=editing, volume_unit=self.volume_unit, preset=preset, parent=parent)
            if entry is None and baby_id is not None:
                dialog.set_baby(baby_id)
        except JournalError as error:
            self.prompts.warn(_("Not available"), error.user_text())
            return None
        return dialog

    def _save(self, entry: JournalEntry, *, confirmed: bool, update: bool) -> EntryChange | None:
        write = self.entries.update if update else self.entries.add
        try:
            return write(entry, confirmed=confirmed)
        except ConfirmationNeeded as error:
            if not self.prompts.confirm(_("Please check"), error.question, yes=_("Save it"), no=_("Go back")):
                return None
            return write(entry, confirmed=True)

    # ------------------------------------------------------------------------------------------ delete, undo

    def delete(self, entry: JournalEntry) -> EntryChange | None:
        try:
            change = self.entries.delete(entry)
        except JournalError as error:
            self.prompts.warn(_("Not deleted"), error.user_text())
            return None
        return self._done(change)

    def undo(self, change: EntryChange) -> EntryChange | None:
        try:
            reverse = self.entries.undo(change)
        except JournalError as error:
            self.prompts.warn(_("Couldn't undo"), error.user_text())
            return None
        return self._done(reverse)

    def _done(self, change: EntryChange) -> EntryChange:
        self._on_changed()
        self.changed.emit(change)
        return change


__all__ = ["EntryEditor"]
