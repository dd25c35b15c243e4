"""The journal's side navigation, the top tab bar, the window's first size, and scripts/tour.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QToolButton

from nec_companion.ui import style
from nec_companion.ui.tour import build_tour_window, settle

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["Today", "Feeding", "Pumping", "Weights", "Care events", "Notes", "Charts", "Questions",
            "Prepare for rounds", "Export and backup", "Babies"]


@pytest.fixture
def opened(qtbot, qapp, tmp_path: Path, bundled_library, bundled_index):  # type: ignore[no-untyped-def]
    view = build_tour_window(tmp_path / "journals", scale=2.0, size=(1366, 768), library=bundled_library,
                             index=bundled_index)
    window = view.window
    qtbot.addWidget(window)
    window.show_screen("journal")
    screen = window.journal_screen
    journal_id = next(i.journal_id for i in view.directory.list() if i.label == "Sage Panda")
    screen._opened(view.directory.open(journal_id, "quiet harbour lantern meadow"))
    settle()
    yield screen
    window.lock_journal("now")
    style.apply_style(qapp, scale=1.0)


def test_sections_are_listed_in_groups_and_each_is_reachable_by_keyboard(qtbot, opened) -> None:
    nav = opened.page.tabs
    assert nav.section_names() == SECTIONS
    rows = [nav.list.item(r) for r in range(nav.list.count())]
    headings = [i.text() for i in rows if not i.flags() & Qt.ItemFlag.ItemIsSelectable]
    assert headings == ["Log", "Talk with the team", "Share and keep safe", "This journal"]
    names = [i.data(Qt.ItemDataRole.AccessibleTextRole) for i in rows if i.flags() & Qt.ItemFlag.ItemIsSelectable]
    assert names == SECTIONS  # each section has its own accessible name (no indenting spaces read out)
    nav.list.setFocus()
    assert nav.current_section() == "Today"
    shown = ["Today"]
    for _ in range(len(SECTIONS) - 1):  # Down passes over the group headings, never stops on one
        qtbot.keyClick(nav.list, Qt.Key.Key_Down)
        shown.append(nav.current_section())
        assert nav.currentWidget().isVisible()
    assert shown == SECTIONS
    qtbot.keyClick(nav.list, Qt.Key.Key_Up)
    assert nav.current_section() == "Export and backup"


def test_ctrl_page_down_cycles_and_show_section_and_enter(qtbot, opened) -> None:
    nav = opened.page.tabs
    assert opened.show_section("Questions")
    assert nav.currentWidget() is opened.questions_screen
    assert not opened.show_section("No such section")
    opened.questions_screen.search.setFocus()
    qtbot.keyClick(opened.questions_screen.search, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert nav.current_section() == "Prepare for rounds"
    qtbot.keyClick(opened.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(opened.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert nav.current_section() == "Charts"
    nav.show_section("Babies")
    nav.list.setFocus()
    qtbot.keyClick(nav.list, Qt.Key.Key_Return)  # Enter moves into the section shown
    assert nav.currentWidget().isAncestorOf(opened.focusWidget())


def test_current_section_is_marked_without_colour_alone(opened) -> None:
    nav = opened.page.tabs
    nav.show_section("Weights")
    bold = [nav.list.item(r).data(Qt.ItemDataRole.AccessibleTextRole) for r in range(nav.list.count())
            if QFont(nav.list.item(r).font()).bold()]
    assert bold == ["Weights"]
    assert nav.list.currentItem().isSelected()


def test_the_whole_list_fits_beside_the_sections_at_200_percent(opened) -> None:
    nav = opened.page.tabs
    widest = max(nav.list.visualItemRect(nav.list.item(r)).width() for r in range(nav.list.count()))
    assert nav.list.viewport().width() >= widest
    assert nav.stack.width() > 2 * nav.list.width()  # the sections keep most of the width


def test_top_tab_bar_never_scrolls_or_elides(window) -> None:
    """With About or Settings chosen and the focus on the bar, every tab shows its whole name."""
    bar = window.navigation
    assert not bar.usesScrollButtons() and bar.elideMode() == Qt.TextElideMode.ElideNone
    for key in ("about", "settings"):
        window.show_screen(key)
        bar.setFocus()
        settle()
        assert not [b for b in bar.findChildren(QToolButton) if b.isVisible()]
        for index in range(bar.count()):
            assert bar.tabRect(index).right() <= bar.width()
            assert bar.tabRect(index).width() >= bar.tabSizeHint(index).width()


def test_window_opens_within_the_available_screen(window) -> None:
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 with a 40 px taskbar
    window.place_on_screen(None, available=laptop)
    assert window.width() <= 1366 and window.height() + 40 <= 728
    assert window.width() >= 1366 - 16  # a first start fills the laptop's width (the layout-checked size)
    assert laptop.contains(window.geometry().topLeft())
    big = QRect(0, 0, 2560, 1400)
    window.place_on_screen(None, available=big)
    assert (window.width(), window.height()) == (1600, 1000)  # not a wall of white on a big screen
    window.resize(1900, 1400)
    window.move(900, 600)
    remembered = bytes(window.saveGeometry().data())
    window.place_on_screen(remembered, available=laptop)
    assert window.width() <= 1366 and window.height() + 40 <= 728
    assert laptop.contains(window.geometry().topLeft())
    assert laptop.contains(window.geometry())  # remembered from a bigger screen: smaller, and moved back on it


def test_tour_script_writes_a_png_of_every_view(tmp_path: Path) -> None:
    out = tmp_path / "tour"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "tour.py"), "--out", str(out), "--scale", "1",
                             "--size", "1024x700"], capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert "PNG files in" in result.stdout, result.stderr[-2000:]
    pngs = sorted(out.glob("*.png"))
    names = {p.name.rsplit("-100-", 1)[0] for p in pngs}
    assert {"library", "about", "settings", "journal-chooser", "journal-today", "journal-babies",
            "dialog-pumping"} <= names
    assert len(pngs) >= 25
    for png in pngs:
        image = QImage(str(png))
        assert image.width() > 100
        colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)}
        assert len(colours) > 4, f"{png.name} looks blank"


def test_empty_chooser_offers_only_create_and_restore(qtbot, qapp, tmp_path: Path) -> None:
    """No journal yet: no passphrase field, Open, Forgot or Delete with nothing to open (review 8)."""
    from nec_companion.core.clock import ManualClock
    from nec_companion.journal.schema import JOURNAL_SCHEMA
    from nec_companion.security.kdf import KdfPolicy
    from nec_companion.storage import JournalDirectory
    from nec_companion.ui.main_window import MainWindow
    from nec_companion.ui.prompts import ScriptedPrompts
    from nec_companion.ui.tour import TOUR_NOW

    clock = ManualClock(TOUR_NOW)
    directory = JournalDirectory(tmp_path / "journals", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    window = MainWindow(journal_directory=lambda: directory, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_screen("journal")
    start = window.journal_screen.start
    settle()
    assert start.empty_hint.isVisible() and start.create_button.isVisible() and start.restore_button.isVisible()
    assert start.create_button.isDefault()
    for hidden in (start.passphrase, start.open_button, start.recover_button, start.delete_button, start.journals):
        assert not hidden.isVisible()
    directory.create(passphrase="quiet harbour lantern meadow", label="Blue Otter").journal.close()
    window.journal_screen.refresh_list()
    settle()
    assert start.passphrase.isVisible() and start.open_button.isDefault() and not start.empty_hint.isVisible()


def test_buttons_in_a_flow_row_wrap_instead_of_being_cut(qtbot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from nec_companion.ui.widgets.flow import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    outer = QVBoxLayout(host)
    row = FlowLayout()
    buttons = [QPushButton(text, host) for text in ("Record answer…", "Mark as asked", "No longer needed",
                                                    "Move down")]
    for button in buttons:
        row.addWidget(button)
    outer.addLayout(row)
    outer.addStretch(1)
    host.resize(sum(b.sizeHint().width() for b in buttons) + 100, 300)
    host.show()
    settle()
    assert len({b.y() for b in buttons}) == 1  # room for one row: one row
    host.resize(buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 40, 300)
    settle()
    assert len({b.y() for b in buttons}) > 1
    for button in buttons:
        assert button.width() >= button.sizeHint().width()
        assert host.rect().contains(button.geometry())


def test_selecting_a_section_as_a_screen_reader_does_shows_it(qtbot) -> None:
    """Read over AT-SPI on a real bus: selecting a section item (Selection.selectChild, as assistive technology
    does) changed nothing on screen; only moving the current row did. Selection now shows the section too."""
    from PySide6.QtWidgets import QLabel

    from nec_companion.ui.journal.navigation import SECTION_ROLE, SectionNavigation

    navigation = SectionNavigation()
    qtbot.addWidget(navigation)
    first, second = QLabel("first"), QLabel("second")
    navigation.addTab(first, "Today")
    navigation.addTab(second, "Feeding")
    navigation.show()
    row = next(r for r in range(navigation.list.count()) if navigation.list.item(r).data(SECTION_ROLE) == 1)
    navigation.list.clearSelection()
    navigation.list.item(row).setSelected(True)
    assert navigation.currentWidget() is second
