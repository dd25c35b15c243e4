"""The errors every layer raises and the UI shows: each says, in plain words, what happened and what to do.

Every public call of `nec_companion.security` and `nec_companion.storage` raises nothing but a
`JournalError` subclass for anything caused by files, the disk, or what a person typed. Four kinds are about
the journal file itself (`WrongPassphrase`, `Damaged`, `Unsupported`, `SaveFailed`); the rest are about
input or timing (`InputRejected` and its children, `TryLater`, `JournalNotFound`, `JournalClosed`).
A UI can show `error.message` as a heading and `error.next_step` under it, or `error.user_text()` as one line.
"""

from __future__ import annotations

import enum

from nec_companion.core.i18n import N_, _, ngettext


class JournalError(Exception):
    """Base class: `message` says what happened (one sentence), `next_step` what the family can do."""

    default_message = N_("Something went wrong with this journal.")
    default_next_step = N_("Nothing has been deleted. Please try again.")

    def __init__(self, message: str | None = None, *, next_step: str | None = None) -> None:
        # Defaults are marked with N_() and translated here, into the language active when the error is raised.
        self.message = message or _(self.default_message)
        self.next_step = next_step if next_step is not None else (_(self.default_next_step)
                                                                  if self.default_next_step else "")
        super().__init__(self.user_text())

    def user_text(self) -> str:
        """The message and the next step as one line, for a label or a dialog."""
        return f"{self.message} {self.next_step}".strip()


class WrongPassphrase(JournalError):
    """The passphrase did not unlock the journal. No file was changed."""

    default_message = N_("That passphrase doesn't open this journal.")
    default_next_step = N_(
        "Check for typing mistakes and Caps Lock, then try again. If you have forgotten it, use your recovery code."
    )


class WrongRecoveryCode(WrongPassphrase):
    """The recovery code had no typo but did not unlock the journal. No file was changed."""

    default_message = N_("That recovery code doesn't open this journal.")
    default_next_step = N_("Check that the card belongs to this journal, and that every group matches the card.")


class Damaged(JournalError):
    """The file (and every backup of it) is damaged or is not a journal. Nothing was deleted.

    `detail` is a short technical note for support and tests ("checksum mismatch"); never shown as the message.
    """

    default_message = N_("This journal's file is damaged, and no undamaged copy of it was found.")
    default_next_step = N_(
        "Nothing has been deleted. Please ask staff to leave the app's data folder exactly as it is "
        "and contact the app's support."
    )

    def __init__(self, message: str | None = None, *, next_step: str | None = None, detail: str = "") -> None:
        self.detail = detail
        super().__init__(message, next_step=next_step)


class Unsupported(JournalError):
    """The file was written by a newer version of the app. It is never modified."""

    default_message = N_("This journal was saved by a newer version of NEC Companion.")
    default_next_step = N_("It has not been changed. Please ask staff to update the app on this computer.")

    def __init__(self, message: str | None = None, *, next_step: str | None = None, detail: str = "") -> None:
        self.detail = detail
        super().__init__(message, next_step=next_step)


class SaveFailureReason(enum.Enum):
    """Why a save did not happen; each has its own message."""

    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    FILE_IN_USE = "file_in_use"
    VERIFY_FAILED = "verify_failed"
    NEWER_VERSION = "newer_version"
    IO_ERROR = "io_error"


_SAVE_MESSAGES: dict[SaveFailureReason, tuple[str, str]] = {
    SaveFailureReason.DISK_FULL: (
        N_("Couldn't save: the computer's disk is full."),
        N_("Your entries are still here. Ask staff to free some space; the app will keep trying to save."),
    ),
    SaveFailureReason.READ_ONLY: (
        N_("Couldn't save: this computer won't let the app write to its folder."),
        N_("Your entries are still here. Ask staff to check that the app's data folder can be written to; "
        "the app will keep trying to save."),
    ),
    SaveFailureReason.FILE_IN_USE: (
        N_("Couldn't save: another program is using the journal file."),
        N_("Your entries are still here. The app will try again in a moment."),
    ),
    SaveFailureReason.VERIFY_FAILED: (
        N_("Couldn't save: the saved copy did not read back correctly."),
        N_("Your entries are still here and the last good save is kept. The app will try again; if this keeps "
        "happening, ask staff to check the computer's disk."),
    ),
    SaveFailureReason.NEWER_VERSION: (
        N_("Couldn't save: a newer version of the app has changed this journal's file."),
        N_("Your entries are still here, and the newer file has not been touched. Please ask staff to update the app."),
    ),
    SaveFailureReason.IO_ERROR: (
        N_("Couldn't save because of a problem with the computer's disk."),
        N_("Your entries are still here and the last good save is kept. The app will keep trying to save."),
    ),
}


class SaveFailed(JournalError):
    """A save did not happen. The previous file is intact and the edits are still in memory."""

    def __init__(self, reason: SaveFailureReason, *, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        message, next_step = _SAVE_MESSAGES[reason]
        super().__init__(_(message), next_step=_(next_step))


class TryLater(JournalError):
    """Not now: too many wrong tries (or not enough free memory). `retry_after_seconds` says how long."""

    default_message = N_("There have been several wrong tries for this journal.")

    def __init__(
        self, message: str | None = None, *, next_step: str | None = None, retry_after_seconds: float = 0.0
    ) -> None:
        self.retry_after_seconds = max(0.0, retry_after_seconds)
        if next_step is None:
            wait = _describe_seconds(self.retry_after_seconds)
            next_step = _("Please wait {time}, then try again.").format(time=wait)
        super().__init__(message, next_step=next_step)


class JournalNotFound(JournalError):
    """No journal with that id exists in this data folder."""

    default_message = N_("This journal could not be found.")
    default_next_step = N_("It may have been deleted. Please go back to the list of journals.")


class JournalClosed(JournalError):
    """The journal was locked; open it again to continue."""

    default_message = N_("This journal is locked.")
    default_next_step = N_("Open it again with your passphrase to continue.")


class InputRejected(JournalError):
    """What was typed can't be used. `problems` holds one plain sentence per problem."""

    default_message = N_("Please check what you typed.")
    default_next_step = ""

    def __init__(self, problems: tuple[str, ...], *, next_step: str = "") -> None:
        self.problems = problems
        super().__init__(" ".join(problems) or None, next_step=next_step)


class PassphraseRejected(InputRejected):
    """A chosen passphrase does not meet the policy; `problems` says why."""


class LabelRejected(InputRejected):
    """A journal label can't be used (empty, too long, or already taken)."""


class RecoveryCodeInvalid(InputRejected):
    """The recovery code has typos; `groups` lists the 1-based groups to check."""

    def __init__(self, problems: tuple[str, ...], *, groups: tuple[int, ...]) -> None:
        self.groups = groups
        super().__init__(problems, next_step=_("Compare it with your printed card."))


class BabyRejected(InputRejected):
    """The baby's details can't be saved as typed; `field_problems` maps each problem to its field."""

    def __init__(self, field_problems: tuple[tuple[str, str], ...]) -> None:
        self.field_problems = field_problems
        super().__init__(tuple(message for _field, message in field_problems))


def _describe_seconds(seconds: float) -> str:
    whole = max(1, int(seconds + 0.999))
    if whole < 90:
        return ngettext("{n} second", "{n} seconds", whole).format(n=whole)
    minutes = (whole + 59) // 60
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
