"""Rendering policy: raw HTML escaped, only internal links navigable, glossary terms linked once."""

from __future__ import annotations

from nec_companion.content.model import GlossaryEntry
from nec_companion.content.render import GlossaryMatcher, markdown_to_safe_html

GLOSSARY = {
    "nec": GlossaryEntry("nec", "NEC", "A bowel illness.", (), ("necrotizing enterocolitis",)),
    "abdomen": GlossaryEntry("abdomen", "abdomen", "The belly.", ("belly",)),
    "ng-tube": GlossaryEntry("ng-tube", "NG tube", "A feeding tube through the nose."),
    "tube": GlossaryEntry("tube", "tube", "A soft tube."),
    "mom": GlossaryEntry("mom", "mother's own milk", "Milk from the mother.", (), ("MOM",)),
}


def render(text: str, **kwargs) -> str:
    return markdown_to_safe_html(text, glossary=GLOSSARY, known_articles={"known"}, **kwargs)


def test_raw_html_is_shown_as_text() -> None:
    """<script>, <img> and <style> in an article are escaped, never rendered."""
    out = render('Hello <script>alert(1)</script> <img src="x.png"> <style>p{}</style>\n\n<div>block</div>')
    assert "<script" not in out and "<img" not in out and "<style" not in out and "<div" not in out
    assert "&lt;script&gt;" in out and "&lt;div&gt;" in out


def test_only_internal_links_survive() -> None:
    """file:, javascript:, data: and relative links become plain text; known article: links stay."""
    out = render("[a](file:///etc/passwd) [b](javascript:alert(1)) [c](data:text/html,x) [d](../x.md) "
                 "[e](article:known) [f](article:unknown) [g](vbscript:x)", link_glossary=False)
    assert out.count("<a ") == 1
    assert '<a href="article:known">e</a>' in out
    for word in ("file:", "javascript:", "data:", "../x.md", "vbscript:"):
        assert f'href="{word}' not in out


def test_web_addresses_are_shown_not_linked() -> None:
    """A web link keeps its words and shows the address so it can be written down; no <a> is made."""
    out = render("See [the NEC Society](https://necsociety.org) and <https://example.org/x>.", link_glossary=False)
    assert "<a " not in out
    assert "the NEC Society</span> (https://necsociety.org)" in out
    assert "https://example.org/x" in out


def test_images_are_never_loaded() -> None:
    """Markdown images (local or remote) turn into their description; no <img> tag is produced."""
    out = render("![a scan](http://127.0.0.1:9/x.png) ![](local.png) ![c](file:///x.png)")
    assert "<img" not in out
    assert "[a scan]" in out


def test_first_use_of_each_glossary_term_is_linked_once() -> None:
    """The first NEC becomes a definition link; later ones and headings stay plain."""
    out = render("## NEC heading\n\nNecrotizing enterocolitis (NEC) affects the abdomen. NEC again.")
    assert out.count('href="glossary:nec"') == 1
    assert '<h2>NEC heading</h2>' in out
    assert '<a class="gloss" href="glossary:abdomen">abdomen</a>' in out


def test_longest_form_wins_and_abbreviations_are_case_sensitive() -> None:
    """"NG tube" links as one term, not "tube"; "MOM" matches but the word "mom" does not."""
    out = render("The NG tube. My mom pumps mother's own milk (MOM).")
    assert 'href="glossary:ng-tube">NG tube</a>' in out
    assert 'glossary:tube"' not in out
    assert ">mom<" not in out


def test_matcher_finds_plurals() -> None:
    """Plural forms match their glossary entry."""
    matcher = GlossaryMatcher(GLOSSARY.values())
    assert matcher.ids_in("two NG tubes") == {"ng-tube"}
