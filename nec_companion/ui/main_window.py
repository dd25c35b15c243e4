"""The main window: the shell around the screens (Library, My journal, About, Settings), tabs across the top,
Lock now and a Warning signs button always in reach, the idle-activity watcher and the minimise/close locks.

It holds no content logic (suggested questions come from the journal services, services.py) and reaches into
no screen's insides: each screen offers the small methods and signals the window uses. `rebuild_screens`
recreates every screen in place from the same services (the open journal stays open, on the same section),
which is how a language change is shown without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from nec_companion.content.model import Library
from nec_companion.core.i18n import LANGUAGES, _, active
from nec_companion.ui.info_screens import AboutScreen, SettingsScreen
from nec_companion.ui.language import LanguageSwitch
from nec_companion.ui.library_screen import LibraryScreen
from nec_companion.ui.printing import PrintService
from nec_companion.ui.prompts import Prompts

if TYPE_CHECKING:
    from nec_companion.content.search import SearchIndex
    from nec_companion.core.clock import Clock
    from nec_companion.storage import JournalDirectory
    from nec_companion.storage.journal import OpenJournal
    from nec_companion.ui.journal.journal_screen import JournalScreen
    from nec_companion.ui.journal.services import JournalServices
    from nec_companion.ui.journal.session import JournalSession

_ACTIVITY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                              QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate})

log = logging.getLogger("nec_companion")
DEFAULT_MAX_SIZE = (1600, 1000)  # a first window on a big screen: no bigger than this


class _ActivityWatcher(QObject):
    """Any key, click, movement or touch anywhere in the app counts as someone being there."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.session: JournalSession | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.session is not None and event.type() in _ACTIVITY_EVENTS:
            self.session.activity()
        return False

WARNING_SIGNS_SLUG = "warning-signs"


class _Header(QFrame):
    """The app's name on the left and the language, Lock now and Warning signs buttons on the right; when the
    window is too narrow for both (Spanish at 200 % in a 1180 px window), the buttons move to a row of their own
    instead of cutting the name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(16, 10, 16, 6)
        self._grid.setColumnStretch(0, 1)
        self._buttons = QWidget(self)
        row = QHBoxLayout(self._buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self._row = row
        self._title: QWidget | None = None
        self.wrapped = False

    def set_parts(self, title: QWidget, buttons: list[QWidget]) -> None:
        self._title = title
        for button in buttons:
            self._row.addWidget(button)
        self._grid.addWidget(title, 0, 0)
        self._place(wrapped=False)

    def _place(self, *, wrapped: bool) -> None:
        self._grid.removeWidget(self._buttons)
        if wrapped:
            self._grid.addWidget(self._buttons, 1, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self._grid.addWidget(self._buttons, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.wrapped = wrapped

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.refit()

    def event(self, event: QEvent) -> bool:
        # New words (a language change) or a new text size change what the parts need without a resize.
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.refit)
        return super().event(event)

    def refit(self) -> None:
        """Buttons beside the name when both fit, else on their own row."""
        if self._title is None:
            return
        margins = self._grid.contentsMargins()
        needed = (self._title.sizeHint().width() + self._grid.horizontalSpacing() + self._buttons.sizeHint().width()
                  + margins.left() + margins.right())
        if (needed > self.width()) != self.wrapped:
            self._place(wrapped=needed > self.width())


class MainWindow(QMainWindow):
    """Shell: a navigation list and a stack of screens. The title never names a family.

    Signals:
        first_paint(): emitted once, after the window has painted its first frame.
        text_scale_changed(float): the family chose another text size.
        closing(): the window is about to close (geometry should be saved).
    """

    first_paint = Signal()
    text_scale_changed = Signal(float)
    idle_minutes_changed = Signal(int)
    closing = Signal()

    def __init__(self, *, text_scale: float = 1.0, prompts: Prompts | None = None,
                 journal_directory: Callable[[], JournalDirectory] | None = None, clock: Clock | None = None,
                 idle_minutes: int = 3, allow_printing: bool = True, printing: PrintService | None = None,
                 services: JournalServices | None = None, languages: LanguageSwitch | None = None,
                 library_loader: Callable[[str], tuple[Library, SearchIndex]] | None = None) -> None:
        super().__init__()
        # The language spoken now (issue 13): chosen in the header or Settings, a journal's own on unlock, the
        # computer's (hospital's) default again on lock. `library_loader(code)` loads the library of a language.
        self.languages = languages or LanguageSwitch(default=active().code, parent=self)
        self._library_loader = library_loader
        self._libraries: dict[str, tuple[Library, SearchIndex]] = {}
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setInterval(250)
        self._rebuild_timer.timeout.connect(self._rebuild_when_quiet)
        self.setMinimumSize(720, 480)
        self._painted = False
        self._library: Library | None = None
        self._index: SearchIndex | None = None
        self._library_failed = False
        self._hospital: str | None = None
        self._lock_maximum: int | None = None
        self._text_scale = text_scale
        self.prompts = prompts or Prompts(self)
        # One switch for all printing (the composition root passes the hospital's choice).
        self.printing = printing or PrintService(parent=self, prompts=self.prompts, allowed=allow_printing)
        self._idle_minutes = idle_minutes
        if services is None and journal_directory is not None:
            from nec_companion.core.clock import SystemClock
            from nec_companion.ui.journal.services import JournalServices

            services = JournalServices(clock=clock or SystemClock())
        self.services = services
        # The journal tab is built the first time it is shown: its encryption code is not needed to paint
        # the first window, and the library must never wait for it.
        self.journal_screen: JournalScreen | None = None
        self._journal_directory = journal_directory
        self._clock = clock
        self._journal_host: QWidget | None = None
        if journal_directory is not None:
            self._journal_host = QWidget(self)
            QVBoxLayout(self._journal_host).setContentsMargins(0, 0, 0, 0)

        self.stack = QStackedWidget(self)
        # Sections as tabs across the top: at 200 % text, a side list would take a third of the width.
        self.navigation = QTabBar(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setExpanding(False)
        self.navigation.setDrawBase(False)
        # Never scroll or elide: an arrowless scroll stub was the first Tab stop and "Library" showed as "›orary".
        # Four short names fit 1366 px at 200 % text; the window cannot be made narrower than they need.
        self.navigation.setUsesScrollButtons(False)
        self.navigation.setElideMode(Qt.TextElideMode.ElideNone)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._screens: dict[str, QWidget] = {}
        self._build_info_screens()
        screens: list[tuple[str, QWidget]] = [("library", self.library_screen)]
        if self._journal_host is not None:
            screens.append(("journal", self._journal_host))
        screens += [("about", self.about_screen), ("settings", self.settings_screen)]
        for key, screen in screens:
            self._add_screen(key, screen)
        self.navigation.currentChanged.connect(self._on_tab)
        self.navigation.setCurrentIndex(0)

        self.title = QLabel(self)
        self.title.setObjectName("screenTitle")
        self.warning_button = QPushButton(self)
        self.warning_button.setObjectName("warningSigns")
        self.warning_button.clicked.connect(self.show_warning_signs)

        top = _Header(self)
        self.lock_button = QPushButton(self)
        self.lock_button.clicked.connect(lambda: self.lock_journal("now"))
        self.lock_button.setEnabled(False)
        self.lock_button.setVisible(self._journal_host is not None)
        # One click to the other language, named in its own language ("Español" / "English").
        self.language_button = QPushButton(self)
        self.language_button.setObjectName("languageButton")
        self.language_button.clicked.connect(self._toggle_language)
        top.set_parts(self.title, [self.language_button, self.lock_button, self.warning_button])
        tabs = QHBoxLayout()
        tabs.setContentsMargins(12, 0, 12, 0)
        tabs.addWidget(self.navigation)
        tabs.addStretch(1)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addLayout(tabs)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Either the window or its content may be the first to paint, depending on the platform.
        central.installEventFilter(self)
        self._activity = _ActivityWatcher(self)
        self._retranslate()

        for keys, slot in (
            (QKeySequence.StandardKey.Find, self._focus_search),
            (QKeySequence("F1"), self.show_warning_signs),
            (QKeySequence("Ctrl+1"), lambda: self.show_screen("library")),
            (QKeySequence("Ctrl+L"), lambda: self.lock_journal("now")),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(slot)

    def _build_info_screens(self) -> None:
        """The Library, About and Settings screens, wired to the window and given what they were given before."""
        self.library_screen = LibraryScreen(self)
        self.about_screen = AboutScreen(self)
        self.settings_screen = SettingsScreen(self, text_scale=self._text_scale, idle_minutes=self._idle_minutes)
        self.settings_screen.text_scale_changed.connect(self._on_text_scale)
        self.settings_screen.idle_minutes_changed.connect(self._set_idle_minutes)
        self.settings_screen.set_language(active().code)
        self.settings_screen.language_chosen.connect(self.choose_language)
        self.library_screen.print_requested.connect(self._print_document)
        self.library_screen.set_printing_allowed(self.printing.allowed)
        self.library_screen.set_text_scale(self._text_scale)
        self.library_screen.question_requested.connect(self.add_question_from_article)
        if self._hospital is not None:
            self.about_screen.set_hospital(self._hospital)
        if self._lock_maximum is not None:
            self.settings_screen.set_lock_maximum(self._lock_maximum)
        if self._library is not None and self._index is not None:
            self.library_screen.set_library(self._library, self._index)
            self.about_screen.set_library(self._library)
        elif self._library_failed:
            self.show_library_failed()

    def _retranslate(self) -> None:
        """The window's own words, in the language now active (at start and after `rebuild_screens`)."""
        self.setWindowTitle("NEC Companion")  # i18n: not text (the app's name)
        self.title.setText("NEC Companion")  # i18n: not text (the app's name)
        self.navigation.setAccessibleName(_("Sections"))
        labels = {"library": _("Library"), "journal": _("My journal"), "about": _("About and safety"),
                  "settings": _("Settings")}
        for index, key in enumerate(self._screens):
            self.navigation.setTabText(index, labels[key])
            self.navigation.setTabToolTip(index, labels[key])
        self.warning_button.setText(_("⚠  Warning signs"))
        self.warning_button.setAccessibleName(_("Warning signs: tell your nurse right away"))
        self.warning_button.setToolTip(_("Signs to tell your baby's nurse about right away (F1)"))
        self.lock_button.setText(_("Lock now"))
        self.lock_button.setAccessibleDescription(_("Lock my journal now"))
        self.lock_button.setToolTip(_("Lock your journal now (Ctrl+L). The library stays open."))
        other = self._other_language()
        # Each language is named in its own language, so a family finds theirs whatever the screen speaks.
        self.language_button.setText(LANGUAGES[other])  # i18n: not text (a language's own name)
        self.language_button.setAccessibleName(
            # Translators: {language} is the other language's own name, e.g. "English" or "Español".
            _("Language: {current}. Switch to {language}").format(current=LANGUAGES[active().code],
                                                                   language=LANGUAGES[other]))
        self.language_button.setToolTip(LANGUAGES[other])  # i18n: not text (a language's own name)
        self.statusBar().showMessage(_("Offline · nothing is sent anywhere"))

    def _add_screen(self, key: str, screen: QWidget) -> None:
        self._screens[key] = screen
        self.stack.addWidget(screen)
        self.navigation.addTab(key)  # named by _retranslate

    # ----- public API -----
    def set_library(self, library: Library, index: SearchIndex) -> None:
        """Show `library` (kept for later if it is another language's while the one spoken now is shown)."""
        self._libraries[library.lang] = (library, index)
        spoken = active().code
        if self._library is not None and library.lang != spoken and self._library.lang == spoken:
            return
        self._library, self._index = library, index
        if self.services is not None:
            self.services.set_library(library)
        self.library_screen.set_library(library, index)
        self.about_screen.set_library(library)
        self.warning_button.setEnabled(WARNING_SIGNS_SLUG in library.articles)

    def show_screen(self, key: str) -> None:
        screen = self._screens[key]
        self.navigation.setCurrentIndex(self.stack.indexOf(screen))

    def current_screen(self) -> str:
        widget = self.stack.currentWidget()
        return next(key for key, screen in self._screens.items() if screen is widget)

    def show_warning_signs(self) -> None:
        self.open_library_article(WARNING_SIGNS_SLUG)

    def open_library_article(self, slug: str) -> None:
        self.show_screen("library")
        self.library_screen.open_article(slug)

    def apply_text_scale(self, scale: float) -> None:
        self._text_scale = scale
        self.settings_screen.set_text_scale(scale)
        self.library_screen.set_text_scale(scale)

    def set_hospital(self, place: str) -> None:
        """The hospital's unit and name (site file), shown on About."""
        self._hospital = place
        self.about_screen.set_hospital(place)

    def set_lock_maximum(self, minutes: int) -> None:
        """The longest auto-lock time the hospital allows (site file), offered on Settings."""
        self._lock_maximum = minutes
        self.settings_screen.set_lock_maximum(minutes)

    def show_library_failed(self) -> None:
        """The library could not be loaded: the Library screen says what to do."""
        self._library_failed = True
        self.library_screen.show_failed(
            _("The library could not be loaded. Please ask hospital staff to reinstall NEC Companion."))

    def rebuild_screens(self) -> None:
        """Recreate every screen in place from the same services, in the language now active: the Library (same
        article), the journal (the same open journal, on the same section; a locked one's start page), About and
        Settings; the same tab stays chosen. The open journal is never locked or reopened by this."""
        current = self.current_screen()
        article = self._current_article()
        blocked = self.navigation.blockSignals(True)
        old = [self.library_screen, self.about_screen, self.settings_screen]
        self._build_info_screens()
        for key, screen in (("library", self.library_screen), ("about", self.about_screen),
                            ("settings", self.settings_screen)):
            index = self.stack.indexOf(self._screens[key])
            self.stack.removeWidget(self._screens[key])
            self.stack.insertWidget(index, screen)
            self._screens[key] = screen
        for widget in old:
            widget.hide()
            widget.deleteLater()
        if article is not None and self._library is not None:
            self.library_screen.open_article(article)
        if self.journal_screen is not None:
            previous = self.journal_screen
            self.journal_screen = None
            self.ensure_journal_screen(take_over=previous)
            previous.hide()
            previous.deleteLater()
        self._retranslate()
        self.navigation.blockSignals(blocked)
        self.show_screen(current)
        self.stack.setCurrentWidget(self._screens[current])

    # ----- language -----
    def _other_language(self) -> str:
        return next(code for code in LANGUAGES if code != active().code)

    def _toggle_language(self) -> None:
        self.choose_language(self._other_language())

    def choose_language(self, code: str) -> None:
        """The family chose `code` (header button or Settings): everything speaks it at once; an open journal
        remembers it."""
        if self.journal_screen is not None:
            self.journal_screen.set_journal_language(code)
        if self._speak(code):
            self.rebuild_screens()
            self.language_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _speak(self, code: str) -> bool:
        """Make `code` the language spoken (catalog, Qt's texts, locale, library); True when it changed. The
        screens still show the old words until `rebuild_screens`."""
        if not self.languages.apply(code):
            return False
        loaded = self._libraries.get(code)
        if loaded is None and self._library_loader is not None and self._library is not None:
            try:
                loaded = self._library_loader(code)
            except Exception as error:  # noqa: BLE001 (a bad installation keeps the library it has)
                log.warning("the %s library could not be loaded: %s", code, type(error).__name__)
            else:
                self._libraries[code] = loaded
        if loaded is not None:
            self._library, self._index = loaded
            if self.services is not None:
                self.services.set_library(loaded[0])
        return True

    def _journal_opening(self, journal: OpenJournal) -> None:
        """A journal was just unlocked: speak its language before its views are built; the rest of the window
        follows as soon as no dialog is open."""
        code = journal.language
        if code is not None and self._speak(code):
            self._rebuild_timer.start()

    def _rebuild_when_quiet(self) -> None:
        """Rebuild the screens once no dialog is open (a dialog's parent must not be replaced under it)."""
        if QApplication.activeModalWidget() is not None:
            return
        self._rebuild_timer.stop()
        self.rebuild_screens()

    def _current_article(self) -> str | None:
        return self.library_screen.current_article()

    def place_on_screen(self, geometry: bytes | None = None, *, available: QRect | None = None) -> None:
        """Open at the remembered place and size, or filling the screen's available area (up to
        DEFAULT_MAX_SIZE), never larger than that area (a 1366×768 laptop with a taskbar) and never off it."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
        # The window frame (title bar, borders) is not known before the window is shown: allow for it.
        frame_w, frame_h = 16, 40
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            # The whole available area of a laptop screen (the layout is checked at 1366×768 and 200 % text in
            # both languages: a smaller window cut Spanish at 200 %), at most a comfortable size on a big screen.
            self.resize(min(DEFAULT_MAX_SIZE[0], available.width() - frame_w),
                        min(DEFAULT_MAX_SIZE[1], available.height() - frame_h))
        width = min(self.width(), available.width() - frame_w)
        height = min(self.height(), available.height() - frame_h)
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        x = min(max(self.x(), available.left()), available.right() - self.width() - frame_w + 1)
        y = min(max(self.y(), available.top()), available.bottom() - self.height() - frame_h + 1)
        if not geometry:
            x = available.left() + max(0, (available.width() - self.width() - frame_w) // 2)
            y = available.top() + max(0, (available.height() - self.height() - frame_h) // 2)
        self.move(max(x, available.left()), max(y, available.top()))

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # ----- internals -----
    def _focus_search(self) -> None:
        self.show_screen("library")
        self.library_screen.focus_search()

    def _print_document(self, document: object) -> None:
        """A library article (public text; journal prints go through the journal screen's export rules)."""
        self.printing.print_article(document.print_)  # type: ignore[attr-defined]

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        self._note_painted()

    def _note_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_paint.emit()
            # Build the reader right after the first frame (see LibraryScreen.reader).
            QTimer.singleShot(0, lambda: self.library_screen.reader)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._note_painted()
        return super().eventFilter(watched, event)

    def _on_tab(self, index: int) -> None:
        if self.stack.widget(index) is self._journal_host:
            self.ensure_journal_screen()
        self.stack.setCurrentIndex(index)

    # ----- journal -----
    def ensure_journal_screen(self, *, take_over: JournalScreen | None = None) -> JournalScreen | None:
        """The journal screen, built on first use (`take_over`: a screen being replaced by `rebuild_screens`)."""
        if self.journal_screen is None and self._journal_host is not None and self._journal_directory is not None:
            from nec_companion.core.clock import SystemClock
            from nec_companion.ui.journal.journal_screen import JournalScreen

            self.journal_screen = JournalScreen(
                directory_factory=self._journal_directory, clock=self._clock or SystemClock(), prompts=self.prompts,
                printing=self.printing, idle_minutes=lambda: self._idle_minutes, services=self.services,
                open_article=self.open_library_article, journal_opening=self._journal_opening,
                parent=self._journal_host)
            host_layout = self._journal_host.layout()
            assert host_layout is not None
            if take_over is not None:
                host_layout.removeWidget(take_over)
            host_layout.addWidget(self.journal_screen)
            self.journal_screen.session_started.connect(self._on_session_started)
            self.journal_screen.session_ended.connect(self._on_session_ended)
            if take_over is not None:
                self.journal_screen.take_over(take_over)
        return self.journal_screen

    def add_question_from_article(self, slug: str, number: int) -> None:
        """"Add to my questions" under an article: straight into the open journal, or after it is opened."""
        screen = self.ensure_journal_screen()
        suggestion = self.services.suggestion_from_article(slug, number) if self.services is not None else None
        if suggestion is None or screen is None:
            return
        result = screen.add_suggested_question(suggestion)
        if result == "added":
            self.library_screen.question_added(
                slug, number, _("Added to your questions. You will find it in My journal, under Questions."))
        elif result == "already":
            self.library_screen.question_added(slug, number, _("This question is already on your list."))
        elif result == "pending":
            if self.prompts.confirm(
                    _("Open your journal"), _("Your questions are kept inside your own locked journal, so nobody "
                                              "else using this computer can see them. Open (or create) your journal "
                                              "now? The question will be added as soon as it opens."),
                    yes=_("Open my journal"), no=_("Not now")):
                self.show_screen("journal")
            else:
                screen.add_suggested_question_cancel()

    def _on_session_started(self, session: JournalSession) -> None:
        self.lock_button.setEnabled(True)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self._activity.session = session

    def _on_session_ended(self) -> None:
        self.lock_button.setEnabled(False)
        self.library_screen.forget_added_questions()
        self._activity.session = None
        # The journal locked: the computer's own language comes back for whoever sits down next.
        if self._speak(self.languages.default):
            self._rebuild_timer.start()

    def _on_text_scale(self, scale: float) -> None:
        self._text_scale = scale
        self.text_scale_changed.emit(scale)

    def _set_idle_minutes(self, minutes: int) -> None:
        self._idle_minutes = minutes
        if self.journal_screen is not None:
            self.journal_screen.set_idle_minutes(minutes)
        self.idle_minutes_changed.emit(minutes)

    def lock_journal(self, reason: str) -> bool:
        if self.journal_screen is None:
            return True
        return self.journal_screen.lock(reason)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.lock_journal("minimised")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.lock_journal("closing") and self.journal_screen is not None and \
                self.journal_screen.has_unsaved_changes():
            message = _("The latest changes to a journal could not be saved (see the message on the journal "
                        "screen). If you close now, they will be lost. Close anyway?")
            if not self.prompts.confirm(_("Changes not saved"), message, yes=_("Close and lose them"),
                                        no=_("Keep the app open")):
                event.ignore()
                return
        self.closing.emit()
        super().closeEvent(event)
