"""The library screen driven like a parent would: keyboard search, reading, glossary, history, zoom, find."""

from __future__ import annotations

import socket
import threading

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from nec_companion.content.model import Article, Library
from nec_companion.ui.article_view import SafeTextBrowser


def test_search_as_you_type_and_open_with_keyboard(qtbot, window) -> None:
    """Ctrl+F, type "donor", Down/Enter: the donor milk article opens without touching the mouse."""
    screen = window.library_screen
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search_edit.hasFocus()
    qtbot.keyClicks(screen.search_edit, "donor")
    assert screen.result_titles(), "results appear while typing"
    assert "donor" in screen.result_titles()[0].casefold()
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Up)
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)
    assert screen.reader.current.key == "donor-milk"


def test_no_results_says_so_kindly(qtbot, window) -> None:
    """A search with nothing found shows a friendly hint instead of an empty list."""
    screen = window.library_screen
    qtbot.keyClicks(screen.search_edit, "zzzqqq")
    assert screen.result_titles() == ["No results"]


def test_search_shows_how_many_results(qtbot, window, bundled_index) -> None:
    """While searching, the status line says how many results there are; cleared, it shows the library again."""
    screen = window.library_screen
    qtbot.keyClicks(screen.search_edit, "can formula cause NEC")
    total = bundled_index.find("can formula cause NEC").total
    assert total >= 2
    assert screen.status_label.text() == f"{total} results"
    assert len(screen.result_titles()) == total
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "zzzqqq")
    assert screen.status_label.text() == "No results"
    screen.search_edit.clear()
    assert "articles and" in screen.status_label.text()
    assert "reviewed" not in screen.status_label.text()
    assert "sources checked up to" in screen.status_label.text()


def test_result_count_wording() -> None:
    """One result, many, and more than are shown, in plain words."""
    from nec_companion.ui.library_screen import result_count_text

    assert result_count_text(1, 1) == "1 result"
    assert result_count_text(12, 12) == "12 results"
    assert result_count_text(45, 30) == "45 results; the best 30 are shown"


def test_clearing_search_returns_to_topics(qtbot, window) -> None:
    """Emptying the search box shows the topic tree again."""
    screen = window.library_screen
    qtbot.keyClicks(screen.search_edit, "milk")
    assert screen.left_stack.currentWidget() is screen.results
    screen.search_edit.clear()
    assert screen.left_stack.currentWidget() is screen.tree


def test_browse_by_category(window, bundled_library: Library) -> None:
    """The topic tree lists every category with its articles, then the glossary."""
    tree = window.library_screen.tree
    names = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert names[0] == "NEC basics"
    assert "When a baby dies" in names and names[-1] == "Glossary"
    assert tree.topLevelItem(0).childCount() == len(bundled_library.in_category("nec-basics"))


def test_warning_signs_in_one_click_from_anywhere(qtbot, window) -> None:
    """From the Settings screen, one click on Warning signs shows that article."""
    window.show_screen("settings")
    qtbot.mouseClick(window.warning_button, Qt.MouseButton.LeftButton)
    assert window.current_screen() == "library"
    assert window.library_screen.reader.current.key == "warning-signs"


def test_reader_shows_sources_review_status_and_related(window, bundled_library: Library) -> None:
    """The end of an article lists its sources, both review facts in plain words, and related articles."""
    reader = window.library_screen.reader
    reader.show_article("what-is-nec")
    article: Article = bundled_library.articles["what-is-nec"]
    text = " ".join(reader.browser.toPlainText().split())
    assert "Sources" in text and article.sources[0][:30] in text
    day = article.sources_checked
    assert f"Checked against its sources on {day.day} {day:%B %Y}." in text
    assert "Not yet reviewed by a clinician at your hospital." in text
    assert "Last reviewed" not in text
    html = reader.browser.toHtml()
    for slug in article.related:
        assert f"article:{slug}" in html


def test_related_link_back_and_forward(window) -> None:
    """Following an article link, then Back and Forward, moves through history."""
    reader = window.library_screen.reader
    reader.show_article("what-is-nec")
    reader.browser.anchorClicked.emit(QUrl("article:warning-signs"))
    assert reader.current.key == "warning-signs"
    reader.back_button.click()
    assert reader.current.key == "what-is-nec"
    reader.forward_button.click()
    assert reader.current.key == "warning-signs"


def test_glossary_term_shows_definition_in_place(window, bundled_library: Library) -> None:
    """Clicking a linked term shows its definition above the text; the article stays open."""
    reader = window.library_screen.reader
    reader.show_article("tube-feeds")
    html = reader.browser.toHtml()
    assert 'href="glossary:' in html
    entry_id = html.split('href="glossary:')[1].split('"')[0]
    reader.browser.anchorClicked.emit(QUrl(f"glossary:{entry_id}"))
    assert reader.definition_panel.isVisible()
    assert bundled_library.glossary[entry_id].definition[:40] in reader.definition_label.text()
    assert reader.current.key == "tube-feeds"


def test_zoom_keys_change_article_text_size(qtbot, window) -> None:
    """Ctrl+plus makes article text larger, Ctrl+minus smaller."""
    reader = window.library_screen.reader
    reader.show_article("what-is-nec")
    reader.browser.setFocus()
    before = reader.browser.document().defaultFont().pointSizeF()
    qtbot.keyClick(reader.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = reader.browser.document().defaultFont().pointSizeF()
    assert larger > before
    qtbot.keyClick(reader.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.browser.document().defaultFont().pointSizeF() == before


def test_find_in_article(qtbot, window) -> None:
    """Find in page selects the word and says when it is not there."""
    reader = window.library_screen.reader
    reader.show_article("warning-signs")
    reader.find_button.click()
    assert reader.find_edit.hasFocus()
    qtbot.keyClicks(reader.find_edit, "nurse")
    assert reader.browser.textCursor().selectedText().casefold() == "nurse"
    reader.find_edit.setText("zebra crossing")
    assert reader.find_status.text() == "Not found"


def test_file_javascript_and_web_links_never_navigate(window) -> None:
    """file:, javascript:, data: and https: clicks change nothing; the same article stays shown."""
    reader = window.library_screen.reader
    reader.show_article("what-is-nec")
    before = reader.browser.toPlainText()
    for url in ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "https://example.org", "x.md"):
        reader.browser.anchorClicked.emit(QUrl(url))
        reader.browser.setSource(QUrl(url))
    assert reader.current.key == "what-is-nec"
    assert reader.browser.toPlainText() == before
    assert "file:///etc/passwd" in reader.browser.blocked_links


def test_no_resource_is_loaded_from_disk_or_network(qtbot, tmp_path) -> None:
    """A document asking for a local file and a remote image gets nothing; a loopback server sees no visit."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    visits: list[object] = []

    def accept() -> None:
        try:
            visits.append(server.accept())
        except OSError:
            pass

    listener = threading.Thread(target=accept, daemon=True)
    listener.start()
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(f'<p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:{port}/x.png">'
                    f'<img src="{secret.name}"><link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">')
    browser.show()
    qtbot.waitExposed(browser)
    assert browser.loadResource(int(QTextDocument.ResourceType.ImageResource), QUrl(f"file://{secret}")) is None
    assert browser.loadResource(int(QTextDocument.ResourceType.ImageResource),
                                QUrl(f"http://127.0.0.1:{port}/x.png")) is None
    listener.join(timeout=1.0)
    server.close()
    assert visits == []


def test_definition_floats_next_to_the_word_and_the_article_does_not_move(qtbot, window) -> None:
    """Choosing a glossary word shows its definition beside the word; the text keeps its place (review 27)."""
    from nec_companion.ui.tour import _choose_glossary_word, settle

    reader = window.library_screen.reader
    assert _choose_glossary_word(reader, "tube-feeds", lines_down=12)
    settle()
    panel = reader.definition_panel
    assert panel.isVisible()
    browser_before = reader.browser.geometry()
    scrolled = reader.browser.verticalScrollBar().value()
    word = reader.browser.cursorRect(reader.browser.textCursor())
    word_top = reader.browser.viewport().mapTo(reader, word.topLeft()).y()
    word_bottom = reader.browser.viewport().mapTo(reader, word.bottomLeft()).y()
    assert reader.browser.geometry() == browser_before and reader.browser.verticalScrollBar().value() == scrolled
    assert reader.layout().indexOf(panel) == -1  # floats over the text: nothing above the article grows
    assert panel.geometry().top() > word_bottom or panel.geometry().bottom() < word_top  # the word stays visible
    assert reader.browser.geometry().contains(panel.geometry())
    qtbot.keyClick(reader.definition_label, Qt.Key.Key_Escape)
    assert not panel.isVisible() and reader.browser.hasFocus()


def test_open_article_is_highlighted_in_the_topic_list(window) -> None:
    """Opening an article (from anywhere: F1, search, a link) highlights it in the list (review 5)."""
    from nec_companion.ui.library_screen import KEY_ROLE

    window.show_warning_signs()
    item = window.library_screen.tree.currentItem()
    assert item is not None and item.data(0, KEY_ROLE) == "warning-signs" and item.isSelected()
