"""Find links (well-formed and malformed), code spans, inline HTML and footnote markers with
their exact offsets inside one block of text.

Links as CommonMark reads them come from mistune's own inline parser (``LinkParser``, a small
subclass that records where each link, image and autolink starts and ends; ``commonmark_links``),
with their targets decoded (escapes, entities, ``<…>``). A block whose only brackets are plain
``[text](url)`` links is read with one regex that gives the same answers (``plain_links``).

mistune silently drops what is not valid Markdown (a link with a space in its target is plain
text to it), but artlint must point at exactly those. So ``scan_links`` finds, in the block's
own source and around the CommonMark links, what was written to be a link, and the caller
blanks what is not prose.

Everything here runs in time linear in the size of the text, whatever the text: regexes that
could backtrack over a long run of backticks or ``<!--`` are replaced by scans that give the
same spans, brackets are matched once per text with a stack (``Brackets``), and the spans
already taken are looked up by bisection rather than compared one by one.
"""
from __future__ import annotations

import bisect
import re
from array import array
from typing import Iterator

from mistune._inline import links as mistune_links
from mistune.helpers import parse_link, parse_link_href
from mistune.inline_parser import InlineParser
from mistune.util import escape_url, unescape

from artlint.document import html
from artlint.document.buffer import ProseBuffer
from artlint.document.html import html_comments  # noqa: F401 - the comment finder, used here and by callers
from artlint.document.model import Comment, FootnoteRef, Link

# A backtick run opens a code span closed by the next run of the same length (CommonMark 6.1).
# The reference definition of what ``code_spans`` finds; not used to scan (it can take time
# quadratic in the number of backtick runs that close nothing).
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_BACKTICKS = re.compile(r"`+")
# The reference definition of what ``html_comments`` finds (quadratic on many "<!--" alone).
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# (and a web address written as one without its scheme, "<maketradefair.com>": CommonMark shows it
# as text, but the writer meant a link, and the link rules say so)
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)|(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
                       r"|(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?:/[^\s<>]*)?))>")
# A marker is not followed by ":" (that is a definition), unless it sits right after text on its
# line: "**Sustainability**[^2]: maintaining ..." cites note 2 in a run-in label.
# (Written to open with "[", which re skips to in C; the same matches as the plain
# "\[\^(...)\](?!:)|(?<=[^\s>])\[\^(...)\]", whose look-behind re tried at every character.)
_FOOTNOTE_REF = re.compile(r"\[(?:\^([^\]\s]{1,100})\](?!:)|(?<=[^\s>]\[)\^([^\]\s]{1,100})\])")
# URL-ish words, including the scheme typos artlint reports (htp://, hhttps://, http//x, https:/x).
# The reference definition; _BARE_URL finds the same, starting with a character class so that re
# skips in C to the next h, f or w instead of testing the look-behind at every character.
BARE_URL_DEFINITION = r"(?<![\w@/.:])(?:(?i:h+t+p+s*|ftp)(?::/{1,3}|/{2})|(?i:www)\.)[^\s<>\"'`\[\]{}|\\^]+"
_BARE_URL = re.compile(
    r"[hHfFwW](?<![\w@/.:].)"
    r"(?:(?<=[hH])(?i:h*t+p+s*)(?::/{1,3}|/{2})|(?<=[fF])(?i:tp)(?::/{1,3}|/{2})|(?<=[wW])(?i:ww)\.)"
    r"[^\s<>\"'`\[\]{}|\\^]+"
)
# The text may wrap over lines of its paragraph: "(the IEA's\nreport)[https://…]".
_REVERSED_LINK = re.compile(r"\(([^()]{1,300})\)\[([^\[\]\s]{1,2000})\]")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.|h+t+p+s*/)", re.I)
# A reversed link to a file of the site: "(`index.qmd`)[index.qmd]", "(the guide)[docs/guide.md]"
# (a stem of two or more characters and an extension, so "(see)[e.g]" is no file)
_FILE_TARGET = re.compile(r"(?:\.{1,2}/)?(?:[\w-][\w.-]*/)*[\w-][\w.-]*[\w-]\.[A-Za-z][A-Za-z0-9]{0,4}(?:#[\w-]*)?")
_TRAILING_PUNCT = ".,;:!?'\"*_~”’»¹²³⁴⁵⁶⁷⁸⁹⁰"


def code_spans(s: str) -> Iterator[tuple[int, int]]:
    """The spans ``_CODE_SPAN.finditer(s)`` matches, in linear time: a run of backticks not
    preceded by a backslash opens a span that the next run of the same length closes."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(s)]
    following = [-1] * len(runs)  # index of the next run of the same length
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        a, b = runs[k]
        following[k] = last.get(b - a, -1)
        last[b - a] = k
    pos = 0
    for k, (a, _b) in enumerate(runs):
        if a < pos or (a > 0 and s[a - 1] == "\\") or following[k] < 0:
            continue
        pos = runs[following[k]][1]
        yield a, pos


# An HTML superscript note marker: "<sup>7</sup>", "<sup><a href="#fn7">[7]</a></sup>". The prose
# blanks its tags, so it is read in the text; ``note`` is what it shows. The sentence splitter ends
# a sentence after one, and a note number (NOTE_NUMBER) cites the sentence it closes.
SUPERSCRIPT_NOTE = re.compile(
    r"<sup\b[^<>\n]{0,200}>[ \t]*(?:<a\b[^<>\n]{0,200}>[ \t]*)?(?P<note>[^<>\n]{1,20}?)[ \t]*(?:</a>[ \t]*)?</sup>",
    re.IGNORECASE)
NOTE_NUMBER = re.compile(r"\[?\d{1,3}(?:[ \t]*[,–-][ \t]*\d{1,3})*\]?")


def math_spans(s: str) -> Iterator[tuple[int, int]]:
    """TeX math as MathJax, KaTeX and pandoc read it, in linear time: ``$$…$$``, and ``$…$``
    whose opening ``$`` has a character other than a space, a digit, ``[`` or ``{`` right after
    it and whose closing ``$`` (on the same line) has no space or backslash right before it and
    no digit right after it; or, opening with one of those, that holds a TeX command, escape
    or group before its closing ``$`` (``$3\\% = 0.03$``, ``$1 [\\mathrm{J}] $``). So ``$20,000
    and $30,000``, ``$X and $Y``, ``\\$3`` and ``$[REVENUE]`` are not math."""
    display = True
    i = s.find("$")
    while i >= 0:
        if i > 0 and s[i - 1] == "\\":
            i = s.find("$", i + 1)
            continue
        if s.startswith("$$", i):
            j = s.find("$$", i + 2) if display else -1
            if j > i + 2:
                yield i, j + 2
                i = s.find("$", j + 2)
            else:
                display = display and j >= 0  # no later "$$" is closed either
                i = s.find("$", i + 2)
            continue
        line_end = s.find("\n", i)
        if line_end < 0:
            line_end = len(s)
        after = s[i + 1 : i + 2]
        if not after or after.isspace() or after.isdigit() or after in "[{":
            j = _closing_tex_dollar(s, i, line_end) if after and after != "\n" else -1
            if j >= 0:  # "$3\\% = 0.03$", "$1 [\\mathrm{W}] = 1 [\\mathrm{J}] $": TeX, not money
                yield i, j + 1
                i = s.find("$", j + 1)
            else:
                i = s.find("$", i + 1)
            continue
        j = _closing_dollar(s, i + 2, line_end)
        if j < 0:  # no later "$" on this line closes math either
            i = s.find("$", line_end)
            continue
        yield i, j + 1
        i = s.find("$", j + 1)


# A TeX command, escape or group: what money never holds between two dollars
_TEX = re.compile(r"\\(?:[A-Za-z]{2,}|[%,;!{}])|[\^_]\{")
_TEX_REACH = 300  # characters read for the closing "$" of math that opens with a digit or space


def _closing_tex_dollar(s: str, i: int, line_end: int) -> int:
    """The closing "$" (on the line, within reach) of math whose opening "$" at ``i`` has a
    digit, a space, "[" or "{" after it, which only a TeX command inside tells from money; -1
    if there is none."""
    end = min(line_end, i + _TEX_REACH)
    j = s.find("$", i + 1, end)
    while j >= 0 and s[j - 1] == "\\":
        j = s.find("$", j + 1, end)
    if j < 0 or _TEX.search(s, i + 1, j) is None:
        return -1
    return j


def _closing_dollar(s: str, pos: int, line_end: int) -> int:
    j = s.find("$", pos, line_end)
    while j >= 0:
        if s[j - 1] not in " \t\\$" and not (s[j + 1 : j + 2].isdigit() or s.startswith("$", j + 1)):
            return j
        j = s.find("$", j + 1, line_end)
    return -1


class _Taken:
    """Disjoint spans, added left to right: does a new span overlap one of them?"""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, a: int, b: int) -> None:
        self.starts.append(a)
        self.ends.append(b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1  # the last span starting before b
        return i >= 0 and self.ends[i] > a


class Spans:
    """The outermost spans of some links (nested ones lie inside them): which one covers an
    offset, and does a span overlap one?"""

    def __init__(self, links: list[Link]) -> None:
        self.links = sorted(links, key=lambda link: (link.start, -link.end))
        self._link_starts = [link.start for link in self.links]
        self.starts: list[int] = []
        self.ends: list[int] = []
        for link in self.links:
            if not self.ends or link.start >= self.ends[-1]:
                self.starts.append(link.start)
                self.ends.append(link.end)

    def targets(self, start: int, end: int) -> list[tuple[int, int]]:
        """From target to end of each link starting in [start, end) that has a target."""
        i = bisect.bisect_left(self._link_starts, start)
        j = bisect.bisect_left(self._link_starts, end, i)
        return [(link.target_start, link.end) for link in self.links[i:j] if link.target_start >= 0]

    def end_covering(self, offset: int) -> int:
        """The end of the span holding ``offset``, or -1."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.ends[i] if i >= 0 and self.ends[i] > offset else -1

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1
        return i >= 0 and self.ends[i] > a


def mask_code_and_html(
    text: str, chars: ProseBuffer, start: int, end: int, comments: list[Comment], links: list[Link],
    raw_html: list[tuple[int, int]] = (), tags: list[tuple[int, int]] | None = None,
) -> None:
    """Blank code spans, HTML comments, inline HTML tags and autolinks in text[start:end]; add
    autolinks and HTML links (``<a href>``, ``<img src>``) to ``links``.

    ``raw_html``: spans that mistune read as raw HTML in this block; a backtick inside one opens
    no code span (``<a href="`">`` is a tag: what starts first wins). ``tags``: gets the spans
    of its start tags (``html.HtmlScan.tags``)."""
    segment = text[start:end]
    if "`" not in segment and "<" not in segment and "$" not in segment:
        return  # most blocks: no code, tag or math
    code_view = segment
    if raw_html:
        pieces = list(segment)
        for a, b in raw_html:
            pieces[a - start : b - start] = " " * (b - a)
        code_view = "".join(pieces)
    # A comment, autolink or tag is only taken where nothing found before it is (code first).
    code, notes, auto = _Taken(), _Taken(), _Taken()
    for a, b in code_spans(code_view) if "`" in code_view else ():
        chars.blank(start + a, start + b)
        code.add(a, b)

    def free(a: int, b: int) -> bool:
        return not (code.overlaps(a, b) or notes.overlaps(a, b) or auto.overlaps(a, b))

    if "<" in segment:
        _mask_html(text, chars, start, end, comments, links, tags, free, notes, auto)
    if "$" in segment:
        # TeX math (MathJax, KaTeX) is a formula, not prose: "$x_t = r_t + \\pi_t$". Read last,
        # with code and tags blanked: "<span>$</span>80,000" keeps its dollar out of MathJax.
        for a, b in math_spans(chars[start:end]):
            chars.blank(start + a, start + b)


def _mask_html(text: str, chars: ProseBuffer, start: int, end: int, comments: list[Comment], links: list[Link],
               tags: list[tuple[int, int]] | None, free, notes: "_Taken", auto: "_Taken") -> None:
    """The comments, autolinks and tags of ``mask_code_and_html``."""
    segment = text[start:end]
    for a, b in html_comments(segment):
        if free(a, b):
            comments.append(Comment(start + a, start + b, segment[a + 4 : b - 3]))
            chars.blank(start + a, start + b)
            notes.add(a, b)
    for m in _AUTOLINK.finditer(segment):
        if free(m.start(), m.end()):
            s = start + m.start()
            links.append(
                Link("autolink", s, start + m.end(), m.group(1), s + 1, start + m.end() - 1)
            )
            chars.blank(s, start + m.end())
            auto.add(m.start(), m.end())
    if html.has_markup(segment):
        # The tokenizer reads the block with code spans, comments and autolinks blanked.
        found = html.scan_html(text, start, end, inline=True, view=chars[start:end])
        for a, b in found.markup + found.hidden:
            chars.blank(a, b)
        links.extend(found.links)
        if tags is not None:
            tags.extend(found.tags)


def _match_bracket(s: str, i: int, open_: str, close: str, limit: int) -> int:
    """Index of the bracket closing the one at s[i], or -1 (escapes honoured, no newline pairs).

    The reference definition: ``Brackets.match`` gives the same answer in constant time."""
    depth = 0
    j = i
    stop = min(len(s), i + limit)
    while j < stop:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return j
        elif c == "\n" and j + 1 < len(s) and s[j + 1] == "\n":
            return -1
        j += 1
    return -1


# What _match_bracket steps over: an escape pair, a bracket, a newline that starts a blank line.
# ("\\.|[\[\]()]|\n(?=\n)" written to open with a class, which re skips to in C: same matches)
_BRACKET_TOKEN = re.compile(r"[\\\[\]()\n](?:(?<=\\).|(?<=\n)(?=\n)|(?<=[\[\]()]))", re.S)
_CLOSERS = {"[": "]", "(": ")"}


class Brackets:
    """Every ``[``/``]`` and ``(``/``)`` pair of a text, matched once with a stack, so that
    finding the bracket that closes one costs the same on a line of 10 MB as on a short one.

    ``match(i, limit)`` returns what ``_match_bracket(s, i, s[i], closer, limit)`` returns:
    scanning from s[i] the depth first returns to zero at the bracket the stack pairs with it,
    unless a blank line or the limit comes first."""

    def __init__(self, s: str) -> None:
        self.s = s
        self._newlines: array | None = None
        # Built on the first ``match``: most articles' brackets are all inside links CommonMark
        # already found, and are never matched here.
        self._indexed = False

    def _index(self) -> None:
        s = self.s
        # Openers in text order and, at the same index, the offset of each one's partner (-1:
        # none). Two entries per bracket, not one per character of the text.
        code = "i" if len(s) < 2**31 else "q"  # 4 bytes an offset where they fit
        openers, partners = array(code), array(code)
        squares, parens = array(code), array(code)  # indexes into openers of the unclosed ones
        blanks = array(code)
        for m in _BRACKET_TOKEN.finditer(s):
            p = m.start()
            c = s[p]
            if c == "[":
                squares.append(len(openers))
            elif c == "(":
                parens.append(len(openers))
            elif c == "]":
                if squares:
                    partners[squares.pop()] = p
                continue
            elif c == ")":
                if parens:
                    partners[parens.pop()] = p
                continue
            else:
                if c == "\n":
                    blanks.append(p)
                continue  # an escaped character
            openers.append(p)
            partners.append(-1)
        self.openers = openers
        self.partners = partners
        self.blanks = blanks
        self._indexed = True

    def partner(self, i: int) -> int:
        """The offset of the bracket the stack pairs with the opener at ``i`` (-1: none)."""
        if not self._indexed:
            self._index()
        k = bisect.bisect_left(self.openers, i)
        return self.partners[k] if k < len(self.openers) and self.openers[k] == i else -1

    def match(self, i: int, limit: int) -> int:
        s = self.s
        if i > 0 and s[i - 1] == "\\":
            if _backslashes_before(s, i) % 2:  # s[i] is escaped: the stack never saw it as a bracket
                return _match_bracket(s, i, s[i], _CLOSERS[s[i]], limit)
        j = self.partner(i)  # (indexes the text on first use)
        if j < 0 or j >= min(len(s), i + limit):
            return -1
        k = bisect.bisect_left(self.blanks, i)
        if k < len(self.blanks) and self.blanks[k] < j:
            return -1
        return j

    def line_end(self, pos: int) -> int:
        """``s.find("\n", pos)``, or ``len(s)``, without scanning the line."""
        if self._newlines is None:
            self._newlines = array("q", (m.start() for m in re.finditer("\n", self.s)))
        k = bisect.bisect_left(self._newlines, pos)
        return self._newlines[k] if k < len(self._newlines) else len(self.s)


def _backslashes_before(s: str, i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and s[i - n - 1] == "\\":
        n += 1
    return n


def _inline_target(s: str, i: int, brackets: Brackets | None = None) -> tuple[int, int, int, bool]:
    """Parse the ``(...)`` after a link's text, s[i] == '('.

    Returns (target_start, target_end, end, closed). A missing ``)`` on the line leaves the
    link unclosed; its target then runs to the end of the first word.
    """
    brackets = brackets or Brackets(s)
    # CommonMark allows the target to start on the next line: "[t](\n  https://x.org)".
    first = i + 1
    while first < len(s) and s[first] in " \t":
        first += 1
    if first < len(s) and s[first] == "\n":
        first += 1
    line_end = brackets.line_end(first)
    close = brackets.match(i, line_end - i + 1)
    j = i + 1
    if close < 0 or close > line_end:
        k = j
        while k < line_end and not s[k].isspace():
            k += 1
        return j, k, k, False
    inner = s[j:close]
    if inner.startswith("<") and ">" in inner:
        return j + 1, j + inner.index(">"), close + 1, True
    # A trailing "title" is allowed; anything else after the URL is part of a broken target.
    m = re.match(r"^(\s*)(\S*?)(\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*$", inner)
    if m:
        lead = len(m.group(1))
        return j + lead, j + lead + len(m.group(2)), close + 1, True
    return j, close, close + 1, True


def scan_links(text: str, prose: str, start: int, end: int, links: list[Link], refs: list[FootnoteRef],
               brackets: Brackets | None = None, known: Spans | None = None) -> None:
    """Find links written to be links but malformed, text in brackets, bare URLs and footnote
    markers in prose[start:end] (code and HTML already blanked).

    ``brackets``: ``Brackets(prose)``, built once for all the blocks of a document. ``known``:
    the links CommonMark finds (``commonmark_links``); nothing found here overlaps them."""
    s = prose
    i = s.find("[", start, end)
    any_url = _BARE_URL.search(s, start, end) is not None
    if i < 0 and not any_url:
        return  # most blocks: nothing to find
    brackets = brackets if brackets is not None else Brackets(s)
    known = known if known is not None else Spans([])
    found = len(links)
    # Link targets, so bare URLs are not found twice; a CommonMark link is one whole target.
    covered = known.targets(start, end)

    # Footnote markers, bracketed links and reversed links all hold a "[": a block without one
    # (most) is scanned for bare URLs only.
    bracketed = i >= 0
    if bracketed:
        for m in _FOOTNOTE_REF.finditer(s, start, end):
            refs.append(FootnoteRef(m.group(1) or m.group(2), m.start(), m.end()))

    while 0 <= i < end:
        inside = known.end_covering(i)
        if inside >= 0:
            i = s.find("[", inside, end)
            continue
        if i > start and s[i - 1] == "\\" or s.startswith("[^", i):
            i = s.find("[", i + 1, end)
            continue
        close = brackets.match(i, min(end - i, 1000))
        if close < 0:
            i = s.find("[", i + 1, end)
            continue
        image = i > start and s[i - 1] == "!"
        link_start = i - 1 if image else i
        after = close + 1
        if after < end and s[after] == "(":
            t0, t1, stop, closed = _inline_target(s, after, brackets)
            stop = min(stop, end)
            links.append(
                Link("image" if image else "inline", link_start, stop, decode(text[t0:t1]), t0, t1, i + 1, close,
                     closed=closed)
            )
            covered.append((t0, stop))
            i = s.find("[", stop, end)
            continue
        if after < end and s[after] == "[":
            rclose = brackets.match(after, min(end - after, 1000))
            if rclose > 0:
                label = text[after + 1 : rclose]
                kind = "collapsed" if not label.strip() else "reference"
                links.append(
                    Link(kind, link_start, rclose + 1, text_start=i + 1, text_end=close,
                         label=label if label.strip() else text[i + 1 : close])
                )
                i = s.find("[", rclose + 1, end)
                continue
        # "[text] (https://...)": a space where none is allowed; only when the parenthesis holds a URL.
        gap = re.match(r"[ \t]+\(", s[after : min(end, after + 20)])
        if gap and _URLISH.match(s[after + gap.end() : after + gap.end() + 12]):
            p = after + gap.end() - 1
            t0, t1, stop, closed = _inline_target(s, p, brackets)
            links.append(Link("spaced", link_start, stop, text[t0:t1], t0, t1, i + 1, close, closed=closed))
            covered.append((t0, stop))
            i = s.find("[", stop, end)
            continue
        links.append(Link("shortcut", link_start, close + 1, text_start=i + 1, text_end=close,
                          label=text[i + 1 : close]))
        # Look inside: "[[External Link: https://...]]" holds a URL, "[a [b](c)]" a link.
        i = s.find("[", i + 1, end)

    # A malformed link that runs into a CommonMark link is not one (the CommonMark one is),
    # unless the CommonMark link sits inside its target: "[text]([inner](https://x))".
    links[found:] = [link for link in links[found:] if not _runs_into(known, link, s)]
    for m in _REVERSED_LINK.finditer(s, start, end) if bracketed else ():
        target = m.group(2)
        if (_URLISH.match(target) or _FILE_TARGET.fullmatch(target)) and not known.overlaps(m.start(), m.end()):
            t0, t1 = m.start(2), m.end(2)
            links.append(Link("reversed", m.start(), m.end(), text[t0:t1], t0, t1, m.start(1), m.end(1)))
            covered.append((t0, t1))

    if not any_url:
        return
    # Is a bare URL's start inside a target found above? The last span starting at or before
    # it reaches furthest of all (running maximum of the ends).
    covered.sort()
    cover_starts = [a for a, _ in covered]
    reach: list[int] = []
    for _, b in covered:
        reach.append(max(b, reach[-1]) if reach else b)
    for m in _BARE_URL.finditer(s, start, end):
        a, b = m.start(), m.end()
        k = bisect.bisect_right(cover_starts, a) - 1
        if k >= 0 and reach[k] > a:
            continue
        b = _trim_url_end(s, a, b)
        links.append(Link("bare", a, b, text[a:b], a, b))


def _runs_into(known, link: Link, s: str) -> bool:
    if link.kind in ("inline", "image") and 0 <= link.target_start < link.target_end and s[link.target_start] == "[":
        return known.overlaps(link.start, link.target_start)
    return known.overlaps(link.start, link.end)


def _trim_url_end(s: str, a: int, b: int) -> int:
    """Drop trailing punctuation from a bare URL, keeping balanced closing parentheses."""
    opened, closed = s.count("(", a, b), s.count(")", a, b)
    while b > a:
        c = s[b - 1]
        if c in _TRAILING_PUNCT:
            b -= 1
        elif c == ")" and opened < closed:
            b -= 1
            closed -= 1
        else:
            break
    return b


def mask_link_targets(chars: ProseBuffer, links: list[Link]) -> None:
    """URLs are not prose: blank every link target (the link text stays)."""
    for link in links:
        if link.target_start >= 0:
            chars.blank(link.target_start, link.target_end)


# ---- CommonMark links, from mistune's own inline parser ----------------------------------

# A backslash escape or an entity, decoded in a destination as CommonMark says (6.1, 6.2).
_ESCAPE_OR_ENTITY = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def decode(raw: str) -> str:
    """A destination or title as written → as meant: escapes and entities decoded."""
    if "\\" not in raw and "&" not in raw:
        return raw
    return _ESCAPE_OR_ENTITY.sub(lambda m: m.group(1) if m.group(1) is not None else unescape(m.group(0)), raw)


# The common inline destination, "(https://x.org/a)": no title, escape, parenthesis or "<>".
_PLAIN_DESTINATION = re.compile(r"[ \t]*([^\s()<\\\x00-\x1f\x7f]*)[ \t]*\)")


def fast_parse_link(src: str, pos: int, **kwargs):
    """mistune's ``parse_link`` (the part of a link after its "("), with the same answers, the
    common case found with one regex: its own character loop costs more than the rest of a
    paragraph's parse. (Same answers: another thread's mistune may run while it is in place.)"""
    m = _PLAIN_DESTINATION.match(src, pos)
    if m:
        return {"url": escape_url(m.group(1))}, m.end()
    return parse_link(src, pos, **kwargs)


def destination_span(src: str, pos: int, block: bool = False) -> tuple[int, int, int] | None:
    """The destination starting at (or after whitespace from) src[pos]: (start, end) of its
    raw text without the ``<>`` and the offset just after it; None when there is none."""
    # One line break may come before it ("[a](\n/url)", "[a]:\n/url").
    while pos < len(src) and src[pos] in " \t":
        pos += 1
    if pos < len(src) and src[pos] == "\n":
        pos += 1
        while pos < len(src) and src[pos] in " \t":
            pos += 1
    href, after = parse_link_href(src, pos, block=block)
    if href is None:
        return None
    if src[pos] == "<":
        return pos + 1, after - 1, after
    return pos, after, after


class LinkParser(InlineParser):
    """mistune's inline parser, recording where each link and image it makes starts and ends.

    Only the rules that decide where a link is are kept (code spans, escapes, raw HTML and
    autolinks take precedence over brackets; emphasis never does). ``]`` is matched one at a
    time, so that each call of ``parse_link_close`` closes at most one bracket and the link it
    makes, if any, is the token it leaves last."""

    DEFAULT_RULES = ("escape", "codespan", "link", "link_close", "auto_link", "auto_email", "inline_html")

    def __init__(self) -> None:
        super().__init__()
        self.specification["link_close"] = r"\]"
        self.rules.remove("softbreak")

    def parse_link_close(self, m, state):  # type: ignore[override]
        opener = state.brackets[-1] if state.brackets else None
        end = super().parse_link_close(m, state)
        if opener is None or len(state.tokens) != opener.token_index + 1:
            return end
        token = state.tokens[-1]
        if token["type"] in ("link", "image") and "_span" not in token:
            state.env["spans"].append(_link_span(state.src, opener, m.start(), end, token))
            token["_span"] = True
        return end

    def parse_auto_link(self, m, state):  # type: ignore[override]
        return self._autolink(super().parse_auto_link, m, state)

    def parse_auto_email(self, m, state):  # type: ignore[override]
        return self._autolink(super().parse_auto_email, m, state)

    @staticmethod
    def _autolink(parse, m, state) -> int:
        count = len(state.tokens)
        end = parse(m, state)
        if len(state.tokens) > count and state.tokens[-1]["type"] == "link":
            a, b = m.span()
            state.env["spans"].append(("autolink", a, b, -1, -1, a + 1, b - 1, "", ""))
        return end

    def parse_inline_html(self, m, state):  # type: ignore[override]
        end = super().parse_inline_html(m, state)
        if end:
            state.env["html"].append((m.start(), end))
        return end


def _link_span(src: str, opener, close: int, end: int, token: dict) -> tuple:
    """(kind, start, end, text_start, text_end, target_start, target_end, label, title) in src."""
    start = opener.start - (2 if opener.image else 1)
    title = unescape(token["attrs"].get("title") or "")
    if "ref" in token:
        label = token["label"]
        if end == close + 1:
            kind = "shortcut"
        else:
            kind = "collapsed" if end == close + 3 else "reference"
        return kind, start, end, opener.start, close, -1, -1, label, title
    plain = _PLAIN_DESTINATION.match(src, close + 2)
    dest = (plain.start(1), plain.end(1)) if plain else destination_span(src, close + 2)
    t0, t1 = (dest[0], dest[1]) if dest else (close + 2, close + 2)
    return ("image" if opener.image else "inline"), start, end, opener.start, close, t0, t1, "", title


_LINK_PARSER: LinkParser | None = None
# A block whose only brackets are plain "[text](url)" links and footnote markers "[^1]", and
# which holds no escape, code, HTML or entity, reads the same to CommonMark as to this regex
# (while no reference definition has a label starting with "^"): most blocks of an article.
_PLAIN_LINK = re.compile(r"\[(?:([^\[\]]*)\]\(([^\s()<>\\\x00-\x1f\x7f]*)\)|\^[^\[\]\s]+\](?![(\[]))")
_NOT_PLAIN = re.compile(r"[\\`<&]")


def plain_links(segment: str, offset: int) -> list[Link] | None:
    """The links of a block written with plain links only (see ``_PLAIN_LINK``), at their
    offsets in the document (``segment`` starts at ``offset``); None for any other block."""
    if _NOT_PLAIN.search(segment):
        return None
    matches = list(_PLAIN_LINK.finditer(segment))
    if segment.count("[") != len(matches) or segment.count("]") != len(matches):
        return None
    links = []
    for m in matches:
        if m.group(2) is None:
            continue  # a footnote marker
        a, b = m.span()
        image = a > 0 and segment[a - 1] == "!"
        links.append(Link("image" if image else "inline", offset + a - image, offset + b, m.group(2),
                          offset + m.start(2), offset + m.end(2), offset + a + 1, offset + m.end(1)))
    return links


def commonmark_links(src: str, to_source, definitions: dict, html: list[tuple[int, int]]) -> list[Link]:
    """The links, images and autolinks CommonMark finds in one block's inline text ``src``;
    the spans of its raw HTML are added to ``html``.

    ``to_source`` maps an offset into ``src`` to one into the document; ``definitions``: the
    document's reference definitions as mistune keys them (``unikey``)."""
    global _LINK_PARSER
    if _LINK_PARSER is None:
        _LINK_PARSER = LinkParser()
    spans: list[tuple] = []
    tags: list[tuple[int, int]] = []
    state = _LINK_PARSER.state_cls({"ref_links": definitions, "spans": spans, "html": tags})
    state.src = src
    # Only while this parser runs, mistune takes the fast path.
    mistune_links.parse_link = fast_parse_link
    try:
        _LINK_PARSER.parse(state)
    finally:
        mistune_links.parse_link = parse_link
    html.extend((to_source(a), to_source(b)) for a, b in tags)
    out = []
    for kind, a, b, x0, x1, t0, t1, label, title in spans:
        raw = src[t0:t1]
        target = raw if kind == "autolink" else decode(raw) if t0 >= 0 else ""
        t0, t1 = (to_source(t0), to_source(t1)) if t0 >= 0 else (-1, -1)
        x0, x1 = (to_source(x0), to_source(x1)) if x0 >= 0 else (-1, -1)
        out.append(Link(kind, to_source(a), to_source(b), target, t0, t1, x0, x1, label=label, title=title))
    return out
