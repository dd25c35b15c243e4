"""The library's content rules, for every bundled file: reading level, length, sources, questions, glossary."""

from __future__ import annotations

import re

import pytest
import textstat

from nec_companion.content.model import CATEGORIES, UNIT_CATEGORY, Library
from nec_companion.content.plaintext import plain_text, word_count
from nec_companion.content.render import GlossaryMatcher
from tests.conftest import RESOURCES

ARTICLE_FILES = sorted((RESOURCES / "library").glob("*/*.md"))
SLUGS = [p.stem for p in ARTICLE_FILES]
YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
ABBREVIATION_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")


def test_every_topic_area_is_covered(bundled_library: Library) -> None:
    """35+ articles spread over every category (except "From your hospital", which only a hospital's own pages
    use), and the articles the library cannot do without."""
    assert len(bundled_library.articles) >= 35
    for category in CATEGORIES:
        if category.slug == UNIT_CATEGORY:
            assert not bundled_library.in_category(category.slug)
            continue
        assert bundled_library.in_category(category.slug), category.name
    for slug in ("what-is-nec", "warning-signs", "mothers-own-milk", "feeding-progression", "questions-to-ask",
                 "when-a-baby-dies"):
        assert slug in bundled_library.articles


@pytest.mark.parametrize("slug", SLUGS)
def test_reading_level_is_grade_8_or_below(bundled_library: Library, slug: str) -> None:
    """Flesch–Kincaid grade of the body (measured with textstat) is at most 8."""
    grade = textstat.flesch_kincaid_grade(plain_text(bundled_library.articles[slug].body))
    assert grade <= 8.0, f"{slug}: grade {grade}"


@pytest.mark.parametrize("slug", SLUGS)
def test_length_and_structure(bundled_library: Library, slug: str) -> None:
    """300–1,200 words, with at least two ## headings to make it scannable."""
    article = bundled_library.articles[slug]
    assert 300 <= word_count(article.body) <= 1200
    assert len(re.findall(r"^## ", article.body, flags=re.MULTILINE)) >= 2


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_is_complete(bundled_library: Library, slug: str) -> None:
    """Two or more dated sources, related reading, keywords people type, and questions where fitting."""
    article = bundled_library.articles[slug]
    assert len(article.sources) >= 2
    for source in article.sources:
        assert YEAR_RE.search(source) or "undated" in source.casefold(), f"{slug}: no year in {source!r}"
    assert article.related, slug
    assert len(article.keywords) >= 5, slug
    if article.category != "about":
        assert len(article.questions) >= 2, slug
    assert len(article.summary) <= 300


@pytest.mark.parametrize("slug", SLUGS)
def test_every_abbreviation_is_explained(bundled_library: Library, slug: str) -> None:
    """Each capitalised abbreviation in a body is in the glossary or spelled out in the article "(ABC)"."""
    article = bundled_library.articles[slug]
    matcher = GlossaryMatcher(bundled_library.glossary.values())
    text = plain_text(article.body)
    covered = [(start, end) for start, end, _ in matcher.find_all(text)]
    unexplained = set()
    for match in ABBREVIATION_RE.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        in_glossary = any(s <= start and end <= e for s, e in covered) or matcher.ids_in(word)
        spelled_out = f"({word})" in text or f"({word.rstrip('s')})" in text or text[end:end + 2] == " ("
        phone_word = text[start - 1:start] == "-" or text[end:end + 1] == "-"
        if not (in_glossary or spelled_out or phone_word):
            unexplained.add(word)
    # Country names and HIV are common knowledge; shouting words ("NOT", "NOW") would show up here.
    assert unexplained <= {"I", "OK", "US", "UK", "HIV"}, f"{slug}: {sorted(unexplained)}"


def test_glossary_size_and_shape(bundled_library: Library) -> None:
    """80+ terms, each with a one-sentence definition; most carry the lay words people type."""
    glossary = bundled_library.glossary
    assert len(glossary) >= 80
    for entry in glossary.values():
        assert entry.definition.endswith("."), entry.id
        assert len(entry.definition) <= 240
    with_aliases = sum(1 for e in glossary.values() if e.lay_words)
    assert with_aliases >= 0.6 * len(glossary)


@pytest.mark.parametrize("lay, term", [("belly", "abdomen"), ("tummy", "abdomen"), ("poop", "stool"),
                                       ("nothing by mouth", "npo"), ("breast milk", "mothers-own-milk")])
def test_glossary_knows_the_words_parents_type(bundled_library: Library, lay: str, term: str) -> None:
    """The lay words named in the issue are aliases of the right glossary entry."""
    owners = [e.id for e in bundled_library.glossary.values()
              if lay in {a.casefold() for a in (*e.lay_words, *e.matches)}]
    assert owners, lay
    assert any(term in owner for owner in owners), owners


def test_medical_terms_used_in_articles_link_to_the_glossary(bundled_library: Library) -> None:
    """Most glossary terms appear in at least one article, so the glossary matches what families read."""
    matcher = GlossaryMatcher(bundled_library.glossary.values())
    used: set[str] = set()
    for article in bundled_library.articles.values():
        used |= matcher.ids_in(plain_text(article.body))
    assert len(used) >= 0.5 * len(bundled_library.glossary)


def test_no_article_diagnoses_or_tells_parents_to_refuse_care(bundled_library: Library) -> None:
    """Wording guard: no "your baby has NEC", no "refuse", no "you should stop"."""
    banned = [r"(?<!if )\byour baby has nec\b", r"\brefuse\b", r"\byou should stop\b", r"\bdon't let them\b",
              r"\bit'?s your fault\b"]
    for article in bundled_library.articles.values():
        lowered = article.body.casefold()
        for pattern in banned:
            assert not re.search(pattern, lowered), f"{article.slug}: {pattern}"


# --- The glossary's "Also called" line (clinical review findings #2, #3 and #26) -----------------------------
# `also_called` is shown to parents as "Also called: ...". It may hold only true other names of the same thing:
# never another unit or amount, another condition, or a lay description. Lay words go in `search_words`.

UNIT_WORDS = {"ounce", "ounces", "oz", "teaspoon", "teaspoons", "tsp", "tablespoon", "tbsp", "cup", "cups",
              "pound", "pounds", "lb", "lbs", "gram", "grams", "g", "kilogram", "kilograms", "kg", "kilo", "kilos",
              "ml", "milliliter", "milliliters", "millilitre", "millilitres", "cc", "liter", "liters", "litre"}
# The unit words an entry may use in its other names: only names of its own unit.
OWN_UNITS = {"ml": {"ml", "milliliter", "milliliters", "cc"}, "gram": {"g", "gram", "grams"},
             "kilogram": {"kg", "kilo", "kilos", "kilogram"}, "ml-kg-day": {"milliliters", "kilogram"}}
# Words that describe rather than name; allowed only when the term itself says the same.
DESCRIPTION_WORDS = {"infection", "infections", "dying", "died", "death", "poop", "poo", "spit", "pale", "black",
                     "sterilized", "sterile", "surgery", "operation", "help", "money", "parking", "priest",
                     "baptism", "placenta", "donation"}
# The false equivalences the clinical review found (entry id, word): never shown as "Also called".
REVIEW_FORBIDDEN = [("ml", "ounce"), ("ml", "ounces"), ("ml", "oz"), ("ml", "teaspoon"),
                    ("nec", "belly infection"), ("nec", "gut infection"), ("nec", "bowel infection"),
                    ("palliative-care", "dying"), ("laparotomy", "operation"), ("laparotomy", "surgery"),
                    ("sepsis", "infection"), ("anemia", "pale skin"), ("meconium", "black poop"),
                    ("reflux", "spit up"), ("reflux", "spitting up"), ("hospital-grade-pump", "breast pump"),
                    ("hospital-grade-pump", "electric pump"), ("pasteurization", "sterilized milk"),
                    ("g-kg-day", "grams per day"), ("social-worker", "help with money"),
                    ("social-worker", "help with parking"), ("chaplain", "priest"), ("chaplain", "baptism"),
                    ("developmental-follow-up", "early intervention"), ("red-blood-cell-transfusion", "blood donation"),
                    ("growth-restriction", "placenta problems"), ("hand-expression", "hand pumping"),
                    ("formula", "artificial milk")]
# Of those, the ones that are wrong even as hidden search words (search would bring up a misleading definition).
NEVER_EVEN_FOR_SEARCH = [("meconium", "black poop"), ("anemia", "pale skin"), ("g-kg-day", "grams per day"),
                         ("pasteurization", "sterilized milk"), ("hand-expression", "hand pumping"),
                         ("red-blood-cell-transfusion", "blood donation"), ("palliative-care", "dying"),
                         ("ml", "teaspoon")]


def also_called_problems(entries) -> list[str]:
    """Every "Also called" name that is not a true other name of its own entry, as readable lines."""
    entries = list(entries)
    problems: list[str] = []
    for entry in entries:
        own_words = set(re.findall(r"[a-z0-9]+", entry.term.casefold()))
        for name in entry.also_called:
            folded = name.casefold()
            words = set(re.findall(r"[a-z0-9]+", folded))
            for other in entries:
                if other.id == entry.id:
                    continue
                names = {other.term.casefold(), *(m.casefold() for m in other.matches),
                         *(a.casefold() for a in other.also_called)}
                if folded in names:
                    problems.append(f"{entry.id}: '{name}' names another entry, '{other.id}'")
            wrong_units = (words & UNIT_WORDS) - OWN_UNITS.get(entry.id, set())
            if wrong_units:
                problems.append(f"{entry.id}: '{name}' is a different unit ({', '.join(sorted(wrong_units))})")
            described = (words & DESCRIPTION_WORDS) - own_words
            if described:
                problems.append(f"{entry.id}: '{name}' describes rather than names ({', '.join(sorted(described))})")
            if (entry.id, folded) in REVIEW_FORBIDDEN:
                problems.append(f"{entry.id}: '{name}' is a false equivalence named in the clinical review")
    return problems


def test_also_called_holds_only_true_other_names(bundled_library: Library) -> None:
    """No "Also called" name is another unit, another entry's name or a lay description (review #2, #3)."""
    assert also_called_problems(bundled_library.glossary.values()) == []


def test_the_review_false_equivalences_would_be_caught() -> None:
    """The check fails on the glossary the review read, where every alias was shown as "Also called"."""
    from nec_companion.content.model import GlossaryEntry

    as_reviewed = [
        GlossaryEntry("ml", "mL", "-", also_called=("ounce", "ounces", "oz", "cc", "teaspoon")),
        GlossaryEntry("nec", "NEC", "-", also_called=("belly infection", "gut infection", "bowel infection")),
        GlossaryEntry("palliative-care", "Palliative care", "-", also_called=("end of life", "dying")),
        GlossaryEntry("meconium", "Meconium", "-", also_called=("first poop", "black poop")),
        GlossaryEntry("sepsis", "Sepsis", "-", also_called=("infection",)),
        GlossaryEntry("g-kg-day", "g/kg/day", "-", also_called=("grams per day",)),
        GlossaryEntry("gram", "Gram", "-", also_called=("pounds", "lbs")),
        GlossaryEntry("stool", "Stool", "-", also_called=("poop",), matches=("bowel movement",)),
        GlossaryEntry("bowel", "Bowel", "-", also_called=("stool",)),
    ]
    problems = also_called_problems(as_reviewed)
    for entry_id, word in [("ml", "ounce"), ("ml", "teaspoon"), ("nec", "gut infection"), ("palliative-care", "dying"),
                           ("meconium", "black poop"), ("sepsis", "infection"), ("g-kg-day", "grams per day"),
                           ("gram", "pounds"), ("bowel", "stool")]:
        assert any(p.startswith(f"{entry_id}: '{word}'") for p in problems), (entry_id, word)
    assert not any(p.startswith("ml: 'cc'") for p in problems), "cc is exactly a milliliter"


@pytest.mark.parametrize("entry_id, word", REVIEW_FORBIDDEN)
def test_review_false_equivalence_is_not_shown(bundled_library: Library, entry_id: str, word: str) -> None:
    """Each pair the clinical review listed is absent from that entry's "Also called"."""
    entry = bundled_library.glossary.get(entry_id)
    assert entry is not None, entry_id
    assert word not in {name.casefold() for name in entry.also_called}


@pytest.mark.parametrize("entry_id, word", NEVER_EVEN_FOR_SEARCH)
def test_misleading_words_do_not_even_search_to_the_entry(bundled_library: Library, entry_id: str, word: str) -> None:
    """Words that would bring up a wrong or falsely reassuring definition are not search words either."""
    entry = bundled_library.glossary[entry_id]
    assert word not in {w.casefold() for w in entry.lay_words}


def test_bundled_glossary_uses_the_new_fields_and_stays_sorted() -> None:
    """No old `aliases` key in the bundled file (every entry re-checked); entries sorted by term."""
    import tomllib

    data = tomllib.loads((RESOURCES / "glossary.toml").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["term"] if "aliases" in t] == []
    terms = [t["term"] for t in data["term"]]
    assert terms == sorted(terms, key=str.casefold)


@pytest.mark.parametrize("entry_id, needed", [("discharge", "feeding tube"), ("formula", "made for babies"),
                                              ("nec", "not simply an infection"),
                                              ("palliative-care", "not only when")])
def test_glossary_definitions_the_review_corrected(bundled_library: Library, entry_id: str, needed: str) -> None:
    """Definitions fixed after the review (#26 and #3) say what the articles say."""
    assert needed in bundled_library.glossary[entry_id].definition


def test_glossary_has_the_terms_the_review_found_missing(bundled_library: Library) -> None:
    """SIP, autopsy, G-tube and central-line infection are defined (review #26)."""
    for term_id in ("spontaneous-intestinal-perforation", "autopsy", "g-tube", "central-line-infection"):
        assert term_id in bundled_library.glossary
    assert "SIP" in bundled_library.glossary["spontaneous-intestinal-perforation"].also_called


# --- Article-level rules from the clinical review ------------------------------------------------------------

ARTICLE_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in ARTICLE_FILES}


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_uses_sources_checked_and_claims_no_signoff(slug: str) -> None:
    """Every bundled article says `sources_checked` (a writers' check), never the old `reviewed`, and no
    bundled article claims a clinical sign-off, because no clinician has signed (review #7)."""
    front = ARTICLE_TEXTS[slug].split("\n---", 1)[0]
    assert re.search(r"^sources_checked: \d{4}-\d\d-\d\d$", front, flags=re.MULTILINE), slug
    assert not re.search(r"^(reviewed|clinical_signoff):", front, flags=re.MULTILINE), slug


def test_about_page_says_what_the_date_means(bundled_library: Library) -> None:
    """About this content does not present the date as a clinical review (review #7)."""
    body = bundled_library.articles["about-this-content"].body
    assert "not a review by a doctor or nurse" in body
    assert "No clinician has signed off" in body


def _section(body: str, start: str) -> str:
    """A heading's whole section, or a paragraph and the list that follows it."""
    at = body.index(start)
    rest = body[at:]
    if start.startswith("## "):  # a whole section: up to the next heading
        nxt = rest.find("\n## ", len(start))
        return rest if nxt == -1 else rest[:nxt]
    end = re.search(r"\n\n(?![-\s])", rest[len(start):])
    return rest[: len(start) + end.start()] if end else rest


def test_going_home_sends_green_vomit_and_a_hard_belly_to_the_emergency_department(
        bundled_library: Library) -> None:
    """Green vomit, a swollen or hard belly and a fever in a young baby are in the emergency list, with numbers;
    the ostomy and central-line red flags are there (review #1, #8, #9)."""
    body = bundled_library.articles["going-home-after-nec"].body
    emergency = _section(body, "**Go to the emergency department now")
    for needed in ("green", "swollen", "hard", "38.0 °C (100.4 °F)", "3 months"):
        assert needed in emergency, needed
    doctor = _section(body, "**Call your baby's doctor right away**")
    assert "green or yellow-green" not in doctor
    assert "36.0 °C (96.8 °F)" in doctor
    ostomy = _section(body, "## If your baby has an ostomy")
    for needed in ("purple", "black", "bleeds", "sticks out", "sinks", "no poop", "dehydration"):
        assert needed in ostomy, needed
    line = _section(body, "## If your baby has a central line")
    for needed in ("emergency department", "fever", "redness", "swelling", "leaks", "breaks"):
        assert needed in line, needed


def test_warning_signs_cover_what_the_review_found_missing(bundled_library: Library) -> None:
    """Fewer or no poops, pale or mottled skin, faster breathing or more oxygen, 'within hours', and a pointer
    for babies already at home (review #13)."""
    body = bundled_library.articles["warning-signs"].body
    for needed in ("Fewer poops", "mottled", "needing more oxygen", "within hours", "(article:going-home-after-nec)"):
        assert needed in body, needed


def test_no_milk_pressure_wording(bundled_library: Library) -> None:
    """'Every drop counts' (and its variants) reads as pressure on parents who could not make milk (review #23)."""
    for article in bundled_library.articles.values():
        text = f"{article.title} {article.body}".casefold()
        for phrase in ("every drop counts", "every drop still counts", "every bit counts", "every bit is used"):
            assert phrase not in text, f"{article.slug}: {phrase}"


UK_SPELLINGS = re.compile(r"\b(centred|caesarean|pasteuri[sz]ed|pasteurised|pasteurise|millilitres?|colour\w*|"
                          r"necrotising|randomised|standardised|anaemi\w*|haemoglobin|behaviour\w*|nappy|nappies)\b",
                          re.IGNORECASE)


@pytest.mark.parametrize("slug", SLUGS)
def test_visible_text_uses_us_spelling(bundled_library: Library, slug: str) -> None:
    """Title, summary, questions and body use US spelling (review #27). Link targets (the slug
    `family-centred-care`), keywords and published source titles keep their own spelling."""
    article = bundled_library.articles[slug]
    body = re.sub(r"\(article:[^)]*\)", "", article.body)
    visible = " ".join([article.title, article.summary, *article.questions, body])
    found = {m.group(0) for m in UK_SPELLINGS.finditer(visible) if m.group(0).lower() not in {"pasteurized"}}
    assert not found, f"{slug}: {sorted(found)}"


@pytest.mark.parametrize("entry_id", ["bilious", "vomiting"])
def test_glossary_sends_green_vomit_at_home_to_the_emergency_department(bundled_library: Library,
                                                                       entry_id: str) -> None:
    """The glossary does not repeat review finding #1: green vomit at home is an emergency, not a call to the nurse."""
    assert "emergency department" in bundled_library.glossary[entry_id].definition
