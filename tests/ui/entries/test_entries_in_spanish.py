"""The entry screens in Spanish (issue 13): every tab and every dialog builds and fills with the sample stay of
twins, and what a family reads there is Spanish, numbers without grouping."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from nec_companion.core import i18n
from nec_companion.journal.sample import build_sample_twins
from nec_companion.ui import style
from nec_companion.ui.entries.dialogs import DIALOGS
from nec_companion.ui.prompts import ScriptedPrompts
from tests.ui.entries.conftest import build_tabs


@pytest.fixture
def spanish():  # type: ignore[no-untyped-def]
    previous = i18n.set_active(i18n.language("es"))
    yield
    i18n.set_active(previous)


def test_every_tab_and_dialog_speaks_spanish(qtbot, qapp, journal, clock, spanish) -> None:
    style.apply_style(qapp, scale=1.0)
    twins = build_sample_twins(journal, clock=clock)
    tabs = build_tabs(qtbot, journal, clock, zone=twins.time_zone)
    assert [label for label, _widget in tabs.sections] == ["Hoy", "Alimentación", "Extracción de leche", "Pesos",
                                                           "Eventos de atención", "Notas", "Gráficas"]
    for label, widget in tabs.sections:
        tabs.show(label)
        widget.refresh()  # type: ignore[attr-defined]
    today = tabs.sections[0][1]
    assert today.heading.text().startswith("Hoy, ")
    card_text = " ".join(label.text() for card in today.baby_cards for label in card.blocks.values())
    assert "Plan de alimentación" in card_text and "Peso" in card_text and ".." not in card_text
    assert not any(word in card_text for word in (" every ", " today", "Feeds ", "Weight"))
    buttons = [button.text() for button in today.findChildren(QPushButton)]
    assert "Toma…" in buttons and "Feed…" not in buttons
    weights = tabs.table("Pesos")
    weights.range_filter.setCurrentIndex(2)  # toda la estancia
    shown = {weights.proxy.index(row, 2).data() for row in range(weights.proxy.rowCount())}
    assert shown and all(text.endswith(" g") and "," not in text for text in shown)  # "2384 g": never grouped
    for dialog_class in DIALOGS.values():
        dialog = dialog_class(entries=tabs.entries, babies=journal.babies(), prompts=ScriptedPrompts(),
                              parent=tabs.host)
        dialog.show()
        QApplication.processEvents()
        captions = [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
        assert dialog.save_button.text() == "Guardar"
        assert not {"When:", "Note:", "Amount:", "Weight:", "What:"} & set(captions)
        dialog.done(0)
