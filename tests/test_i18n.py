"""Translations (issue 13): gettext catalogs read with Babel, plural rules, CLDR formats, the catalog check."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from nec_companion.core import i18n
from nec_companion.core.errors import SaveFailed, SaveFailureReason, TryLater, WrongPassphrase

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale"


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("i18n_script", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def spanish():
    previous = i18n.set_active(i18n.load_language("es", LOCALE))
    yield i18n.active()
    i18n.set_active(previous)


def test_every_message_in_the_source_has_a_checked_spanish_translation() -> None:
    """CI fails when a marked message is missing from es.po, untranslated, fuzzy or no longer in the source."""
    script = _script()
    template = script.extract()
    assert len(template) >= 30
    assert script.problems(template, script.read_catalog(LOCALE / "es.po", "es"), "es.po") == []


def test_the_check_finds_missing_untranslated_fuzzy_and_obsolete_entries(tmp_path: Path) -> None:
    script = _script()
    source = tmp_path / "nec_companion"
    source.mkdir()
    (source / "screen.py").write_text(
        'from i18n import _, ngettext\n_("Lock now")\n_("Open")\n_("Print")\nngettext("{n} day", "{n} days", 2)\n',
        encoding="utf-8")
    template = script.extract(source)
    catalog = script.Catalog(locale="es")
    catalog.add("Lock now", "Bloquear ahora")
    catalog.add("Open", "")
    catalog.add("Print", "Imprimir", flags=["fuzzy"])
    catalog.add("Gone", "Ya no está")
    found = script.problems(template, catalog, "es.po")
    assert any("'Open' is not translated" in line for line in found)
    assert any("'Print' is fuzzy" in line for line in found)
    assert any("'{n} day' is missing" in line for line in found)
    assert any("'Gone' is no longer in the source" in line for line in found)
    assert not any("Lock now" in line for line in found)


def test_errors_speak_the_active_language(spanish) -> None:
    assert WrongPassphrase().message == "Esa frase de contraseña no abre este diario."
    assert SaveFailed(SaveFailureReason.DISK_FULL).user_text().startswith("No se pudo guardar")
    assert "espere 1 segundo y" in TryLater(retry_after_seconds=1).user_text()
    assert "espere 3 minutos y" in TryLater(retry_after_seconds=125).user_text()


def test_english_is_the_default_and_needs_no_catalog() -> None:
    assert i18n.active().code == "en"
    assert WrongPassphrase().message == "That passphrase doesn't open this journal."
    assert "wait 2 seconds," in TryLater(retry_after_seconds=2).user_text()
    assert "wait 1 second," in TryLater(retry_after_seconds=1).user_text()


def test_numbers_dates_and_times_follow_the_language(spanish) -> None:
    english = i18n.load_language("en", LOCALE)
    assert english.number(2384) == "2,384"
    assert spanish.number(2384) == "2384"  # never "2,384", which reads as 2.384 to many Spanish readers
    assert spanish.number(12.5, decimals=1) == "12.5"
    assert english.date(dt.date(2026, 3, 10)) == "March 10, 2026"
    assert spanish.date(dt.date(2026, 3, 10)) == "10 de marzo de 2026"
    assert english.time(dt.time(14, 30)).replace("\u202f", " ") == "2:30 PM"
    assert spanish.time(dt.time(14, 30)).replace("\u202f", " ").replace("\xa0", " ") == "2:30 p.m."


def test_a_fuzzy_translation_falls_back_to_english(tmp_path: Path) -> None:
    shutil.copy(LOCALE / "es.po", tmp_path / "es.po")
    text = (tmp_path / "es.po").read_text(encoding="utf-8")
    marked = text.replace('msgid "This journal is locked."', '#, fuzzy\nmsgid "This journal is locked."', 1)
    assert marked != text
    (tmp_path / "es.po").write_text(marked, encoding="utf-8")
    language = i18n.load_language("es", tmp_path)
    assert language.gettext("This journal is locked.") == "This journal is locked."
    assert language.gettext("Please check what you typed.") == "Por favor, revise lo que escribió."


def test_unknown_language_or_unreadable_catalog_is_a_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(i18n.CatalogProblem, match="unknown language"):
        i18n.load_language("fr", LOCALE)
    with pytest.raises(i18n.CatalogProblem, match=r"es\.po"):
        i18n.load_language("es", tmp_path)


def test_using_speaks_a_language_inside_the_block_and_restores_the_one_before() -> None:
    assert i18n.active().code == "en"
    with i18n.using("es") as spanish:
        assert spanish.code == "es" and i18n.active().code == "es"
        assert i18n._("Something went wrong with this journal.") == "Algo salió mal con este diario."
        with i18n.using("en"):
            assert i18n._("Something went wrong with this journal.") == "Something went wrong with this journal."
        assert i18n.active().code == "es"
    assert i18n.active().code == "en"
    assert i18n.language("es") is i18n.language("es")  # loaded once
    with pytest.raises(i18n.CatalogProblem):
        i18n.language("fr")


def test_the_unwrapped_check_finds_text_given_to_qt_without_a_translation(tmp_path: Path) -> None:
    script = _script()
    source = (
        'from i18n import _\n'
        'button.setText("Lock now")\n'                      # 2: found
        'label = QLabel("Open a journal", parent)\n'       # 3: found
        'box.setToolTip(f"Saved {n} entries")\n'           # 4: found
        'ok.setText(_("Save"))\n'                          # 5: wrapped
        'widget.setObjectName("lock now button")\n'        # 6: a name, not text
        'title = f"{_(\'Feeds\')} today"\n'                # 7: found: never extracted
        'log.warning("could not save %s", path)\n'         # 8: a log line
        'tab.setText("Journal")  # i18n: not text\n'       # 9: marked by a person
    )
    found = script.unwrapped_in(Path("screen.py"), source)
    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "7"], found


def test_no_text_reaches_qt_without_a_translation() -> None:
    """CI fails when a user-visible string handed to Qt (or to the app's label helpers) is not wrapped in _()."""
    script = _script()
    assert script.unwrapped([ROOT / "nec_companion"]) == []


def test_whole_numbers_under_1000_are_written_as_babel_writes_them() -> None:
    """The fast path for small whole numbers (no locale data loaded) agrees with CLDR in both languages."""
    from babel.numbers import format_decimal

    for code in i18n.LANGUAGES:
        language = i18n.language(code)
        pattern = "0" if code in i18n.UNGROUPED else "#,##0"
        for value in (*range(-999, 1000), 12.0, 999.0):
            assert language.number(value) == format_decimal(value, format=pattern,
                                                            locale=i18n.CLDR_LOCALES[code]), (code, value)
        assert language.number(2384) == ("2,384" if code == "en" else "2384")  # past the fast path
        assert language.number(12.5, decimals=1) == "12.5"
