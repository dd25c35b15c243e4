"""Issue 13: a family's journal remembers its language inside its encrypted file."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_companion.core import i18n
from nec_companion.core.errors import JournalClosed

from .conftest import OTHER_PASSPHRASE, PASSPHRASE


def test_a_new_journal_remembers_the_language_active_when_it_was_made(directory):
    """Made while Spanish is active: the journal says "es" after a lock and unlock (the fixture restores English)."""
    i18n.set_active(i18n.language("es"))
    journal, _ = directory.create(passphrase=PASSPHRASE)
    assert journal.language == "es" and not journal.dirty
    journal.close()
    i18n.set_active(i18n.language("en"))
    assert directory.open(journal.journal_id, PASSPHRASE).language == "es"
    english, _ = directory.create(passphrase=OTHER_PASSPHRASE, language="en")
    assert english.language == "en"


def test_set_language_is_saved_encrypted_and_validated(directory, data_dir: Path):
    journal, _ = directory.create(passphrase=PASSPHRASE, language="en")
    assert journal.set_language("es") == "es" and journal.language == "es" and journal.dirty
    journal.save()
    assert journal.set_language("es") == "es" and not journal.dirty  # the same language: nothing to save
    with pytest.raises(ValueError):
        journal.set_language("fr")
    with pytest.raises(ValueError):
        directory.create(passphrase=OTHER_PASSPHRASE, language="xx")
    assert journal.language == "es"
    journal.close()
    assert directory.open(journal.journal_id, PASSPHRASE).language == "es"
    for path in (data_dir / "journals").iterdir():  # inside the encrypted body, not in the readable header
        assert b"language" not in path.read_bytes()
    with pytest.raises(JournalClosed):
        _ = journal.language


def test_a_journal_without_a_language_or_with_one_this_app_lacks_says_none(directory):
    """Journals made before languages existed (or by a newer app with more languages): the machine default."""
    journal, _ = directory.create(passphrase=PASSPHRASE)
    journal.database.connection.execute("DELETE FROM meta WHERE key = 'language'")
    assert journal.language is None
    journal.database.set_meta("language", "fr")
    assert journal.language is None
    assert journal.set_language("es") == "es" and journal.language == "es"


def test_the_store_speaks_spanish_to_a_spanish_speaking_family(directory):
    """Messages from the store follow the active language: ages with Spanish plurals, dates as Spanish writes
    them, a list of recovery-code groups joined the Spanish way, and a refused name in Spanish."""
    from datetime import UTC, datetime, timedelta

    from nec_companion.core.errors import LabelRejected, RecoveryCodeInvalid
    from nec_companion.security.recovery_code import parse_recovery_code
    from nec_companion.storage.journal import RestoredFromBackup, describe_age

    restored = RestoredFromBackup(rung="backup 1", saved_at=datetime(2026, 3, 10, 14, 30, tzinfo=UTC),
                                  age=timedelta(minutes=14), newest_missing=False, quarantined=("x",))
    assert describe_age(timedelta(hours=3)) == "3 hours"
    with i18n.using("es"):
        assert describe_age(timedelta(hours=3)) == "3 horas" and describe_age(timedelta(days=3)) == "3 días"
        text = restored.message()
        assert "(hace 14 minutos)" in text and "mar 2026" in text and "dañada" in text
        with pytest.raises(LabelRejected) as refused:
            directory.create(passphrase=PASSPHRASE, label=" ")
        assert refused.value.message.startswith("Por favor")
        with pytest.raises(RecoveryCodeInvalid) as typo:
            parse_recovery_code("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
        assert " y " in typo.value.message and "grupos" in typo.value.message
