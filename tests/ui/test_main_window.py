"""The shell: navigation by keyboard, About and safety, text size that applies everywhere and persists."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nec_companion import __version__
from nec_companion.settings import Preferences, PreferencesStore
from nec_companion.ui import style


def test_title_never_names_a_family(window) -> None:
    """The window title is the app's name only."""
    assert window.windowTitle() == "NEC Companion"


def test_sections_reachable_by_keyboard(qtbot, window) -> None:
    """The section tabs take focus and arrow keys move between Library, About and Settings."""
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Right)
    assert window.current_screen() == "about"
    qtbot.keyClick(window.navigation, Qt.Key.Key_Right)
    assert window.current_screen() == "settings"


def test_about_says_what_the_app_is_and_is_not(window, bundled_library) -> None:
    """About: not medical advice, tell your nurse, offline, the honest review policy, version."""
    from nec_companion.content.model import format_date

    text = window.about_screen.body.text()
    assert "not medical advice" in text
    assert "tell your baby's nurse" in text
    assert "offline" in text
    assert format_date(bundled_library.last_sources_checked) in text
    # The review policy: the writers checked sources, no clinician signed the bundled articles, a hospital can.
    assert "checked each one against its sources" in text
    assert "No clinician has signed off these" in text
    assert "A hospital can have its own clinician" in text
    assert "last reviewed" not in text.lower()
    assert __version__ in text


def test_every_control_has_an_accessible_name(window) -> None:
    """Buttons, edits and lists carry names a screen reader can speak."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QTabBar, QTextBrowser, QWidget

    missing = []
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView, QTextBrowser, QTabBar)
    for widget in (w for w in window.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(window)):
        if not (widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())):
            missing.append(f"{type(widget).__name__}:{widget.objectName()}")
    assert missing == []


def test_text_size_applies_to_app_and_articles(qtbot, qapp, window) -> None:
    """Choosing 200 % doubles the app font and the article font."""
    reader = window.library_screen.reader
    reader.show_article("what-is-nec")
    article_before = reader.browser.document().defaultFont().pointSizeF()
    scales: list[float] = []
    window.text_scale_changed.connect(scales.append)
    window.settings_screen.buttons[2.0].click()
    assert scales == [2.0]
    style.apply_style(qapp, scale=2.0)
    window.apply_text_scale(2.0)
    assert qapp.font().pointSizeF() == style.point_size(2.0)
    assert reader.browser.document().defaultFont().pointSizeF() == 2 * article_before
    style.apply_style(qapp, scale=1.0)


def test_preferences_persist_and_survive_damage(tmp_path) -> None:
    """Text size is saved and read back; a damaged settings file falls back to defaults."""
    store = PreferencesStore(tmp_path / "settings.json")
    store.save(Preferences().with_text_scale(1.74))
    assert store.load().text_scale == 1.75
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert store.load() == Preferences()
    (tmp_path / "settings.json").write_text('{"text_scale": "huge", "auto_lock_minutes": 99}', encoding="utf-8")
    loaded = store.load()
    assert loaded.text_scale == 1.0 and loaded.auto_lock_minutes == 10
