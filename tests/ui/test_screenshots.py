"""Screenshots of every screen at 100 % and 200 % text, for people to look at (not pixel goldens).

Set SCREENSHOT_DIR to keep them (e.g. SCREENSHOT_DIR=artifacts/screenshots ./scripts/test tests/ui -k screenshot).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from nec_companion.ui import style
from nec_companion.ui.main_window import MainWindow

SCENES = {
    "library-article": lambda w: w.library_screen.open_article("mothers-own-milk"),
    "library-search": lambda w: w.library_screen.search_edit.setText("swollen belly"),
    "warning-signs": lambda w: w.show_warning_signs(),
    "glossary-definition": lambda w: (w.library_screen.open_article("tube-feeds"),
                                      w.library_screen.reader.show_definition("npo")),
    "glossary-page": lambda w: w.library_screen.reader.show_glossary(),
    "about": lambda w: w.show_screen("about"),
    "settings": lambda w: w.show_screen("settings"),
}


@pytest.mark.screenshot
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("scene", sorted(SCENES))
def test_screenshot(qtbot, qapp, tmp_path: Path, bundled_library, bundled_index, scene: str, scale: float) -> None:
    """Each screen renders with visible content at both text sizes; the PNG is kept for review."""
    style.apply_style(qapp, scale=scale)
    window = MainWindow(text_scale=scale)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.apply_text_scale(scale)
    window.set_library(bundled_library, bundled_index)
    window.show()
    qtbot.waitExposed(window)
    SCENES[scene](window)
    qtbot.wait(1)
    out_dir = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{scene}-{int(scale * 100)}.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1200
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 8, "the screen looks blank"
    style.apply_style(qapp, scale=1.0)
