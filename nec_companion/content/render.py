"""Article Markdown → safe HTML for the reader: raw HTML escaped, glossary terms linked, links policed."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

from nec_companion.content.model import CATEGORY_BY_SLUG, Article, GlossaryEntry, Library
from nec_companion.content.stylesheet import reader_stylesheet  # noqa: F401  (re-exported for callers)
from nec_companion.core.i18n import _, active

INTERNAL_SCHEMES = ("article", "glossary")
WEB_SCHEMES = ("http", "https", "mailto", "tel")
_SKIP_TAGS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})


_WORD_RE = re.compile(r"\w+")
_JOINERS = frozenset({"", "-", "'", "\u2019", "/"})  # what may stand between the words of one phrase


def _is_abbreviation(form: str) -> bool:
    return form.isupper() or (sum(c.isupper() for c in form) >= 2 and " " not in form)


class PhraseMatcher:
    """Finds known phrases in text by words (fast for hundreds of phrases, unlike one giant regex).

    Abbreviations (all capitals, e.g. "NPO", "MOM") match only with the same capitals, so "mom" is not "MOM";
    other phrases match in any case. A plural ending ("s", "es", "'s") on the last word is allowed.
    """

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self._exact: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        self._longest = 1
        for form, owner in phrases:
            words = tuple(_WORD_RE.findall(form))
            if not words:
                continue
            self._longest = max(self._longest, len(words))
            if _is_abbreviation(form):
                self._exact.setdefault(words, owner)
            else:
                self._folded.setdefault(tuple(w.casefold() for w in words), owner)
        # A phrase can only start at a word that starts some phrase (or, for one-word phrases, its plural); the
        # longest phrase starting with each word bounds how far ahead to look.
        self._reach_exact: dict[str, int] = {}
        self._reach_folded: dict[str, int] = {}
        for table, reach in ((self._exact, self._reach_exact), (self._folded, self._reach_folded)):
            for key in table:
                for first in (key[0], key[0] + "s", key[0] + "es") if len(key) == 1 else (key[0],):
                    reach[first] = max(reach.get(first, 0), len(key))

    def _lookup(self, key: tuple[str, ...], folded: tuple[str, ...]) -> str | None:
        for exact_key, folded_key in ((key, folded), *self._plural_variants(key, folded)):
            owner = self._exact.get(exact_key) or self._folded.get(folded_key)
            if owner:
                return owner
        return None

    @staticmethod
    def _plural_variants(key: tuple[str, ...],
                         folded: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        variants = []
        last, last_folded = key[-1], folded[-1]
        if len(key) > 1 and last_folded == "s":  # "NG tube's" → ("NG", "tube", "s")
            variants.append((key[:-1], folded[:-1]))
        for suffix in ("es", "s"):
            if last_folded.endswith(suffix) and len(last_folded) > len(suffix) + 1:
                cut = len(suffix)
                variants.append(((*key[:-1], last[:-cut]), (*folded[:-1], last_folded[:-cut])))
        return variants

    def find_all(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, owner) matches in text order, the longest phrase winning."""
        tokens = list(_WORD_RE.finditer(text))
        words = [t.group(0) for t in tokens]
        folded = [w.casefold() for w in words]
        reach_exact, reach_folded = self._reach_exact, self._reach_folded
        hits: list[tuple[int, int, str]] = []
        i = 0
        count = len(tokens)
        while i < count:
            reach = max(reach_exact.get(words[i], 0), reach_folded.get(folded[i], 0))
            if not reach:
                i += 1
                continue
            # A phrase may continue only over a space, hyphen, apostrophe or slash, and one token further for
            # a possessive 's.
            longest = 1
            limit = reach + 1
            while longest < limit and i + longest < count and \
                    text[tokens[i + longest - 1].end():tokens[i + longest].start()].strip() in _JOINERS:
                longest += 1
            for n in range(longest, 0, -1):
                owner = self._lookup(tuple(words[i:i + n]), tuple(folded[i:i + n]))
                if owner:
                    hits.append((tokens[i].start(), tokens[i + n - 1].end(), owner))
                    i += n
                    break
            else:
                i += 1
        return hits

    def ids_in(self, text: str) -> set[str]:
        return {owner for _, _, owner in self.find_all(text)}


class GlossaryMatcher(PhraseMatcher):
    """Glossary terms and their other spellings (`matches`) → glossary id."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        super().__init__((form, entry.id) for entry in entries for form in (entry.term, *entry.matches))


class _SafeLinksAndGlossary(Treeprocessor):
    """Keeps only article:/glossary: links, shows web addresses as text, links first use of glossary terms."""

    def __init__(self, md: markdown.Markdown, *, matcher: GlossaryMatcher | None, known_articles: set[str],
                 known_terms: set[str]) -> None:
        super().__init__(md)
        self.matcher = matcher
        self.known_articles = known_articles
        self.known_terms = known_terms
        self.linked: set[str] = set()

    def run(self, root: ElementTree.Element) -> None:
        self.linked = set()
        self._police_links(root)
        self._police_images(root)
        if self.matcher is not None:
            self._link_terms(root)

    def _police_images(self, root: ElementTree.Element) -> None:
        # No image is ever loaded: an image in Markdown becomes its description in brackets.
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = ElementTree.Element("span")
                    alt = child.get("alt") or _("image")
                    span.text = f"[{alt}]"
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)

    def _police_links(self, root: ElementTree.Element) -> None:
        for link in root.iter("a"):
            href = (link.get("href") or "").strip()
            scheme, _, rest = href.partition(":")
            scheme = scheme.lower()
            for attr in list(link.attrib):
                del link.attrib[attr]
            if scheme == "article" and rest.split("#")[0] in self.known_articles:
                link.set("href", f"article:{rest}")
            elif scheme == "glossary" and rest in self.known_terms:
                link.set("href", f"glossary:{rest}")
                link.set("class", "gloss")
                self.linked.add(rest)
            else:
                # Not navigable: keep the words; show a web address so it can be written down.
                link.tag = "span"
                text = "".join(link.itertext()).strip()
                if scheme in WEB_SCHEMES and rest and href != text:
                    tail_text = f" ({href})"
                    link.tail = tail_text + (link.tail or "")
                link.set("class", "weblink" if scheme in WEB_SCHEMES else "deadlink")

    def _link_terms(self, element: ElementTree.Element) -> None:
        if element.tag in _SKIP_TAGS:
            return
        if element.text:
            new_children = self._split(element.text)
            if new_children is not None:
                element.text, inserted = new_children
                for offset, child in enumerate(inserted):
                    element.insert(offset, child)
        for child in list(element):
            self._link_terms(child)
            if child.tail:
                new_children = self._split(child.tail)
                if new_children is not None:
                    child.tail, inserted = new_children
                    position = list(element).index(child) + 1
                    for offset, node in enumerate(inserted):
                        element.insert(position + offset, node)

    def _split(self, text: str) -> tuple[str, list[ElementTree.Element]] | None:
        assert self.matcher is not None
        hits = [h for h in self.matcher.find_all(text) if h[2] not in self.linked]
        chosen = []
        for start, end, entry_id in hits:
            if entry_id not in self.linked:
                self.linked.add(entry_id)
                chosen.append((start, end, entry_id))
        if not chosen:
            return None
        head = text[: chosen[0][0]]
        nodes: list[ElementTree.Element] = []
        for index, (start, end, entry_id) in enumerate(chosen):
            link = ElementTree.Element("a", {"href": f"glossary:{entry_id}", "class": "gloss"})
            link.text = text[start:end]
            following_end = chosen[index + 1][0] if index + 1 < len(chosen) else len(text)
            link.tail = text[end:following_end]
            nodes.append(link)
        return head, nodes


class _Policy(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.options = kwargs
        super().__init__()

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (python-markdown API)
        # Raw HTML is never rendered: without these two the parser would pass it through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinksAndGlossary(md, **self.options), "nec_policy", 0)  # type: ignore[arg-type]


_last_matcher: tuple[dict[str, GlossaryEntry], GlossaryMatcher] | None = None


def _matcher_for(glossary: dict[str, GlossaryEntry]) -> GlossaryMatcher:
    """The glossary's matcher, built once per glossary object (the library's glossary never changes)."""
    global _last_matcher
    cached = _last_matcher
    if cached is None or cached[0] is not glossary:
        cached = (glossary, GlossaryMatcher(glossary.values()))
        _last_matcher = cached
    return cached[1]


def markdown_to_safe_html(
    text: str,
    *,
    glossary: dict[str, GlossaryEntry] | None = None,
    known_articles: Iterable[str] = (),
    link_glossary: bool = True,
) -> str:
    """Render Markdown with no raw HTML, only internal links, and the first use of each glossary term linked."""
    glossary = glossary or {}
    matcher = _matcher_for(glossary) if (glossary and link_glossary) else None
    md = markdown.Markdown(
        extensions=[SaneListExtension(), _Policy(matcher=matcher, known_articles=set(known_articles),
                                           known_terms=set(glossary))],
        output_format="html",
    )
    try:
        return md.convert(text)
    except RecursionError:
        # Nested too deeply to show as formatted text (the loader refuses such articles; this is the last guard).
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
        notice = html.escape(_("This text could not be formatted; it is shown as written."))
        return f'<p class="notice">{notice}</p>{paragraphs}'


def add_question_link(slug: str, number: int) -> str:
    """The "Add to my questions" link under an article's question (the reader swaps it for a tick once added)."""
    text = html.escape(_("Add to my questions"))
    return f'<a class="addq" href="question:{html.escape(slug)}/{number}">{text}</a>'


def keeps_rendered_pages(library: Library) -> bool:
    """True when `library.rendered` may be used: its pages carry the app's own words ("Related reading"...) in
    the language that made them, which is the library's language; in another app language they are made again."""
    return active().code == library.lang


def article_html(article: Article, library: Library) -> str:
    """The whole reader page: title, summary, body, questions, related, sources and the review status.

    Made once per article and library (the library never changes once loaded): kept in `library.rendered` when
    the app speaks the library's language (`keeps_rendered_pages`)."""
    keep = keeps_rendered_pages(library) and library.articles.get(article.slug) is article
    made = library.rendered.get(article.slug)
    if made is not None and keep:
        return made
    page = _article_html(article, library)
    if keep:
        library.rendered[article.slug] = page
    return page


def _article_html(article: Article, library: Library) -> str:
    esc = html.escape
    category = CATEGORY_BY_SLUG.get(article.category)
    crumb = _(category.name) if category else article.category
    parts = [f'<p class="crumb">{esc(crumb)}</p>']
    note = article.translation_note
    if note:
        # Not yet translated, or translated from an older English version: said calmly, above the title.
        parts.append(f'<p class="translation">{esc(note, quote=False)}</p>')
    parts += [
        f"<h1>{esc(article.title)}</h1>",
        f'<p class="summary">{esc(article.summary)}</p>',
        markdown_to_safe_html(article.body, glossary=library.glossary, known_articles=library.articles),
    ]
    if article.questions:
        items = "".join(f"<li>{esc(q)} {add_question_link(article.slug, n)}</li>"
                        for n, q in enumerate(article.questions))
        heading = esc(_("Questions you might ask the care team"))
        parts.append(f'<h2>{heading}</h2><ul class="questions">{items}</ul>')
    related = [library.articles[s] for s in article.related if s in library.articles]
    if related:
        items = "".join(f'<li><a href="article:{esc(r.slug)}">{esc(r.title)}</a></li>' for r in related)
        related_heading = esc(_("Related reading"))
        parts.append(f"<h2>{related_heading}</h2><ul>{items}</ul>")
    sources = "".join(f"<li>{esc(s)}</li>" for s in article.sources)
    disclaimer = _("This page gives general information. It is not medical advice. Your baby's care team knows "
                   "your baby and decides about care. If you are worried about your baby right now, tell your "
                   "nurse.")
    sources_heading = esc(_("Sources"))
    parts.append(
        f'<hr/><div class="sources"><h3>{sources_heading}</h3>'
        f"<ol>{sources}</ol>"
        f'<p class="reviewed">{esc(article.review_status())}</p>'
        f'<p class="reviewed">{esc(disclaimer, quote=False)}</p></div>'
    )
    return "\n".join(parts)


def glossary_html(library: Library) -> str:
    """The glossary page: every term with its definition and the everyday words for it."""
    esc = html.escape
    rows = []
    for entry in sorted(library.glossary.values(), key=lambda e: e.term.casefold()):
        also = ""
        if entry.also_called:
            # Translators: {names} is a list of other names of a glossary word, separated by commas.
            names = _("Also called: {names}").format(names=", ".join(entry.also_called))
            also = f'<br/><span class="aka">{esc(names)}</span>'
        rows.append(f'<dt><a name="{esc(entry.id)}"></a><b>{esc(entry.term)}</b></dt>'
                    f'<dd>{esc(entry.definition)}{also}</dd>')
    title, summary = esc(_("Glossary")), esc(_("Words you may hear in the NICU, in plain language."))
    return f'<h1>{title}</h1><p class="summary">{summary}</p>' + "<dl>" + "".join(rows) + "</dl>"
