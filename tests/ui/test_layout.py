"""Every screen, journal section and dialog at 1366×768 and 100 %, 150 % and 200 % text, in English and in Spanish
(often 20–30 % longer), over the sample journal:
nothing cut off (a button, label, check box or tab narrower than its text needs), no tab bar that has to scroll,
no widgets drawn over each other. The walk and the check are in nec_companion/ui/tour.py (scripts/tour.py writes
the same views as PNG files for people to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from nec_companion.ui import style
from nec_companion.ui.language import LanguageSwitch
from nec_companion.ui.tour import build_tour_window, layout_problems, settle, tour


@pytest.fixture
def speaking(request):
    """The app speaking the parametrised language (our catalog, Qt's own texts and the locale), then English."""
    switch = LanguageSwitch()
    switch.apply(request.param)
    yield request.param
    switch.apply("en")


@pytest.mark.parametrize("speaking", ["en", "es"], indirect=True)
@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_nothing_is_cut_off_or_overlapping(qapp, tmp_path: Path, bundled_library, bundled_index, speaking: str,
                                           scale: float) -> None:
    # English uses the session's library fixture; Spanish loads the Spanish library (the tour does, by language).
    library, index = (bundled_library, bundled_index) if speaking == "en" else (None, None)
    view = build_tour_window(tmp_path / "journals", scale=scale, size=(1366, 768), library=library, index=index)
    try:
        seen: list[str] = []
        problems: list[str] = []
        for name, widget in tour(view):
            seen.append(name)
            problems += [f"{name}: {problem}" for problem in layout_problems(widget)]
        assert not problems, "\n".join(problems)
        # The walk reached every part: 4 screens (and an article), 11 journal sections, every dialog.
        journal_sections = [n for n in seen if n.startswith("journal-") and n != "journal-chooser"]
        assert len(journal_sections) == 11
        assert {"library-article", "about", "settings", "journal-chooser", "dialog-pumping-one-baby",
                "dialog-create-journal", "dialog-baby", "dialog-question"} <= set(seen)
    finally:
        view.window.close()
        view.window.deleteLater()
        style.apply_style(qapp, scale=1.0)


@pytest.mark.parametrize("speaking", ["es", "en"], indirect=True)
def test_nothing_is_cut_in_a_real_laptop_window_at_200_percent(qapp, tmp_path: Path, speaking: str) -> None:
    """The window a 1366×768 laptop really gives the app: the screen less a taskbar and the window frame
    (1350×688). Seen on a real X display in Spanish at 200 %: table sections squeezed their text over each other
    and the Babies page was wider than its scroll area; they scroll and wrap now."""
    view = build_tour_window(tmp_path / "journals", scale=2.0, size=(1350, 688))
    try:
        problems = [f"{name}: {problem}" for name, widget in tour(view) for problem in layout_problems(widget)]
        assert not problems, "\n".join(problems)
    finally:
        view.window.close()
        view.window.deleteLater()
        style.apply_style(qapp, scale=1.0)


def test_the_check_catches_a_cut_button_a_scrolling_tab_bar_and_an_orphan(qtbot, qapp) -> None:
    """The check itself fails on what it is meant to find (so the test above cannot pass by checking nothing)."""
    from PySide6.QtWidgets import QCheckBox, QLabel, QTabBar

    style.apply_style(qapp, scale=2.0)
    try:
        host = QWidget()
        qtbot.addWidget(host)
        layout = QVBoxLayout(host)
        cut = QPushButton("Record the answer to this question", host)
        cut.setFixedWidth(60)
        layout.addWidget(cut)
        bar = QTabBar(host)
        for text in ("Library", "My journal", "About and safety", "Settings"):
            bar.addTab(text)
        bar.setFixedWidth(200)
        layout.addWidget(bar)
        intro = QLabel("Every amount is worth writing down.", host)
        layout.addWidget(intro)
        orphan = QCheckBox("Shared between the babies", host)  # in no layout: drawn at the top left
        host.resize(900, 400)
        host.show()
        qtbot.waitExposed(host)
        settle()
        orphan.move(intro.pos())
        problems = "\n".join(layout_problems(host))
        assert "“Record the answer to this question”" in problems
        assert "QTabBar" in problems
        assert "outside the layout" in problems
    finally:
        style.apply_style(qapp, scale=1.0)
