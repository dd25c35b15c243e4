"""The reader: a locked-down QTextBrowser plus back/forward, related links, find, zoom, print and definitions."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCursor, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nec_companion.content.model import Library
from nec_companion.core.i18n import _, active, pgettext
from nec_companion.ui import style


class SafeTextBrowser(QTextBrowser):
    """Never navigates by itself and never loads a resource: only our own `article:`/`glossary:` links act.

    Signals:
        article_requested(str): an `article:` link was clicked (slug).
        term_requested(str): a `glossary:` link was clicked (glossary id).
        question_requested(str, int): "Add to my questions" under an article (slug, question number).
    """

    article_requested = Signal(str)
    term_requested = Signal(str)
    question_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self._on_anchor)
        self.blocked_links: list[str] = []  # what was refused, for tests and for nothing else

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "article" and url.path():
            self.article_requested.emit(url.path())
        elif scheme == "glossary" and url.path():
            self.term_requested.emit(url.path())
        elif scheme == "question" and "/" in url.path():
            slug, _, number = url.path().partition("/")
            if number.isdigit():
                self.question_requested.emit(slug, int(number))
        else:
            self.blocked_links.append(url.toString())

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: N802 (Qt override)
        # No image, stylesheet or file is ever read from disk or network; everything we show is inline.
        return None

    def setSource(self, name: QUrl | str,  # noqa: N802 (Qt override)
                  type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource) -> None:
        # QTextBrowser would load the URL itself (a file: link opens the file). Refuse all of it.
        self.blocked_links.append(QUrl(name).toString())

    def doSetSource(self, name: QUrl | str,  # noqa: N802 (Qt override)
                    type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource) -> None:
        self.blocked_links.append(QUrl(name).toString())


@dataclass(frozen=True)
class _Page:
    kind: str  # "article" or "glossary"
    key: str


def _add_question_link(slug: str, number: int) -> str:
    """The "Add to my questions" link as the page has it (content/render.py; imported late: python-markdown)."""
    from nec_companion.content.render import add_question_link

    return add_question_link(slug, number)


class ArticleReader(QWidget):
    """Shows one article (or the glossary) with history, find, zoom, print and glossary definitions in place.

    Signals:
        print_requested(QTextDocument): the reader's Print button (the window shows the native dialog).
        page_shown(str, str): a page is shown (kind "article" or "glossary", and the article's slug), also after
            Back and Forward, so the topic list can highlight where the family is.
    """

    print_requested = Signal(object)
    page_shown = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library: Library | None = None
        self._history: list[_Page] = []
        self._position = -1
        self._text_scale = 1.0
        self._zoom_steps = 0
        # Questions added from articles while a journal is open; forgotten at lock (they are the family's own).
        self.added_questions: set[tuple[str, int]] = set()

        self.back_button = self._tool(_("← Back"), _("Back to the previous page"), self.go_back)
        self.forward_button = self._tool(_("Forward →"), _("Forward to the next page"), self.go_forward)
        # Translators: the buttons "A−" and "A+" make the article text smaller and larger.
        self.smaller_button = self._tool(_("A−"), _("Make the article text smaller"), lambda: self.zoom(-1),
                                         keys=_("Ctrl+minus"))
        self.larger_button = self._tool(_("A+"), _("Make the article text larger"), lambda: self.zoom(1),
                                        keys=_("Ctrl+plus"))
        self.find_button = self._tool(pgettext("button", "Find"), _("Find words in this article"), self.show_find)
        self.print_button = self._tool(_("Print…"), _("Print this article"), self._print)

        # Headings for screen-reader and keyboard users: Qt exposes an article's headings only as font changes, so
        # a screen reader cannot move by heading. This list names each heading and moves the reader to it.
        self.headings = QComboBox(self)
        self.headings.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.headings.setMinimumContentsLength(12)
        self.headings.setAccessibleDescription(_("Move to a heading of this article"))
        self.headings.activated.connect(self.jump_to_heading)
        self.headings_label = QLabel(_("Go to heading:"), self)
        self.headings_label.setBuddy(self.headings)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        for button in (self.back_button, self.forward_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.find_button, self.smaller_button, self.larger_button, self.print_button):
            bar.addWidget(button)

        self.find_bar = QFrame(self)
        find_layout = QHBoxLayout(self.find_bar)
        find_layout.setContentsMargins(0, 0, 0, 0)
        self.find_edit = QLineEdit(self.find_bar)
        self.find_edit.setPlaceholderText(_("Find in this article"))
        self.find_edit.setAccessibleName(_("Find in this article"))
        self.find_edit.returnPressed.connect(lambda: self.find_next(backward=False))
        self.find_edit.textChanged.connect(lambda _t: self.find_next(backward=False, restart=True))
        self.find_status = QLabel("", self.find_bar)
        self.find_status.setProperty("muted", True)
        previous = QPushButton(pgettext("find", "Previous"), self.find_bar)
        previous.setAccessibleName(_("Find previous"))
        previous.clicked.connect(lambda: self.find_next(backward=True))
        following = QPushButton(pgettext("find", "Next"), self.find_bar)
        following.setAccessibleName(_("Find next"))
        following.clicked.connect(lambda: self.find_next(backward=False))
        close_find = QPushButton(_("Close"), self.find_bar)
        close_find.setAccessibleName(_("Close find"))
        close_find.clicked.connect(self.hide_find)
        for widget in (self.find_edit, self.find_status, previous, following, close_find):
            find_layout.addWidget(widget)
        find_layout.setStretch(0, 1)
        self.find_bar.hide()

        self.definition_panel = QFrame(self)
        self.definition_panel.setObjectName("definitionPanel")
        definition_layout = QHBoxLayout(self.definition_panel)
        self.definition_label = QLabel("", self.definition_panel)
        self.definition_label.setWordWrap(True)
        self.definition_label.setTextFormat(Qt.TextFormat.RichText)
        self.definition_label.setAccessibleDescription(_("Definition"))
        self.definition_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close_definition = QPushButton(_("Close"), self.definition_panel)
        close_definition.setAccessibleName(_("Close definition"))
        close_definition.clicked.connect(lambda: self.hide_definition())
        definition_layout.addWidget(self.definition_label, 1)
        definition_layout.addWidget(close_definition, 0, Qt.AlignmentFlag.AlignTop)
        self.definition_panel.hide()

        self.browser = SafeTextBrowser(self)
        self.browser.setAccessibleName(_("Article text"))
        self.browser.article_requested.connect(self.show_article)
        self.browser.term_requested.connect(self.show_definition)
        self.browser.document().setDocumentMargin(24)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # Its own row, so the toolbar keeps its words at 200 % text.
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.headings_label)
        heading_row.addWidget(self.headings, 1)
        layout.addLayout(heading_row)
        layout.addWidget(self.find_bar)
        # The definition floats over the text next to the clicked word (a popover), so the article never moves
        # and the word stays in view at 200 % (it used to be a banner that pushed the text down).
        layout.addWidget(self.browser, 1)
        self.definition_panel.setAutoFillBackground(True)
        # (top, bottom) of the word in the reader; None: the top of the text
        self._definition_anchor: tuple[int, int] | None = None

        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(1)),
            ("Ctrl+=", lambda: self.zoom(1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1)),
            (QKeySequence.StandardKey.Back, self.go_back),
            (QKeySequence.StandardKey.Forward, self.go_forward),
            ("Ctrl+G", lambda: self.find_next(backward=False)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)
        self._update_buttons()

    def _tool(self, text: str, name: str, slot: object, *, keys: str = "") -> QToolButton:
        """A toolbar button: `name` is its accessible name and tooltip, with its shortcut `keys` in brackets."""
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(f"{name} ({keys})" if keys else name)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Never squeeze a label into "Fo…": the reader asks for the width its buttons need.
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return button

    # ----- public API -----
    def set_library(self, library: Library) -> None:
        self._library = library

    def set_text_scale(self, scale: float) -> None:
        self._text_scale = scale
        self._render_current()

    @property
    def current(self) -> _Page | None:
        return self._history[self._position] if 0 <= self._position < len(self._history) else None

    @property
    def zoom_steps(self) -> int:
        return self._zoom_steps

    def show_article(self, slug: str) -> bool:
        if self._library is None or slug.split("#")[0] not in self._library.articles:
            return False
        self._push(_Page("article", slug.split("#")[0]))
        return True

    def show_glossary(self) -> None:
        self._push(_Page("glossary", ""))

    def show_notice(self, text: str) -> None:
        """A short message in the panel above the article (e.g. "Added to your questions")."""
        from html import escape

        self.definition_label.setText(escape(text))
        self._definition_anchor = None
        self._show_definition_panel()

    def show_definition(self, entry_id: str) -> None:
        if self._library is None or entry_id not in self._library.glossary:
            return
        entry = self._library.glossary[entry_id]
        from html import escape

        self.definition_label.setText(f"<b>{escape(entry.term)}</b>: {escape(entry.definition)}")
        self._definition_anchor = self._word_position()
        self._show_definition_panel()
        self.definition_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def _word_position(self) -> tuple[int, int] | None:
        """Where the clicked (or keyboard-chosen) word is, as (top, bottom) in the reader's coordinates."""
        viewport = self.browser.viewport()
        mouse = viewport.mapFromGlobal(QCursor.pos())
        if viewport.rect().contains(mouse) and self.browser.underMouse():
            line = self.browser.fontMetrics().height()
            centre = viewport.mapTo(self, mouse).y()
            return centre - line // 2 - 4, centre + line // 2 + 4
        cursor = self.browser.textCursor()
        end = self.browser.cursorRect(cursor)
        start_cursor = QTextCursor(cursor)
        start_cursor.setPosition(cursor.selectionStart())
        start = self.browser.cursorRect(start_cursor)  # a word wrapped over two lines: both stay in view
        if viewport.rect().intersects(end):
            return viewport.mapTo(self, start.topLeft()).y(), viewport.mapTo(self, end.bottomLeft()).y()
        return None

    def _show_definition_panel(self) -> None:
        """Place the panel just below the word (above it when there is no room), inside the text's area."""
        panel, browser = self.definition_panel, self.browser
        area = browser.geometry()
        width = min(area.width() - 24, max(panel.fontMetrics().horizontalAdvance("M") * 36, area.width() * 2 // 3))
        height = panel.heightForWidth(width) if panel.hasHeightForWidth() else panel.sizeHint().height()
        height = min(max(height, panel.minimumSizeHint().height()), area.height() - 8)
        word = self._definition_anchor if isinstance(self._definition_anchor, tuple) else None
        if word is None:
            top = area.top() + 4
        elif word[1] + 4 + height <= area.bottom():
            top = word[1] + 4
        else:
            top = max(area.top() + 4, word[0] - 4 - height)
        left = area.left() + (area.width() - width) // 2
        panel.setGeometry(left, top, width, height)
        panel.show()
        panel.raise_()

    def go_back(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._render_current()

    def go_forward(self) -> None:
        if self._position < len(self._history) - 1:
            self._position += 1
            self._render_current()

    def zoom(self, steps: int) -> None:
        self._zoom_steps = max(-3, min(8, self._zoom_steps + steps))
        self._render_current(keep_scroll=True)

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.browser.setFocus()

    def find_next(self, *, backward: bool, restart: bool = False) -> bool:
        needle = self.find_edit.text()
        if not needle:
            self.find_status.setText("")
            return False
        if restart:
            cursor = self.browser.textCursor()
            cursor.setPosition(0)
            self.browser.setTextCursor(cursor)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(needle, flags)
        if not found:  # wrap around once
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(needle, flags)
        self.find_status.setText("" if found else _("Not found"))
        return found

    # ----- internals -----
    def hide_definition(self) -> None:
        """Close the definition; the keyboard goes back to the text where the word is."""
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.definition_panel.isAncestorOf(focused)
        self.definition_panel.hide()
        if had_focus:
            self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _escape(self) -> None:
        if self.definition_panel.isVisible():
            self.hide_definition()
        elif self.find_bar.isVisible():
            self.hide_find()

    def _push(self, page: _Page) -> None:
        if self.current == page:
            self._render_current()
            return
        del self._history[self._position + 1 :]
        self._history.append(page)
        self._position = len(self._history) - 1
        self._render_current()

    def _render_current(self, *, keep_scroll: bool = False) -> None:
        # Imported on first use: python-markdown is not needed to paint the first window.
        from nec_companion.content.stylesheet import reader_stylesheet

        page = self.current
        self._update_buttons()
        if page is None or self._library is None:
            return
        scroll = self.browser.verticalScrollBar().value()
        points = style.point_size(self._text_scale) * (1.0 + 0.1 * self._zoom_steps)
        document = self.browser.document()
        document.setDefaultStyleSheet(reader_stylesheet(base_point_size=points))
        font = document.defaultFont()
        font.setPointSizeF(points)
        document.setDefaultFont(font)
        # About 70 characters a line: cap the text width, centred in wide windows.
        # A ready-made page carries the app's words in the library's language: used only when the app speaks it.
        ready = page.kind == "article" and active().code == self._library.lang
        body = self._library.rendered.get(page.key) if ready else None
        if body is None:
            # Imported when first needed: a page made ready in the library cache needs no python-markdown.
            from nec_companion.content.render import article_html, glossary_html

            body = article_html(self._library.articles[page.key], self._library) if page.kind == "article" else (
                glossary_html(self._library))
        if page.kind == "article":
            added = html.escape(_("Added to your questions"))
            for slug, number in self.added_questions:
                if slug == page.key:
                    body = body.replace(_add_question_link(slug, number), f"<b>{added} \u2713</b>")
        self.browser.setHtml(f'<div style="max-width: 40em">{body}</div>')  # i18n: not text
        self.definition_panel.hide()
        self._apply_line_width(points)
        self.browser.verticalScrollBar().setValue(scroll if keep_scroll else 0)
        title = self._library.articles[page.key].title if page.kind == "article" else _("Glossary")
        self.browser.setAccessibleDescription(title)
        self._list_headings()
        self.page_shown.emit(page.kind, page.key)

    def mark_question_added(self, slug: str, number: int) -> None:
        """ "Add to my questions" becomes "Added to your questions ✓" (no longer a link) under this article."""
        self.added_questions.add((slug, number))
        page = self.current
        if page is not None and page.kind == "article" and page.key == slug:
            self._render_current(keep_scroll=True)

    def forget_added_questions(self) -> None:
        """At lock: the library is everyone's, so it no longer shows what this family added."""
        if self.added_questions:
            self.added_questions.clear()
            if self.current is not None:
                self._render_current(keep_scroll=True)

    def _apply_line_width(self, points: float) -> None:
        # QTextBrowser ignores CSS max-width; a document text width does the job. ~70 characters ≈ 34 em.
        from PySide6.QtGui import QFontMetricsF

        font = self.browser.document().defaultFont()
        font.setPointSizeF(points)
        ideal = QFontMetricsF(font).averageCharWidth() * 72 + 2 * self.browser.document().documentMargin()
        available = self.browser.viewport().width()
        self.browser.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth if available > ideal * 1.05
                                     else QTextBrowser.LineWrapMode.WidgetWidth)
        self.browser.setLineWrapColumnOrWidth(int(ideal))

    def heading_blocks(self) -> list[tuple[int, str, int]]:
        """(level, text, position in the document) of each heading of the page shown."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level > 0 and block.text().strip():
                found.append((level, block.text().strip(), block.position()))
            block = block.next()
        return found

    def _list_headings(self) -> None:
        self.headings.clear()
        for level, text, position in self.heading_blocks():
            self.headings.addItem(("    " * max(0, level - 2)) + text, position)
            # Translators: read out for each entry of "Go to heading" ("Heading level 2: What NEC is").
            self.headings.setItemData(self.headings.count() - 1,
                                      _("Heading level {level}: {heading}").format(level=level, heading=text),
                                      Qt.ItemDataRole.AccessibleTextRole)
        shown = self.headings.count() > 1
        self.headings.setVisible(shown)
        self.headings_label.setVisible(shown)

    def jump_to_heading(self, index: int) -> None:
        """Scroll the heading to the top and put the reading position (and focus) there."""
        position = self.headings.itemData(index)
        if position is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(position))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        block = self.browser.document().findBlock(int(position))
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.current is not None:
            points = style.point_size(self._text_scale) * (1.0 + 0.1 * self._zoom_steps)
            self._apply_line_width(points)
        if self.definition_panel.isVisible():
            self._show_definition_panel()  # stays beside its word

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self._position > 0)
        self.forward_button.setEnabled(self._position < len(self._history) - 1)
        has_page = self.current is not None
        for button in (self.print_button, self.find_button, self.smaller_button, self.larger_button):
            button.setEnabled(has_page)

    def _print(self) -> None:
        self.print_requested.emit(self.browser.document())
