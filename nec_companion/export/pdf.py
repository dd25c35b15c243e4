"""Paints a care-team summary on paged devices: a PDF file (QPdfWriter) or a printer the UI hands in (QPrinter).

The one part of export/ that uses Qt, and only QtCore/QtGui (no widgets), so it runs in a worker thread. That
thread must be a QThread (the UI's worker pool is): the text layout starts timers, which need Qt's event
dispatcher. A plain Python thread has none.

    page_size = page_size_for_locale(QLocale.system())
    render_summary_pdf(document, Path(".../summary.pdf"), page_size=page_size, progress=lambda done, total: ...)
    print_summary(document, printer)            # printer: a QPrinter set up by the native print dialog

Both go through `_paint_summary`: the HTML is laid out in a QTextDocument at 96 units per inch (CSS pixels, so
sizes do not depend on the screen or the printer), the charts are drawn with `draw_chart` into greyscale images
at print resolution and added as the document's image resources, and pages are painted one by one with a
header (nickname and dates) and a footer ("Prepared by the family ..." and "Page N of M") on every page. A
summary in two languages is painted part by part (`SummaryDocument.parts`): each part starts a page and carries
its own header, footer and page numbers in its own language.
Headings are kept with what follows them and a chart is never split: a chart that does not fit starts a page.
A PDF is written to a hidden temporary file beside the target and renamed into place, so a failure never leaves
a partial file behind.
"""

from __future__ import annotations

import contextlib
import math
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from nec_companion.charts.model import ChartSpec
from nec_companion.charts.painter import draw_chart
from nec_companion.core.i18n import _
from nec_companion.export.summary import SummaryDocument

Progress = Callable[[int, int], None]

#: Layout units per inch: the HTML's sizes are CSS pixels.
CSS_DPI = 96.0
#: Charts are drawn at this resolution (or the device's, if lower): sharp on paper, small in the file.
CHART_DPI = 300.0
#: The PDF's own coordinate resolution.
PDF_RESOLUTION = 1200
#: Page margins for a PDF (a printer keeps the margins its dialog chose).
PDF_MARGINS_MM = QMarginsF(14, 12, 14, 11)
CHART_POINT_SIZE = 8.5
HEADER_PX = 11
_FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans"]

#: Territories that use US Letter paper (CLDR's paper-size data); everywhere else uses A4.
LETTER_TERRITORIES = frozenset({
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Belize,
    QLocale.Country.Chile, QLocale.Country.Colombia, QLocale.Country.CostaRica, QLocale.Country.ElSalvador,
    QLocale.Country.Guatemala, QLocale.Country.Nicaragua, QLocale.Country.Panama, QLocale.Country.Philippines,
    QLocale.Country.PuertoRico, QLocale.Country.Venezuela,
})


class SummaryNotWritten(Exception):
    """The PDF could not be written (no file was left behind); `message` and `next_step` are for the family."""

    def __init__(self, message: str, *, next_step: str = "", detail: str = "") -> None:
        self.message = message
        self.next_step = next_step or _("Please choose another folder or drive and try again.")
        self.detail = detail
        super().__init__(self.user_text())

    def user_text(self) -> str:
        return f"{self.message} {self.next_step}".strip()


def page_size_for_locale(locale: QLocale) -> QPageSize:
    """US Letter where Letter is the usual paper (the US, Canada, Mexico, much of Central and South America, the
    Philippines); A4 everywhere else. A locale without a territory goes by its measurement system."""
    territory = locale.territory()
    if territory in LETTER_TERRITORIES:
        return QPageSize(QPageSize.PageSizeId.Letter)
    if territory == QLocale.Country.AnyTerritory and \
            locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def page_size_for_paper(paper: str, locale: QLocale) -> QPageSize:
    """The hospital's paper size (site file: "A4", "Letter"), or the locale's usual paper for "auto"."""
    if paper == "A4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if paper == "Letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    return page_size_for_locale(locale)


def render_summary_pdf(document: SummaryDocument, path: Path, *, page_size: QPageSize,
                       progress: Progress | None = None) -> int:
    """Write `document` as a PDF at `path` (replacing it atomically) and return the number of pages.

    Safe to call off the GUI thread (a QGuiApplication must exist). `progress(done, total)` is called from the
    calling thread: (0, total) first, then once per chart and once per page; it may raise to cancel. On any
    failure or cancel the target is left as it was and no temporary file remains; a file-system problem is
    raised as SummaryNotWritten (message and next step for the family), anything else as itself.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:12]}.part")
    try:
        with open(temporary, "xb"):
            pass  # a missing or read-only folder fails here, plainly, before Qt opens the file
        pages = _write_pdf(document, temporary, page_size, progress)
        _flush_to_disk(temporary)
        os.replace(temporary, path)
    except SummaryNotWritten:
        _remove_quietly(temporary)
        raise
    except OSError as error:
        _remove_quietly(temporary)
        raise SummaryNotWritten(_("The summary could not be saved there."), detail=str(error)) from error
    except BaseException:
        _remove_quietly(temporary)
        raise
    _flush_directory(path.parent)
    return pages


def _write_pdf(document: SummaryDocument, path: Path, page_size: QPageSize, progress: Progress | None) -> int:
    # The writer lives only in this frame, so its file is closed when this returns or raises.
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("NEC Companion")
    writer.setTitle(document.title)
    # The page is black and white by design: grey images take a third of the space of colour ones.
    writer.setColorModel(QPdfWriter.ColorModel.Grayscale)
    if not writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait, PDF_MARGINS_MM,
                                            QPageLayout.Unit.Millimeter)):
        raise SummaryNotWritten(_("The page size could not be used."), detail=page_size.name())
    return _paint_summary(document, writer, progress)


def print_summary(document: SummaryDocument, printer: QPagedPaintDevice, *, progress: Progress | None = None) -> int:
    """Paint `document` on `printer` (e.g. a QPrinter from the native print dialog, with its page size and
    margins) and return the number of pages."""
    return _paint_summary(document, printer, progress)


# ---------------------------------------------------------------------------------------------- the paint routine


@dataclass(frozen=True)
class _PageGeometry:
    """One page in layout units (CSS pixels), relative to the device's paint rectangle."""

    width: float
    height: float
    header_height: float
    footer_height: float

    @property
    def body(self) -> QRectF:
        return QRectF(0, self.header_height, self.width, self.height - self.header_height - self.footer_height)


def _base_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies([*_FONT_FAMILIES, font.family()])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(pixel_size)
    # No "fi"/"fl" ligatures: text copied or searched in the PDF must read "first", not "\ufb01rst".
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _paint_summary(document: SummaryDocument, device: QPagedPaintDevice, progress: Progress | None) -> int:
    dpi_x, dpi = float(device.logicalDpiX()), float(device.logicalDpiY())
    if dpi_x <= 0 or dpi <= 0:
        raise SummaryNotWritten(_("The printer did not say its resolution."))
    paint_rect = device.pageLayout().paintRect(QPageLayout.Unit.Inch)
    header_font = _base_font(HEADER_PX)
    line = QFontMetricsF(header_font).lineSpacing()
    geometry = _PageGeometry(width=paint_rect.width() * CSS_DPI, height=paint_rect.height() * CSS_DPI,
                             header_height=math.ceil(line * 1.0 + 12), footer_height=math.ceil(line * 1.0 + 12))
    body = geometry.body
    if body.width() < 200 or body.height() < 200:
        raise SummaryNotWritten(_("The page is too small for the summary."),
                                next_step=_("Please choose a larger paper size."))

    # Each language's part is laid out on its own, so each starts a page and numbers its own pages.
    texts: list[QTextDocument] = []
    try:
        for part in document.parts:
            texts.append(_laid_out_document(part, body.width(), body.height()))
        return _paint_parts(list(zip(texts, document.parts, strict=True)), document, device, geometry, header_font,
                            dpi_x, dpi, progress)
    finally:
        # Destroy the laid-out documents on this (worker) thread. A cancelled render hands its exception, and with
        # it this frame, to the GUI thread; a document freed there would stop its layout timer from the wrong
        # thread (Qt warns "QBasicTimer::stop: Failed"). The traceback keeps Python references, so delete the C++
        # objects themselves.
        for text in texts:
            shiboken6.delete(text)


def _paint_parts(parts: list[tuple[QTextDocument, SummaryDocument]], document: SummaryDocument,
                 device: QPagedPaintDevice, geometry: _PageGeometry, header_font: QFont, dpi_x: float, dpi: float,
                 progress: Progress | None) -> int:
    charts = [(text, _chart_images(text)) for text, _part in parts]
    pages = [max(1, text.pageCount()) for text, _part in parts]
    total = sum(len(found) for _text, found in charts) + sum(pages)
    done = 0
    if progress:
        progress(done, total)
    chart_dpi = min(CHART_DPI, dpi)
    for text, found in charts:
        for name, size in found.items():
            spec = document.charts.get(name.removeprefix("chart:"))
            if spec is not None:
                text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                 _chart_image(spec, size, chart_dpi))
            done += 1
            if progress:
                progress(done, total)

    painter = QPainter()
    if not painter.begin(device):
        raise SummaryNotWritten(_("The summary could not be saved or printed there."))
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # Charts are line art: store them losslessly (JPEG would smear the thin lines and small text).
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        first = True
        for (text, part), count in zip(parts, pages, strict=True):
            for index in range(count):
                if not first and not device.newPage():
                    raise SummaryNotWritten(_("The printer or file stopped accepting pages."))
                first = False
                painter.save()
                painter.scale(dpi_x / CSS_DPI, dpi / CSS_DPI)
                _paint_page(painter, text, part, geometry, index, count, header_font)
                painter.restore()
                done += 1
                if progress:
                    progress(done, total)
    finally:
        ended = painter.end()
    if not ended:
        raise SummaryNotWritten(_("The summary could not be finished."))
    return sum(pages)


def _laid_out_document(document: SummaryDocument, width: float, height: float) -> QTextDocument:
    text = QTextDocument()
    text.setUseDesignMetrics(True)  # glyph positions that do not depend on the screen's hinting
    text.setDocumentMargin(0)
    text.setDefaultFont(_base_font(13))
    text.setHtml(document.html(whole=False))
    _fit_images(text, width, height)
    text.setPageSize(QSizeF(width, height))
    _keep_together(text, height)
    return text


def _image_positions(text: QTextDocument) -> list[int]:
    raw = text.toRawText()
    return [index for index, char in enumerate(raw) if char == "\ufffc"]


def _fit_images(text: QTextDocument, width: float, height: float) -> None:
    """Shrink any chart wider than the text or taller than a page, keeping its shape."""
    for position in _image_positions(text):
        cursor = QTextCursor(text)
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        if not fmt.isImageFormat():
            continue
        image = fmt.toImageFormat()
        w, h = image.width(), image.height()
        if w <= 0 or h <= 0:
            continue
        factor = min(1.0, width / w, (height * 0.9) / h)
        if factor < 1.0:
            image.setWidth(math.floor(w * factor))
            image.setHeight(math.floor(h * factor))
            cursor.setCharFormat(image)


def _chart_images(text: QTextDocument) -> dict[str, QSizeF]:
    """Each chart the document shows ("chart:feeding") and its size in layout units."""
    found: dict[str, QSizeF] = {}
    for position in _image_positions(text):
        cursor = QTextCursor(text)
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        if fmt.isImageFormat():
            image = fmt.toImageFormat()
            if image.name().startswith("chart:"):
                found[image.name()] = QSizeF(image.width(), image.height())
    return found


def _is_chart(block: QTextBlock) -> bool:
    return block.isValid() and block.text() == "\ufffc"


def _keep_groups(text: QTextDocument) -> list[tuple[QTextBlock, QTextBlock]]:
    """Runs of blocks that belong on one page: a heading with what follows it, a paragraph with the chart under
    it. Each is (first block, the block it must stay with)."""
    groups = []
    block = text.begin()
    while block.isValid():
        following = block.next()
        if following.isValid() and (block.blockFormat().headingLevel() > 0 or _is_chart(following)):
            first = block
            while following.isValid() and (block.blockFormat().headingLevel() > 0 or _is_chart(following)):
                block, following = following, following.next()
            groups.append((first, block))
        block = block.next()
    return groups


def _keep_together(text: QTextDocument, page_height: float, *, passes: int = 6) -> None:
    """Start a new page before each keep-group (see `_keep_groups`) that would otherwise be split by a page end.

    The layout itself never splits a line, and a chart is one line, so a chart is never cut in two; this keeps
    the heading and words above it on its page. Later groups move when earlier ones do, hence a few passes.
    """
    layout = text.documentLayout()
    groups = _keep_groups(text)
    for _pass in range(passes):
        to_break = []
        # Everything after a new page break moves down; `shift` predicts by how much, so one pass can place
        # most groups, and the next pass (after a real layout) only checks and catches what the guess missed.
        shift = 0.0
        for first, last in groups:
            if first.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto:
                shift = 0.0  # already starts a page, wherever the text before it ends
                continue
            end = layout.blockBoundingRect(last)
            lines = last.layout().lineCount()
            top = layout.blockBoundingRect(first).top() + shift
            bottom = end.top() + (last.layout().lineAt(0).height() if lines else end.height()) + shift
            top_page = math.floor(top / page_height + 1e-6)
            bottom_page = math.floor((bottom - 0.5) / page_height + 1e-6)
            at_page_top = top - top_page * page_height <= 1
            if bottom_page > top_page and not at_page_top and bottom - top < page_height:
                to_break.append(first)
                shift += (top_page + 1) * page_height - top
        if not to_break:
            return
        # Format changes under a real page size relayout incrementally, and that shortcut shifts later blocks
        # without re-checking page ends. With no page size they relayout nothing; setting the size back then
        # lays the whole document out once, afresh.
        page_size = text.pageSize()
        text.setPageSize(QSizeF())
        for block in to_break:
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)
        text.setPageSize(page_size)


def _chart_image(spec: ChartSpec, size: QSizeF, dpi: float) -> QImage:
    """`spec` drawn in black and white at `dpi`, `size` layout units (1/96 inch) big, as a greyscale image."""
    width = max(1, round(size.width() * dpi / CSS_DPI))
    height = max(1, round(size.height() * dpi / CSS_DPI))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("#ffffff"))
    font = QFont(_base_font(12))
    font.setPointSizeF(CHART_POINT_SIZE)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_chart(painter, QRectF(0, 0, width, height), spec, font=font, monochrome=True)
    finally:
        painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _paint_page(painter: QPainter, text: QTextDocument, document: SummaryDocument, geometry: _PageGeometry,
                index: int, pages: int, header_font: QFont) -> None:
    ink = QColor("#000000")
    width = geometry.width
    metrics = QFontMetricsF(header_font)
    painter.setFont(header_font)
    painter.setPen(ink)

    # Header: who and when, on every page.
    right = document.title
    left_width = width - metrics.horizontalAdvance(right) - 24
    left = metrics.elidedText(document.header, Qt.TextElideMode.ElideRight, left_width)
    line_height = metrics.lineSpacing()
    painter.drawText(QRectF(0, 0, width, line_height), int(Qt.AlignmentFlag.AlignLeft), left)
    painter.drawText(QRectF(0, 0, width, line_height), int(Qt.AlignmentFlag.AlignRight), right)
    rule = QPen(QColor("#555555"))
    rule.setWidthF(0.75)
    painter.setPen(rule)
    painter.drawLine(QPointF(0, line_height + 4), QPointF(width, line_height + 4))

    # Body: this page's slice of the laid-out document.
    body = geometry.body
    painter.save()
    painter.translate(body.left(), body.top() - index * body.height())
    clip = QRectF(0, index * body.height(), body.width(), body.height())
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    palette = QPalette(context.palette)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, ink)
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    context.palette = palette
    text.documentLayout().draw(painter, context)
    painter.restore()

    # Footer: who made it and what it is not, and the page number.
    top = geometry.height - geometry.footer_height
    painter.setPen(rule)
    painter.drawLine(QPointF(0, top + 6), QPointF(width, top + 6))
    painter.setPen(ink)
    page = document.page_text(index + 1, pages)
    footer_rect = QRectF(0, top + 10, width, line_height)
    footer_left = metrics.elidedText(document.footer, Qt.TextElideMode.ElideRight,
                                     width - metrics.horizontalAdvance(page) - 24)
    painter.drawText(footer_rect, int(Qt.AlignmentFlag.AlignLeft), footer_left)
    painter.drawText(footer_rect, int(Qt.AlignmentFlag.AlignRight), page)


# ---------------------------------------------------------------------------------------------- files


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_directory(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


__all__ = ["LETTER_TERRITORIES", "SummaryNotWritten", "page_size_for_locale", "page_size_for_paper",
           "print_summary",
           "render_summary_pdf"]
