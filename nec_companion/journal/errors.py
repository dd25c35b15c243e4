"""The errors the journal entries façade lets out: all `JournalError`s, each with a plain message."""

from __future__ import annotations

from nec_companion.core.errors import InputRejected, JournalError
from nec_companion.core.i18n import N_, _
from nec_companion.core.plausibility import EntryCheck


class EntryRejected(InputRejected):
    """The entry can't be saved as typed. `check.refusals` (and `field_problems`) say why, field by field."""

    def __init__(self, check: EntryCheck) -> None:
        self.check = check
        self.field_problems: tuple[tuple[str, str], ...] = tuple(
            (problem.field, problem.message) for problem in check.refusals)
        super().__init__(tuple(message for _field, message in self.field_problems))


class ConfirmationNeeded(JournalError):
    """Unusual but possible values: ask "Save it anyway?" (`question`) and call again with `confirmed=True`.

    Raised only when the caller did not check first; a dialog normally calls `JournalEntries.check()` and
    asks before saving. Nothing was saved.
    """

    def __init__(self, check: EntryCheck) -> None:
        self.check = check
        self.question = check.confirmation_text()
        super().__init__(self.question, next_step="")


class EntryNotFound(JournalError):
    """The entry (or the baby) is no longer in the journal: deleted meanwhile, or never saved."""

    default_message = N_("This entry is no longer in the journal.")
    default_next_step = N_("It may have been deleted. Please look at the list again.")


class BabyNotFound(EntryNotFound):
    default_message = N_("This baby is no longer in the journal.")
    default_next_step = N_("Please go back to the list of babies.")


class TimeZoneRejected(InputRejected):
    """The time zone name is not one this computer knows."""

    def __init__(self, name: str) -> None:
        self.name = name
        # Translators: {name} is a time zone name such as "America/Chicago".
        super().__init__((_("\"{name}\" isn't a time zone this computer knows.").format(name=name),),
                         next_step=_("Please choose your time zone from the list."))


class EntryNotSaved(JournalError):
    """The database refused the change for a reason validation did not foresee. Nothing was changed."""

    default_message = N_("This entry couldn't be saved.")
    default_next_step = N_("Nothing was changed. Please check what you typed and try again.")

    def __init__(self, message: str | None = None, *, next_step: str | None = None, detail: str = "") -> None:
        self.detail = detail
        super().__init__(message, next_step=next_step)


__all__ = ["BabyNotFound", "ConfirmationNeeded", "EntryNotFound", "EntryNotSaved", "EntryRejected",
           "TimeZoneRejected"]
