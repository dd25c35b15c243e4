"""FittedDialog opens tall enough for its wrapped text; when that is taller than the screen it first takes the
screen's width (fewer lines), instead of squeezing the labels over each other (seen on a real 1366×768 screen:
the Spanish create-journal dialog at 200 %)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from nec_companion.ui.tour import layout_problems, settle
from nec_companion.ui.widgets.fitted_dialog import FittedDialog
from nec_companion.ui.widgets.labels import plain_label

SENTENCE = "Solo alguien con esta frase de contraseña puede abrir su diario, por eso guárdela bien. "


def test_a_dialog_too_tall_for_the_screen_widens_instead_of_squeezing(qtbot) -> None:
    dialog = FittedDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    screen = dialog.screen().availableGeometry()
    line = dialog.fontMetrics().height()
    # Enough text to need more than the screen's height at the usual width, and less at the screen's width.
    chars_per_line = 72
    lines_at_usual = (screen.height() - 40) // line + 4
    text = SENTENCE * (lines_at_usual * chars_per_line // len(SENTENCE) // 4 + 1)
    for _ in range(4):
        layout.addWidget(plain_label(text, dialog))
    usual = dialog.fontMetrics().averageCharWidth() * FittedDialog.width_in_characters
    assert layout.totalHeightForWidth(usual) > screen.height() - 40  # the text is too tall at the usual width
    assert layout.totalHeightForWidth(screen.width() - 40) <= screen.height() - 40  # and fits at the screen's
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert dialog.width() > usual
    assert dialog.height() <= screen.height() - 40
    assert layout_problems(dialog) == []
