"""Every print the app makes goes through here, because printing family data is an export.

- An article from the library: the print dialog, as any program would.
- Journal data (the care-team summary, the rounds sheet): the print dialog; if what was chosen writes a FILE
  ("Print to File", a PDF or XPS "printer"), the same plain warning as Save as PDF comes first, and the file is
  remembered (before a byte is written) so the app offers to delete it when the journal locks.
- The recovery card: paper only. The dialog offers no "Print to File"; a printer that would write a file is
  refused; with no printer set up the family is told so kindly (and to write the code down).
- `allowed=False` (a hospital's site setting) turns printing off: every Print button is hidden and nothing prints.

Printing talks to the computer's print service (on Linux and macOS, CUPS at 127.0.0.1:631 or CUPS_SERVER): see
docs/SECURITY.md, "Printing".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from nec_companion.core.i18n import N_, _
from nec_companion.export.written_files import WrittenFiles
from nec_companion.ui.prompts import Prompts

# Message ids (made at import time): shown with _(...).
UNPROTECTED_WARNING = N_(
    "This file will NOT be protected by your passphrase. Anyone who uses this computer could open it.\n\n"
    "It is safest to print instead, or to save the file straight onto your own USB stick. The app will offer "
    "to delete the files it saved here when your journal locks.")

PRINTED_TO_FILE_WARNING = N_(
    "You chose to print to a file, not on paper. This file will NOT be protected by your passphrase. Anyone who "
    "uses this computer could open it.\n\nThe app will offer to delete it when your journal locks.")

NO_PRINTER = N_("This computer has no printer set up, so the recovery code cannot be printed here.\n\nPlease write "
              "it down carefully on paper now, and check each group against the screen. Keep the paper somewhere "
              "safe and private.")

PAPER_ONLY = N_("The recovery code can only be printed on paper, never saved as a file: a file left on this "
              "shared computer would open your journal for anyone.\n\nPlease choose a real printer, or write the "
              "code down on paper.")

#: Printer names that save a file (or send a fax) instead of printing on paper. Their output path is not known
#: to the app, so the recovery card refuses them and journal prints warn about them.
FILE_PRINTER_WORDS = ("pdf", "xps", "onenote", "fax", "document writer", "print to file")

#: Chooses a printer: shows the print dialog titled `title` (offering "Print to File" only when `allow_file`),
#: sets up `printer` and returns True when the family pressed Print.
Chooser = Callable[[QPrinter, str, bool], bool]


def writes_a_file(printer: QPrinter) -> bool:
    """True when printing on `printer` would make a file rather than paper."""
    if printer.outputFileName() or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return True
    name = printer.printerName().casefold()
    return any(word in name for word in FILE_PRINTER_WORDS)


class PrintService:
    def __init__(self, *, parent: QWidget | None, prompts: Prompts, allowed: bool = True,
                 choose: Chooser | None = None, printer_names: Callable[[], list[str]] | None = None,
                 page_size: Callable[[], QPageSize] | None = None) -> None:
        self.allowed = allowed
        self._parent = parent
        self._prompts = prompts
        self._choose = choose or self._print_dialog
        self._printer_names = printer_names or QPrinterInfo.availablePrinterNames
        self._page_size = page_size or _page_size_here

    # ----- the three kinds of print -----
    def print_article(self, paint: Callable[[QPrinter], None]) -> bool:
        """A library article (public text)."""
        if not self.allowed:
            return False
        printer = self._printer()
        if not self._choose(printer, _("Print this article"), True):
            return False
        paint(printer)
        return True

    def print_private(self, title: str, paint: Callable[[QPrinter], object], written: WrittenFiles, *,
                      still_open: Callable[[], bool] = lambda: True) -> bool:
        """Journal data: paper, or a file only after the unprotected-file warning (and then remembered).
        `still_open()`: False when the journal locked while the dialog was open (then nothing prints)."""
        if not self.allowed:
            return False
        printer = self._printer()
        if not self._choose(printer, title, True) or not still_open():
            return False
        if writes_a_file(printer):
            from nec_companion import site

            if not site.active().allow_unprotected_files:
                # The hospital turned unprotected files off (site file): "Print to PDF" would be one.
                self._prompts.inform(_("Saving files is turned off"), _(
                    "Your hospital has turned off saving unprotected files on this computer. Please choose a "
                    "printer that prints on paper."))
                return False
            if not self._prompts.confirm(_("This file will not be protected"), _(PRINTED_TO_FILE_WARNING),
                                         yes=_("Save unprotected file"), no=_("Cancel")) or not still_open():
                return False
            if printer.outputFileName():
                written.remember(Path(printer.outputFileName()))  # before the first byte is written
        paint(printer)
        return True

    def print_paper_only(self, title: str, paint: Callable[[QPrinter], None], *,
                         still_open: Callable[[], bool] = lambda: True) -> bool:
        """The recovery card: a real printer or nothing."""
        if not self.allowed:
            return False
        if not self._printer_names():
            self._prompts.inform(_("No printer here"), _(NO_PRINTER))
            return False
        printer = self._printer()
        if not self._choose(printer, title, False) or not still_open():
            return False
        if writes_a_file(printer):
            self._prompts.warn(_("Paper only"), _(PAPER_ONLY))
            return False
        paint(printer)
        return True

    # ----- internals -----
    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(self._page_size())
        return printer

    def _print_dialog(self, printer: QPrinter, title: str, allow_file: bool) -> bool:
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(title)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, allow_file)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted


def _page_size_here() -> QPageSize:
    """The hospital's paper size (site file), else the usual paper where this computer is."""
    from nec_companion import site
    from nec_companion.export.pdf import page_size_for_paper

    return page_size_for_paper(site.active().paper_size, QLocale())
