"""The library: browse by category, search as you type, and read — available to anyone, no sign-in."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPalette,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nec_companion.content.model import CATEGORIES, HIGHLIGHT_END, HIGHLIGHT_START, Library, format_month
from nec_companion.core.i18n import _, active, ngettext
from nec_companion.ui.widgets.announce import announce

if TYPE_CHECKING:
    from nec_companion.content.search import SearchHit, SearchIndex
    from nec_companion.ui.article_view import ArticleReader

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
HTML_ROLE = Qt.ItemDataRole.UserRole + 3
GLOSSARY_KEY = "__glossary__"
SHOWN_RESULTS = 30


def result_count_text(total: int, shown: int) -> str:
    """"No results", "1 result", "12 results", or "45 results; the best 30 are shown"."""
    if total == 0:
        return _("No results")
    if shown >= total:
        return ngettext("{n} result", "{n} results", total).format(n=active().number(total))
    # Translators: more results than the list shows (always several: {n} is at least 31).
    return _("{n} results; the best {shown} are shown").format(n=active().number(total),
                                                               shown=active().number(shown))


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (title, then the snippet with matched words in bold) and sizes it to fit."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HTML_ROLE) or html.escape(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        document.setTextWidth(max(120, option.rect.width() - 12))
        return document

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        options.text = ""
        widget = options.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(options.rect.left() + 6, options.rect.top() + 4)
        painter.setClipRect(QRectF(0, 0, options.rect.width() - 6, options.rect.height() - 4))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        view = options.widget
        width = view.viewport().width() if isinstance(view, QAbstractScrollArea) else 400
        options.rect.setWidth(width)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 8)


def snippet_html(snippet: str) -> str:
    escaped = html.escape(snippet.replace("\n", " "))
    return escaped.replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


class WrappingTree(QTreeWidget):
    """A tree whose long titles wrap onto more lines instead of being cut off (matters at 200 % text)."""

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class TreeTextDelegate(QStyledItemDelegate):
    """Wrapped item text for the topic tree: sized to the column's width at the item's indentation."""

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        options.textElideMode = Qt.TextElideMode.ElideNone
        super().paint(painter, options, index)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        view = options.widget
        depth = 1 if index.parent().isValid() else 0
        tree = view if isinstance(view, QTreeView) else None
        width = (tree.viewport().width() if tree else 300) - (depth + 1) * (tree.indentation() if tree else 14)
        # Wrap at the width the style really paints the text in (its text rectangle less its text margins): a
        # narrower guess wrapped a title that fits on one line, and its row had an empty second line (review 5).
        style = view.style() if view is not None else QApplication.style()
        options.rect.setRect(0, 0, max(60, width), 10000)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        metrics = options.fontMetrics
        wrap = max(40, text_rect.width() - 2 * margin)
        rect = metrics.boundingRect(0, 0, wrap, 10000, int(Qt.TextFlag.TextWordWrap), options.text)
        return QSize(max(60, width), rect.height() + 8)


class LibraryScreen(QWidget):
    """Categories and search on the left, the reader on the right.

    Signals:
        article_opened(str): an article slug was shown.
    """

    article_opened = Signal(str)
    print_requested = Signal(object)
    question_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The language of the library this screen shows: the app's language when the screen is made (the app
        #: makes the screens again when the language changes, and loads the library in this language).
        self.language = active().code
        self._library: Library | None = None
        self._index: SearchIndex | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(_("Search the library"))
        self.search_edit.setToolTip(_("Search the library (Ctrl+F). Use the arrow keys and Enter to open a "
                                      "result."))
        self.search_edit.setAccessibleName(_("Search the library"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_query_changed)
        self.search_edit.returnPressed.connect(self._open_first_result)
        self.search_edit.installEventFilter(self)

        # Shows the library's size, or while searching how many results there are (read out by screen readers).
        self.status_label = QLabel(_("Loading the library…"), self)
        self.status_label.setProperty("muted", True)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleDescription(_("Library status"))

        self.tree = WrappingTree(self)
        self.tree.setItemDelegate(TreeTextDelegate(self.tree))
        self.tree.setUniformRowHeights(False)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Library topics and articles"))
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setIndentation(14)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(self._on_tree_item)
        self.tree.itemClicked.connect(self._on_tree_item)
        self.article_opened.connect(self.mark_open_article)

        self.results_model = QStandardItemModel(self)
        self.results = QListView(self)
        self.results.setModel(self.results_model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setAccessibleName(_("Search results"))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.activated.connect(self._open_result)
        self.results.clicked.connect(self._open_result)

        self.left_stack = QStackedWidget(self)
        self.left_stack.addWidget(self.tree)
        self.left_stack.addWidget(self.results)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(self.left_stack, 1)

        # The reader (and python-markdown behind it) is built just after the first frame, or when first needed:
        # it shows nothing until the library has loaded anyway, and the window appears sooner without it.
        self._reader: ArticleReader | None = None
        self._reader_slot = QWidget(self)
        QVBoxLayout(self._reader_slot).setContentsMargins(0, 0, 0, 0)
        self._text_scale = 1.0
        self._printing_allowed = True

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._reader_slot)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([360, 840])
        left.setMinimumWidth(260)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.splitter)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        find_in_page = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        find_in_page.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_in_page.activated.connect(lambda: self.reader.show_find())

    @property
    def reader(self) -> ArticleReader:
        if self._reader is None:
            from nec_companion.ui.article_view import ArticleReader

            self._reader = ArticleReader(self._reader_slot)
            self._reader.set_text_scale(self._text_scale)
            self._reader.print_button.setVisible(self._printing_allowed)
            slot_layout = self._reader_slot.layout()
            assert slot_layout is not None
            slot_layout.addWidget(self._reader)
            self._reader.browser.article_requested.connect(self.article_opened)
            self._reader.print_requested.connect(self.print_requested)
            self._reader.browser.question_requested.connect(self.question_requested)
            self._reader.page_shown.connect(self._on_page_shown)
            if self._library is not None:
                self._reader.set_library(self._library)
        return self._reader

    def set_printing_allowed(self, allowed: bool) -> None:
        """No Print button in the reader when the hospital turned printing off."""
        self._printing_allowed = allowed
        if self._reader is not None:
            self._reader.print_button.setVisible(allowed)

    def set_text_scale(self, scale: float) -> None:
        self._text_scale = scale
        if self._reader is not None:
            self._reader.set_text_scale(scale)

    # ----- public API -----
    def set_library(self, library: Library, index: SearchIndex) -> None:
        self._library = library
        self._index = index
        self.reader.set_library(library)
        self._fill_tree()
        self.status_label.setText(self._library_summary())
        if self.search_edit.text():
            self._on_query_changed(self.search_edit.text())
        if self.reader.current is None:
            first = library.in_category(CATEGORIES[0].slug)
            if first:
                self.open_article(first[0].slug)

    def _library_summary(self) -> str:
        assert self._library is not None
        library = self._library
        checked = library.last_sources_checked
        articles = ngettext("{n} article", "{n} articles", len(library.articles)).format(
            n=active().number(len(library.articles)))
        words = ngettext("{n} glossary word", "{n} glossary words", len(library.glossary)).format(
            n=active().number(len(library.glossary)))
        if not checked:
            # Translators: "12 articles and 40 glossary words" (each part is translated on its own, with its plural).
            return _("{articles} and {words}").format(articles=articles, words=words)
        # Translators: {month} is a month and year, e.g. "December 2026".
        return _("{articles} and {words} · sources checked up to {month}").format(
            articles=articles, words=words, month=format_month(checked))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def open_article(self, slug: str) -> bool:
        shown = self.reader.show_article(slug)
        if shown:
            self.article_opened.emit(slug)
        return shown

    def mark_open_article(self, slug: str) -> None:
        """Highlight the open article in the topic list, so the family sees where they are (review 5)."""
        self._mark(slug.split("#")[0])

    def _mark(self, key: str) -> None:
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in found:
            if item.data(0, KEY_ROLE) == key:
                if self.tree.currentItem() is not item:
                    self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def _on_page_shown(self, kind: str, key: str) -> None:
        # Back and Forward, and the glossary, move the highlight too: it always shows the page that is open.
        self._mark(GLOSSARY_KEY if kind == "glossary" else key)

    def current_article(self) -> str | None:
        """The slug of the article shown (None: the glossary, a search, or nothing yet)."""
        page = self.reader.current
        return page.key if page is not None and page.kind == "article" else None

    def show_failed(self, text: str) -> None:
        """The library could not be loaded: say what to do where the article count would be."""
        self.status_label.setText(text)

    def question_added(self, slug: str, number: int, text: str) -> None:
        """The article's question `number` is now on the family's list: mark it and say so under the article."""
        self.reader.mark_question_added(slug, number)
        self.reader.show_notice(text)

    def forget_added_questions(self) -> None:
        """The journal locked: no article may show which questions a family added."""
        self.reader.forget_added_questions()

    def result_titles(self) -> list[str]:
        model = self.results_model
        return [model.item(r).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]

    # ----- internals -----
    def _fill_tree(self) -> None:
        assert self._library is not None
        self.tree.clear()
        for category in CATEGORIES:
            articles = self._library.in_category(category.slug)
            if not articles:
                continue
            parent = QTreeWidgetItem([_(category.name)])
            parent.setToolTip(0, _(category.description))
            parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for article in articles:
                child = QTreeWidgetItem([article.title])
                child.setData(0, KEY_ROLE, article.slug)
                child.setToolTip(0, article.summary)
                child.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, article.summary)
                parent.addChild(child)
            self.tree.addTopLevelItem(parent)
            parent.setExpanded(True)
        glossary = QTreeWidgetItem([_("Glossary")])
        glossary.setData(0, KEY_ROLE, GLOSSARY_KEY)
        font = glossary.font(0)
        font.setBold(True)
        glossary.setFont(0, font)
        self.tree.addTopLevelItem(glossary)

    def _on_tree_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key == GLOSSARY_KEY:
            self.reader.show_glossary()
        elif key:
            self.open_article(key)
        else:
            item.setExpanded(not item.isExpanded())

    def _on_query_changed(self, text: str) -> None:
        if not text.strip():
            self.left_stack.setCurrentWidget(self.tree)
            if self._library is not None:
                self.status_label.setText(self._library_summary())
            return
        self.left_stack.setCurrentWidget(self.results)
        if self._index is None:
            return
        found = self._index.find(text, limit=SHOWN_RESULTS)
        hits: list[SearchHit] = found.hits
        self.status_label.setText(result_count_text(found.total, len(hits)))
        announce(self.status_label, self.status_label.text())
        self.results_model.clear()
        for hit in hits:
            item = QStandardItem(hit.title)
            # Translators: a glossary word among the search results, e.g. "Glossary: NPO".
            title = _("Glossary: {word}").format(word=hit.title) if hit.kind == "glossary" else hit.title
            item.setData(f"<b>{html.escape(title)}</b><br/>{snippet_html(hit.snippet)}", HTML_ROLE)
            item.setData(hit.kind, KIND_ROLE)
            item.setData(hit.slug, KEY_ROLE)
            item.setData(f"{hit.title}. {hit.snippet_plain()}", Qt.ItemDataRole.AccessibleTextRole)
            self.results_model.appendRow(item)
        if not hits:
            empty = QStandardItem(_("No results"))
            hint = _("Try fewer words, or an everyday word like “belly” or “milk”.")
            nothing = html.escape(_("Nothing found."))
            empty.setData(f"<b>{nothing}</b><br/>{html.escape(hint, quote=False)}",
                          HTML_ROLE)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results_model.appendRow(empty)
        elif self.results_model.rowCount():
            self.results.setCurrentIndex(self.results_model.index(0, 0))

    def _open_first_result(self) -> None:
        index = self.results.currentIndex()
        if self.left_stack.currentWidget() is self.results and index.isValid():
            self._open_result(index)

    def _open_result(self, index: QModelIndex) -> None:
        kind, key = index.data(KIND_ROLE), index.data(KEY_ROLE)
        if kind == "article":
            self.open_article(key)
            self.reader.browser.setFocus()
        elif kind == "glossary":
            self.reader.show_glossary()
            self.reader.browser.scrollToAnchor(key)
            self.reader.show_definition(key)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # Arrow keys in the search box move through the results, so typing and choosing need no mouse.
        from PySide6.QtCore import QEvent

        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress and \
                self.left_stack.currentWidget() is self.results:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentIndex().row()
                row = row + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(self.results_model.rowCount() - 1, row))
                self.results.setCurrentIndex(self.results_model.index(row, 0))
                return True
        return super().eventFilter(watched, event)
