"""The Spanish library (resources/es/): its format, stale and untranslated articles, Spanish search, the CLI,
the cache, the reading level, and the visible set of Spanish parent questions (search_questions_es.toml)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import textstat

from nec_companion.cli import main
from nec_companion.content.cache import cache_file_for, load_or_build
from nec_companion.content.languages import STALE_NOTE, UNTRANSLATED_NOTE, fingerprint, resources_for
from nec_companion.content.loader import load_glossary, load_library_for
from nec_companion.content.model import Library
from nec_companion.content.plaintext import plain_text
from nec_companion.content.render import article_html
from nec_companion.content.search import SearchIndex, parse_query
from nec_companion.core.i18n import using
from tests.conftest import RESOURCES

QUESTIONS_FILE = Path(__file__).with_name("search_questions_es.toml")
TOP = 3
REQUIRED_SHARE = 0.95
MIN_FERNANDEZ_HUERTA = 70  # "bastante fácil" (fairly easy) or easier
SPANISH_FILES = sorted((RESOURCES / "es" / "library").glob("*/*.md"))


@pytest.fixture(scope="module")
def spanish(bundled_library: Library) -> Library:
    return load_library_for(RESOURCES, "es", today=dt.date.today(), english=bundled_library)


@pytest.fixture(scope="module")
def spanish_index(spanish: Library) -> SearchIndex:
    return SearchIndex(spanish)


def keys(index: SearchIndex, query: str, top: int = TOP) -> list[str]:
    return [h.slug if h.kind == "article" else f"glossary:{h.slug}" for h in index.search(query, limit=top)]


def copy_resources(tmp_path: Path) -> Path:
    """The bundled English library and glossary and the Spanish folder, copied to change them safely."""
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES / "library", root / "library")
    shutil.copy(RESOURCES / "glossary.toml", root / "glossary.toml")
    shutil.copytree(RESOURCES / "es", root / "es")
    return root


# ----- format -----

def test_the_spanish_library_and_glossary_load_without_problems(spanish: Library) -> None:
    """check-content's rules hold for every Spanish file: no problem at all in resources/es/."""
    assert spanish.problems == (), "\n".join(map(str, spanish.problems))
    assert spanish.lang == "es"


def test_every_spanish_glossary_term_translates_an_english_one(bundled_library: Library, spanish: Library) -> None:
    """All 183 English terms are in Spanish, under the same id, each naming the English term it translates."""
    assert set(spanish.glossary) == set(bundled_library.glossary)
    for entry_id, entry in spanish.glossary.items():
        assert entry.translation_of.casefold() == bundled_library.glossary[entry_id].term.casefold()
        assert entry.term != "" and entry.definition != ""


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda p: p.stem)
def test_each_spanish_article_names_its_english_source(path: Path, spanish: Library, bundled_library: Library) -> None:
    article = spanish.articles[path.stem]
    english = bundled_library.articles[path.stem]
    assert article.lang == "es" and not article.untranslated
    assert article.translation_of == path.stem == english.slug
    assert re.fullmatch(r"[0-9a-f]{16}", article.translation_source)
    assert article.category == english.category == path.parent.name
    assert article.related == english.related
    # The English citations, unchanged; a checked Spanish-language page of a family resource may follow them.
    assert article.sources[:len(english.sources)] == english.sources
    assert article.sources_checked == english.sources_checked
    headings = [line.count("#") for line in english.body.splitlines() if line.startswith("#")]
    assert [line.count("#") for line in article.body.splitlines() if line.startswith("#")] == headings


@pytest.mark.parametrize("path", SPANISH_FILES, ids=lambda p: p.stem)
def test_each_spanish_article_is_fairly_easy_to_read(path: Path, spanish: Library) -> None:
    """Fernández-Huerta (textstat, Spanish) of the body is at least 70: 'bastante fácil' or easier."""
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(plain_text(spanish.articles[path.stem].body))
    finally:
        textstat.set_lang("en_US")
    assert score >= MIN_FERNANDEZ_HUERTA, f"{path.stem}: Fernández-Huerta {score:.1f}"


def test_translation_fields_are_checked_with_file_and_line(tmp_path: Path) -> None:
    root = copy_resources(tmp_path)
    es = root / "es" / "library" / "nec-basics"
    good = (es / "warning-signs.md").read_text(encoding="utf-8")
    (es / "warning-signs.md").write_text(good.replace("lang: es", "lang: en").replace(
        "translation_source: 203fb9b78bc05189", "translation_source: abc"), encoding="utf-8")
    (es / "what-is-nec.md").write_text(
        (RESOURCES / "es/library/nec-basics/what-is-nec.md").read_text(encoding="utf-8").replace(
            "translation_of: what-is-nec", "translation_of: warning-signs"), encoding="utf-8")
    (es / "not-an-english-article.md").write_text(good.replace("translation_of: warning-signs",
                                                               "translation_of: not-an-english-article"),
                                                  encoding="utf-8")
    library = load_library_for(root, "es", today=dt.date.today())
    lines: dict[str, list[tuple[int, str]]] = {p.path.name: [] for p in library.problems}
    for p in library.problems:
        lines[p.path.name].append((p.line, p.reason))

    def line_of(path: Path, start: str) -> int:
        """The line (1-based) where a front-matter field starts, wherever the translator put it."""
        return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                    if line.startswith(start))

    warning = dict(lines["warning-signs.md"])
    assert "'lang' must be 'es'" in warning[line_of(es / "warning-signs.md", "lang:")]
    assert "'translation_source' must be the first 16 hex digits" in \
        warning[line_of(es / "warning-signs.md", "translation_source:")]
    assert "'translation_of' must be the English slug" in \
        dict(lines["what-is-nec.md"])[line_of(es / "what-is-nec.md", "translation_of:")]
    assert any("is not an English article" in r for _, r in lines["not-an-english-article.md"])
    # A file that fails is not shown in Spanish: its English article stands in, marked not yet translated.
    assert library.articles["warning-signs"].untranslated


def test_an_english_article_may_not_use_the_translation_fields(tmp_path: Path) -> None:
    from tests.conftest import write_article

    write_article(tmp_path, "nec-basics", "sample", lang="es")
    from nec_companion.content.loader import load_library

    library = load_library(tmp_path / "library", None, today=dt.date.today())
    assert any("unknown field 'lang'" in p.reason for p in library.problems)


def test_the_spanish_glossary_needs_translation_of_and_an_english_id(tmp_path: Path, bundled_library: Library) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text('''
[[term]]
id = "abdomen"
term = "Abdomen"
definition = "La barriga."

[[term]]
id = "panza"
term = "Panza"
translation_of = "Abdomen"
definition = "La barriga."

[[term]]
id = "npo"
term = "Nada por boca"
translation_of = "Abdomen"
definition = "Sin leche por un tiempo."

[[term]]
id = "stool"
term = "Popó"
translation_of = "Stool"
definition = "Las heces."
''', encoding="utf-8")
    problems: list = []
    glossary = load_glossary(path, problems, english=bundled_library.glossary)
    assert list(glossary) == ["stool"]
    reasons = [(p.line, p.reason) for p in problems]
    assert reasons[0][0] == 2 and "needs 'translation_of'" in reasons[0][1]
    assert reasons[1][0] == 7 and "not an id of the English glossary" in reasons[1][1]
    assert reasons[2][0] == 13 and "the English entry 'npo' is 'NPO'" in reasons[2][1]


# ----- stale and untranslated -----

def test_a_changed_english_article_makes_its_translation_stale(tmp_path: Path, capsys) -> None:
    root = copy_resources(tmp_path)
    fresh = load_library_for(root, "es", today=dt.date.today())
    assert not fresh.articles["warning-signs"].stale
    english = root / "library" / "nec-basics" / "warning-signs.md"
    data = english.read_bytes()
    english.write_bytes(data.replace(b"right away", b"right now", 1))
    library = load_library_for(root, "es", today=dt.date.today())
    article = library.articles["warning-signs"]
    assert article.stale and article.lang == "es"
    # The reader says so calmly above the title, in the language the app speaks (issue 13).
    with using("es"):
        assert article.translation_note.startswith("El artículo en inglés se actualizó después de esta traducción")
        page = article_html(article, library)
    assert '<p class="translation">El artículo en inglés se actualizó después de esta traducción' in page
    assert page.index('class="translation"') < page.index("<h1>")
    assert article.translation_note == STALE_NOTE  # English: the message id itself
    assert [a.slug for a in library.stale_articles()] == ["warning-signs"]
    assert library.problems == ()  # stale is information, not a problem
    assert main(["check-content", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"stale translation of warning-signs (translated from 203fb9b78bc05189, the English file is now " \
           f"{fingerprint(english)})" in out
    assert "2 translated articles (1 stale)" in out


def remove_translations(root: Path, *slugs: str) -> None:
    """Take some Spanish articles out of a copied resources folder: the situation of a library still being
    translated (the bundled one has every article in Spanish, so tests must not count on a gap in it)."""
    for slug in slugs:
        [path] = (root / "es" / "library").glob(f"*/{slug}.md")
        path.unlink()


def test_an_article_without_a_translation_is_offered_in_english_and_marked(tmp_path: Path,
                                                                            bundled_library: Library) -> None:
    root = copy_resources(tmp_path)
    missing = ["probiotics", "nec-surgery"]
    remove_translations(root, *missing)
    spanish = load_library_for(root, "es", today=dt.date.today(), english=bundled_library)
    assert spanish.problems == ()
    article = spanish.articles["probiotics"]
    assert article.untranslated and article.lang == "en"
    assert article.title == bundled_library.articles["probiotics"].title
    assert article.body == bundled_library.articles["probiotics"].body
    assert article.translation_note == UNTRANSLATED_NOTE
    with using("es"):
        assert article.translation_note == ("Este artículo aún no está traducido al español, por eso se muestra "
                                            "en inglés.")
        page = article_html(article, spanish)
        translated = article_html(spanish.articles["warning-signs"], spanish)
    assert '<p class="translation">Este artículo aún no está traducido al español' in page
    assert "Lecturas relacionadas" in page and "Related reading" not in page  # the app's words in Spanish
    assert 'class="translation"' not in translated  # a current translation needs no note
    assert set(spanish.articles) == set(bundled_library.articles)
    assert {a.slug for a in spanish.untranslated_articles()} == set(missing)
    # The translated ones stay in Spanish.
    assert spanish.articles["warning-signs"].lang == "es" and not spanish.articles["warning-signs"].untranslated
    # English stays as it was: no article of the English library is marked.
    assert not any(a.untranslated or a.stale or a.translation_note for a in bundled_library.articles.values())


def test_the_bundled_spanish_library_translates_every_article(spanish: Library,
                                                             bundled_library: Library) -> None:
    """All 52 articles are in Spanish: none is offered in English, none is stale."""
    assert set(spanish.articles) == set(bundled_library.articles)
    assert spanish.untranslated_articles() == []
    assert spanish.stale_articles() == []


def test_check_content_checks_both_languages_and_lists_the_untranslated(tmp_path: Path, capsys) -> None:
    root = copy_resources(tmp_path)
    assert main(["check-content", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Checking the Spanish translation (es)" in out
    assert "0 not yet translated" in out and "not yet translated (es)" not in out
    remove_translations(root, "probiotics")
    assert main(["check-content", str(root)]) == 0  # untranslated is information, not an error
    out = capsys.readouterr().out
    assert "1 of 52 articles are not yet translated (es)" in out and "\n  probiotics\n" in out
    assert "51 translated articles (0 stale), 1 not yet translated" in out
    (root / "es" / "glossary.toml").write_text("[[term]]\nid = 3\n", encoding="utf-8")
    assert main(["check-content", str(root)]) == 1
    assert f"{root / 'es' / 'glossary.toml'}:1: the glossary entry needs a non-empty 'id'" in capsys.readouterr().out


def test_resources_for_a_language() -> None:
    assert resources_for(RESOURCES, "en").library_dir == RESOURCES / "library"
    assert resources_for(RESOURCES, "es").glossary_file == RESOURCES / "es" / "glossary.toml"
    with pytest.raises(ValueError):
        resources_for(RESOURCES, "xx")


# ----- search -----

def test_spanish_question_words_are_not_required() -> None:
    terms, asks = parse_query("¿Qué es la ECN?", "es")
    assert [t.words for t in terms] == [("ecn",)] and asks
    terms, _ = parse_query("como puede mi bebe tener la barriga hinchada", "es")
    assert [t.words[0] for t in terms] == ["barriga", "hinchada"]


def test_spanish_filler_words_depend_on_what_follows() -> None:
    """Bare "después" is "later" (filler); "después de la ECN" names a time the library writes about. Verb forms
    that carry no topic ("dan", "hecho", "tenga") are not required."""
    terms, _ = parse_query("¿puedo salirme del estudio después?", "es")
    assert [t.words[0] for t in terms] == ["salirme", "estudio"]
    terms, _ = parse_query("¿qué pasa después de la ECN?", "es")
    assert [t.words[0] for t in terms] == ["después", "ecn"]
    terms, _ = parse_query("mi bebé no ha hecho popó y le dan leche", "es")
    assert [t.words[0] for t in terms] == ["popó", "leche"]


@pytest.mark.parametrize(("typed", "article", "written"), [
    ("¿qué tan pronto me empiezo a sacar leche?", "starting-to-pump", "empezar"),  # stem-changing verb
    ("como le vuelven a dar de comer despues de la ecn", "feeding-after-nec", "volver"),
    ("¿por qué me siento tan ansiosa?", "parent-mental-health", "ansiedad"),  # -osa adjective -> noun
    ("¿cuánta leche me debería estar sacando?", "building-milk-supply", "sacarse"),  # short verb stem
    ("¿puedo salirme del estudio después?", "research-studies", "salir"),  # pronoun joined to the verb
    ("¿cómo se trata la ECN?", "nec-medical-treatment", "tratar"),  # stems near each other in the title
])
def test_spanish_word_forms_find_the_article_that_answers(spanish: Library, spanish_index: SearchIndex, typed: str,
                                                          article: str, written: str) -> None:
    """The question's word form is not in the article, another form of it is, and the article is in the top 3."""
    text = " ".join((spanish.articles[article].title, *spanish.articles[article].keywords,
                     spanish.articles[article].text)).casefold()
    assert written in text
    assert article in keys(spanish_index, typed)


@pytest.mark.parametrize(("typed", "written"), [("lactáncia", "lactancia"), ("bebe hinchado", "bebé hinchado"),
                                                ("vomito verde", "vómito verde"), ("que es la ECN", "qué es la ECN"),
                                                ("POPÓ CON SANGRE", "popo con sangre")])
def test_accents_are_optional_both_ways(spanish_index: SearchIndex, typed: str, written: str) -> None:
    assert keys(spanish_index, typed, 5) == keys(spanish_index, written, 5) != []


# Words for the same thing in different countries, and what a parent who types any of them needs in the top 3
# (a glossary entry or the article that answers it). "pancita" and "caca" appear in no article: only the Spanish
# glossary's search words lead them to the same answers as "barriga" and "popó".
REGIONAL_WORDS = [
    (("barriga hinchada", "panza hinchada", "pancita hinchada", "barriguita hinchada", "vientre hinchado"),
     {"warning-signs", "glossary:abdominal-distension"}),
    (("popó con sangre", "caca con sangre", "heces con sangre", "sangre en el pañal"),
     {"warning-signs", "glossary:bloody-stool"}),
    (("extractor de leche", "sacaleches"),
     {"starting-to-pump", "building-milk-supply", "glossary:expressing-milk", "glossary:hospital-grade-pump"}),
    (("biberón", "mamila", "mamadera", "tetero"), {"tube-to-breast-and-bottle", "glossary:oral-feeding"}),
]


@pytest.mark.parametrize(("queries", "answers"), REGIONAL_WORDS, ids=lambda v: v[0] if isinstance(v, tuple) else "")
def test_regional_words_find_the_same_answers(spanish_index: SearchIndex, queries: tuple[str, ...],
                                              answers: set[str]) -> None:
    """Each regional word finds a right answer in the top 3, and all of them share at least one right answer."""
    tops = {query: set(keys(spanish_index, query)) for query in queries}
    for query, top in tops.items():
        assert top & answers, f"{query!r} found {sorted(top)}, none of {sorted(answers)}"
    shared = set.intersection(*tops.values()) & answers
    assert shared, f"no right answer common to {tops}"


@pytest.mark.parametrize("word", ["pancita", "caca"])
def test_the_regional_words_under_test_are_in_no_article(spanish: Library, word: str) -> None:
    """The premise of the test above: these words reach their answers only through the glossary."""
    for article in spanish.articles.values():
        text = " ".join((article.title, article.summary, *article.keywords, article.text)).casefold()
        assert not re.search(rf"\b{word}", text), article.slug


def test_lay_words_bridge_to_medical_words_in_spanish(spanish: Library, spanish_index: SearchIndex) -> None:
    """The article on acid-reducing medicines never says "agruras" (Mexican for heartburn) or a brand name like
    "Nexium"; it says "antiácidos" and "inhibidores de la bomba de protones", glossary terms whose search words
    hold those lay words. That bridge puts the article in the top 3."""
    article = spanish.articles["acid-reducing-medicines"]
    text = " ".join((article.title, article.summary, *article.keywords, article.text)).casefold()
    for lay, entry in (("agruras", "acid-blocker"), ("nexium", "proton-pump-inhibitor")):
        assert lay not in text
        assert lay in [w.casefold() for w in spanish.glossary[entry].lay_words]
    assert "acid-reducing-medicines" in keys(spanish_index, "mi bebé tiene agruras, ¿le pueden dar medicina?")
    assert "acid-reducing-medicines" in keys(spanish_index, "le están dando nexium a mi bebé")


def test_cli_searches_spanish_as_json(capsys) -> None:
    assert main(["search", "¿por qué está hinchada la barriga de mi bebé?", "--lang", "es", "--json",
                 "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["slug"] == "warning-signs" and hits[0]["lang"] == "es"
    assert hits[0]["title"].startswith("Señales de alarma")
    assert {"kind", "slug", "title", "snippet", "score", "lang"} <= set(hits[0])
    # Every article is translated: found in Spanish, and marked as Spanish.
    assert main(["search", "probióticos", "--lang", "es", "--json", "--limit", "1"]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    assert hit["slug"] == "probiotics" and hit["lang"] == "es"


def test_cli_marks_an_untranslated_article_as_english(tmp_path: Path, capsys) -> None:
    """In a library still being translated, an article not yet in Spanish is found by its English words and
    the JSON says it is in English."""
    root = copy_resources(tmp_path)
    remove_translations(root, "probiotics")
    assert main(["search", "probiotics", "--lang", "es", "--json", "--limit", "1",
                 "--resources", str(root)]) == 0
    hit = json.loads(capsys.readouterr().out)[0]
    assert hit["slug"] == "probiotics" and hit["lang"] == "en"


def test_english_search_is_unchanged_by_the_spanish_library(bundled_index: SearchIndex, capsys) -> None:
    assert bundled_index.lang == "en"
    assert main(["search", "swollen belly", "--json", "--limit", "1"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert "lang" not in hits[0] and hits[0]["slug"] == "warning-signs"


# ----- cache -----

def test_each_language_has_its_own_cache_keyed_on_the_language(tmp_path: Path) -> None:
    root = copy_resources(tmp_path)
    cache = tmp_path / "cache" / "library.cache"
    english, _, cached = load_or_build(root / "library", root / "glossary.toml", cache)
    assert not cached and english.lang == "en"
    spanish, index, cached = load_or_build(root / "library", root / "glossary.toml", cache, lang="es")
    assert not cached and spanish.lang == "es" and cache_file_for(cache, "es").exists()
    again, index2, cached = load_or_build(root / "library", root / "glossary.toml", cache, lang="es")
    assert cached and again.lang == "es" and index2.lang == "es"
    assert again.articles["warning-signs"].title.startswith("Señales de alarma")
    assert again.untranslated_articles() == spanish.untranslated_articles()
    assert keys(index2, "panza hinchada") == keys(index, "panza hinchada")
    english_again, _, cached = load_or_build(root / "library", root / "glossary.toml", cache)
    assert cached and english_again.articles["warning-signs"].title.startswith("Warning signs")
    # A changed English article changes the Spanish key: rebuilt, and now stale.
    english_file = root / "library" / "nec-basics" / "warning-signs.md"
    english_file.write_bytes(english_file.read_bytes() + b"\n")
    stale, _, cached = load_or_build(root / "library", root / "glossary.toml", cache, lang="es")
    assert not cached and stale.articles["warning-signs"].stale


# ----- the visible set of Spanish parent questions -----

def load_questions() -> list[tuple[str, list[str]]]:
    data = tomllib.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return [(item["q"], list(item["expect"])) for item in data["question"]]


def test_spanish_question_set_names_real_answers(spanish: Library) -> None:
    """At least 120 whole questions, every Spanish article the answer to at least one of them."""
    questions = load_questions()
    assert len(questions) >= 120
    answered = {key for _, expected in questions for key in expected if ":" not in key}
    assert set(spanish.articles) - answered == set(), "articles no question asks for"
    assert len({q.casefold() for q, _ in questions}) == len(questions)
    for question, expected in questions:
        assert len(question.split()) >= 3, question
        for key in expected:
            kind, _, name = key.rpartition(":")
            if kind == "glossary":
                assert name in spanish.glossary, key
            else:
                assert name in spanish.articles and not spanish.articles[name].untranslated, key


def test_spanish_parent_questions_find_their_answer_in_the_top_three(spanish_index: SearchIndex) -> None:
    """95 % or better of the Spanish questions have one of their answers in the top 3 results."""
    questions = load_questions()
    misses = []
    for question, expected in questions:
        found = keys(spanish_index, question)
        if not set(found) & set(expected):
            misses.append(f"{question!r}: expected one of {expected}, got {found}")
    share = 1 - len(misses) / len(questions)
    print(f"{len(questions) - len(misses)} of {len(questions)} Spanish questions answered in the top {TOP} "
          f"({share:.0%})")
    for miss in misses:
        print("  MISS", miss)
    assert share >= REQUIRED_SHARE, "\n".join(misses)


def test_the_app_library_in_spanish_reports_problems_of_both_languages(tmp_path: Path) -> None:
    """load_or_build (what the app uses) keeps the English files' problems beside the translation's, so the app
    logs both; check-content reports each language's own."""
    root = copy_resources(tmp_path)
    (root / "library" / "nec-basics" / "Bad Name.md").write_text("not an article", encoding="utf-8")
    (root / "es" / "library" / "nec-basics" / "not-in-english.md").write_text(
        (root / "es" / "library" / "nec-basics" / "warning-signs.md").read_text(encoding="utf-8").replace(
            "translation_of: warning-signs", "translation_of: not-in-english"), encoding="utf-8")
    library, _, _ = load_or_build(root / "library", root / "glossary.toml", None, lang="es")
    names = sorted(p.path.name for p in library.problems)
    assert names == ["Bad Name.md", "not-in-english.md"]
