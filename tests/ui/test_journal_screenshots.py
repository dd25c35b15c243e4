"""Screenshots of the journal screens at 100 % and 200 % text, for people to look at.

Set SCREENSHOT_DIR to keep them.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.recovery_code import RecoveryCode
from nec_companion.storage import JournalDirectory
from nec_companion.ui import style
from nec_companion.ui.journal.dialogs import BabyDialog, CreateJournalDialog, RecoveryCodeDialog
from nec_companion.ui.main_window import MainWindow
from nec_companion.ui.prompts import ScriptedPrompts


def _save(widget, name: str, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # let layouts settle (wrapped labels ask for their height after the first pass)
        QApplication.processEvents()
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    assert widget.grab().save(str(path))
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)}
    assert len(colours) > 4, f"{name} looks blank"


def _print_rounds_page(rounds, tmp_path: Path) -> None:
    """The printed rounds sheet as a PDF, then as a PNG page (poppler's pdftoppm) to look at."""
    import shutil
    import subprocess

    from PySide6.QtGui import QPageSize, QPdfWriter

    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    pdf = out / "rounds-printed.pdf"
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    rounds.document().print_(writer)
    del writer
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(out / "rounds-printed")],
                       check=True)
        assert list(out.glob("rounds-printed*.png"))


@pytest.mark.screenshot
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_journal_screenshots(qtbot, qapp, app_paths, tmp_path: Path, scale: float) -> None:
    """Start screen, create dialog, recovery code, the open journal with twins and a countdown, baby dialog."""
    style.apply_style(qapp, scale=scale)
    clock = ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))
    directory = JournalDirectory(app_paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    for label in ("Blue Otter", "Quiet Heron"):
        directory.create(passphrase="quiet harbour lantern meadow", label=label).journal.close()
    window = MainWindow(text_scale=scale, journal_directory=lambda: directory, clock=clock,
                        prompts=ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.apply_text_scale(scale)
    window.show()
    window.show_screen("journal")
    suffix = int(scale * 100)
    _save(window, f"journal-start-{suffix}", tmp_path)

    create = CreateJournalDialog(suggest_label=lambda: "Green Finch",
                                 suggest_passphrase=lambda: "tidy-gravel-moon-abacus-river",
                                 check_passphrase=lambda text, label: directory.check_passphrase(text, label=label),
                                 parent=window)
    qtbot.addWidget(create)
    create.show()
    _save(create, f"journal-create-{suffix}", tmp_path)
    create.use_own.setChecked(True)
    create.own.setText("short")
    _save(create, f"journal-create-own-{suffix}", tmp_path)

    code = RecoveryCodeDialog(RecoveryCode.generate(), label="Green Finch", print_document=lambda d: None,
                              parent=window)
    qtbot.addWidget(code)
    code.show()
    _save(code, f"journal-recovery-code-{suffix}", tmp_path)

    opened = directory.open(directory.list()[0].journal_id, "quiet harbour lantern meadow")
    for name, ga, grams in (("Pip", GestationalAge(27, 3), 910), ("Moss", GestationalAge(27, 3), 840)):
        opened.add_baby(BabyDetails(nickname=name, birth_date=dt.date(2026, 2, 1), birth_time=dt.time(4, 10),
                                    gestational_age=ga, birth_weight_g=grams))
    window.journal_screen._opened(opened)
    window.journal_screen.page.countdown.show_text(
        "To keep your journal private, it will lock in 25 seconds. Move the mouse or press a key to keep it open.")
    _save(window, f"journal-open-{suffix}", tmp_path)

    from nec_companion.core.questions import Priority, QuestionDraft, Role, Topic

    book = window.journal_screen.questions_screen.book
    for text, topic, priority in (
            ("How much milk is Pip getting now, and when will that change?", Topic.FEEDING, Priority.HIGH),
            ("Is Moss still getting antibiotics, and for how long?", Topic.MEDICINES, Priority.NORMAL),
            ("Can we do skin-to-skin with both twins today?", Topic.OTHER, Priority.NORMAL),
            ("Should I be pumping at night too?", Topic.MILK, Priority.LOW)):
        book.add(QuestionDraft(text=text, topic=topic, priority=priority))
    first = book.all()[1]
    book.answer(first.question_id, text="Yes until the blood culture is back on Thursday.", role=Role.NEONATOLOGIST)
    window.journal_screen.questions_screen.refresh()
    window.journal_screen.page.tabs.setCurrentWidget(window.journal_screen.questions_screen)
    window.journal_screen.page.countdown.show_text("")
    _save(window, f"journal-questions-{suffix}", tmp_path)
    window.journal_screen.page.tabs.setCurrentWidget(window.journal_screen.rounds_screen)
    _save(window, f"journal-rounds-{suffix}", tmp_path)
    if scale == 1.0:
        _print_rounds_page(window.journal_screen.rounds_screen, tmp_path)
    window.journal_screen.page.tabs.setCurrentWidget(window.journal_screen.export_screen)
    _save(window, f"journal-export-{suffix}", tmp_path)
    window.journal_screen.page.tabs.setCurrentIndex(window.journal_screen.page.tabs.count() - 1)

    baby = BabyDialog(today=dt.date(2026, 3, 10), details=opened.babies()[0].details,
                      validate=lambda d: (), parent=window)
    qtbot.addWidget(baby)
    baby.show()
    _save(baby, f"journal-baby-dialog-{suffix}", tmp_path)
    window.lock_journal("now")
    style.apply_style(qapp, scale=1.0)
