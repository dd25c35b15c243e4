"""The accessibility audit (WCAG 2.2 AA) over the real window with the bundled library and the sample twins:
the library, Settings, About, the journal start page, every journal section (found by walking the section
stack, not by name) and the journal, entry and question dialogs. The checks live in tests/ui/a11y_audit.py;
test_the_audit_finds_each_kind_of_problem shows each check failing on a broken widget."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyleFactory,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
from nec_companion.core.clock import ManualClock
from nec_companion.core.entries import EntryKind
from nec_companion.core.questions import Priority, QuestionDraft, Topic
from nec_companion.journal import JournalEntries
from nec_companion.journal.sample import build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.storage import JournalDirectory
from nec_companion.ui import style
from nec_companion.ui.entries.dialogs import DIALOGS
from nec_companion.ui.journal.dialogs import BabyDialog, CreateJournalDialog
from nec_companion.ui.journal.session import SaveState
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.prompts import ScriptedPrompts
from nec_companion.ui.questions.dialogs import AnswerDialog, QuestionDialog
from nec_companion.ui.widgets import announce as announcing
from tests.ui import a11y_audit as audit

PASSPHRASE = "quiet harbour lantern meadow"
NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def heard() -> Iterator[list[tuple[str, bool]]]:
    """What a screen reader is asked to say: (text, assertive)."""
    said: list[tuple[str, bool]] = []

    def listener(_widget: QWidget, text: str, assertive: bool) -> None:
        said.append((text, assertive))

    announcing.add_listener(listener)
    yield said
    announcing.remove_listener(listener)


@pytest.fixture
def sample(qtbot, qapp, app_paths, bundled_library, bundled_index):  # type: ignore[no-untyped-def]
    """The main window at 1366×768 with the library and an open journal holding the sample twins, 12 questions
    and a "something I noticed" 40 minutes ago."""
    style.apply_style(qapp, scale=1.0)
    clock = ManualClock(NOW)
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    created = directory.create(passphrase=PASSPHRASE, label="Blue Otter")
    twins = build_sample_twins(created.journal, clock=clock, days=20, seed=5)
    entries = JournalEntries(created.journal, clock=clock)
    entries.add(CareEvent(baby_id=twins.babies[1].baby_id, kind=CareEventKind.NOTICED, time_zone=entries.time_zone,
                          started_at=NOW - dt.timedelta(minutes=40),
                          signs=frozenset({NoticedSign.SPIT_UP_OR_GREEN_FLUID})))
    window = MainWindow(text_scale=1.0, journal_directory=lambda: directory, clock=clock, prompts=ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.set_library(bundled_library, bundled_index)
    window.show()
    qtbot.waitExposed(window)
    window.directory = directory  # type: ignore[attr-defined]
    window.created = created  # type: ignore[attr-defined]
    window.entries = entries  # type: ignore[attr-defined]
    return window


def _open_journal(window: MainWindow) -> None:
    window.show_screen("journal")
    window.journal_screen._opened(window.created.journal)
    book = window.journal_screen.questions_screen.book
    for number in range(12):  # enough rows that a table keeping Tab would trap it for good
        book.add(QuestionDraft(text=f"Question {number} about the feeds?", topic=Topic.FEEDING,
                               priority=Priority.NORMAL))
    window.journal_screen.questions_screen.refresh()
    _settle()


def journal_sections(window: MainWindow) -> list[tuple[str, QWidget, callable]]:  # type: ignore[valid-type]
    """Every section of the open journal: the stack holding the Questions section, page by page."""
    stack = window.journal_screen.questions_screen.parentWidget()
    while stack is not None and not isinstance(stack, QStackedWidget):
        stack = stack.parentWidget()
    assert stack is not None
    tabs = stack.parentWidget() if isinstance(stack.parentWidget(), QTabWidget) else None
    found = []
    for index in range(stack.count()):
        page = stack.widget(index)
        name = tabs.tabText(index) if tabs is not None else (page.accessibleName() or type(page).__name__)
        found.append((name, page, (lambda i=index: tabs.setCurrentIndex(i)) if tabs is not None
                      else (lambda i=index: stack.setCurrentIndex(i))))
    return found


def _findings(root: QWidget, *, focus: bool = True) -> list[str]:
    problems: list[str] = []
    for check in (audit.unreadable_labels, audit.unnamed_controls, audit.name_hides_label,
                  audit.combos_without_buddy):
        problems += check(root)
    stops, keyboard = audit.tab_walk(root)
    problems += keyboard
    if focus:
        problems += audit.focus_not_visible(stops)
    return problems


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def text_scale(request, qapp, sample):  # type: ignore[no-untyped-def]
    """The sample window at 100 % and at 200 % text (Settings' largest size)."""
    style.apply_style(qapp, scale=request.param)
    sample.apply_text_scale(request.param)
    _settle()
    yield request.param
    style.apply_style(qapp, scale=1.0)


def test_library_settings_about_and_journal_start_pass_the_audit(  # type: ignore[no-untyped-def]
        sample, text_scale) -> None:
    found: dict[str, list[str]] = {}
    sample.show_screen("library")
    library = sample.stack.currentWidget()
    found["library"] = _findings(sample)
    library.search_edit.setText("milk")
    _settle()
    found["library search"] = _findings(sample, focus=False)
    sample.show_warning_signs()
    _settle()
    found["warning signs article"] = _findings(sample)
    for key in ("settings", "about", "journal"):
        sample.show_screen(key)
        _settle()
        found[key] = _findings(sample)
    bad = {k: v for k, v in found.items() if v}
    assert not bad, "\n".join(f"{k}: {p}" for k, v in bad.items() for p in v)


def test_every_journal_section_passes_the_audit(sample, text_scale) -> None:  # type: ignore[no-untyped-def]
    _open_journal(sample)
    sections = journal_sections(sample)
    assert len(sections) >= 10
    found: dict[str, list[str]] = {}
    for name, _page, show in sections:
        show()
        _settle()
        found[name] = _findings(sample)
    bad = {k: v for k, v in found.items() if v}
    assert not bad, "\n".join(f"{k}: {p}" for k, v in bad.items() for p in v)


def test_every_dialog_passes_the_audit(sample, qtbot, text_scale) -> None:  # type: ignore[no-untyped-def]
    _open_journal(sample)
    journal = sample.journal_screen.session.journal
    babies = journal.babies()
    dialogs: dict[str, QWidget] = {}
    for kind in (EntryKind.FEEDING_PLAN, EntryKind.FAMILY_FEED, EntryKind.PUMPING, EntryKind.WEIGHT,
                 EntryKind.CARE_EVENT, EntryKind.NOTE):
        dialogs[kind.name] = DIALOGS[kind](entries=sample.entries, babies=babies, prompts=ScriptedPrompts(),
                                           parent=sample)
    question = sample.journal_screen.questions_screen.book.all()[0]
    dialogs["question"] = QuestionDialog(babies=babies, parent=sample)
    dialogs["answer"] = AnswerDialog(question=question, now=NOW, parent=sample)
    dialogs["baby"] = BabyDialog(today=NOW.date(), validate=lambda _d: (), parent=sample)
    dialogs["create journal"] = CreateJournalDialog(
        suggest_label=lambda: "Green Finch", suggest_passphrase=lambda: "tidy-gravel-moon-abacus-river",
        check_passphrase=lambda text, label: sample.directory.check_passphrase(text, label=label), parent=sample)
    found: dict[str, list[str]] = {}
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        _settle()
        found[name] = _findings(dialog)
        stops, _problems = audit.tab_walk(dialog)
        found[name] += audit.backwards_steps(stops)
        dialog.close()
    bad = {k: v for k, v in found.items() if v}
    assert not bad, "\n".join(f"{k}: {p}" for k, v in bad.items() for p in v)


def test_the_audit_finds_each_kind_of_problem(qtbot, qapp) -> None:
    """Each check reports a widget built with the problem the December audit found (so none of them is a check
    that cannot fail)."""
    style.apply_style(qapp, scale=1.0)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    hidden_text = QLabel("Saved at 14:02", page)
    hidden_text.setAccessibleName("Save status")  # the name replaces the text: a screen reader hears no time
    renamed = QPushButton("Lock now", page)
    renamed.setAccessibleName("Lock my journal now")  # WCAG 2.5.3: the words shown are not in the name
    combo = QComboBox(page)
    combo.addItems(["Still to ask", "Answered"])
    table = QTableView(page)  # Tab moves between cells and never leaves (the Questions trap)
    table.setModel(QStringListModel([f"row {n}" for n in range(80)], table))
    after = QPushButton("After the table", page)
    faint = QCheckBox("Show guides", page)
    faint.setStyle(QStyleFactory.create("Fusion"))  # Fusion's own faint focus box, not the app's ring
    faint.setStyleSheet("QCheckBox { background: white; }")
    for widget in (hidden_text, renamed, combo, table, after, faint):
        layout.addWidget(widget)
    page.resize(500, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    assert audit.unreadable_labels(page)
    assert audit.name_hides_label(page) == ["button 'Lock now' is named 'Lock my journal now'"]
    assert len(audit.combos_without_buddy(page)) == 1
    _stops, problems = audit.tab_walk(page, start=renamed)
    assert any("keyboard trap" in p for p in problems)
    assert any("After the table" in p and "never reached" in p for p in problems)
    assert audit.focus_not_visible([faint]) != []
    assert audit.focus_not_visible([after]) == []  # the app's 2 px ring passes


def test_colours_of_edges_rings_and_banners_reach_3_to_1() -> None:
    """Non-text contrast (WCAG 1.4.11): every border colour in the stylesheet (but disabled ones), the focus rings
    and the check-box outline against white, the paper, the panel and the banner colour."""
    sheet = style.stylesheet(1.0)
    rules = [r for r in sheet.split("}") if ":disabled" not in r]
    borders = set(re.findall(r"border(?:-color)?:\s*(?:\d+px solid )?(#[0-9a-fA-F]{6})", "}".join(rules)))
    assert {style.EDGE, style.WARN_EDGE, style.FOCUS} <= borders
    for colour in borders | {style.EDGE, style.FOCUS, style.FOCUS_ON_ACCENT}:
        for ground in ("#ffffff", style.PAPER, style.PANEL, style.WARN_BG):
            assert audit.contrast(colour, ground) >= 3.0, (colour, ground)
    assert audit.contrast(style.FOCUS_ON_ACCENT, style.PAPER) >= 3.0  # ring of a selected navigation tab


def test_thin_chart_bars_show_their_value_at_3_to_1(qapp) -> None:
    """Bars too thin for an outline (60 days on a small chart) get a line in the series colour at their value end:
    above the pale fill of every bar there is a pixel at 3:1 or more against the white background."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from nec_companion.charts.model import ChartSpec, Series
    from nec_companion.charts.painter import COLOUR, draw_chart

    spec = ChartSpec("Pumped milk", "Day", "mL", (Series("Pumped", tuple((float(day), 120.0 + (day * 37) % 200)
                                                                         for day in range(60)), "bars"),))
    image = QImage(640, 420, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    layout = draw_chart(painter, QRectF(0, 0, 640, 420), spec, font=QFont("DejaVu Sans", 11))
    painter.end()
    fill = QColor(COLOUR.bar_fills[0])
    plot = layout.plot
    columns = marked = 0
    for x in range(int(plot.left()) + 2, int(plot.right()) - 1):
        for y in range(int(plot.top()) + 1, int(plot.bottom()) - 1):
            colour = image.pixelColor(x, y)
            if max(abs(colour.red() - fill.red()), abs(colour.green() - fill.green()),
                   abs(colour.blue() - fill.blue())) <= 6:
                columns += 1
                above = [image.pixelColor(x, y - d) for d in (1, 2, 3)]
                marked += any(audit.contrast(c, "#ffffff") >= 3.0 for c in above)
                break
    assert columns > 100
    assert marked / columns > 0.95


def test_status_changes_are_announced(sample, heard, qtbot) -> None:  # type: ignore[no-untyped-def]
    sample.show_screen("library")
    library = sample.stack.currentWidget()
    library.search_edit.setText("milk")
    assert any(re.search(r"\d+ results", text) for text, _ in heard)

    _open_journal(sample)  # Today shows the "something I noticed" from 40 minutes ago
    screen = sample.journal_screen
    nurse = [text for text, assertive in heard if assertive]
    assert len(nurse) == 1 and "nurse now" in nurse[0]
    for _name, page, show in journal_sections(sample):
        show()
        if hasattr(page, "refresh"):
            page.refresh()
    assert [text for text, assertive in heard if assertive] == nurse  # once, not at every refresh
    heard.clear()
    session = screen.session
    session.countdown.emit(30)
    session.countdown.emit(29)
    session.countdown.emit(10)
    session.countdown.emit(9)
    countdown = [text for text, _ in heard if "will lock in" in text]
    assert [re.search(r"\d+", t).group() for t in countdown] == ["30", "10"]  # at start and at 10 s only

    heard.clear()
    session.save_state_changed.emit(SaveState.FAILED, "Your latest changes could not be saved yet.")
    session.save_state_changed.emit(SaveState.SAVED, "All changes saved.")
    assert [t for t, _ in heard] == ["Your latest changes could not be saved yet.", "All changes saved."]

    heard.clear()
    screen.start.set_busy("Unlocking… this takes a second.")
    assert ("Unlocking… this takes a second.", False) in heard
    screen.start.set_busy("")


@pytest.mark.parametrize("scale", [1.5, 2.0])
def test_about_keeps_every_section_at_large_text(qtbot, qapp, scale: float) -> None:
    """At 150 % and 200 % on 1366×768 the About text gets all the height it needs, down to the version."""
    style.apply_style(qapp, scale=scale)
    window = MainWindow(text_scale=scale)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_screen("about")
    _settle()
    body = window.stack.currentWidget().body
    assert "Keyboard shortcuts" in body.text() and "Version" in body.text()
    assert body.height() >= body.heightForWidth(body.width())
    style.apply_style(qapp, scale=1.0)


def test_article_headings_can_be_listed_and_reached(window) -> None:  # type: ignore[no-untyped-def]
    """A screen-reader or keyboard user picks a heading from "Go to heading" and lands on it: the article scrolls
    to it, the reading position is on it and focus is in the article."""
    window.show_warning_signs()
    _settle()
    reader = window.stack.currentWidget().reader
    headings = reader.headings
    assert headings.isVisible() and headings.count() >= 3
    level, text, _position = reader.heading_blocks()[-1]
    assert headings.itemData(headings.count() - 1, Qt.ItemDataRole.AccessibleTextRole) == \
        f"Heading level {level}: {text}"
    reader.jump_to_heading(headings.count() - 1)
    _settle()
    assert reader.browser.textCursor().selectedText() == text
    assert reader.browser.verticalScrollBar().value() > 0
    assert reader.browser.hasFocus()


def test_spin_and_time_arrows_are_24_px_targets(qtbot, qapp) -> None:
    """WCAG 2.5.8: each arrow of a spin or time box is at least 24×24 px and a click on it changes the value."""
    from PySide6.QtWidgets import QSpinBox, QStyle, QStyleOptionSpinBox, QTimeEdit

    style.apply_style(qapp, scale=1.0)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    spin = QSpinBox(page)
    spin.setRange(0, 10)
    spin.setValue(5)
    time_box = QTimeEdit(page)
    layout.addWidget(spin)
    layout.addWidget(time_box)
    page.show()
    qtbot.waitExposed(page)
    option = QStyleOptionSpinBox()
    option.initFrom(spin)
    option.rect = spin.rect()
    option.buttonSymbols = spin.buttonSymbols()
    option.stepEnabled = spin.StepEnabledFlag.StepUpEnabled | spin.StepEnabledFlag.StepDownEnabled
    option.subControls = QStyle.SubControl.SC_All
    for sub, expected in ((QStyle.SubControl.SC_SpinBoxUp, 6), (QStyle.SubControl.SC_SpinBoxDown, 5)):
        rect = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, sub, spin)
        assert rect.width() >= 24 and rect.height() >= 24
        qtbot.mouseClick(spin, Qt.MouseButton.LeftButton, pos=rect.center())
        assert spin.value() == expected
    time_option = QStyleOptionSpinBox()
    time_option.initFrom(time_box)
    time_option.rect = time_box.rect()
    time_option.buttonSymbols = time_box.buttonSymbols()
    up = time_box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, time_option,
                                         QStyle.SubControl.SC_SpinBoxUp, time_box)
    assert up.width() >= 24 and up.height() >= 24


def test_edges_of_boxes_and_ticks_reach_3_to_1_on_screen(qtbot, qapp) -> None:
    """Drawn, not just declared: the left edge of a combo, spin, date box and button, and the outline of a check
    box, are at 3:1 or more against the paper behind them."""
    from PySide6.QtWidgets import QDateEdit, QSpinBox

    style.apply_style(qapp, scale=1.0)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    combo = QComboBox(page)
    combo.addItems(["All babies", "Robin"])
    boxes = [combo, QSpinBox(page), QDateEdit(page), QPushButton("Save", page)]
    tick = QCheckBox("Show guides", page)
    for widget in [*boxes, tick]:
        layout.addWidget(widget)
    page.resize(320, 260)
    page.show()
    qtbot.waitExposed(page)
    _settle()
    for widget in boxes:
        image = widget.grab().toImage()
        middle = image.height() // 2
        edge = max(audit.contrast(image.pixelColor(x, middle), style.PAPER) for x in range(3))
        assert edge >= 3.0, (type(widget).__name__, edge)
    image = tick.grab().toImage()
    middle = image.height() // 2
    best = max(audit.contrast(image.pixelColor(x, middle), style.PAPER) for x in range(min(30, image.width())))
    assert best >= 3.0


def test_the_audit_finds_a_tab_order_against_reading_order(qtbot, qapp) -> None:
    style.apply_style(qapp, scale=1.0)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    buttons = [QPushButton(f"Step {n}", page) for n in range(4)]
    for button in buttons:
        layout.addWidget(button)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    stops, _ = audit.tab_walk(page, start=buttons[0])
    assert audit.backwards_steps(stops) == []  # top to bottom: only the wrap goes back up
    QWidget.setTabOrder(buttons[0], buttons[2])  # 0, 2, 1, 3: reading order broken
    QWidget.setTabOrder(buttons[2], buttons[1])
    QWidget.setTabOrder(buttons[1], buttons[3])
    stops, _ = audit.tab_walk(page, start=buttons[0])
    assert [b.text() for b in stops] == ["Step 0", "Step 2", "Step 1", "Step 3"]
    assert audit.backwards_steps(stops) != []


def test_pause_hatching_and_guide_lines_reach_3_to_1() -> None:
    """Non-text contrast (WCAG 1.4.11) of the chart's shapes that carry meaning: the hatching that marks paused
    feeds (it was about 1.7:1) and the guide lines, against the chart background and the pause fill, on screen
    and in black-and-white print."""
    from nec_companion.charts.painter import COLOUR, MONOCHROME

    for colours in (COLOUR, MONOCHROME):
        for shape in (colours.shade_hatch, colours.guide_line):
            for ground in (colours.background, colours.shade_fill):
                assert audit.contrast(shape, ground) >= 3.0, (shape, ground)


@pytest.fixture
def in_spanish():  # type: ignore[no-untyped-def]
    """The app speaking Spanish (our catalog, Qt's own texts, the locale) before the window is built."""
    from PySide6.QtCore import QLocale

    from nec_companion.ui.language import LanguageSwitch

    switch = LanguageSwitch()
    switch.apply("es")
    yield
    switch.apply("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_everything_passes_the_audit_in_spanish_at_200_percent(in_spanish, sample, qtbot,  # type: ignore[no-untyped-def]
                                                               qapp) -> None:
    """Issue 13: the same audit in Spanish at the largest text: every control named, every label whole, Tab in
    reading order, focus visible — on the screens, every journal section and every dialog."""
    assert sample.navigation.tabText(0) == "Biblioteca"
    style.apply_style(qapp, scale=2.0)
    sample.apply_text_scale(2.0)
    _settle()
    try:
        test_library_settings_about_and_journal_start_pass_the_audit(sample, 2.0)
        test_every_journal_section_passes_the_audit(sample, 2.0)
        test_every_dialog_passes_the_audit(sample, qtbot, 2.0)
    finally:
        style.apply_style(qapp, scale=1.0)
