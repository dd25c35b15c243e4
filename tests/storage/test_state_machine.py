"""B14: random sequences of edits, saves, crashes, locks and passphrase changes: the store matches a model."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from nec_companion.core.clock import ManualClock
from nec_companion.core.errors import BabyRejected
from nec_companion.core.text import clean_text, has_control_characters
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import BackupPolicy, JournalDirectory

from .conftest import PASSPHRASE, bean, lists

nicknames = st.one_of(
    st.text(min_size=1, max_size=25).filter(lambda text: clean_text(text).strip() != ""),
    st.sampled_from(["\x00", "\x00Bean", "Bean\ud800", "Pip \ud83d\udc76", "  spaced  ", "O'Brien; DROP TABLE babies",
                     "\u202eRTL"]),
)
PASSPHRASES = (PASSPHRASE, "purple giraffe dances slowly", "a third quite long phrase")


class JournalModel(RuleBasedStateMachine):
    """The model: the babies the UI has added (`live`) and the ones the last acknowledged save holds (`saved`)."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="nec-model-"))
        self.directory = JournalDirectory(self.folder, schema=JOURNAL_SCHEMA,
                                          clock=ManualClock(), kdf=KdfPolicy.insecure_fast_for_tests(),
                                          passphrase_lists=lists(), backups=BackupPolicy(rotate_every_saves=2))
        self.passphrase = PASSPHRASE
        self.journal, _code = self.directory.create(passphrase=self.passphrase)
        self.live: Counter[str] = Counter()
        self.saved: Counter[str] = Counter()

    def teardown(self) -> None:
        if not self.journal.is_closed:
            self.journal.close(save=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _reopen(self) -> None:
        self.journal = self.directory.open(self.journal.journal_id, self.passphrase)
        assert self.journal.restored_from_backup is None
        self.live = Counter(self.saved)

    @rule(nickname=nicknames)
    def add(self, nickname: str) -> None:
        if has_control_characters(clean_text(nickname).strip()):  # audit M9: refused kindly, nothing stored
            with pytest.raises(BabyRejected):
                self.journal.add_baby(bean(nickname=nickname))
            return
        change = self.journal.add_baby(bean(nickname=nickname))
        self.live[change.baby.nickname] += 1
        assert change.baby.nickname == clean_text(nickname).strip()

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        baby = data.draw(st.sampled_from(self.journal.babies()))
        self.journal.delete_baby(baby.baby_id)
        self.live[baby.nickname] -= 1
        self.live += Counter()

    @rule()
    def save(self) -> None:
        self.journal.save()
        self.saved = Counter(self.live)

    @rule()
    def crash_and_reopen(self) -> None:
        """Unsaved edits are lost, acknowledged ones are all there."""
        self.journal.close(save=False)
        self._reopen()

    @rule()
    def lock_and_unlock(self) -> None:
        self.journal.close()
        self.saved = Counter(self.live)
        self._reopen()

    @rule(index=st.integers(min_value=0, max_value=len(PASSPHRASES) - 1))
    def change_passphrase(self, index: int) -> None:
        new = PASSPHRASES[index]
        self.journal.change_passphrase(current_passphrase=self.passphrase, new_passphrase=new)
        self.passphrase = new
        self.saved = Counter(self.live)  # the re-encryption writes the current state

    @invariant()
    def store_matches_model(self) -> None:
        assert Counter(baby.nickname for baby in self.journal.babies()) == self.live


TestJournalModel = JournalModel.TestCase
TestJournalModel.settings = settings(max_examples=40, stateful_step_count=20, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
