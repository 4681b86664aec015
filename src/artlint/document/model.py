"""The parsed article every check works on.

All offsets are code-point offsets into ``Document.text``: the file's text with line endings
normalised to ``\\n`` (so a span never straddles a ``\\r``). Line and column numbers are the same
in the normalised and the original text, which is how diagnostics point into the real file.

``Document.prose`` is a copy of ``text`` of the same length in which everything that is not
prose (front matter but its published fields, code, HTML, URLs) is blanked with spaces. Checks match on ``prose`` and
report ``text[start:end]``, so a position can never drift from what it names.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import field
from html import escape as html_escape
from functools import cached_property
from typing import TYPE_CHECKING, Iterator
from urllib.parse import SplitResult, urlsplit

from artlint.records import dataclass

if TYPE_CHECKING:
    from artlint.document.frontmatter import FrontMatter

# Kinds of block, shared by the Markdown and plain-text readers.
PARAGRAPH = "paragraph"
HEADING = "heading"
TITLE = "title"  # a plain-text title line (several of them make competing titles)
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE = "table"
CODE = "code"
HTML = "html"
RULE = "thematic_break"
FOOTNOTE_DEF = "footnote_def"
REFERENCE_DEF = "reference_def"
# A published front-matter value (``title:``, ``description:``...); its label is the dotted key.
# Prose read like a label: not made of sentences, not part of any section.
FIELD = "front_matter_field"
TEMPLATE = "template"  # template-engine syntax on lines of its own: {% include %}, {{< figure >}}

# An HTML block's text is prose once its tags and code-like elements are blanked.
PROSE_KINDS = frozenset({PARAGRAPH, HEADING, TITLE, LIST_ITEM, QUOTE, TABLE, FOOTNOTE_DEF, FIELD, HTML})
# Blocks whose text is running prose made of sentences (headings and titles are labels).
SENTENCE_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, FOOTNOTE_DEF, HTML})


@dataclass(slots=True)
class Block:
    kind: str
    start: int
    end: int
    level: int = 0  # heading level (1-6); 0 elsewhere
    label: str = ""  # footnote / reference label for definitions; the key of a front-matter field
    implicit: bool = False  # a label line ("**Sources:**") read as a heading: it has no anchor
    breaks: tuple[int, ...] = ()  # where a sentence must end: HTML block-level tags, nested list markers

    def text(self, doc: "Document") -> str:
        return doc.text[self.start : self.end]


# Link kinds of raw HTML: <a href> and <img src>. Their target is the attribute's value with
# character references decoded ("&amp;" is "&"), so it can differ from the text it spans.
HTML_LINK_KINDS = ("html", "html_image")


@dataclass(slots=True)
class Link:
    """A link or something written to be one (malformed links are links too)."""

    # inline | reference | collapsed | shortcut | autolink | bare | definition | image | wikilink,
    # spaced | reversed (the last two: malformed), and raw HTML: html (<a href>, its target
    # decoded) | html_image (<img src>, the alt text as its text)
    kind: str
    start: int
    end: int
    # The destination as meant: escapes and entities decoded (what ``--check-links`` fetches).
    # ``target_start``/``target_end`` span it as written, without the ``<>`` around it.
    target: str = ""
    target_start: int = -1
    target_end: int = -1
    text_start: int = -1
    text_end: int = -1
    label: str = ""  # reference label, for reference links and definitions
    closed: bool = True  # False when the target's closing bracket is missing
    title: str = ""  # the link title, decoded

    def written(self, url: str) -> str:
        """``url`` as it is written at this link's target: an HTML attribute takes "&amp;"."""
        return html_escape(url) if self.kind in HTML_LINK_KINDS else url


    @property
    def templated(self) -> bool:
        """Is the target written with template syntax ("{{ site.baseurl }}/about",
        "https://doi.org/{{ pub.doi }}", "${base}/x", a publishing pipeline's token opening it:
        "%LINK%?currency=GBP")? The site's build resolves it."""
        return _TEMPLATE_SYNTAX.search(self.target) is not None

    @property
    def wraps_address(self) -> bool:
        """Is the web address wrapped in the target, "[t]((https://x))" or in another link,
        "[t]([inner](https://x))"? The browser reads the whole target as a relative path."""
        target = self.target.strip()
        return target[:1] in ("(", "[") and "://" in target


# (an upper-case token between percent signs, with a letter past F: not a percent-encoded "%E2%")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\$\{|\A%(?=[A-Z0-9_]*[G-Z_])[A-Z][A-Z0-9_]{2,}%")


def target_address(target: str) -> SplitResult | None:
    """A link target read as a web address, one without a scheme ("doi.org/10.1/x") from its
    host; None when it cannot be read as one ("https://[::1" makes urlsplit raise)."""
    try:
        parts = urlsplit(target if "//" in target else "//" + target)
        parts.hostname  # noqa: B018 - raises ValueError for a bad bracketed host
    except ValueError:
        return None
    return parts


# A paragraph that is one bold line: a heading written as "**Policy options**".
_BOLD_LINE = re.compile(r"[ \t]*(?:\*\*|__)[^\n]+?(?:\*\*|__)[ \t]*:?[ \t]*")
_BOLD_LABEL_LINE = re.compile(r"[ \t]*(?:\*\*|__)[^\n]{1,80}?(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)[ \t]*")
# The back-reference arrow that closes a footnote rendered to HTML ("… 2024. ↩", "[↩︎](#fnref3)"):
# a page converted back to text keeps its footnotes as paragraphs or list items ending in it.
_BACKREF_END = re.compile(r"(?:↩[\ufe0e\ufe0f]?|\[↩[\ufe0e\ufe0f]?\]\([^()\s]*\)(?:\{[^{}\n]*\})?)\s*")
_BACKREF_REACH = 80  # the arrow and its link's target, at most, end a note


@dataclass(slots=True)
class FootnoteRef:
    """A mark that points the reader at a note: a footnote marker ``[^3]``, or (kind ``role``) a
    MyST citation role ``{cite:t}`Key``` that the build resolves to a bibliography entry."""
    label: str
    start: int
    end: int
    kind: str = "footnote"
    # Where the mark cites: its start, or for a role (blanked whole) where the text resumes after
    # it, so that "{cite:t}`Calvo1998` found that ..." cites the sentence it opens.
    cites_at: int = -1

    def __post_init__(self) -> None:
        if self.cites_at < 0:
            self.cites_at = self.start


@dataclass
class Section:
    heading: Block | None
    start: int  # start of the heading (or of the document)
    end: int
    blocks: list[Block] = field(default_factory=list)  # body blocks, nested sections included

    def title(self, doc: "Document") -> str:
        if self.heading is None:
            return ""
        return heading_text(doc, self.heading)

    def name(self, doc: "Document") -> str:
        """The title as a section name: "Sources:", "[SOURCE REFERENCES]", "📚 Sources",
        "7 References", "Sources (sample)" and "Sources" are one name (a trailing colon,
        enclosing brackets, a leading emoji or section number and a trailing parenthetical are
        the writer's decoration). Worked out once per document (several checks ask)."""
        if self.heading is None:
            return ""
        key = ("section name", self.heading.start, self.heading.end)
        name = doc.shared.get(key)
        if name is None:
            name = doc.shared[key] = label_name(self.title(doc))
        return name


def label_name(title: str) -> str:
    """A heading's or a label's words without the writer's decoration (see ``Section.name``),
    emphasis inside it too ("8. **References**"), nor Pandoc's attributes ("References {.unnumbered}")
    or a scraped wiki's edit link ("References[edit]")."""
    name = _EMPHASIS.sub("", title).rstrip()
    if name.endswith("}"):  # Pandoc's attributes of a heading: "References {.unnumbered}", "{#refs}", "{-}"
        attributes = _HEADING_ATTRIBUTES.search(name, max(0, len(name) - _ATTRIBUTES_REACH))
        name = name[: attributes.start()].rstrip() if attributes is not None else name
    if name.endswith("]"):  # (read at the end only: a search from every space would be quadratic)
        link = _EDIT_LINK.search(name, max(0, len(name) - _EDIT_LINK_REACH))
        name = name[: link.start()] if link is not None else name
    name = name.rstrip(":").strip()
    while len(name) > 2 and name[0] + name[-1] in ("[]", "()"):
        name = name[1:-1].strip().rstrip(":").strip()
    return _DECORATION.sub("", name)


@dataclass(slots=True)
class Comment:
    """An HTML comment (Markdown only): not prose, but it carries suppressions."""

    start: int
    end: int
    body: str


# emphasis markers: every run of asterisks, and underscores at a word's edge ("snake_case" keeps its own)
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
# a wiki's section edit link, kept when the page was scraped: "References[edit]"
_EDIT_LINK = re.compile(r"\[[ \t]*edit(?:[ \t]+source)?[ \t]*\]$", re.I)
_EDIT_LINK_REACH = 20
# Pandoc's attributes: "{.unnumbered}", "{#fig-a width=50%}", "{-}" (after a heading, a link, an
# image or a span; templates.py reads those inline)
_ATTRIBUTE = r"(?:#[\w:.-]+|\.[\w-]+|[A-Za-z][\w-]*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}\"']+))"
PANDOC_ATTRIBUTES = re.compile(r"\{[ \t]*(?:-|%s(?:[ \t]+%s)*)[ \t]*\}" % (_ATTRIBUTE, _ATTRIBUTE))
_HEADING_ATTRIBUTES = re.compile(r"(?<=\s)" + PANDOC_ATTRIBUTES.pattern + "$")
_ATTRIBUTES_REACH = 120
# Symbols or a number before a section's name (emoji, arrows, "7.2", "VII.") and a
# parenthetical after it ("(sample)").
_DECORATION = re.compile(r"^(?:[^\w\[(\"'“‘]+(?=\w)|(?:\d{1,2}(?:\.\d{1,2})*[.)]?|(?:[IVX]{1,5}|[A-Z])[.)])\s+(?=[^\W\d_]))|(?<=\w)\s+\([^()]{1,40}\)$")

# A closing "###" run is looked for only from the start of a run of whitespace, so a heading with
# a long run of spaces costs linear time, not quadratic (the matches are the same).
_HEADING_MARKUP = re.compile(r"^\s*#{1,6}\s+|(?<!\s)\s+#+\s*$|\n[=-]+\s*$")


# callout kinds that quote someone (Obsidian's "quote" and "cite"): not the writer's note
_QUOTING_CALLOUTS = frozenset({"quote", "cite", "quotation"})
# a bold label ("> **Data note**: ...") or a boxed title that is one ("> **Key Risk: Tariffs**" alone
# on the quote's first line): the writer's note. A quoted work's title sits at the quote's end.
_BOLD_LABEL_QUOTE = re.compile(r"[ \t]*>[ \t]*\*\*(?:[^*\n]{1,60}?(?::\*\*|\*\*[ \t]*:)|[^*:\n]{1,40}:[^*\n]{1,100}\*\*[ \t]*$)", re.M)


def heading_text(doc: "Document", block: Block) -> str:
    """The words of a heading without its Markdown markup (an HTML page's: without its tags),
    worked out once per document (the section and link checks each ask for them)."""
    key = ("heading text", block.start, block.end)
    words = doc.shared.get(key)
    if words is not None:
        return words
    if doc.text_nodes is not None:
        words = " ".join(doc.prose[block.start : block.end].split())
    else:
        raw = doc.text[block.start : block.end]
        words = _HEADING_MARKUP.sub("", raw).strip().strip("*_").strip()
        if words.endswith(":"):  # "**Sources**:"
            words = words[:-1].rstrip("*_ \t") + ":"
    doc.shared[key] = words
    return words


_NEWLINE = re.compile("\n")
_HTML_TABLE = re.compile(r"<(?:table|thead|tbody|tr|td|th)\b", re.IGNORECASE)


class Document:
    def __init__(
        self,
        text: str,
        prose: str,
        *,
        path: str = "<string>",
        format: str = "markdown",
        lang: str = "en",
        metadata: dict | None = None,
        body_start: int = 0,
        blocks: list[Block] | None = None,
        links: list[Link] | None = None,
        footnote_refs: list[FootnoteRef] | None = None,
        comments: list[Comment] | None = None,
        front_matter: "FrontMatter | None" = None,
        html_tags: list[tuple[int, int]] | None = None,
        text_nodes: list[tuple[int, int]] | None = None,
        engine_code: list[tuple[int, int]] | None = None,
    ) -> None:
        assert len(text) == len(prose)
        self.text = text
        self.prose = prose
        self.path = path
        self.format = format
        self.lang = lang
        self.metadata = metadata or {}
        self.body_start = body_start  # end of front matter
        self.front_matter = front_matter
        self.blocks = sorted(blocks or [], key=lambda b: b.start)
        self.links = sorted(links or [], key=lambda link: link.start)
        self.footnote_refs = footnote_refs or []
        self.comments = comments or []
        # Spans of raw HTML start tags in prose (Markdown), blanked in ``prose``: a check can
        # still read an unknown tag such as "<insert chart>" that a writer meant as a note.
        self.html_tags = html_tags or []
        # An HTML page: the runs of article text between tags, the only places a fix may edit.
        self.text_nodes = text_nodes
        # An HTML page template's engine syntax ({% for %}, {{ .Title }}): a page the engine
        # composes, found once by the parser; empty for a page a reader gets and other formats.
        self.engine_code = engine_code or []
        # 8 bytes a line (a list of ints cost 40: a file of empty lines is all line starts)
        self._line_starts = array("q", [0])
        self._line_starts.extend(map(re.Match.end, _NEWLINE.finditer(text)))  # (no Python frame a line)
        self._block_starts = [b.start for b in self.blocks]
        self._link_starts = [link.start for link in self.links]
        # What one check works out for the whole document and its other rules reuse (keyed by
        # the check and the options it depends on), so six link rules classify each link once.
        self.shared: dict = {}

    @cached_property
    def prose_ranges(self) -> list[tuple[int, int]]:
        """Where prose can be: (start, end) ranges for a check to scan instead of the whole
        ``prose``. A page's prose is its blocks (the article and the head's fields), a small part
        of a text that is mostly markup blanked with spaces; other formats have one range."""
        if self.format != "html":
            return [(self.prose_start, len(self.text))]
        ranges: list[tuple[int, int]] = []
        for block in sorted(self.blocks, key=lambda b: b.start):
            if ranges and block.start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], block.end))
            else:
                ranges.append((block.start, block.end))
        return ranges

    def scan(self, pattern: re.Pattern) -> Iterator[re.Match]:
        """``pattern.finditer`` over the prose, range by range (``prose_ranges``)."""
        for start, end in self.prose_ranges:
            yield from pattern.finditer(self.prose, start, end)

    @property
    def prose_start(self) -> int:
        """Where prose can start: the first published front-matter field, else the body."""
        fields = self.front_matter.published if self.front_matter is not None else []
        return fields[0].start if fields else self.body_start

    def allows_fix(self, start: int, end: int, replacement: str) -> bool:
        """May a fix replace text[start:end]? In the body, yes; in front matter, only where
        the result is valid front matter that changes nothing but a published value's text.
        In an HTML page, only inside one text node, and never with markup or a reference."""
        if self.text_nodes is not None:
            return self._in_text_node(start, end, replacement)
        if start >= self.body_start:
            return True
        return self.front_matter is not None and self.front_matter.allows_fix(self.text, start, end, replacement)

    def _in_text_node(self, start: int, end: int, replacement: str) -> bool:
        i = bisect.bisect_right(self.text_nodes, (start, 1 << 62)) - 1
        if i < 0 or not (self.text_nodes[i][0] <= start and end <= self.text_nodes[i][1]):
            return False
        return not any(c in s for s in (replacement, self.text[start:end]) for c in "<>&")

    # ---- positions -------------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset into ``text``."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's content, without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def holds_table(self, block: Block) -> bool:
        """Is this an HTML block that holds a table (a Markdown page's ``<table>…``)? Its cells
        are labels and values, not running text, as a Markdown table's are."""
        return block.kind == HTML and _HTML_TABLE.search(self.text, block.start, block.end) is not None

    def is_writer_note(self, block: Block) -> bool:
        """Is this block quote the writer's own note rather than a quotation: a callout
        ("> [!NOTE]"; not "> [!quote]", which quotes) or one that opens with a bold label
        ("> **Data note**: ...", "> **Key shift:** ...")?"""
        from artlint.document.templates import CALLOUT

        if block.kind != QUOTE:
            return False
        marker = CALLOUT.match(self.text, block.start, block.end)
        if marker is not None:
            return marker.group(1)[2:].split("]")[0].lower() not in _QUOTING_CALLOUTS
        return _BOLD_LABEL_QUOTE.match(self.text, block.start, block.end) is not None

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    # ---- structure -----------------------------------------------------------------
    @cached_property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in (HEADING, TITLE)]

    @cached_property
    def sections(self) -> list[Section]:
        """One section per heading, spanning to the next heading of the same or a higher level."""
        sections: list[Section] = []
        heads = [b for b in self.blocks if b.kind == HEADING]
        for i, head in enumerate(heads):
            end = len(self.text)
            for k in range(i + 1, len(heads)):  # no slice: a copy per heading is quadratic
                if heads[k].level <= head.level:
                    end = heads[k].start
                    break
            first = bisect.bisect_left(self._block_starts, head.end)
            body = self.blocks[first : bisect.bisect_left(self._block_starts, end, first)]
            if head.implicit:
                body = self._label_section_body(body)
                end = body[-1].end if body else head.end
            sections.append(Section(head, head.start, end, body))
        return sections

    def _label_section_body(self, body: list[Block]) -> list[Block]:
        """A section opened by a label line ("**Sources:**") has no heading to end it: it ends
        where the writer starts something else, at a thematic break or a line that is bold
        from end to end (the way such articles write their other headings), or at a paragraph
        of running text after its list ("Sources:", three items, then the article goes on)."""
        for i, block in enumerate(body):
            if block.kind == RULE or (block.kind == PARAGRAPH and self._opens_with_bold_label(block)):
                return body[:i]
            if (block.kind == PARAGRAPH and i > 0 and body[i - 1].kind == LIST_ITEM
                    and self.text[block.start] not in "*_"):  # "*World Bank, WDI 2024*" is one more entry
                return body[:i]
        return body

    def _opens_with_bold_label(self, block: Block) -> bool:
        """A paragraph bold from end to end, or one whose first line is a bold label ending in a
        colon ("**The Idea:**" over the idea's text): the writer's next pseudo-heading."""
        if _BOLD_LINE.fullmatch(self.text, block.start, block.end):
            return True
        line_end = self.text.find("\n", block.start, block.end)
        return line_end > 0 and _BOLD_LABEL_LINE.fullmatch(self.text, block.start, line_end) is not None

    @cached_property
    def endnotes(self) -> list[Section]:
        """The footnotes of a page converted from HTML, which keeps them without a heading as
        paragraphs or list items each ending in a back-reference arrow: each run of them is read
        like a Notes section (its heading is None)."""
        if "↩" not in self.text:
            return []  # most documents: one scan in C, not a look at every block's end
        runs: list[list[Block]] = []
        previous = -2
        for i, block in enumerate(self.blocks):
            if block.kind in (PARAGRAPH, LIST_ITEM) and self._ends_with_backref(block):
                if i == previous + 1:
                    runs[-1].append(block)
                else:
                    runs.append([block])
                previous = i
        return [Section(None, run[0].start, run[-1].end, run) for run in runs]

    def _ends_with_backref(self, block: Block) -> bool:
        return self.backref_start(block.start, block.end) < block.end

    def backref_start(self, start: int, end: int) -> int:
        """Where the back-reference arrow that ends text[start:end] begins (with the space before
        it), or ``end`` if there is none."""
        tail = max(start, end - _BACKREF_REACH)
        if "↩" not in self.text[tail:end]:
            return end
        at = next((at for at in range(tail, end) if self.text[at] in "↩[" and _BACKREF_END.fullmatch(self.text, at, end)), end)
        while at > start and self.text[at - 1] in " \t":
            at -= 1
        return at

    @cached_property
    def reference_definitions(self) -> dict[str, Link]:
        """Label → definition; the first definition of a label wins (CommonMark 4.7)."""
        found: dict[str, Link] = {}
        for link in self.links:
            if link.kind == "definition":
                found.setdefault(normalize_label(link.label), link)
        return found

    @cached_property
    def footnote_definitions(self) -> dict[str, Block]:
        return {normalize_label(b.label): b for b in self.blocks if b.kind == FOOTNOTE_DEF}

    def links_in(self, start: int, end: int) -> list[Link]:
        """The links starting in [start, end)."""
        i = bisect.bisect_left(self._link_starts, start)
        return self.links[i : max(i, bisect.bisect_left(self._link_starts, end, i))]

    # ---- sentences -----------------------------------------------------------------
    @cached_property
    def sentences(self) -> list["Sentence"]:
        from artlint.document.sentences import split_sentences

        out: list[Sentence] = []
        for block in self.blocks:
            if block.kind in SENTENCE_KINDS:
                out.extend(split_sentences(self, block))
        return out


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: Block
    index: int  # position of the sentence within its block

    def text(self, doc: Document) -> str:
        return doc.text[self.start : self.end]

    def prose(self, doc: Document) -> str:
        return doc.prose[self.start : self.end]


def normalize_label(label: str) -> str:
    """Reference labels match case-insensitively with collapsed whitespace (CommonMark)."""
    return " ".join(label.split()).casefold()
