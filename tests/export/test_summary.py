"""The care-team summary: built from a real journal, painted to PDF, and read back with independent readers
(poppler's pdftotext / pdfinfo / pdffonts / pdfimages / pdftoppm, and pypdf)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import Baby, BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.core.questions import Priority, QuestionDraft, Role, Status
from nec_companion.export import pdf as pdf_module
from nec_companion.export.pdf import SummaryNotWritten, page_size_for_locale, print_summary, render_summary_pdf
from nec_companion.export.summary import (
    FOOTER_TEXT,
    NOTHING_RECORDED,
    Section,
    SummaryDocument,
    SummaryOptions,
    build_summary,
)
from nec_companion.journal import JournalEntries
from nec_companion.journal.sample import SampleTwins, build_sample_twins
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.passphrase_policy import PassphraseLists
from nec_companion.storage import JournalDirectory, OpenJournal
from nec_companion.storage.question_book import QuestionBook

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 20, 10, 0, tzinfo=UTC)
A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)
OPEN_QUESTION = "When can Wren try a first bottle?"
ROBIN_QUESTION = "Is Robin's new probiotic the same as Wren's?"
ANSWERED_QUESTION = "Why was the belly X-ray done?"
ANSWER = "To look at the bowel after the swelling; it was normal."


# ---------------------------------------------------------------------------------------------- fixtures


@dataclass
class Family:
    journal: OpenJournal
    entries: JournalEntries
    book: QuestionBook
    sample: SampleTwins
    clock: ManualClock

    @property
    def wren(self) -> Baby:
        return self.sample.babies[1]

    def options(self, *, sections: frozenset[Section] = frozenset(Section), days: int | None = None) -> SummaryOptions:
        first = self.sample.first_day if days is None else self.sample.last_day - timedelta(days=days - 1)
        return SummaryOptions(self.wren.baby_id, first, self.sample.last_day, sections=sections)

    def summary(self, **kwargs: object) -> SummaryDocument:
        return build_summary(self.entries, self.book.all(), self.wren, self.options(**kwargs),  # type: ignore[arg-type]
                             self.clock.now())


def open_journal(folder: Path, clock: ManualClock) -> OpenJournal:
    directory = JournalDirectory(folder / "data", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests(),
                                 passphrase_lists=PassphraseLists.load())
    journal, _code = directory.create(passphrase="tidy gravel moon abacus")
    return journal


def make_family(folder: Path, *, days: int) -> Family:
    clock = ManualClock(NOW)
    journal = open_journal(folder, clock)
    sample = build_sample_twins(journal, clock=clock, days=days)
    entries = JournalEntries(journal, clock=clock, time_zone=sample.time_zone)
    book = QuestionBook(journal, clock=clock)
    wren, robin = sample.babies[1], sample.babies[0]
    book.add(QuestionDraft(text="How is the belly now?"))  # about both babies
    book.add(QuestionDraft(text=OPEN_QUESTION, priority=Priority.HIGH, baby_id=wren.baby_id))
    book.add(QuestionDraft(text=ROBIN_QUESTION, baby_id=robin.baby_id))
    asked = book.add(QuestionDraft(text="What does 'NPO' mean on the chart?", baby_id=wren.baby_id)).question
    book.set_status(asked.question_id, Status.ASKED)
    answered = book.add(QuestionDraft(text=ANSWERED_QUESTION, baby_id=wren.baby_id)).question
    book.answer(answered.question_id, text=ANSWER, role=Role.NEONATOLOGIST, answered_at=NOW - timedelta(days=2))
    return Family(journal, entries, book, sample, clock)


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Family]:
    made = make_family(tmp_path_factory.mktemp("family"), days=60)
    yield made
    made.journal.close(save=False)


@pytest.fixture(scope="module")
def summary_pdf(family: Family, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    render_summary_pdf(family.summary(), path, page_size=A4)
    return path


# ---------------------------------------------------------------------------------------------- readers


def run(*command: str) -> str:
    """A poppler tool's output; the test is skipped (not failed) on a machine without poppler-utils."""
    if shutil.which(command[0]) is None:
        pytest.skip(f"needs poppler's {command[0]} (poppler-utils; scripts/setup.sh installs it)")
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def pdftotext(path: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, by poppler (pages end with a form feed)."""
    text = run("pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(path), "-")
    return text.split("\f")[:-1]


def pdfinfo(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def lines_of(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines()]


def page_with_line(pages: list[str], line: str) -> int:
    """1-based number of the page on which `line` is a line of its own."""
    return next(index for index, page in enumerate(pages, start=1) if line in lines_of(page))


def chart_placements(path: Path) -> list[tuple[int, tuple[float, float, float, float], float]]:
    """(page, (left, bottom, right, top) in points, page height) for every image drawn, read with pypdf."""
    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        def before(operator: bytes, operands: list, cm: list[float], tm: list[float], number: int = number,
                   height: float = float(page.mediabox.height)) -> None:
            if operator == b"Do":
                a, _, _, d, e, f = cm
                found.append((number, (e, f, e + a, f + d), height))
        page.extract_text(visitor_operand_before=before)
    return found


def expected_feeding_row(family: Family, day_index: int) -> str:
    """A row of the daily feeding table as pdftotext -layout prints it: date, day of life, mL/day, mL/kg/day."""
    days = family.entries.feeding_days(family.wren.baby_id, first_day=family.sample.first_day,
                                       last_day=family.sample.last_day)
    day = days[day_index]
    assert day.planned_ml >= 10 and day.ml_per_kg is not None
    return rf"{day.day.day} {day.day:%b}\s+{day.day_of_life}\s+{day.planned_ml:,.0f}\s+{day.ml_per_kg:,.0f}\b"


# ---------------------------------------------------------------------------------------------- the PDF's text


def test_pdf_text_has_name_dates_sections_values_and_questions(family: Family, summary_pdf: Path) -> None:
    """pdftotext finds the nickname, the date range, every section heading, a daily-table row, the open question
    (not the other twin's), the answered question with its role, and the kind footer."""
    pages = pdftotext(summary_pdf)
    text = " ".join(" ".join(pages).split())
    assert "Care-team summary: Wren" in text
    assert "20 Jan 2025 to 20 Mar 2025" in text
    all_lines = [line for page in pages for line in lines_of(page)]
    for section in Section:
        assert section.label in all_lines, section
    assert re.search(expected_feeding_row(family, 20), "\n".join(pdftotext(summary_pdf, layout=True)))
    assert OPEN_QUESTION in text and "(high priority)" in text
    assert "How is the belly now?" in text  # a question about both babies is Wren's too
    assert ROBIN_QUESTION not in text
    assert ANSWERED_QUESTION in text and ANSWER in text and "Neonatologist" in text
    assert "Antibiotics" in text and "48 hours" in text
    assert "Something I noticed" in text


def test_every_page_has_header_and_footer_with_page_numbers(summary_pdf: Path) -> None:
    """Each page carries the nickname and dates at the top and the not-a-medical-record footer with "Page N of M"."""
    pages = pdftotext(summary_pdf)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert "Wren \u00b7 20 Jan 2025 to 20 Mar 2025" in flat, number
        assert FOOTER_TEXT in flat, number
        assert f"Page {number} of {total}" in flat, number


def test_pdfinfo_page_count_and_a4_size(summary_pdf: Path) -> None:
    """pdfinfo: a 60-day summary is a handful of A4 pages, with a neutral title."""
    info = pdfinfo(summary_pdf)
    assert 4 <= int(info["Pages"]) <= 14
    assert info["Page size"].startswith("595 x 842") and "A4" in info["Page size"]
    assert info["Title"] == "Care-team summary"


def test_fonts_are_embedded(summary_pdf: Path) -> None:
    """pdffonts: every font used is embedded, so the PDF prints the same on any computer."""
    rows = run("pdffonts", str(summary_pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_pypdf_reads_the_same_text(family: Family, summary_pdf: Path) -> None:
    """A second, pure-Python reader sees the same pages, nickname, headings, question and footers."""
    reader = PdfReader(summary_pdf)
    assert len(reader.pages) == int(pdfinfo(summary_pdf)["Pages"])
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    joined = " ".join(texts)
    for needle in ("Care-team summary: Wren", "Feeding progression", "Questions to ask", OPEN_QUESTION,
                   "20 Jan 2025 to 20 Mar 2025"):
        assert needle in joined, needle
    for number, text in enumerate(texts, start=1):
        assert FOOTER_TEXT in text and f"Page {number} of {len(texts)}" in text


def test_charts_are_whole_grey_and_on_their_sections_page(summary_pdf: Path) -> None:
    """Three charts, stored in grey, each drawn whole inside one page's body (never cut by a page end), on the
    same page as its section heading."""
    listing = run("pdfimages", "-list", str(summary_pdf)).splitlines()[2:]
    assert listing and all(row.split()[5] == "gray" for row in listing)
    visible = []
    for page, (_left, bottom, _right, top), height in chart_placements(summary_pdf):
        inside = bottom >= 0 and top <= height
        outside = top <= 0 or bottom >= height
        assert inside or outside, (page, bottom, top)  # never straddling a page edge
        if inside:
            visible.append(page)
    pages = pdftotext(summary_pdf)
    headings = [page_with_line(pages, label) for label in ("Feeding progression", "Pumping", "Weights")]
    assert visible == headings


def test_pages_print_in_black_and_white(summary_pdf: Path, tmp_path: Path) -> None:
    """Rendered, the first page has no coloured pixel at all: it reads the same on a black-and-white printer."""
    run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(summary_pdf), str(tmp_path / "page"))
    image = QImage(str(next(tmp_path.glob("page*.png")))).convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())[: image.sizeInBytes()]  # B, G, R, A for each pixel
    assert len(set(data[0::4])) > 2  # there is ink on the page ...
    assert data[0::4] == data[1::4] == data[2::4]  # ... and all of it is grey


# ---------------------------------------------------------------------------------------------- choices and edge cases


@pytest.mark.parametrize("left_out", list(Section), ids=lambda s: s.value)
def test_each_section_can_be_left_out(family: Family, tmp_path: Path, left_out: Section) -> None:
    """Without one section its heading (and chart) is gone from the PDF; every other heading is still there."""
    document = family.summary(sections=frozenset(Section) - {left_out}, days=14)
    path = tmp_path / "summary.pdf"
    render_summary_pdf(document, path, page_size=A4)
    all_lines = [line for page in pdftotext(path) for line in lines_of(page)]
    assert left_out.label not in all_lines
    for section in set(Section) - {left_out}:
        assert section.label in all_lines, section
    chart_of = {Section.FEEDING: "feeding", Section.PUMPING: "pumping", Section.WEIGHTS: "weight"}
    assert set(document.charts) == set(chart_of.values()) - {chart_of.get(left_out)}


def test_empty_journal_gives_a_short_kind_pdf(qapp: object, tmp_path: Path) -> None:
    """A baby with nothing recorded: one page with the baby's ages and "Nothing recorded yet for these dates."."""
    clock = ManualClock(NOW)
    journal = open_journal(tmp_path, clock)
    try:
        baby = journal.add_baby(BabyDetails(nickname="Pip", birth_date=date(2025, 3, 10), birth_time=time(7, 5),
                                            gestational_age=GestationalAge(30, 2), birth_weight_g=1320)).baby
        assert baby is not None
        entries = JournalEntries(journal, clock=clock, time_zone="Europe/London")
        document = build_summary(entries, QuestionBook(journal, clock=clock).all(), baby,
                                 SummaryOptions(baby.baby_id, date(2025, 3, 10), date(2025, 3, 20)), clock.now())
        assert document.is_empty and document.charts == {}
        path = tmp_path / "empty.pdf"
        assert render_summary_pdf(document, path, page_size=A4) == 1
    finally:
        journal.close(save=False)
    pages = pdftotext(path)
    assert len(pages) == 1
    flat = " ".join(pages[0].split())
    assert NOTHING_RECORDED in flat and "Baby and ages" in flat and FOOTER_TEXT in flat and "Page 1 of 1" in flat
    assert "Feeding progression" not in flat


def test_nickname_markup_and_control_characters_are_escaped(qapp: object, tmp_path: Path) -> None:
    """A nickname with HTML, quotes, and a right-to-left override prints as plain text; nothing is
    interpreted as markup and the header's dates stay in order."""
    hostile = '<b>Bo</b> & "Co"\u202e<img src=x>'  # a bell (\x07) is now refused at input (audit M9)
    clock = ManualClock(NOW)
    journal = open_journal(tmp_path, clock)
    try:
        baby = journal.add_baby(BabyDetails(nickname=hostile, birth_date=date(2025, 3, 1),
                                            gestational_age=GestationalAge(29, 0), birth_weight_g=1100)).baby
        assert baby is not None
        entries = JournalEntries(journal, clock=clock, time_zone="Europe/London")
        book = QuestionBook(journal, clock=clock)
        book.add(QuestionDraft(text="Is <script>alert(1)</script> & such shown as text?", baby_id=baby.baby_id))
        document = build_summary(entries, book.all(), baby,
                                 SummaryOptions(baby.baby_id, date(2025, 3, 1), date(2025, 3, 20)), clock.now())
    finally:
        journal.close(save=False)
    html = document.html()
    assert "<b>Bo</b>" not in html and "<img src=x>" not in html and "<script>" not in html
    assert "&lt;b&gt;Bo&lt;/b&gt; &amp; &quot;Co&quot;" in html
    assert "\x07" not in html and "\u202e" not in html and "\x07" not in document.header
    path = tmp_path / "hostile.pdf"
    render_summary_pdf(document, path, page_size=A4)
    flat = " ".join(" ".join(pdftotext(path)).split())
    assert '<b>Bo</b> & "Co"<img src=x> \u00b7 1 Mar 2025 to 20 Mar 2025' in flat
    assert "Is <script>alert(1)</script> & such shown as text?" in flat


def test_a_180_day_range_works(qapp: object, tmp_path: Path) -> None:
    """180 days of twins: the PDF has every day of life up to 180 in the table, with header and footer on each
    of its pages."""
    family = make_family(tmp_path / "journal", days=180)
    try:
        document = family.summary()
        path = tmp_path / "long.pdf"
        pages = render_summary_pdf(document, path, page_size=A4)
    finally:
        family.journal.close(save=False)
    assert 12 <= pages <= 40 and int(pdfinfo(path)["Pages"]) == pages
    layout_text = "\n".join(pdftotext(path, layout=True))
    last = family.sample.last_day
    assert re.search(rf"{last.day} {last:%b}\s+180\s", layout_text)
    texts = pdftotext(path)
    assert all(FOOTER_TEXT in " ".join(p.split()) and f"of {pages}" in p for p in texts)


# ---------------------------------------------------------------------------------------------- paper and printing


@pytest.mark.parametrize(("name", "letter"), [
    ("en_US", True), ("fr_CA", True), ("es_MX", True), ("en_PH", True), ("es_CO", True),
    ("en_GB", False), ("de_DE", False), ("fr_FR", False), ("en_AU", False), ("ja_JP", False), ("en_IE", False),
])
def test_page_size_follows_the_locale(name: str, letter: bool) -> None:
    """Letter in the US, Canada, Mexico and the other Letter countries; A4 everywhere else."""
    expected = QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4
    assert page_size_for_locale(QLocale(name)).id() == expected


def test_letter_pdf_is_letter_sized(family: Family, tmp_path: Path) -> None:
    """A US locale's summary is a Letter PDF (612 x 792 points) with the same footer on every page."""
    path = tmp_path / "letter.pdf"
    render_summary_pdf(family.summary(days=14), path, page_size=page_size_for_locale(QLocale("en_US")))
    assert pdfinfo(path)["Page size"].startswith("612 x 792")
    pages = pdftotext(path)
    assert all(FOOTER_TEXT in " ".join(page.split()) for page in pages)


def test_print_summary_paints_any_paged_device(family: Family, tmp_path: Path) -> None:
    """print_summary uses the device's own page size and margins (as a printer from the print dialog would)."""
    path = tmp_path / "printed.pdf"
    device = QPdfWriter(str(path))
    device.setResolution(300)
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(8, 8, 8, 8), QPageLayout.Unit.Millimeter))
    pages = print_summary(family.summary(days=7), device)
    del device
    assert int(pdfinfo(path)["Pages"]) == pages
    assert pdfinfo(path)["Page size"].startswith("420 x 595")
    texts = pdftotext(path)
    assert all(f"Page {n} of {pages}" in " ".join(t.split()) for n, t in enumerate(texts, start=1))


# ---------------------------------------------------------------------------------------------- threads and files


def test_renders_in_a_worker_thread_with_progress(family: Family, tmp_path: Path) -> None:
    """Called from a worker thread (a QThread of a pool, as the UI does), the PDF is written and progress climbs
    steadily to (total, total)."""
    document = family.summary()
    path = tmp_path / "threaded.pdf"
    reports: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    result: list[int] = []

    def report(done: int, total: int) -> None:
        reports.append((done, total))

    def work() -> None:
        try:
            result.append(render_summary_pdf(document, path, page_size=A4, progress=report))
        except BaseException as error:  # noqa: BLE001 - handed back to the test thread
            errors.append(error)

    from PySide6.QtCore import QThreadPool

    pool = QThreadPool()
    pool.start(work)
    assert pool.waitForDone(60_000) and errors == []
    assert int(pdfinfo(path)["Pages"]) == result[0]
    done = [d for d, _ in reports]
    totals = {t for _, t in reports}
    assert done == sorted(done) and done[0] == 0 and len(totals) == 1 and done[-1] == totals.pop()
    assert "Wren" in " ".join(pdftotext(path))


def test_failure_leaves_no_partial_file_and_keeps_the_old_one(family: Family, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """If drawing fails half-way, the earlier summary at the target is untouched and no temporary file remains."""
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / "summary.pdf"
    target.write_bytes(b"%PDF-1.4 the earlier summary")
    calls = []

    def broken(*args: object, **kwargs: object) -> object:
        calls.append(1)
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(pdf_module, "draw_chart", broken)
    with pytest.raises(RuntimeError):
        render_summary_pdf(family.summary(days=7), target, page_size=A4)
    assert calls
    assert sorted(p.name for p in folder.iterdir()) == ["summary.pdf"]
    assert target.read_bytes() == b"%PDF-1.4 the earlier summary"


def test_cancel_from_progress_leaves_nothing(family: Family, tmp_path: Path) -> None:
    """A progress callback that raises (the family pressed Cancel) stops the export, and no file is left."""
    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done >= 2:
            raise Cancelled

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        render_summary_pdf(family.summary(days=14), folder / "summary.pdf", page_size=A4, progress=progress)
    assert list(folder.iterdir()) == []


def test_unwritable_folder_says_so_and_leaves_nothing(family: Family, tmp_path: Path) -> None:
    """A folder that does not exist gives SummaryNotWritten with a plain message, and creates nothing."""
    target = tmp_path / "gone" / "summary.pdf"
    with pytest.raises(SummaryNotWritten) as raised:
        render_summary_pdf(family.summary(days=7), target, page_size=A4)
    assert "could not be saved" in raised.value.message
    assert not target.parent.exists()


def test_pdf_renderer_uses_no_widgets() -> None:
    """export/pdf.py imports Qt's GUI and core modules only, never QtWidgets or QtPrintSupport."""
    tree = ast.parse((ROOT / "nec_companion" / "export" / "pdf.py").read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    qt = {m for m in modules if m.startswith("PySide6")}
    assert qt == {"PySide6.QtCore", "PySide6.QtGui"}


def test_options_refuse_reversed_dates() -> None:
    """A last day before the first day is refused with a plain message."""
    with pytest.raises(ValueError, match="before the first day"):
        SummaryOptions(1, date(2025, 3, 2), date(2025, 3, 1))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- looking at it


@pytest.mark.screenshot
def test_screenshot_pages_of_a_60_day_twins_summary(family: Family, tmp_path: Path) -> None:
    """Writes every page of a 60-day summary as a PNG (80 dpi) for a person to look at, one image per page."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path) / "care-team-summary"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("summary-*.png"):
        old.unlink()
    path = tmp_path / "summary.pdf"
    pages = render_summary_pdf(family.summary(), path, page_size=A4)
    run("pdftoppm", "-png", "-r", "80", str(path), str(folder / "summary"))
    images = sorted(folder.glob("summary-*.png"))
    assert len(images) == pages
    assert all(not QImage(str(image)).isNull() for image in images)

