"""Find links (well-formed and malformed), code spans, inline HTML and footnote markers with
their exact offsets inside one block of text.

mistune gives no positions and silently drops what is not valid Markdown (a link with a space
in its target is plain text to it), but artlint must point at exactly those. So spans are found
here, in the block's own source, and the caller blanks what is not prose.
"""

from __future__ import annotations

import re

from artlint.document.model import Comment, FootnoteRef, Link

# A backtick run opens a code span closed by the next run of the same length (CommonMark 6.1).
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)|(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+))>")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,100})\](?!:)")
# URL-ish words, including the scheme typos artlint reports (htp://, hhttps://, http//x, https:/x).
_BARE_URL = re.compile(
    r"(?<![\w@/.:])(?:(?i:h+t+p+s*|ftp)(?::/{1,3}|/{2})|(?i:www)\.)[^\s<>\"'`\[\]{}|\\^]+",
)
_REVERSED_LINK = re.compile(r"\(([^()\n]{1,300})\)\[([^\[\]\s]{1,2000})\]")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.|h+t+p+s*/)", re.I)
_TRAILING_PUNCT = ".,;:!?'\"*_~”’»¹²³⁴⁵⁶⁷⁸⁹⁰"


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace a span with spaces in a mutable copy of the text, keeping newlines."""
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask_code_and_html(
    text: str, chars: list[str], start: int, end: int, comments: list[Comment], links: list[Link]
) -> None:
    """Blank code spans, HTML comments, inline HTML tags and autolinks in text[start:end]."""
    segment = text[start:end]
    taken: list[tuple[int, int]] = []
    for m in _CODE_SPAN.finditer(segment):
        blank(chars, start + m.start(), start + m.end())
        taken.append((m.start(), m.end()))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _HTML_COMMENT.finditer(segment):
        if free(m.start(), m.end()):
            comments.append(Comment(start + m.start(), start + m.end(), m.group(0)[4:-3]))
            blank(chars, start + m.start(), start + m.end())
            taken.append((m.start(), m.end()))
    for m in _AUTOLINK.finditer(segment):
        if free(m.start(), m.end()):
            s = start + m.start()
            links.append(
                Link("autolink", s, start + m.end(), m.group(1), s + 1, start + m.end() - 1)
            )
            blank(chars, s, start + m.end())
            taken.append((m.start(), m.end()))
    for m in _HTML_TAG.finditer(segment):
        if free(m.start(), m.end()):
            blank(chars, start + m.start(), start + m.end())


def _match_bracket(s: str, i: int, open_: str, close: str, limit: int) -> int:
    """Index of the bracket closing the one at s[i], or -1 (escapes honoured, no newline pairs)."""
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


def _inline_target(s: str, i: int) -> tuple[int, int, int, bool]:
    """Parse the ``(...)`` after a link's text, s[i] == '('.

    Returns (target_start, target_end, end, closed). A missing ``)`` on the line leaves the
    link unclosed; its target then runs to the end of the first word.
    """
    # CommonMark allows the target to start on the next line: "[t](\n  https://x.org)".
    first = i + 1
    while first < len(s) and s[first] in " \t":
        first += 1
    if first < len(s) and s[first] == "\n":
        first += 1
    line_end = s.find("\n", first)
    if line_end < 0:
        line_end = len(s)
    close = _match_bracket(s, i, "(", ")", line_end - i + 1)
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


def scan_links(text: str, prose: str, start: int, end: int, links: list[Link], refs: list[FootnoteRef]) -> None:
    """Find links and footnote markers in prose[start:end] (code and HTML already blanked)."""
    s = prose
    covered: list[tuple[int, int]] = []  # link targets, so bare URLs are not found twice

    for m in _FOOTNOTE_REF.finditer(s, start, end):
        refs.append(FootnoteRef(m.group(1), m.start(), m.end()))

    i = s.find("[", start, end)
    while 0 <= i < end:
        if i > start and s[i - 1] == "\\" or s.startswith("[^", i):
            i = s.find("[", i + 1, end)
            continue
        close = _match_bracket(s, i, "[", "]", min(end - i, 1000))
        if close < 0:
            i = s.find("[", i + 1, end)
            continue
        image = i > start and s[i - 1] == "!"
        link_start = i - 1 if image else i
        after = close + 1
        if after < end and s[after] == "(":
            t0, t1, stop, closed = _inline_target(s, after)
            stop = min(stop, end)
            links.append(
                Link("image" if image else "inline", link_start, stop, text[t0:t1], t0, t1, i + 1, close,
                     closed=closed)
            )
            covered.append((t0, stop))
            i = s.find("[", stop, end)
            continue
        if after < end and s[after] == "[":
            rclose = _match_bracket(s, after, "[", "]", min(end - after, 1000))
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
            t0, t1, stop, closed = _inline_target(s, p)
            links.append(Link("spaced", link_start, stop, text[t0:t1], t0, t1, i + 1, close, closed=closed))
            covered.append((t0, stop))
            i = s.find("[", stop, end)
            continue
        links.append(Link("shortcut", link_start, close + 1, text_start=i + 1, text_end=close,
                          label=text[i + 1 : close]))
        # Look inside: "[[External Link: https://...]]" holds a URL, "[a [b](c)]" a link.
        i = s.find("[", i + 1, end)

    for m in _REVERSED_LINK.finditer(s, start, end):
        if _URLISH.match(m.group(2)):
            t0, t1 = m.start(2), m.end(2)
            links.append(Link("reversed", m.start(), m.end(), text[t0:t1], t0, t1, m.start(1), m.end(1)))
            covered.append((t0, t1))

    for m in _BARE_URL.finditer(s, start, end):
        a, b = m.start(), m.end()
        if any(cs <= a < ce for cs, ce in covered):
            continue
        b = _trim_url_end(s, a, b)
        links.append(Link("bare", a, b, text[a:b], a, b))


def _trim_url_end(s: str, a: int, b: int) -> int:
    """Drop trailing punctuation from a bare URL, keeping balanced closing parentheses."""
    while b > a:
        c = s[b - 1]
        if c in _TRAILING_PUNCT:
            b -= 1
        elif c == ")" and s.count("(", a, b) < s.count(")", a, b):
            b -= 1
        else:
            break
    return b


def mask_link_targets(chars: list[str], links: list[Link]) -> None:
    """URLs are not prose: blank every link target (the link text stays)."""
    for link in links:
        if link.target_start >= 0:
            blank(chars, link.target_start, link.target_end)
