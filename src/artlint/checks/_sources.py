"""What counts as a source, shared by the source checks: source sections, one-line source
notes, locators, and image credits (which are not sources). The vocabularies are data:
``sources.yaml`` beside this module, which a rule's own options override key by key."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from artlint import rule_cache
from artlint.checks._regex import compile_lazily
from artlint.document import Document
from artlint.document.model import (CODE, FOOTNOTE_DEF, HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE, RULE, TABLE, TEMPLATE,
                                    TITLE, Section, label_name)
from artlint.document.plaintext import BULLET_GLYPHS
from artlint.ruleset.loader import parse_yaml


@lru_cache(maxsize=1)
def shared_options() -> dict:
    """The source vocabularies every source check shares (``sources.yaml``; trusted like the
    packaged rules, and validated against each check's option schema by the tests)."""
    text = Path(__file__).with_name("sources.yaml").read_text("utf-8")
    return rule_cache.recall("shared-source-options", [text], lambda: parse_yaml(text))


def with_shared(options: dict) -> dict:
    """A source check's options: the shared ones, with the rule's own keys in their place."""
    return {**shared_options(), **options}


# A URL, a DOI, an ISBN: what lets a reader find the source. A malformed URL still shows the
# writer meant to give one (the link rules report it).
LOCATOR = re.compile(
    # "h+" only from the first "h" of a run, so that a long run of h's is read once, not
    # once per "h" (the same text is found: a match inside a run starts at its first "h").
    r"(?:(?<!h)h+t+p+s*:?/{1,3}|www\.|mailto:)\S"
    r"|\bdoi:\s*\d|\b10\.\d{4,9}/\S"
    r"|\bISBN(?:-1[03])?:?\s*\d[\d -]{8,}"
    r"|\b(?:arXiv|PMID|PMCID):?\s*\S",
    re.I,
)
# Whether LOCATOR finds something (search's yes or no, wherever pos and endpos), in a form re scans
# quickly: LOCATOR opens with a look-behind, which re tries at every character; this opens with a
# plain class of the characters a locator can start with (and what re, ignoring case, matches
# them with: the dotted and dotless i), which re skips to in C, and tries LOCATOR only there.
HAS_LOCATOR = re.compile(r"(?-i:[1ADHIMPWadhimpw\u0130\u0131])(?<=(?=" + LOCATOR.pattern + r")(?s:.))", re.I)
# Matched at an entry's start, which is not always a line's ("References\r| a |": a block that
# begins after a carriage return), so not anchored to one: it always matches, if only "".
# (a "*" is a bullet only before a space: "**Source:** IMF" opens with emphasis)
_ENTRY_MARKER = re.compile(
    r"[ \t]*(?:[" + re.escape(BULLET_GLYPHS.replace("*", "")) + r"]|\*(?=[ \t])|\(?\d{1,3}[.)]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?[\w-]+\]:?)?[ \t]*"
)
# A table's delimiter row, the pipe and key cell that open a row ("| [1]-[11] |", "| [ARF] |",
# "| 3. |"), and the pipe that ends it.
_TABLE_DELIMITER = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|?)+[ \t]*")
_ROW_LEAD = re.compile(r"[ \t]*\|?[ \t]*(?:(?:\[[^\]\n|]{1,40}\](?:[ \t]*[-–,][ \t]*\[[^\]\n|]{1,40}\])*|\d{1,3}[.)]?)[ \t]*\|[ \t]*)?")
_ROW_TAIL = re.compile(r"[ \t]*\|?[ \t]*$")
# A line that only gives the locator of the entry above it ("Title – Publisher" then its URL),
# bare or labelled, as a record of fields sets it ("Source: Kaiser Family Foundation" then
# "URL: https://www.kff.org/…"), also as the next item of a record nested in a list item
# ("- **Title**", then "  - Source: decrypt" and "  - URL: https://decrypt.co/…"), its label
# bold or not ("- **Link:** https://…").
_LOCATOR_LINE = re.compile(r"[ \t]*(?:[" + re.escape(BULLET_GLYPHS) + r"][ \t]+)?(?:(?:\*\*|__)?(?:URL|Link|Web(?:site)?|Available\s+(?:at|from)|Online)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*)?"
                           r"(?:<?(?:https?://|www\.|doi:)\S+>?|10\.\d{4,9}/\S+)[ \t]*", re.I)


# A paragraph that is one bold line: a label heading what follows ("**🔖 Nomenclature**").
# (its words may hold a single "_" or "*": "**Final_Checklist**:")
# a bold line of words only heads a group of entries; a citation in bold has its dates and stops
_SUBHEADING = re.compile(r"[^\W\d_][^\d.,;()\[\]\n]*")
_BOLD_LABEL = re.compile(r"[ \t]*(\*\*|__)((?:(?!\1)[^\n]){1,80}?)\1[ \t:]*")
# A saved wiki page's footer, which ends the article: what follows it ("Categories:",
# "* Urban_economics", "Hidden categories:") is the site's, not the references'.
_PAGE_FOOTER = re.compile(r"[ \t]*(?:Retrieved from[ \t]+[\"“]?https?://|This page was (?:last )?(?:edited|modified) on\b)")
# Subsections that sit under a Sources heading but list no sources.
_ASIDE_TITLE = re.compile(
    r"acknowledge?ments?|thanks|about (?:the )?authors?|authors?|contributors?|credits?|disclosures?"
    r"|disclaimers?|conflicts? of interest|funding|contact|licen[cs]e|comments?|related (?:posts|articles|reading)"
    r"|methods?|methodology|about this (?:report|analysis|research|brief)"
    r"|nomenclature|glossary|(?:list of )?(?:abbreviations|acronyms)|definitions|key terms"
    r"|(?:final[ _])?check ?list|next steps",
    re.I,
)


def source_sections(doc: Document, titles: re.Pattern) -> Iterator[Section]:
    for section in doc.sections:
        if titles.fullmatch(section.name(doc)):
            yield section


def _group_label(text: str, block, next_block) -> bool:
    """A short line of words alone over a list ("PBS", "MEV in ETH2", "Block building"): the name
    of the group of entries under it."""
    if next_block is None or next_block.kind != LIST_ITEM:
        return False
    words = text[block.start : block.end].strip()
    return len(words.split()) <= _GROUP_LABEL_WORDS and _GROUP_LABEL.fullmatch(words) is not None


_GROUP_LABEL_WORDS = 6
# words, a version's digits among them ("MEV in ETH2"), but no year or punctuation of a citation
_GROUP_LABEL = re.compile(r"(?!.*\b(?:1[5-9]|20)\d\d\b)[^\W\d_][^.,;:()\[\]\n]*")


def entries(doc: Document, section: Section) -> Iterator[tuple[int, int]]:
    """Spans of a source section's entries: its list items, footnotes, paragraphs and table
    rows; in a plain-text article every line of a paragraph is an entry (notes are often one
    per line), and so is each line of a Markdown paragraph whose lines render apart (hard breaks,
    or "[2] …" opening every line after the first)."""
    aside = False
    listed = False  # entries read since the last heading
    blocks = section.blocks
    for i, block in enumerate(blocks):
        if block.kind == HEADING:
            # "### Acknowledgements" under "## References" is not a list of sources
            aside = _ASIDE_TITLE.fullmatch(doc.text[block.start : block.end].strip("#*_: \t")) is not None
            listed = False
        elif block.kind == PARAGRAPH and (label := _BOLD_LABEL.fullmatch(doc.text, block.start, block.end)):
            # and neither is the glossary under a bold line that heads it ("**🔖 Nomenclature**")
            aside = _ASIDE_TITLE.fullmatch(label_name(label.group(2))) is not None
            if aside or _SUBHEADING.fullmatch(label.group(2)):
                continue  # "**Testing Resources**" heads the entries under it: words, no citation
        elif block.kind == RULE and listed:
            aside = True  # entries, "---", then "*This report was generated by …*": the page's footer
        elif block.kind == PARAGRAPH and _PAGE_FOOTER.match(doc.text, block.start, block.end):
            aside = True
        elif block.kind == PARAGRAPH and doc.format != "text" and _group_label(doc.text, block, blocks[i + 1] if i + 1 < len(blocks) else None):
            continue  # "MEV in ETH2" over the links on it: a group's name, no entry
        if not aside and block.kind == TABLE:
            listed = True
            yield from _table_rows(doc.text, block.start, block.end)
            continue
        if aside or block.kind not in (LIST_ITEM, PARAGRAPH, FOOTNOTE_DEF, QUOTE):
            continue
        listed = True
        if block.kind == PARAGRAPH and (doc.format == "text" or _one_per_line(doc.text, block.start, block.end)):
            yield from _line_entries(doc.text, block.start, block.end)
        elif block.kind == LIST_ITEM and doc.format == "text":
            yield from _unmarked_entries(doc.text, block.start, block.end)
        else:
            yield block.start, block.end


def introduces_what_follows(text: str) -> bool:
    """Does this note or entry end with a colon ("Key data sources include:", "the following
    citation commands can be used:", "**Data Source:**")? It introduces what follows; it is no
    source itself."""
    return text.rstrip().rstrip("*_ \t").endswith(":")


def _table_rows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sources table's body rows, each without its pipes and its key cell ("| [1]-[11] |
    Lazard LCOE+ Analysis |": the entry is "Lazard LCOE+ Analysis")."""
    pos, row = start, 0
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        if row > 0 and not _TABLE_DELIMITER.fullmatch(text, pos, line_end):
            m = _ROW_LEAD.match(text, pos, line_end)
            tail = _ROW_TAIL.search(text, m.end(), line_end)
            stop = tail.start() if tail else line_end
            if stop > m.end():
                yield m.end(), stop
        row += 1
        pos = line_end + 1


# A Markdown line that renders as a line of its own: it ends with a hard break, or the next opens
# with a note number ("[2] Murray et al., …")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_NUMBERED_LINE = re.compile(r"\n[ \t]{0,3}\[\d{1,3}\]")
# A bold field label, its colon inside the emphasis or after it ("**Data Collection Date:**",
# "**Author**:"): an entry that opens with one (its label read apart from its value), and a line
# of a paragraph that does (each such line a field of its own)
_BOLD_FIELD = r"(?:\*\*|__)[^\W_][^*_\n]{0,40}?(?::(?:\*\*|__)|(?:\*\*|__):)"
FIELD_LABEL = re.compile(_BOLD_FIELD + r"[ \t]*")
_FIELD_LINE = re.compile(r"(?<![^\n])[ \t]{0,3}" + _BOLD_FIELD)


def _one_per_line(text: str, start: int, end: int) -> bool:
    """Does a Markdown paragraph list its entries one per line: every line break in it a hard
    break, every line after the first opening with a note number, or every line with a bold
    field label?"""
    breaks = text.count("\n", start, end)
    if not breaks:
        return False
    return (len(_HARD_BREAK.findall(text, start, end)) == breaks
            or len(_NUMBERED_LINE.findall(text, start, end)) == breaks
            or len(_FIELD_LINE.findall(text, start, end)) == breaks + 1)


def _line_entries(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """One entry per line, except a line that continues the entry above: indented further,
    starting in lower case (a hard-wrapped entry) or holding only that entry's URL or DOI."""
    entry: list[int] = []  # [start, end, indent] of the entry being read
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end]
        body = line.lstrip()
        indent = len(line) - len(body)
        # (a Markdown hard break's backslash is markup, no part of the entry)
        stop = line_end - 1 if line_end < end and line.endswith("\\") else line_end
        if entry and (indent > entry[2] or body[:1].islower() or _LOCATOR_LINE.fullmatch(line)):
            entry[1] = stop
        elif body:
            if entry:
                yield entry[0], entry[1]
            entry = [pos, stop, indent]
        pos = line_end + 1
    if entry:
        yield entry[0], entry[1]


# A line that opens a citation with its author: "McCann, Philip (2001). …", "Capello, Roberta;
# Nijkamp, Peter, eds. …", "O'Sullivan, Arthur (2003)."
_AUTHOR_OPENING = re.compile(r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)?,[ \t]+(?:[A-Z]|eds?\.)")


def _unmarked_entries(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A plain-text list item's entries: itself, and each line after it that lost its marker (a
    page saved as text keeps the first bullet of a bibliography and wraps the rest flush left)
    and opens with an author; its other lines, wrapped or indented, continue the entry above."""
    first_end = text.find("\n", start, end)
    if first_end < 0:
        yield start, end
        return
    indent = len(text[start:first_end]) - len(text[start:first_end].lstrip())
    entry_start, pos = start, first_end + 1
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end]
        body = line.lstrip()
        if len(line) - len(body) < indent and _AUTHOR_OPENING.match(body):
            yield entry_start, len(text[entry_start : pos - 1].rstrip()) + entry_start  # (no "\r" of a CRLF end)
            entry_start = pos
        pos = line_end + 1
    yield entry_start, end


def entry_body(doc: Document, start: int, end: int) -> tuple[int, str]:
    """An entry without its list marker or note number: (offset, text)."""
    m = _ENTRY_MARKER.match(doc.text, start, end)
    return m.end(), doc.text[m.end() : end]


# Blocks where a one-line source note ("Source: World Bank, IMF" under a table or a chart) is
# looked for (a short plain-text line reads as a title or a heading): footnotes are sources
# already.
NOTE_BLOCKS = (PARAGRAPH, QUOTE, LIST_ITEM, HTML, TABLE, TITLE, HEADING)
# What may stand before a note's label on its line: a quote or table marker, a list marker,
# emphasis ("*Sources: Reuters, BBC*", "**Source:** IMF").
_NOTE_LEAD = r"[ \t>|#]*(?:(?:[-+•]|\*(?=[ \t])|\d{1,3}[.)])[ \t]+)?(?:[*_]{1,2}[ \t]*)?"
_NOTE_TAIL = " \t\n*_|"
_LABEL_REACH = 300
_INDENT_MAX = 40  # more than this before a block on its line is not its indent
_SENTENCE_BREAK = re.compile(r"[.!?][ \t]")
_STOP_SPACE = re.compile(r"[.!?;)][ \t]")  # what LineLabel.after_sentence looks behind at


class LineLabel:
    """A label that opens a note: at the start of a line (after list, quote or table markers and
    emphasis), or after a sentence on the same line when capitalised ("Figure 2: Oil output.
    Source: EIA"; "![..](..) Photo by …"). ``label``: a regex, matched case-insensitively."""

    def __init__(self, label: str) -> None:
        label = r"(?:" + label + r")"
        self.key = label  # labels of the same words find the same notes
        # Tried at line starts only; the lookbehind keeps a scan of the whole text linear.
        self.at_line_start = compile_lazily(r"(?<![ \t>|#])" + _NOTE_LEAD + label, re.I)
        self.after_sentence = compile_lazily(r"(?<=[.!?;)][ \t])[ \t]*(?:[*_]{1,2}[ \t]*)?" + label, re.I)
        self.required = ""  # a character every label holds (see note_label), if one is known

    def after_sentences(self, prose: str, start: int, end: int) -> Iterator[re.Match]:
        """``after_sentence.finditer(prose, start, end)``, tried only where a sentence's end
        and a space stand before (found in C): that regex opens with its look-behind, which re
        tries at every character."""
        after = start  # where the last match ended: matches do not overlap
        for stop in _STOP_SPACE.finditer(prose, max(0, start - 2), end):
            at = stop.end()
            if at >= after:
                m = self.after_sentence.match(prose, at, end)
                if m is not None:
                    yield m
                    after = m.end()

    def find(self, prose: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(label start, body start) of every note in prose[start:end]."""
        line = prose.rfind("\n", 0, start) + 1  # a block may start after its line's indent
        if start - line > _INDENT_MAX or prose[line:start].strip(" \t>|#*_-+"):
            # the block starts mid-line (an HTML page's blocks share lines): its start is its
            # line's, and nothing before it is read again for every block of a long line
            line = start
        while line < end:
            line_end = prose.find("\n", line, end)
            line_end = end if line_end < 0 else line_end
            m = self.at_line_start.match(prose, line, line_end)
            if m:
                yield m.start(), m.end()
            else:
                for m in self.after_sentences(prose, line, line_end):
                    if _capitalised(m.group()):
                        yield m.start(), m.end()
                        break
            line = line_end + 1


_CONTENT = (LIST_ITEM, PARAGRAPH, FOOTNOTE_DEF, QUOTE, TABLE, CODE, TEMPLATE, HTML)


def section_holds(doc: Document, section: Section, placeholder: re.Pattern) -> str:
    """What a sources section holds: "sources", "only a placeholder" (every entry is one, such
    as ``[add citation]``) or "nothing". Footnote and reference-link definitions are sources."""
    if any(link.kind == "definition" for link in doc.links_in(section.start, section.end)):
        return "sources"
    content = [b for b in section.blocks if b.kind in _CONTENT]
    if any(not placeholder.fullmatch(entry_body(doc, b.start, b.end)[1].strip()) for b in content):
        return "sources"
    return "only a placeholder" if content else "nothing"


def _capitalised(label: str) -> bool:
    return next((c for c in label if c.isalpha()), "").isupper()


def note_label(words: str) -> LineLabel:
    """The label of a source note ("Source:", "**Sources**:", "Data source:"); ``words``: the
    rule's regex for its words."""
    label = LineLabel(r"(?:" + words + r")[ \t]*(?:[*_]{1,2}[ \t]*)?:[ \t]*(?:[*_]{1,2}[ \t]*)?")
    label.required = ":"
    return label


def on_labelled_line(doc: Document, label: LineLabel, pos: int) -> bool:
    """Does a label of ``label`` open the sentence that ``pos`` is in, on ``pos``'s line? Only
    the ``_LABEL_REACH`` characters before ``pos`` are read: a credit is short, and every link
    of a long paragraph is asked about."""
    prose = doc.prose
    line_start = pos - doc.line_col(pos)[1] + 1
    start = max(line_start, pos - _LABEL_REACH)
    ends = []
    if start == line_start:
        m = label.at_line_start.match(prose, line_start, pos)
        if m:
            ends.append(m.end())
    ends.extend(m.end() for m in label.after_sentences(prose, start, pos) if _capitalised(m.group()))
    return bool(ends) and not _SENTENCE_BREAK.search(prose, max(ends), pos)


def source_notes(doc: Document, label: LineLabel, outside: list[Section] = ()) -> Iterator[tuple[int, int, int, int]]:
    """The one-line source notes outside the sections in ``outside`` (whose entries are read as
    entries): (label start, body start, body end, reach). A note reaches to the end of its line
    and over the lines that continue it (its URL alone, a wrapped lower-case line); the body
    leaves out markup around it (``Source: <a href=…>IEA</a>``: the body is ``IEA``, and the
    link is the note's from its label on). Found once per document and label, whichever checks
    ask (no-sources, source-without-locator, the statistic rule)."""
    key = ("source notes", label.key)
    notes = doc.shared.get(key)
    if notes is None:
        notes = doc.shared[key] = list(_all_source_notes(doc, label))
    # a block lies wholly inside a section or outside it: its notes go with their label's place
    skip = [(s.start, s.end) for s in outside]
    for note in notes:
        if not any(a <= note[0] < b for a, b in skip):
            yield note


def _all_source_notes(doc: Document, label: LineLabel) -> Iterator[tuple[int, int, int, int]]:
    # an image's alt text describes the picture ("… Source: Hanley et al."): the caption
    # readers see, if any, is what cites
    alt_texts = [(link.text_start, link.text_end) for link in doc.links
                 if link.kind in ("image", "html_image") and 0 <= link.text_start < link.text_end]
    required = label.required
    blocks = doc.blocks
    for k, block in enumerate(blocks):
        if block.kind not in NOTE_BLOCKS:
            continue
        # a label's words and colon lie in its block (only list, quote and table markers and
        # emphasis may stand before the block on its line): a block without one holds no note
        if required and doc.prose.find(required, block.start, block.end) < 0:
            continue
        for label_start, body in label.find(doc.prose, block.start, block.end):
            if any(a <= label_start < b for a, b in alt_texts):
                continue
            reach = _note_end(doc.text, body, block.end)
            if reach >= block.end and block.kind == LIST_ITEM:
                reach = _locator_item_end(doc, blocks, k, reach)
            end = reach
            while end > body and doc.prose[end - 1] in _NOTE_TAIL:
                end -= 1
            # (its first line: a locator line under it, "URL: https://…", ends in a colon in the
            # prose, which leaves the address out)
            line_end = doc.prose.find("\n", body, end)
            if end > body and not introduces_what_follows(doc.prose[body : end if line_end < 0 else line_end]):
                yield label_start, body, end, reach
            elif end <= body and block.kind == PARAGRAPH and reach >= block.end:
                # "**Data Sources:**" alone on its line, then a list: each item is a note of that label
                yield from _listed_notes(doc, blocks, k + 1)


def _listed_notes(doc: Document, blocks: list, first: int) -> Iterator[tuple[int, int, int, int]]:
    """The items of the list starting at ``blocks[first]``, each a note: (item start, body start,
    body end, item end)."""
    k = first
    while k < len(blocks) and blocks[k].kind == LIST_ITEM:
        item = blocks[k]
        body, text = entry_body(doc, item.start, item.end)
        end = body + len(text.rstrip())
        if end > body:
            yield item.start, body, end, item.end
        k += 1


# A list item that is one field of a record: "- **Published:** 2025-07-04", "- Sentiment: 0.96"
_FIELD_ITEM = re.compile(r"[ \t]*[-*+•][ \t]+(?:\*\*|__)?[^\W\d_][\w ()-]{0,30}?(?::(?:\*\*|__)?|(?:\*\*|__):)[ \t]")
_RECORD_FIELDS = 10  # a record's locator is looked for this many items on at most


def _locator_item_end(doc: Document, blocks: list, k: int, reach: int) -> int:
    """The end of a later list item of the record ``blocks[k]`` opens if it only gives the
    note's locator, and every item before it is a field of that record (a news item's fields
    as items of their own: "- **Source:** GlobeNewswire", "- **Published:** …", "- **Link:**
    https://…"), else ``reach``."""
    for j in range(k + 1, min(len(blocks), k + 1 + _RECORD_FIELDS)):
        item = blocks[j]
        if item.kind != LIST_ITEM or doc.text[blocks[j - 1].end : item.start].strip():
            break
        if _LOCATOR_LINE.fullmatch(doc.text, item.start, item.end):
            return item.end
        if not _FIELD_ITEM.match(doc.text, item.start, item.end):
            break
    return reach


def _note_end(text: str, start: int, block_end: int) -> int:
    """The end of the note starting at ``start``: its line, and the next lines that hold only
    its URL or start in lower case (the note wrapped)."""
    end = text.find("\n", start, block_end)
    while end >= 0:
        following = text.find("\n", end + 1, block_end)
        line = text[end + 1 : block_end if following < 0 else following]
        if not (_LOCATOR_LINE.fullmatch(line) or line.lstrip(" \t>")[:1].islower()):
            return end
        end = following
    return block_end
