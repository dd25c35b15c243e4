"""About and safety, and Settings: short screens with the facts a family and hospital staff need."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QSpinBox, QVBoxLayout, QWidget

from nec_companion import __version__
from nec_companion.content.model import Library, format_date
from nec_companion.core.i18n import LANGUAGES, N_, _, active, ngettext
from nec_companion.settings import TEXT_SCALES
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.scroll_page import scroll_page


def _title(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent, title=True)
    label.setAccessibleName(text)
    return label


def _heading(text: str, parent: QWidget) -> QLabel:
    """A bold heading inside a screen (bold from the font: no markup)."""
    return plain_label(text, parent, bold=True)


class _Column(QWidget):
    """A page at most `width` px wide (plus margins), kept by its right margin so wrapped labels get the right
    height."""

    def __init__(self, parent: QWidget | None = None, width: int = 900) -> None:
        super().__init__(parent)
        self._width = width

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        layout = self.layout()
        if layout is not None:
            margins = layout.contentsMargins()
            right = max(margins.left(), self.width() - margins.left() - self._width)
            if right != margins.right():
                layout.setContentsMargins(margins.left(), margins.top(), right, margins.bottom())
        super().resizeEvent(event)


class AboutScreen(QWidget):
    """What the app is and is not, how data is handled, how the library was checked, and the version."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = _Column(self)
        self.body = QLabel(content)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                          Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.body.setAccessibleDescription(_("About NEC Companion and safety"))
        self.body.setObjectName("aboutBody")  # its focus ring is in style.py
        # No maximum width here: a word-wrapped label narrower than its layout was given too little height, and
        # the last sections were lost at 150 % and 200 % text.
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 18, 24, 18)
        inner.addWidget(_title(_("About and safety"), content))
        inner.addWidget(self.body)
        inner.addStretch(1)
        scroll_page(self, content)
        self._library: Library | None = None
        self._place = ""
        self.set_library(None)

    def set_hospital(self, place: str) -> None:
        """The hospital's unit and name from its site file ("" when not set): shown under "This computer"."""
        self._place = " ".join(place.split())
        self.set_library(self._library)

    def set_library(self, library: Library | None) -> None:
        self._library = library
        library_text = "".join(f"<p>{html.escape(p)}</p>" for p in library_policy(library))

        def section(heading: str, *paragraphs: str) -> str:
            return f"<h3>{html.escape(heading)}</h3>" + "".join(paragraphs)

        def para(text: str) -> str:
            return f"<p>{html.escape(text, quote=False)}</p>"

        place_text = section(_("This computer"), para(_(
            "This computer is provided for families by {place}. If you have a question about it, please ask "
            "staff.").format(place=self._place))) if self._place else ""
        emergency = html.escape(_("If you are worried about your baby right now, tell your baby's nurse straight "
                                  "away."), quote=False)
        no_wait = html.escape(_("Do not wait to look something up."))
        self.body.setText(
            section(_("In an emergency"), f"<p><b>{emergency}</b> {no_wait}</p>")
            + section(_("What this app is"), para(_(
                "NEC Companion helps families in the neonatal intensive care unit (NICU) learn about necrotizing "
                "enterocolitis (NEC), milk and feeding, and how to talk with the care team.")))
            + section(_("What it is not"), para(_(
                "It is not medical advice and it does not diagnose anything. Every baby is different. Your baby's "
                "care team knows your baby and makes decisions about care with you.")))
            + place_text
            + section(_("Your information"), para(_(
                "The app works fully offline. It never connects to the internet and sends nothing anywhere. The "
                "library can be read by anyone without signing in.")), para(_(
                "Each family's journal is locked with its own passphrase and stored encrypted on this computer. It "
                "locks itself after a few quiet minutes, because the next family may sit down at any time. Nobody, "
                "not even hospital staff, can open it without your passphrase or your printed recovery code. This "
                "computer is shared, so please do not type names or other private details anywhere except inside "
                "your own locked journal.")))
            + section(_("The library and how it was checked"), library_text)
            + section(_("Keyboard shortcuts"), shortcuts_html())
            # Translators: {version} is the app's version number, e.g. "1.4.0".
            + section(_("Version"), para(_("NEC Companion {version}").format(version=__version__)))
        )


# The keys stay as written (Qt names them so in every language); what they do is translated where shown.
KEYBOARD_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", N_("Move to the next / previous control. Tables and charts let go of Tab; use the arrow "
                           "keys inside them.")),
    ("F1", N_("Open the warning signs to tell your nurse about.")),
    ("Ctrl+1", N_("Go to the library.")),
    ("Ctrl+F", N_("Search the library (Ctrl+Shift+F finds words in the open article).")),
    ("Alt+Left / Alt+Right", N_("Back and forward between articles.")),
    ("Ctrl++ / Ctrl+−", N_("Make the article text larger or smaller (Settings changes all text).")),
    ("Ctrl+L", N_("Lock your journal now.")),
    ("Ctrl+N", N_("In a journal section: add an entry (Ctrl+Shift+N the second kind, where there is one).")),
    ("Enter / Delete / Ctrl+Z", N_("In a journal table: change, delete or undo the chosen entry.")),
    ("Ctrl+Enter", N_("Save a journal entry or a question.")),
    ("Ctrl+R, Alt+Up, Alt+Down", N_("In My questions: record an answer, move a question up or down.")),
    ("Escape", N_("Close a dialog without saving, or close the find bar.")),
)


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td><td>{html.escape(translated)}</td></tr>"
                   for keys, translated in ((keys, _(what)) for keys, what in KEYBOARD_SHORTCUTS))
    return f"<table>{rows}</table>"


def library_policy(library: Library | None) -> list[str]:
    """The review policy in plain words, with this library's own figures (paragraphs of plain text)."""
    if library is None or not library.articles:
        return [_("The library is still loading.")]
    oldest, newest = library.oldest_sources_checked, library.last_sources_checked
    assert oldest is not None and newest is not None
    count = len(library.articles)
    if oldest == newest:
        checked = _("The people who wrote these articles checked each one against its sources (guidelines, research "
                    "studies and reviews). They last did this on {date}. Each article lists its sources at the end, "
                    "with the date they were checked.").format(date=format_date(newest))
    else:
        checked = _("The people who wrote these articles checked each one against its sources (guidelines, research "
                    "studies and reviews). They last did this between {first} and {last}. Each article lists its "
                    "sources at the end, with the date they were checked.").format(first=format_date(oldest),
                                                                                   last=format_date(newest))
    signed = len(library.signed_articles())
    if signed == 0:
        signoff = ngettext(
            "No clinician has signed off this article yet. The articles that come with the app have not been "
            "reviewed by a doctor or nurse.",
            "No clinician has signed off these {count} articles yet. The articles that come with the app have not "
            "been reviewed by a doctor or nurse.", count).format(count=active().number(count))
    else:
        # Translators: {signed} of {count} articles have a clinician's sign-off (some, never all of them here).
        signoff = _("A clinician has signed off {signed} of the {count} articles. The others have not been "
                    "reviewed by a clinician yet.").format(signed=active().number(signed),
                                                           count=active().number(count))
    return [
        checked,
        signoff,
        _("A hospital can have its own clinician (for example a neonatal nurse educator) review an article and "
          "record their sign-off. The article then says who reviewed it (their role) and when. If the article is "
          "changed later, it says so until a clinician reviews it again."),
    ]


class SettingsScreen(QWidget):
    """The app's language, text size for the whole app (articles included) and the journal's auto-lock time.

    Signals:
        language_chosen(str): the family chose a language (its code, "en" or "es"); the app switches to it.
        text_scale_changed(float)
        idle_minutes_changed(int)
    """

    language_chosen = Signal(str)
    text_scale_changed = Signal(float)
    idle_minutes_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, text_scale: float = 1.0, idle_minutes: int = 3) -> None:
        super().__init__(parent)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 18, 24, 18)
        inner.addWidget(_title(_("Settings"), content))
        # The language comes first, each name written in its own language, so a family that does not read the
        # app's current language still finds theirs.
        inner.addWidget(_heading(_("Language"), content))
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QRadioButton] = {}
        language_row = QHBoxLayout()
        for code, name in LANGUAGES.items():
            button = QRadioButton(name, content)  # each language's own name for itself: never translated
            button.setObjectName(f"language-{code}")
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            language_row.addWidget(button)
            button.toggled.connect(lambda checked, c=code: self._language_toggled(checked, c))
        language_row.addStretch(1)
        inner.addLayout(language_row)
        self.set_language(active().code)
        inner.addSpacing(16)
        inner.addWidget(_heading(_("Text size"), content))
        explain = QLabel(_("Makes all text in the app larger, including articles. You can also use Ctrl + and "
                           "Ctrl − while reading an article."), content)
        explain.setWordWrap(True)
        explain.setProperty("muted", True)
        inner.addWidget(explain)
        self.group = QButtonGroup(self)
        self.buttons: dict[float, QRadioButton] = {}
        for scale in TEXT_SCALES:
            percent = active().number(int(scale * 100))
            label = _("Normal ({percent} %)").format(percent=percent) if scale == 1.0 else f"{percent} %"
            button = QRadioButton(label, content)
            button.setAccessibleDescription(_("Text size {percent} percent").format(percent=percent))
            self.group.addButton(button)
            self.buttons[scale] = button
            inner.addWidget(button)
            button.toggled.connect(lambda checked, s=scale: self._scale_toggled(checked, s))
        inner.addSpacing(16)
        inner.addWidget(_heading(_("Journal auto-lock"), content))
        lock_explain = QLabel(_("An open journal locks itself when nobody has touched the computer for this long. "
                                "A 30-second warning comes first. It cannot be turned off, because the next family "
                                "may sit down at any time."), content)
        lock_explain.setWordWrap(True)
        lock_explain.setProperty("muted", True)
        inner.addWidget(lock_explain)
        self.idle_minutes = QSpinBox(content)
        self.idle_minutes.setRange(1, 10)
        self.idle_minutes.valueChanged.connect(self._minutes_suffix)
        self.idle_minutes.setValue(idle_minutes)
        self._minutes_suffix(self.idle_minutes.value())
        self.idle_minutes.setAccessibleName(_("Lock the journal after this many quiet minutes"))
        self.idle_minutes.valueChanged.connect(self.idle_minutes_changed)
        inner.addWidget(self.idle_minutes, 0, Qt.AlignmentFlag.AlignLeft)
        self.lock_limit = QLabel("", content)
        self.lock_limit.setWordWrap(True)
        self.lock_limit.setProperty("muted", True)
        self.lock_limit.setVisible(False)
        inner.addWidget(self.lock_limit)
        inner.addStretch(1)
        scroll_page(self, content)
        self.set_text_scale(text_scale)

    def _minutes_suffix(self, minutes: int) -> None:
        # Translators: after the number in the auto-lock box ("1 minute", "3 minutes"); it starts with a space.
        self.idle_minutes.setSuffix(ngettext(" minute", " minutes", minutes))

    def _language_toggled(self, checked: bool, code: str) -> None:
        if checked:
            self.language_chosen.emit(code)

    def set_language(self, code: str) -> None:
        """Show `code` as the chosen language (without emitting language_chosen)."""
        button = self.language_buttons.get(code)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)

    def _scale_toggled(self, checked: bool, scale: float) -> None:
        if checked:
            self.text_scale_changed.emit(scale)

    def set_lock_maximum(self, minutes: int) -> None:
        """The hospital's longest auto-lock time (site file): the choice stops there, and the screen says why."""
        self.idle_minutes.setMaximum(max(1, minutes))
        limited = minutes < 10
        self.lock_limit.setText(ngettext("Your hospital has set the longest time on this computer to {n} minute.",
                                         "Your hospital has set the longest time on this computer to {n} minutes.",
                                         minutes).format(n=active().number(minutes)) if limited else "")
        self.lock_limit.setVisible(limited)

    def set_text_scale(self, scale: float) -> None:
        button = self.buttons.get(scale)
        if button is not None and not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
