"""Bracketed placeholders: ``[INTERNAL_LINK:slug]``, ``[[External Link: url]]``, ``[LINK]``,
``[Insert source here]``, ``[Author Name]``.

Only brackets that are not links count: ``[link](https://x.org)`` and ``[source][ref]`` are
links, and so is a shortcut ``[link]`` whose ``[link]: url`` definition exists. A placeholder
written where a link's address goes counts too: ``<a href="[INTERNAL_LINK:slug]">``.

Front matter: published fields are prose like the body; in every other string value too
(``author: "[Author Name]"``) a bracketed placeholder is still one nobody filled in.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives, compile_pattern
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import HEADING, LIST_ITEM, PARAGRAPH, PROSE_KINDS, Link, normalize_label

# Blocks a bracketed slot can fill, and what may stand around it there: a heading's or list
# item's marker, emphasis, a trailing colon or hard break.
_SLOT_BLOCKS = frozenset({PARAGRAPH, LIST_ITEM, HEADING})
_BLOCK_LEAD = re.compile(
    r"[ \t>]*(?:#{1,6}[ \t]+|(?:[-*+•]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?"  # marker, checkbox
    r"(?P<label>(?:\*\*|__|\*|_)[^*_\n\[]{1,60}?(?:\*\*|__|\*|_)[ \t]*:?[ \t]+"  # an emphasised label: "**Responsible:** "
    r"|[A-Z][\w’'/-]*(?:[ \t]+[\w’'/-]+){0,4}[ \t]*:[ \t]+"  # or a plain one: "Subject Line: "
    r"|P\.[ \t]?S\.[ \t]+|Dear[ \t]+)?[*_]{0,2}"  # a postscript or a letter's salutation
)
# "**[Opposition group]** - [Their position] - [Our response strategy]": a line of slots
_SLOT_SEPARATOR = r"[*_]{0,2}+[ \t]*+[-—–|/,:]?+[ \t]*+[*_]{0,2}+"
_SLOTS_BEFORE = re.compile(r"(?:\[[^\[\]\n]{1,300}\]" + _SLOT_SEPARATOR + r")+")
_FIGURE_SIGNS = "$€£¥₹"
_BARE_WORD = re.compile(r"(?:hyper)?links?|urls?|tbd|tbc|tk|todo|placeholder", re.IGNORECASE)
# Words and spaces only, where an address goes: no address looks like that ("Image Source Link")
_WORDS_ONLY = re.compile(r"[^\W\d_][\w’'-]*(?:[ \t]+[\w’'-]+){1,5}")
_SLOT_WORDS = re.compile(r"(?!(?:the|a|an)\s)[A-Za-z][A-Za-z_ ]{0,60}")  # "$[REVENUE]", "[GROWTH_PERCENTAGE]%"
_BLOCK_TAIL = r"[*_]{0,2}[ \t]*[.:,]?[ \t]*\\?\s*"
_REST_OF_LINE = re.compile(r"(?:" + _SLOT_SEPARATOR + r"\[[^\[\]\n]{1,300}\](?![(\[]))*+" + _BLOCK_TAIL)
# "**[MONTH IN ONE LINE]** — the composite's month: mean, range, …": a template's outline, a slot
# named in capitals and then what goes in it
_DESCRIBED_AFTER = re.compile(r"[*_]{0,2}+[ \t]*+[—–-][ \t]+\S")
_LIST_SEPARATOR = re.compile(r" ?[,/;] ?| (?:and|or|&) ")
_WORD = re.compile(r"[^\W_]+")  # "Names/Teams" is two words
# The next line of the block, written out: no bracket, marker or label first, five words or more
_STORY_LINE = re.compile(r"\n[ \t]*(?![\[*_#>|-])(?:[^\W\d_][\w'’-]*[ \t,;:]+){4}[^\W_]")
# "\[Insert quote\]": brackets escaped by an exporter (Google Docs, Word) show as brackets
_ESCAPED = re.compile(r"\\\[([^\[\]\n]{1,300}?)\\\]")
# "$L$ typical units: [year]": a quantity's unit in brackets (physics' notation), not a slot
_UNITS_BEFORE = re.compile(r"\bunits?(?:\s+(?:of|in)\s+[\w$\\{}]+)?[ \t]*:?[ \t]*\Z", re.IGNORECASE)

# "[Insert key points here. For example:" with the list of examples on the next lines: an
# instruction whose bracket closes blocks later, so Markdown never reads it as one bracket
_OPEN_INSTRUCTION = re.compile(
    r"\[(?=(?:insert|enter|add|paste|write|include|replace|fill\s+in)\s)[^\[\]\n]{3,300}+(?=\n|\Z)", re.IGNORECASE)

# A byline's label ("By : ", "**Author:** ", "Written by: ") and a word of a person's name
_BYLINE_LABEL = re.compile(r"[*_]{0,2}(?:by|author|authors|written\s+by|posted\s+by)[*_]{0,2}[ \t]*:?[*_]{0,2}[ \t]+", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’-]+\.?|[A-Z]\.")

# "[@key]", "[-@key]", "[see @key, p. 4]": Pandoc and Quarto citations
_CITATION_KEY = re.compile(r"[ \t]*(?:see[ \t]+|-)?@[A-Za-z_]")

# "[slot]" or "[[slot]]" inside a front-matter value that is not prose
_BRACKETED = re.compile(r"\[\[[^\[\]\n]{1,300}\]\]|\[[^\[\]\n]{1,300}\]")


class Check:
    name = "bracket-placeholder"

    def __init__(self, options: dict) -> None:
        flags = re.IGNORECASE if options.get("ignore_case", True) else 0
        self.patterns = compile_alternatives(options["patterns"], "patterns", flags)
        cs = options.get("case_sensitive_patterns")
        self.case_sensitive = compile_alternatives(cs, "case_sensitive_patterns") if cs else None
        self.whole_block_words = options.get("whole_block_words")
        self.sign_slots = options.get("slot_beside_figure_sign", False)
        exempt = options.get("whole_block_exempt")
        self.exempt = compile_pattern(exempt, ["whole_block_exempt"], re.IGNORECASE) if exempt else None

    def _is_placeholder(self, inner: str) -> bool:
        inner = inner.strip()
        # "[[External Link: ...]]": look through one more pair of brackets.
        if inner.startswith("[") and inner.endswith("]"):
            inner = inner[1:-1].strip()
        inner = " ".join(inner.split())
        if self._names_a_slot(inner):
            return True
        # "[CITY, STATE, DATE]", "[Name/Title]": a list of slots
        parts = _LIST_SEPARATOR.split(inner)
        return len(parts) > 1 and all(self._names_a_slot(part) for part in parts)

    def _names_a_slot(self, inner: str) -> bool:
        return bool(self.patterns.fullmatch(inner) or (self.case_sensitive and self.case_sensitive.fullmatch(inner)))

    def run(self, doc: Document) -> Iterator[Finding]:
        defined = doc.reference_definitions
        last_end = -1
        for link in doc.links:
            if link.target_start >= 0 and link.kind not in ("bare", "autolink"):
                finding = self._in_target(doc, link)
                if finding is not None:
                    yield finding
                continue
            if link.kind != "shortcut" or link.start < last_end:
                continue
            if normalize_label(link.label) in defined:
                continue
            if _CITATION_KEY.match(doc.text, link.text_start, link.text_end):
                continue  # "[@cma_online_platforms_2020]": a Pandoc citation, resolved when the page is built
            # Match the prose (URLs blanked) so a wrapped URL does not decide, but report the text.
            if (
                self._is_placeholder(doc.prose[link.text_start : link.text_end])
                or self._is_placeholder(doc.text[link.text_start : link.text_end])
                or self._fills_its_block(doc, link)
                or self._beside_a_sign(doc, link)
            ) and not _names_a_unit(doc, link.start):  # "typical units: [year]" (asked of a slot only)
                last_end = link.end
                yield Finding(link.start, link.end)
        yield from self._escaped(doc)
        yield from self._left_open(doc)
        for value in doc.front_matter.values if doc.front_matter is not None else ():
            if not value.published:
                for m in _BRACKETED.finditer(doc.text, value.start, value.end):
                    if self._is_placeholder(m.group()[1:-1]):
                        yield Finding(m.start(), m.end())

    def _fills_its_block(self, doc: Document, link: Link) -> bool:
        """``- [Key events to watch in the next 48–72 hours]``: a paragraph, list item or heading
        whose line is only a bracketed description of two words or more (not a published note) is a slot."""
        if self.whole_block_words is None:
            return False
        block = doc.block_at(link.start)
        if block is None or block.kind not in _SLOT_BLOCKS:
            return False
        inner = doc.prose[link.text_start : link.text_end]
        if self.exempt and self.exempt.match(inner.strip()):
            return False
        if not any(ch.isalpha() for ch in inner):
            return False  # "[0-10] [10-20] [20-30]": age bands heading a row of figures, no slot's name
        # the slot fills its line ("   - [Specific action]" in a nested list, a paragraph's line)
        line_start = max(doc.text.rfind("\n", block.start, link.start) + 1, block.start)
        line_end = doc.text.find("\n", link.end, block.end)
        line_end = block.end if line_end < 0 else line_end
        lead = self._lead(doc.text, line_start, link.start)
        if lead is None:
            return False
        if not _REST_OF_LINE.fullmatch(doc.text, link.end, line_end):
            return self._described(doc.text, lead, inner, link.end, line_end)
        if _STORY_LINE.match(doc.text, line_end, block.end):
            return False  # "**[OpenAI forms a safety committee]**" over its story's lines: a headline
        if lead.group("label") and _BYLINE_LABEL.fullmatch(lead.group("label")) and self._a_name(inner):
            return False  # "By : [**Abhishek Tiwari**]": the byline is filled in, its brackets are style
        # after a label ("**Status**: [Status]") one word is a slot; alone, it takes two
        return len(_WORD.findall(inner)) >= (1 if lead.group("label") else self.whole_block_words)

    def _a_name(self, inner: str) -> bool:
        """A person's name, two to four capitalised words and no slot's name among them
        ("Abhishek Tiwari"; not "Author Name")."""
        words = inner.strip(" *_").split()
        return (2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words)
                and not any(self._names_a_slot(w) for w in words))

    def _described(self, text: str, lead: re.Match, inner: str, slot_end: int, line_end: int) -> bool:
        """``**[THE MONTH'S EPISODES]** — every detected episode …``: a slot named in capitals
        (two words or more, not only acronyms: ``[ISS ESG] — …`` cites) that opens its line,
        then a dash and what goes in it."""
        words = _WORD.findall(inner)
        return (not lead.group("label") and len(words) >= max(2, self.whole_block_words)
                and inner.upper() == inner and any(len(w) >= 4 and w.isalpha() for w in words)
                and _DESCRIBED_AFTER.match(text, slot_end, line_end) is not None)

    @staticmethod
    def _lead(text: str, line_start: int, slot_start: int) -> re.Match | None:
        """What stands before the slot on its line: a block's marker and label, then maybe
        other slots (``[CITY, STATE, DATE] — [Opening paragraph: …]``)."""
        lead = _BLOCK_LEAD.fullmatch(text, line_start, slot_start)
        if lead is None:
            lead = _BLOCK_LEAD.match(text, line_start, slot_start)
            if lead is None or not _SLOTS_BEFORE.fullmatch(text, lead.end(), slot_start):
                return None
        return lead

    def _beside_a_sign(self, doc: Document, link: Link) -> bool:
        """``$[REVENUE]``, ``[GROWTH_PERCENTAGE]%``: words in brackets where a number goes."""
        if not self.sign_slots:
            return False
        sign_before = link.start > 0 and doc.text[link.start - 1] in _FIGURE_SIGNS
        percent_after = doc.text.startswith("%", link.end)
        return (sign_before or percent_after) and bool(_SLOT_WORDS.fullmatch(doc.text, link.text_start, link.text_end))

    def _escaped(self, doc: Document) -> Iterator[Finding]:
        """``\\[Insert quote\\]`` in prose: no link, but the reader sees the brackets."""
        if "\\[" not in doc.prose:
            return
        for m in _ESCAPED.finditer(doc.prose):
            block = doc.block_at(m.start())
            if (block is not None and block.kind in PROSE_KINDS and self._is_placeholder(m.group(1).replace("\\", ""))
                    and not _names_a_unit(doc, m.start())):
                yield Finding(m.start(), m.end())

    def _left_open(self, doc: Document) -> Iterator[Finding]:
        """``[Insert key points here. For example:`` and the examples on the lines below: the
        instruction's line is reported (its bracket closes blocks later, if at all)."""
        if "[" not in doc.prose:
            return
        link_starts = {link.start for link in doc.links}
        for m in doc.scan(_OPEN_INSTRUCTION):
            block = doc.block_at(m.start())
            if (m.start() not in link_starts and block is not None and block.kind in PROSE_KINDS
                    and self._is_placeholder(m.group()[1:])):
                yield Finding(m.start(), m.end())

    def _in_target(self, doc: Document, link: Link) -> Finding | None:
        """``<a href="[INTERNAL_LINK:slug]">``, ``[guide]([LINK])``: a placeholder where the
        address goes. Reported on the target as written."""
        target = link.target.strip()
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1].strip()  # 'href="<Image Source Link>"': a slot named in angle brackets
        bracketed = target.startswith("[") and target.endswith("]")
        # "[Stakeholder analysis](link)", "[report](<Image Source Link>)": words where the address
        # goes (a wikilink's target is a page's name: words are what it should be)
        words = link.kind != "wikilink" and _WORDS_ONLY.fullmatch(target)
        if not ((bracketed or _BARE_WORD.fullmatch(target) or words) and self._is_placeholder(target)):
            return None
        raw = doc.text[link.target_start : link.target_end]
        start = link.target_start + len(raw) - len(raw.lstrip())
        return Finding(start, link.target_start + len(raw.rstrip()))


def _names_a_unit(doc: Document, start: int) -> bool:
    """Does the bracket at ``start`` follow "units:" ("$L$ typical units: [year]")?"""
    return _UNITS_BEFORE.search(doc.prose, max(0, start - 60), start) is not None
