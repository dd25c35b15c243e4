"""What the backup code says to a family: its errors, each with a plain message and a next step that says that
nothing on this computer was changed, and the names a backup file has. No Qt. See `storage/backup.py`."""

from __future__ import annotations

from typing import ClassVar

from nec_companion.core.errors import (
    Damaged,
    InputRejected,
    JournalError,
    JournalNotFound,
    SaveFailed,
    SaveFailureReason,
    Unsupported,
    WrongPassphrase,
    WrongRecoveryCode,
)
from nec_companion.core.i18n import N_, _
from nec_companion.security.file_format import (
    MAX_FILE_SIZE,
)

BACKUP_SUFFIX = ".njx"
MAX_BACKUP_BYTES = MAX_FILE_SIZE
"""1 GiB, the journal format's own limit: anything larger is refused before it is read."""

# ------------------------------------------------------------------------------------------------ errors


class BackupNotFound(JournalNotFound):
    """The path is missing, a folder, not a regular file, or could not be read. Nothing was changed."""

    default_message = N_("That backup file could not be found.")
    default_next_step = N_(
        "If it is on a USB stick, check that the stick is plugged in, then choose the file again. "
        "Nothing on this computer was changed."
    )


class JournalAlreadyExists(JournalError):
    """This journal (same id) is already here; restore again with replace=True or keep_both=True."""

    default_message = N_("This journal is already on this computer.")
    default_next_step = N_(
        "Nothing was changed. Choose \u201cReplace\u201d to put the backup in its place (the copy on this "
        "computer is kept aside, not deleted), or \u201cKeep both\u201d to add the backup as a separate journal."
    )

    def __init__(self, *, journal_id: str, label: str) -> None:
        self.journal_id = journal_id
        self.label = label
        super().__init__()


class WrongPassphraseForJournalHere(WrongPassphrase):
    """Replace: the passphrase opened the backup but not the copy of the journal already on this computer."""

    default_message = N_("That opens the backup, but not the copy of this journal that is already on this computer.")
    default_next_step = N_(
        "Nothing was changed. To replace it, also type the passphrase that the journal on this computer opens "
        "with (it is different if the passphrase was changed on one of the computers), or choose \u201cKeep both\u201d."
    )


class BackupNeedsPassphrase(InputRejected):
    """keep_both with a recovery code: a separate copy needs the passphrase (its new key slot is made from it)."""

    def __init__(self) -> None:
        super().__init__(
            (_("To keep both copies, please open the backup with its passphrase, not the recovery code."),),
            next_step=_("If you have forgotten the passphrase, choose \u201cReplace\u201d instead. "
                        "Nothing was changed."),
        )


class BackupTargetRejected(InputRejected):
    """The chosen place for a backup can't be used (a folder, or the app's own journals folder)."""


_EXPORT_MESSAGES: dict[SaveFailureReason, tuple[str, str]] = {
    SaveFailureReason.DISK_FULL: (
        N_("The backup couldn't be made: there isn't enough free space there."),
        N_("Your journal is safe and unchanged. Free some space on the USB stick, or choose another place."),
    ),
    SaveFailureReason.READ_ONLY: (
        N_("The backup couldn't be made: that drive or folder can't be written to."),
        N_("Your journal is safe and unchanged. The USB stick may be write-protected (some have a small switch); "
        "choose another place, or ask staff."),
    ),
    SaveFailureReason.FILE_IN_USE: (
        N_("The backup couldn't be made: another program is using a file with that name."),
        N_("Your journal is safe and unchanged. Choose another name, or try again in a moment."),
    ),
    SaveFailureReason.VERIFY_FAILED: (
        N_("The backup couldn't be made: the copy on the drive did not read back correctly."),
        N_("Your journal is safe and unchanged. The USB stick may be faulty; please try another one."),
    ),
    SaveFailureReason.IO_ERROR: (
        N_("The backup couldn't be made in that place."),
        N_("Your journal is safe and unchanged. If it is a USB stick, check that it is still plugged in, then try "
        "again."),
    ),
}

_RESTORE_MESSAGES: dict[SaveFailureReason, tuple[str, str]] = {
    SaveFailureReason.DISK_FULL: (
        N_("The backup couldn't be restored: this computer's disk is full."),
        N_("Nothing was changed. Ask staff to free some space, then try again."),
    ),
    SaveFailureReason.READ_ONLY: (
        N_("The backup couldn't be restored: this computer won't let the app write to its folder."),
        N_("Nothing was changed. Ask staff to check that the app's data folder can be written to."),
    ),
    SaveFailureReason.FILE_IN_USE: (
        N_("The backup couldn't be restored: another program is using the journal's file."),
        N_("Nothing was changed. Please try again in a moment."),
    ),
    SaveFailureReason.VERIFY_FAILED: (
        N_("The backup couldn't be restored: the restored copy did not read back correctly."),
        N_("The journals on this computer are unchanged. Please try again; if it keeps happening, ask staff to check "
        "the computer's disk."),
    ),
    SaveFailureReason.NEWER_VERSION: (
        N_("The backup couldn't be restored: the journal on this computer was saved by a newer version of the app."),
        N_("Nothing was changed. Please ask staff to update the app on this computer."),
    ),
    SaveFailureReason.IO_ERROR: (
        N_("The backup couldn't be restored because of a problem with this computer's disk."),
        N_("Nothing was changed. Please try again."),
    ),
}


class _PlaceSaveFailed(SaveFailed):
    _messages: ClassVar[dict[SaveFailureReason, tuple[str, str]]] = {}

    def __init__(self, reason: SaveFailureReason, *, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        message, next_step = self._messages.get(reason, self._messages[SaveFailureReason.IO_ERROR])
        JournalError.__init__(self, _(message), next_step=_(next_step))


class BackupWriteFailed(_PlaceSaveFailed):
    """The backup file could not be written to the chosen place (`.reason`); the journal is untouched."""

    _messages = _EXPORT_MESSAGES


class RestoreFailed(_PlaceSaveFailed):
    """The verified backup could not be written into the journals folder (`.reason`); nothing was changed."""

    _messages = _RESTORE_MESSAGES


def empty_backup(detail: str = "empty file") -> Damaged:
    return Damaged(
        _("This backup file is empty."),
        next_step=_("It may not have finished copying. Nothing on this computer was changed. Please try another "
                    "copy of the backup."),
        detail=detail,
    )


def not_a_backup(detail: str) -> Damaged:
    return Damaged(
        _("This file is not a NEC Companion journal backup."),
        # Translators: {suffix} is the end of a backup file's name, ".njx".
        next_step=_("Please choose the backup file instead (its name ends in {suffix}). Nothing on this computer "
                    "was changed.").format(suffix=BACKUP_SUFFIX),
        detail=detail,
    )


def incomplete_backup(detail: str) -> Damaged:
    return Damaged(
        _("This backup file is incomplete: it may not have finished copying."),
        next_step=_("Nothing on this computer was changed. Please try another copy of the backup, or make the "
                    "backup again on the computer it came from."),
        detail=detail,
    )


def damaged_backup(detail: str) -> Damaged:
    return Damaged(
        _("This backup file is damaged, so it can't be restored."),
        next_step=_("Nothing on this computer was changed. If you have another copy of the backup, please try "
                    "that one."),
        detail=detail,
    )


def newer_backup(detail: str) -> Unsupported:
    return Unsupported(
        _("This backup was made by a newer version of NEC Companion."),
        next_step=_("Nothing on this computer was changed. Please ask staff to update the app on this computer, "
                    "then restore the backup again."),
        detail=detail,
    )


def wrong_backup_passphrase() -> WrongPassphrase:
    return WrongPassphrase(
        _("That passphrase doesn't open this backup."),
        next_step=_("Use the passphrase the journal had when the backup was made, and check for typing mistakes "
                    "and Caps Lock. The journal's recovery code opens it too. Nothing on this computer was "
                    "changed."),
    )


def wrong_backup_recovery_code() -> WrongRecoveryCode:
    return WrongRecoveryCode(
        _("That recovery code doesn't open this backup."),
        next_step=_("Use the card printed for this journal; if the code was replaced after the backup was made, "
                    "the older card opens it. Nothing on this computer was changed."),
    )
