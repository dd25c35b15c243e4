"""Issue 13: a Spanish-speaking family's create-journal dialog suggests a Spanish name and Spanish words, and
states the Spanish list's strength."""

from __future__ import annotations

import math
import re

from nec_companion.core import i18n
from nec_companion.storage.labels import ANIMALS_ES
from tests.security.test_passphrase_words import spanish_words
from tests.ui.test_journal_screen import when_dialog


def test_create_dialog_suggests_spanish_when_the_app_speaks_spanish(qtbot, journal_window):
    from nec_companion.ui.journal.dialogs import CreateJournalDialog

    seen: list[tuple[str, str, str]] = []

    def look(dialog: CreateJournalDialog) -> None:
        seen.append((dialog.label_edit.text(), dialog.suggested.text(), dialog.strength.text()))
        dialog.reject()

    previous = i18n.set_active(i18n.language("es"))
    try:
        when_dialog(CreateJournalDialog, look)
        journal_window.journal_screen.start.create_button.click()
    finally:
        i18n.set_active(previous)
    label, passphrase, strength = seen[0]
    assert label.split(" ")[0] in dict(ANIMALS_ES)
    words = set(spanish_words())
    assert len(passphrase.split("-")) == 5 and set(passphrase.split("-")) <= words
    stated = int(re.search(r"unos (\d+) bits", strength).group(1))
    assert stated == int(5 * math.log2(len(words))) >= 55
