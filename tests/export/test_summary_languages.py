"""Issue 13: the care-team summary in English, in Spanish, or both (the whole summary in Spanish, then the whole
summary in English from a new page), with Spanish words, dates and numbers in the Spanish part and the English
summary unchanged. Read back from the PDF with poppler, as in test_summary.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from nec_companion.charts.layout import value_axis
from nec_companion.core import i18n
from nec_companion.export.pdf import render_summary_pdf
from nec_companion.export.summary import Section, SummaryDocument, SummaryOptions, build_summary
from tests.export.test_summary import A4, Family, make_family, pdftotext


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Family]:
    made = make_family(tmp_path_factory.mktemp("family"), days=30)
    yield made
    made.journal.close(save=False)


def summary(family: Family, *languages: str) -> SummaryDocument:
    options = SummaryOptions(family.wren.baby_id, family.sample.first_day, family.sample.last_day,
                             languages=languages)
    return build_summary(family.entries, family.book.all(), family.wren, options, family.clock.now())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_spanish_summary_has_spanish_headings_dates_and_numbers(family: Family) -> None:
    document = summary(family, "es")
    html = document.html()
    assert document.title == "Resumen para el equipo de atención" and document.language == "es"
    for heading in ("Bebé y edades", "Avance de la alimentación", "Extracción de leche", "Pesos",
                    "Preguntas para hacer", "Tomas día por día", "Día de vida"):
        assert heading in html, heading
    # Dates in words in the title block: "20 de marzo de 2025"; numbers never grouped: "1234 g", not "1,234 g".
    assert document.prepared_on.startswith("Preparado el 20 de marzo de 2025 a las ")
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de 2025 al 20 de marzo de 2025", document.date_range)
    latest = max(w.grams for w in family.entries.weights(family.wren.baby_id, last_day=family.sample.last_day))
    assert latest >= 1000
    assert f"Último: {latest} g" in html and f"{latest:,}" not in html
    assert document.page_text(1, 4) == "Página 1 de 4"
    assert "Care-team summary" not in html and "Day of life" not in html
    # The charts it draws speak Spanish too.
    assert document.charts["feeding"].x_label == "Día de vida"
    assert document.charts["weight"].title == "Wren: peso"


def test_english_summary_is_unchanged_and_can_be_asked_for_while_the_app_speaks_spanish(family: Family) -> None:
    english = summary(family)
    assert summary(family, "en").html() == english.html()
    assert english.title == "Care-team summary" and english.more == () and english.parts == (english,)
    with i18n.using("es"):
        asked = summary(family, "en")
        assert i18n.active().code == "es"
    assert asked.html() == english.html() and asked.language == "en"
    with i18n.using("es"):
        default = summary(family)
    assert default.language == "es" and "Avance de la alimentación" in default.html()


def test_both_languages_make_two_complete_parts_each_from_a_new_page(family: Family, tmp_path: Path) -> None:
    both = summary(family, "es", "en")
    spanish, english = both.parts
    assert (spanish.language, english.language) == ("es", "en")
    assert spanish.title == "Resumen para el equipo de atención (español)"
    assert english.title == "Care-team summary (English)"
    # Each part is a whole summary: every chosen section, in its own language, with its own charts.
    for section in Section:
        assert section.label in english.body_html
        with i18n.using("es"):
            assert section.label in spanish.body_html
    assert set(both.charts) == {"es-feeding", "es-pumping", "es-weight", "en-feeding", "en-pumping", "en-weight"}
    assert both.charts["es-feeding"].x_label == "Día de vida" and both.charts["en-feeding"].x_label == "Day of life"
    assert 'style="page-break-before: always;"' in both.html()

    path = tmp_path / "both.pdf"
    pages_written = render_summary_pdf(both, path, page_size=A4)
    pages = [flat(page) for page in pdftotext(path)]
    assert len(pages) == pages_written
    start = next(index for index, page in enumerate(pages) if "Care-team summary (English): Wren" in page)
    assert start > 0
    assert all("Resumen para el equipo de atención" in page for page in pages[:start])
    assert all("Care-team summary (English)" in page for page in pages[start:])
    # Each part numbers its own pages in its own words, and its first page is its title page.
    assert "Página 1 de " in pages[0] and "Page 1 of " in pages[start]
    assert f"Página {start} de {start}" in pages[start - 1]
    assert "Preparado por la familia con NEC Companion. No es un expediente médico." in pages[0]
    assert "Prepared by the family with NEC Companion. Not a medical record." in pages[start]
    assert "Preparado el 20 de marzo de 2025" in pages[0] and "Prepared on 20 Mar 2025" in pages[start]


def test_with_place_puts_the_unit_in_each_parts_footer_in_its_language(family: Family) -> None:
    placed = summary(family, "es", "en").with_place("NICU, St Elsewhere")
    spanish, english = placed.parts
    assert spanish.footer == ("Preparado por la familia con NEC Companion en NICU, St Elsewhere. No es un expediente "
                              "médico.")
    assert english.footer == "Prepared by the family with NEC Companion at NICU, St Elsewhere. Not a medical record."
    assert set(placed.charts) == set(summary(family, "es", "en").charts)


def test_options_refuse_unknown_or_repeated_languages(family: Family) -> None:
    for languages in (("fr",), ("es", "es")):
        with pytest.raises(ValueError):
            SummaryOptions(family.wren.baby_id, family.sample.first_day, family.sample.last_day, languages=languages)


def test_chart_tick_labels_follow_the_active_language() -> None:
    """Axis numbers are written as the language writes them: "1,500" in English, "1500" in Spanish."""
    assert value_axis((1000.0, 2600.0), None, None, 5).labels[1:3] == ("1,500", "2,000")
    with i18n.using("es"):
        assert value_axis((1000.0, 2600.0), None, None, 5).labels[1:3] == ("1500", "2000")
