"""A source read once, looked up for every figure that cites it.

Every quantity of every passage is indexed by its unit family and value, so a claim's
candidates come from a binary search, not a scan. A number decides; words only say whether a
candidate number is about the same thing. What a figure measures is written around it ("87 per
cent *of rare earth processing*"), so each quantity keeps the words of its own stretch of the
passage (up to the next figure or the end of the clause), and a candidate states the claim only
when those words cover at least a third of the claim's, each word weighted by how rare it is in
the source (``rare`` and ``earth`` in a rare-earth report say little; ``processing`` against
``mining`` says what is measured). Words the source never uses weigh nothing.

A figure of another year, quarter or month is another figure (a month or quarter only rules a
candidate out; a year also counts as a word), as is a change over another span (a year's, a month's),
and one that rose is not one that fell (a fall is one value two ways: "-2.9%", "fell 2.9 percent"); words that
say only that a figure changed, was revised or rounded, or when, say nothing of what it measures.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from artlint.records import dataclass
from artlint.verify.quantities import Quantity, read, same_unit
from artlint.verify.reading import Passage

_WORD = re.compile(r"[^\W\d_]{4,}")
# A name is a word however short: "Vim", "Nim", "Zig", "macOS", "iOS" (a capital in a word of three
# letters, or a small letter before a capital); not a function word that opens a sentence ("The").
_NAME_WORD = re.compile(r"\b(?:[A-Z][a-z]{2}|[a-z]{1,4}[A-Z]{1,3}[a-z]*)\b")
_STOP = frozenset("""about above after again against also among and another because been before being below
between both could does doing down during each from further have having here into itself just more most
much only other over same should some such than that their them then there these they this those through
under until very were what when where which while whom will with within would year years percent cent
said says according report reported data share total compared estimated nearly almost roughly around
last next previous prior current currently latest recent recently today ago earlier later respectively month months
thousand thousands million millions billion billions trillion""".split())
# (relative times: a claim's "last year" is its source's "this year"; a scale word is the number's, not what it counts;
# "month", as "year", says when: "over the 12 months through July" is July's, not about months)
# (not the point of an abbreviation's single letter: "U.S. mine production", "e.g. the")
_CLAUSE_END = re.compile(r"(?<!\b[^\W\d_])[.]\s|[;!?]\s|\s(?:and|but|while|whereas)\s")
# "between Q4 2013 and Q1 2014": an "and" that ends a span of time or of things, not a clause
_SPAN_END = re.compile(r"\sand\s")
_BETWEEN = re.compile(r"\bbetween\s[^.;,!?]*$", re.I)
_WINDOW = 90  # characters either side of a figure that say what it measures
# A passage holds more words than a figure's stretch, incidental ones among them: it covers less of
# the claim's sentence when it states the same thing.
SENTENCE_COVER = 1 / 4
COVER = 1 / 3  # of the claim's weighted words: at 1/2 most figures a source words differently failed; below 1/4 '70% of mining' starts supporting '60% of processing'

# A figure written with three significant digits or more ("771 responses", "35.5%", "3.95 million")
# that a source repeats to the last digit is seldom there by chance, as a round "20%" can be: the
# words around it need say half as much that it is about the same thing.
PRECISE_DIGITS = 3
_EPSILON = 1e-9  # covers are sums of weights over sets, whose order (and last bits) varies from run to run
PRECISE_COVER = COVER / 2


_SUFFIX = re.compile(r"(?:ies|es|s|ed|ing|ly)$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # a data column's name: "EVShareP50" is "EV Share P50"
# A year situates a figure as much as a word does ("43% below 1990 levels", "78% by 2035"): it is
# kept as a word of its own ("#1990"). Not a year that is itself a figure's number (1990.5, 2030%).
_YEAR = re.compile(r"(?<![\d.,£$€])(1[89]\d\d|20\d\d)(?![\d%]|[.,]\d)")
# A fiscal year written with two digits ("FY20: $825 million", "FY03-05: Total of $3 billion") is its year, as
# "FY2020" is (the ends of a span, as "2003-2005" gives them)
_FISCAL = re.compile(r"\bFY\s?(\d\d)(?:\s?[-–]\s?(\d\d))?\b")


def _century(two: str) -> str:
    return "20" if int(two) < 70 else "19"


# A quarter or a month situates a figure within its year as a year does ("grew by 0.8% in Q1 2014", "1.2%
# in April 2014"): kept as a word of its own ("@q1", "@april"), never a figure ("Q2" is no 2). A month with
# its capital only: "may" is a verb, "march" one too.
_QUARTER = re.compile(r"\bQ([1-4])\b")
# Over what span a change is measured, when a text says it: a year ("annual", "y/y", "over the last 12
# months", "yearly") or a month ("monthly", "over the month", "1-month"): kept as a word of its own ("~12m",
# "~1m") that, as a month does, only rules out a figure measured over the other span. Not "annualized": a
# month's or quarter's change at a yearly rate is not a change over a year.
_OVER_YEAR = re.compile(r"\b(?:annual|annually|yearly|year[- ](?:over|on)[- ]year|y/y|yoy|(?:12|twelve)[- ]months?"
                        r"|over\s+(?:the\s+)?(?:last|past)\s+year|from\s+a\s+year\s+(?:ago|earlier))\b", re.I)
_OVER_MONTH = re.compile(r"\b(?:monthly|month[- ](?:over|on)[- ]month|m/m|(?:1|one)[- ]month|(?:over|in)\s+the\s+month"
                         r"|last\s+month)\b", re.I)
_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
# An acronym is the words it stands for: "ICF" in a source, "international climate finance" in the
# claim. Both become the same word ("=icf"): an acronym as written, and in a claim the initials of
# each run of three or four words (two letters say too little to be one). Not a source's initials:
# among a long report's thousands of runs some would spell the claim's by chance.
_ACRONYM = re.compile(r"\b[A-Z]{3,6}s?\b|\b[A-Z]{2}\b")

# How a figure is rounded is not what it measures: "the GDP estimate of 0.8% to one decimal place"
_ROUNDING = re.compile(r"\b(?:rounded\s+)?to\s+(?:one|two|three|\d)\s+decimal\s+places?\b"
                       r"|\b(?:rounded\s+)?to\s+the\s+nearest\s+[^\W\d_]+", re.I)
_RUN = re.compile(r"[^\W\d_]{3,}(?:[\s-]+[^\W\d_]{3,}){2,3}")
_FUNCTION = frozenset("the and for our its our his her who was are has had not but can all any per via".split())
# Words of three letters that open a sentence with a capital without being a name
_OPENERS = frozenset("""new use one two six ten why how yet now few may out too top end key old see get put set let
say way day off own did got non pre sub""".split())


def topic_words(text: str, initials: bool = False) -> frozenset[str]:
    """Content words, crudely stemmed (a plural or verb ending off, then the first six
    letters: "levels" and "level" are one word), of a claim or a passage; with its years and
    acronyms (see ``_YEAR``, ``_ACRONYM``), and with ``initials`` the acronyms it spells out."""
    text = _ROUNDING.sub(" ", text)
    words = [m.group().lower() for m in _WORD.finditer(_CAMEL.sub(" ", text))]
    out = {_stem(w) for w in words if w not in _STOP}
    out.update(name.lower() for name in _NAME_WORD.findall(text) if name.lower() not in _FUNCTION | _OPENERS)
    out.update("#" + m.group(1) for m in _YEAR.finditer(text))
    out.update("#" + _century(y) + y for m in _FISCAL.finditer(text) for y in m.groups() if y)
    out.update("@q" + m.group(1) for m in _QUARTER.finditer(text))
    if _OVER_YEAR.search(text):
        out.add("~12m")
    if _OVER_MONTH.search(text):
        out.add("~1m")
    months = {m.group(1).lower() for m in _MONTH.finditer(text)}
    if months:
        out -= {_stem(m) for m in months} | months
        out.update("@" + m for m in months)
    out.update("=" + m.group().rstrip("s").lower() for m in _ACRONYM.finditer(text))
    if initials:
        out.update(_initials(text))
    return frozenset(out)


def _period(word: str) -> bool:
    """Is this word of ``topic_words`` a year, a quarter, a month or a change's span: when a figure is, not what
    it measures?"""
    return word[:1] in "#@~"


def _periods(words: frozenset[str], kind: str) -> set[str]:
    """The years ("#"), quarters ("@q") or months (another "@") among ``words``."""
    if kind in ("#", "~"):
        return {w for w in words if w.startswith(kind)}
    quarter = kind == "@q"
    return {w for w in words if w.startswith("@") and (len(w) == 3 and w[1] == "q") == quarter}


def _stem(word: str) -> str:
    """A plural or verb ending off, a final "e" too ("reduce", "reduces", "reduced" are "reduc"),
    then the first six letters."""
    stem = _SUFFIX.sub("", word)
    return (stem[:-1] if stem.endswith("e") and len(stem) > 4 else stem)[:6]


def _initials(text: str) -> set[str]:
    """The acronyms a text spells out: the initials of each run of 3 or 4 words in it, and of each
    name of two capitalised words ("Visual Studio" is a source's "VS", as in "VS Code")."""
    return set(_spelled_out(text))


def _spelled_out(text: str) -> dict[str, frozenset[str]]:
    """``_initials``, each with the words that spell it ("=nhs": "nation", "health", "servic")."""
    out: dict[str, frozenset[str]] = {}
    for run in _RUN.finditer(text):
        words = [w for w in re.split(r"[\s-]+", run.group()) if w.lower() not in _STOP | _FUNCTION]
        for size in range(3, 5):
            for i in range(len(words) - size + 1):
                out.setdefault("=" + "".join(w[0] for w in words[i:i + size]).lower(),
                               frozenset(_stem(w.lower()) for w in words[i:i + size]))
    for name in re.finditer(r"(?=(\b[A-Z][a-z]{2,}[\s-]+[A-Z][a-z]{2,}\b))", text):
        first, second = re.split(r"[\s-]+", name.group(1))
        out.setdefault("=" + (first[0] + second[0]).lower(), frozenset({_stem(first.lower()), _stem(second.lower())}))
    return out


def around(text: str, start: int, end: int, before_limit: int = 0, after_limit: int | None = None) -> frozenset[str]:
    """The topic words of a figure's own stretch of ``text``: back to the clause's start (or
    ``before_limit``), on to its end (or ``after_limit``), at most ``_WINDOW`` characters each way."""
    before, after = sides(text, start, end, before_limit, after_limit)
    return before | after


def sides(text: str, start: int, end: int, before_limit: int = 0,
          after_limit: int | None = None, initials: bool = False, asides: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """``around``'s words, before the figure and after it (what it is a figure *of*); a figure in an aside
    between dashes, unless not ``asides``, has only the aside's words."""
    after_limit = len(text) if after_limit is None else after_limit
    head = text[max(before_limit, start - _WINDOW):start]
    cuts = [m for m in _CLAUSE_END.finditer(head) if not _SPAN_END.fullmatch(m.group()) or not _BETWEEN.search(head, 0, m.start())]
    if cuts:
        head = head[cuts[-1].end():]
    tail = text[end:min(after_limit, end + _WINDOW)]
    cut = next((m for m in _CLAUSE_END.finditer(tail)
                if not _SPAN_END.fullmatch(m.group()) or not _BETWEEN.search(tail, 0, m.start())), None)
    if cut:
        tail = tail[:cut.start()]
    relative = _RELATIVE.search(tail)
    if relative:
        tail = tail[:relative.start()]
    closed = _DASH.search(tail)
    if asides and closed and _aside(text, start):  # "E85—a blend of 85 percent ethanol and 15 percent gasoline—because stations must ...": an aside
        opened = list(_DASH.finditer(head))
        head, tail = head[opened[-1].end():] if opened else head, tail[:closed.start()]
    return topic_words(head, initials), topic_words(tail, initials)


# A relative clause after a comma says more of what the figure is of, not what it measures: "resources are about 25
# million tons, the vast majority of which are in sediment-hosted copper deposits" (the deposits hold a part of it)
_RELATIVE = re.compile(r",\s+(?:(?:the\s+)?(?:[^\W\d_]+\s+){0,2}of\s+)?(?:which|whom|whose)\b", re.I)
_DASH = re.compile(r"—|\s(?:–|--)\s")  # a dash that opens or closes an aside (not a hyphen, nor a span's "2024–2026")


def _aside(text: str, start: int) -> bool:
    """Does a dash open an aside before ``start`` in its sentence (one not closed before it)?"""
    head = text[max(0, start - 2 * _WINDOW):start]
    head = head[max((m.end() for m in re.finditer(r"[.;!?]\s", head)), default=0):]
    return len(_DASH.findall(head)) % 2 == 1


# Between two figures, a comma or semicolon parts what each is about: "33% frequently, 40%
# occasionally" (frequently is the 33%'s), "generating tests (49%), suggesting best practices (47%)".
_PARTS = re.compile(r"[,;](?=\s)")
# The words of a comparison's frame, which say that a figure changed, not what it measures
# ("a 40% increase from last year's 20%", "down to 28% compared with last year's 30.5%").
_FRAME = frozenset(_stem(w) for w in """increase increased increasing decrease decreased rise rose risen rising fall
fell fallen falling drop dropped grow grew growth gone went compared comparison versus jump jumped climb climbed
decline declined change changed grown higher lower fewer
revise revised revision revisions previously estimate estimated estimates published follow follows followed following""".split())  # "revised up from the previously estimated 0.6%"
# Which way a change went: a figure that rose is not one that fell ("output increased by 0.5%" is not
# "construction output decreased by 0.5%").
_UP = frozenset(_stem(w) for w in "increase increased increasing rise rose risen rising grow grew grown growth jump jumped "
                "climb climbed higher gain gained above".split())
_DOWN = frozenset(_stem(w) for w in "down decrease decreased decreasing fall fell fallen falling drop dropped decline declined "
                  "lower fewer contract contracted contraction dip dipped below wane waned waning".split())


# An estimate given as one since revised: "revised down from 0.4%", "revised up from the previously estimated
# 0.6% increase", "the previous estimate of 3.1%"
_SUPERSEDED = re.compile(r"(?:\brevised\s+(?:(?:up|down)(?:wards)?\s+)?from|\bpreviously\s+(?:estimated|published|reported)(?:\s+estimate\s+(?:of|was))?"
                         r"|\b(?:previous|earlier|first|initial)\s+estimate\s+(?:of|was))\s+(?:(?:an?|the)\s+)?$", re.I)


def superseded(text: str, start: int) -> bool:
    """Is the figure at ``text[start]`` an earlier estimate that the text says was revised?"""
    return bool(_SUPERSEDED.search(text, max(0, start - 60), start))


_TO_LEVEL = re.compile(r"\b(?:to|from|below|under|above)\s+(?:(?:just|about|around|nearly|almost|only|over|under|below|above)\s+)?$", re.I)
_WAY_BEFORE = re.compile(r"((?:[^\W\d_]+\W+){0,3})$")  # "increased by", "a decrease of", "fell"
_WAY_AFTER = re.compile(r"\W*((?:[^\W\d_]+\W+){0,2})")  # "higher", "fewer than", "increase in"


def way(text: str, start: int, end: int) -> str:
    """Which way the figure at ``text[start:end]`` says something changed, from the words right
    beside it ("increased by 0.5%", "a decrease of 6.4%", "10,000 fewer", "3.1% higher"): "up",
    "down", or "" (neither, or both). Only the words beside it: in "to increase cuts, allowances
    will be reduced by 2.2%", the cuts increase, the 2.2% is a reduction."""
    if _TO_LEVEL.search(text, max(0, start - 12), start):
        return ""  # "fell to 2.4%", "down from 1.9%", "has fallen below 3%": a level reached or left, not a change's size
    head = _WAY_BEFORE.search(text[max(0, start - 40):start])
    tail = _WAY_AFTER.match(text, end, min(len(text), end + 30))
    words = {_stem(w.lower()) for side in (head, tail) if side for w in _ANY_WORD.findall(side.group(1))}
    up, down = bool(words & _UP), bool(words & _DOWN)
    return "up" if up and not down else "down" if down and not up else ""


# A figure that is a difference from another value: "10,000 more than a year earlier", "13,000 fewer than"
_DIFFERENCE = re.compile(r"\s*(?:more|fewer|less|higher|lower|greater|smaller|larger)\s+than\b", re.I)
# A figure that compares two things, not a change over time: "125 to 150 basis points above neutral", "neutral is
# 125 to 150 basis points lower than the current setting" (the same difference seen from either side)
_COMPARED = re.compile(r"\s*(?:above|below)\b|" + _DIFFERENCE.pattern, re.I)


def comparison(text: str, end: int) -> bool:
    """Is the figure ending at ``text[end]`` a difference between two things, said by the words right after it?"""
    return bool(_COMPARED.match(text, end))


# The span a change is measured over ("rose 2.6 percent over the 12 months ending in May", "the 12-month
# change"): a word of when (``_OVER_YEAR``), not a figure whose stretch would end the change's own at "12" and
# take its month ("May") from it
_TWELVE_MONTHS = re.compile(r"(?:12|twelve)[- ]months?\b", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:the|past|last)\s+$", re.I)


# The year, season or quarter a figure is of, written right after it: "rise by 6 percent in 2025 (y/y)", "a 2 percent
# fall in the 2025-26 season", "rose 5 percent in 2025Q3". Not a list of them ("by 11 and 9 percent in 2026 and 2027
# respectively"), nor a span ("in 2016-2018" is two years' change, kept as its first year by ``topic_words``).
_WHEN_AFTER = re.compile(r"\s*(?:\((?:y/y|q/q|yoy)\)\s*)?(?:in|for|during)\s+(?:the\s+)?"
                         r"((?:1[89]|20)\d\d)(?:([-–/])(\d\d(?:\d\d)?)|(Q[1-4]))?\b(?!\s*(?:,|and|or|to)\s*(?:1[89]|20)\d\d)", re.I)


def when(text: str, end: int) -> str:
    """The period the figure ending at ``end`` is of, when the words right after it say ("2025", "2025-26" for a
    season or marketing year however written, "2025q3"); "" when they do not."""
    found = _WHEN_AFTER.match(text, end)
    if found is None:
        return ""
    year, _joint, tail, quarter = found.groups()
    if tail:
        if (int(tail) - int(year)) % 100 != 1:
            return ""  # "2016-2018", "2003-05": a span of years, not a season
        return f"{year}-{tail[-2:]}"
    return year + quarter.lower() if quarter else year


def span_of_change(text: str, start: int) -> bool:
    """Is the number at ``text[start]`` the twelve months a change is measured over?"""
    return bool(_TWELVE_MONTHS.match(text, start)) and bool(_SPAN_BEFORE.search(text, max(0, start - 8), start))


def _parted(left: str, right: str) -> bool:
    """Does a comma between figures of these kinds part what each is about?"""
    return left == right or left != ""


# A sentence that opens with a clause of its own, ended by a comma ("With ..., ", "As ..., ", "Although ..., ")
_INTRODUCTORY = re.compile(r"\s*(?:with|as|since|after|although|though|while|because|if|when|once|until|despite)\s+[^,;:]*$",
                           re.I)
_OPENING_ENDS = re.compile(r"\s*[)\]]?\s*,")


def stretches(text: str, spans: list[tuple[int, int]], kinds: list[str] | None = None,
              initials: bool = False, links: list[int] | None = None, asides: bool = True) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The words before and after each figure of ``text`` (``spans``, in order): its own stretch
    (``sides``), up to the figure before it and the figure after it, the text between two figures
    parted at a comma (``_PARTS``). A figure whose own words before it say only that something
    changed, or when ("30% this year vs 20% last year", "from 16.5% to 35.5%", "a 40% increase from
    last year's 20%", "31% and 20%"), is the same measure as the figure before it, another year's
    or group's value of it: it has the words before it of the last figure of its kind (``kinds``:
    their units, "" for a plain number). Not parted by a comma from a plain number before it: in "of
    the 1,200 firms surveyed, 45% said", the firms are what the 45% is a share of. A difference ("1.58
    million people were employed in the NHS, 10,000 more than for December 2013 and 12,000 more than a
    year earlier") is a change of the last figure of its kind that is not one, and has all its words."""
    kinds = kinds or [""] * len(spans)
    differences = [bool(_DIFFERENCE.match(text, end)) for _start, end in spans]
    out: list[tuple[frozenset[str], frozenset[str]]] = []
    for k, (start, end) in enumerate(spans):
        before_limit, after_limit = 0, len(text)
        if k:
            prev_end = spans[k - 1][1]
            cuts = list(_PARTS.finditer(text, prev_end, start)) if _parted(kinds[k - 1], kinds[k]) else []
            before_limit = cuts[-1].end() if cuts else prev_end
        if k + 1 < len(spans):
            next_start = spans[k + 1][0]
            cut = _PARTS.search(text, end, next_start) if _parted(kinds[k], kinds[k + 1]) else None
            after_limit = cut.start() if cut else next_start
        before, after = sides(text, start, end, before_limit, after_limit, initials, asides)
        alike = next((j for j in range(k - 1, -1, -1) if kinds[j] == kinds[k]), None)
        link = -1
        if alike is not None and not any(w not in _FRAME and not _period(w) for w in before):
            before, link = out[alike][0], alike
        if differences[k]:
            level = next((j for j in range(k - 1, -1, -1) if kinds[j] == kinds[k] and not differences[j]), None)
            if level is not None:
                before, link = before | out[level][0] | out[level][1], level
        if links is not None:
            links.append(link)  # the figure whose measure this one is another value of (-1: none)
        out.append((before, after))
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    passage: Passage
    quantity: Quantity | None  # the figure in it (None: a passage on the topic without one)


@dataclass(frozen=True, slots=True)
class Description:
    """What a claim's figure is about, three ways: the words on the side of it the source uses
    (``SourceIndex.measures``), its whole clause, and its whole sentence."""
    measures: frozenset[str]
    clause: frozenset[str]
    sentence: frozenset[str]
    item: frozenset[str] = frozenset()  # in "A and B ... 31% and 20% respectively", the figure's item (B)
    other_items: frozenset[str] = frozenset()  # and the others' (A): a passage about A is not about it
    way: str = ""  # "up" or "down" (``way``)
    names: tuple[tuple[str, frozenset[str]], ...] = ()  # names the claim spells out whose acronym the source uses
    superseded: bool = False  # the claim gives its figure as an earlier estimate ("revised up from the previously estimated 0.6%")
    theirs: frozenset[str] = frozenset()  # words of the sentence only its other figures' stretches have
    counted: tuple[str, ...] = ()  # what the figure counts, if a count (``counted``)
    compared: bool = False  # its way is a comparison of two things ("50 basis points above neutral"; ``compared``)
    when: str = ""  # the period written right after it ("rise by 6 percent in 2025"; ``when``)
    subject: str = ""  # the subject of its clause ("DAP prices" are forecast to rise by 6 percent; ``subject``)
    seasons: frozenset[str] = frozenset()  # the seasons or marketing years its sentence names ("2024-25"; ``seasons``)


@dataclass(frozen=True, slots=True)
class _Entry:
    passage: int
    quantity: Quantity
    words: frozenset[str]  # what the figure measures
    charted: bool = False  # a figure of a chart, about what the whole chart is about (``_charted``)
    subgroup: frozenset[str] = frozenset()  # "Among respondents who have used it for years, 61% ...": the group's words
    way: str = ""  # "up" or "down": the change it states went that way (``way``)
    superseded: bool = False  # an estimate the passage gives as revised since ("0.3%, revised down from 0.4%")
    dated: bool = False  # a cell of a table whose rows are periods ("June 2023 ... 0.3 0.3 2.9 3.0"): the row's month
    parts: frozenset[int] = frozenset()  # where the figures that subdivide it start ("17 recommendations: 13 ... and 4 ...")
    counted: tuple[str, ...] = ()  # the words of what a count counts, right after it ("5 million natural gas vehicles")
    compared: bool = False  # its way is a comparison of two things ("50 basis points lower than the setting"; ``compared``)
    when: str = ""  # the period written right after it ("in 2025", "in the 2025-26 season"; ``when``)


# What a number written in a passage may be worth once its scale word or unit is read: "4,200
# million" is 4.2e9, "0.6 of" is 60%. A passage is parsed only when one of its numbers, times
# one of these, falls where a claim looks (parsing every sentence of a long report would cost
# a thousand times more than the lookup).
_SCALES = (1.0, 1e2, 1e3, 1e6, 1e9, 1e12, 1e-3)
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?|(?<!\d)\.\d+")  # .2397 too (a data file's fraction); not a comma after
_NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
                           r"sixty|seventy|eighty|ninety|hundred|thousand|half|third|quarter|double|twice)\b", re.I)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_WHOLE_INDEX = frozenset({"item"})  # a price index's "All items" row is the index itself
_INFLATION = _stem("inflation")  # what an article calls a price index's own change (``reading._table_rows`` says it)
_CLOSEST_READ = 12  # passages parsed to find the closest one when none states the figure
_KIND_BEFORE = re.compile(r"\b(?=([^\W\d_]{4,})\s+([^\W\d_]{3,})\b)")  # a word and the noun after it ("copper prices")
DISTINCTIVE = 0.05  # a word in at most this share of a source's passages singles out what a claim is about
_SHORT_WORD = re.compile(r"\b[a-z]{3}\b")  # "tin", "oil", "ore": a name that ``topic_words`` leaves out


class SourceIndex:
    """Passages read once (their words and numbers); a passage's quantities are parsed the
    first time a claim could be stated in it, and kept."""

    def __init__(self, passages: tuple[Passage, ...] | list[Passage]) -> None:
        self.passages = list(passages)
        self.words = [topic_words(p.text + " " + p.context) for p in self.passages]
        counts: dict[str, int] = {}
        for words in self.words:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        n = len(self.passages)
        self.weight = {w: math.log((n + 1) / (c + 0.5)) for w, c in counts.items()}
        self._absent_year = math.log((n + 1) / 0.5)  # a year has no synonym: one the source never gives weighs most
        # every number of every passage at every scale, sorted: the passages one of whose numbers may be a claim's
        # value come from a binary search, not a scan of them all (``_near``)
        self._scaled = sorted((x * m, i) for i, p in enumerate(self.passages)
                              for x in _numbers(p.text) for m in _SCALES)
        self._scaled_values = [v for v, _i in self._scaled]
        self._worded = frozenset(i for i, p in enumerate(self.passages) if _NUMBER_WORDS.search(p.text))
        self._entries: dict[int, list[_Entry]] = {}  # passage -> its parsed quantities
        self._initials: dict[int, frozenset[str]] = {}  # passage -> the acronyms it spells out
        self._labels: dict[int, frozenset[str]] | None = None  # table row passage -> its label's words
        self._row_words: dict[int, frozenset[str]] | None = None  # the same, as ``_row_named`` reads them
        self._row_set: frozenset[frozenset[str]] = frozenset()
        self._named_rows: dict[tuple, tuple[int, bool] | None] = {}  # a claim's words -> (most words a row shares, one in full)
        self._rare = math.log((n + 1) / (DISTINCTIVE * n + 0.5)) if n else 0.0  # the weight of a distinctive word
        self._season_of: dict[int, frozenset[str]] = {}  # passage -> the seasons it names
        self._short: dict[str, int] = {}  # a short word of a claim's subject -> the passages that use it
        self._own_years: dict[int, frozenset[str]] = {}  # passage -> the years it is of (``_years_of``)
        self._users: dict[str, list[int]] | None = None  # a word -> the passages that use it (``_using``)

    def _parsed(self, i: int) -> list[_Entry]:
        found = self._entries.get(i)
        if found is None:
            text, quantities = read(self.passages[i].text)
            quantities = [q for k, q in enumerate(quantities) if not _glossed(text, quantities, k)
                          and not span_of_change(text, q.start)]
            context = topic_words(self.passages[i].context)
            found = []
            spans = [(q.start, q.end) for q in quantities]
            charted, chart = self._charted(i, text, spans)
            titled = self._title(i) if _labelled(text, spans) else frozenset()
            ticks = _axis(quantities, _runs(text, spans)) if charted else frozenset()
            table = self.passages[i].table
            dated = table and any(w[:1] == "@" for w in topic_words(self.passages[i].context.split(". ", 1)[0]))
            for k, (q, (before, after)) in enumerate(zip(quantities, stretches(text, spans, ["" if q.unit == "count" else q.unit for q in quantities]))):
                if table:  # a table's column of changes: its sign says which way ("-4.8" fell, "4.8" rose)
                    went = "down" if q.value < 0 else "up" if q.value > 0 else ""
                    found.append(_Entry(i, q, before | after | context, False, frozenset(), went, False, dated))
                    continue
                if k not in ticks:
                    group, went, old = _subgroup(text, q.start), way(text, q.start, q.end), superseded(text, q.start)
                    own, others = _respective(text, spans, k)
                    if own:  # "1.9% and 1.7% in January and February respectively": the 1.9% is January's
                        before, after = (before | own) - others, after - others
                    if k in charted:
                        found.append(_Entry(i, q, _row(chart, text, q.start) | context, True, group, went, old))
                    else:
                        found.append(_Entry(i, q, before | after | titled | context, bool(titled), group, went, old,
                                            parts=_parts(text, quantities, k), counted=counted(text, q.end),
                                            compared=comparison(text, q.end), when=when(text, q.end)))
            self._entries[i] = found
        return found

    def _charted(self, i: int, text: str, spans: list[tuple[int, int]]) -> tuple[frozenset[int], frozenset[str]]:
        """The figures of passage ``i`` that a chart gives, and what the chart is about. A PDF's text
        gives a bar chart as a run of bare figures and then its labels ("47% 29% 2% 0% 16% Very
        Somewhat Not very Not at all Don't know"): no figure stands by its own words, so each is about
        what the whole chart is about, its labels and the title or question before it (the previous
        sentence of its page, when the passage opens with the run)."""
        here = self.passages[i]
        runs = _runs(text, spans) if here.location.startswith("page") and not here.line else []
        if not runs:
            return frozenset(), frozenset()
        outside = "".join(text[a:b] for a, b in _gaps(len(text), [(spans[r[0]][0], spans[r[-1]][1]) for r in runs]))
        words = topic_words(outside)
        first = spans[runs[0][0]][0]
        if not text[:first].strip(" \t\n0123456789."):  # the run opens the passage: its title is before it
            words |= self._title(i)
        return frozenset(k for r in runs for k in r), words

    def _title(self, i: int) -> frozenset[str]:
        """The words of the sentence before passage ``i`` on its PDF page (a chart's title or question)."""
        if i == 0 or not self.passages[i].location.startswith("page"):
            return frozenset()
        before, here = self.passages[i - 1], self.passages[i]
        return self.words[i - 1] if not before.line and before.location == here.location else frozenset()

    def _neighbours(self, i: int) -> frozenset[str]:
        """The words of the sentences either side of passage ``i`` (of its page, in a PDF)."""
        out: frozenset[str] = frozenset()
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.passages) and not self.passages[j].line and \
                    self.passages[j].location == self.passages[i].location:
                out |= self.words[j]
        return out

    def _candidates(self, claim: Quantity, down: bool = False) -> list[_Entry]:
        """The figures that give the claim's value. A fall is one value two ways: the claim's "-2.9%"
        is a source's "fell 2.9 percent", and a claim's "down 2.9%" (``down``) a table's "-2.9"; never
        a rise ("-4.8%" is not "rose 4.8 percent", nor a table's "4.8")."""
        lo, hi = (claim.low, claim.high) if claim.low is not None and claim.high is not None else claim.interval()
        lo, hi = min(lo, hi) - abs(hi - lo) - 1e-9, max(lo, hi) + abs(hi - lo) + 1e-9
        lo, hi = (0.0, max(-lo, hi)) if lo < 0 else (lo, hi)  # a passage's numbers are read without their sign
        flipped = _negated(claim)
        out = []
        for i in self._near(lo, hi):
            for e in self._parsed(i):
                if not same_unit(claim.unit, e.quantity.unit):
                    continue
                if claim.accepts(e.quantity) or (
                        claim.value < 0 < e.quantity.value and e.way == "down" and flipped.accepts(e.quantity)) or (
                        down and e.quantity.value < 0 < claim.value and claim.accepts(_negated(e.quantity))):
                    out.append(e)
        return out

    def _near(self, lo: float, hi: float) -> list[int]:
        """The passages, in order, with a number that times one of ``_SCALES`` is from ``lo`` to ``hi``, and
        those with a number in words (whose value only parsing tells)."""
        if not lo <= hi:  # an empty window (or a NaN end): no number is in it
            return sorted(self._worded)
        found = self._scaled[bisect_left(self._scaled_values, lo):bisect_right(self._scaled_values, hi)]
        return sorted(self._worded.union(i for _v, i in found))

    def cover(self, claim_words: frozenset[str], words: frozenset[str], frame: bool = False) -> float:
        """How much of the claim's weighted words ``words`` hold (words the source lacks weigh 0,
        as it may word them otherwise; not a year it lacks). A month or a quarter weighs nothing: it
        only rules out a figure of another (``support``). Nor, unless ``frame``, does a word of a
        change's frame: that a figure rose says nothing of what rose ("output increased by 0.3%" is
        not manufacturing's "increase of 0.3%")."""
        total = sum(self._weigh(w, frame) for w in claim_words)
        if total <= 0:
            return 0.0
        return sum(self._weigh(w, frame) for w in claim_words & words) / total

    def _weigh(self, word: str, frame: bool = False) -> float:
        if word[:1] in "@~" or word in _FRAME and not frame:
            return 0.0
        found = self.weight.get(word)
        if found is not None:
            return found
        return self._absent_year if _period(word) else 0.0

    def measures(self, before: frozenset[str], after: frozenset[str]) -> frozenset[str]:
        """What a claim's figure measures, as far as this source can tell: the words after it
        ("60% *of rare earth processing*"), else those before it, that the source uses. Not a side
        that says only when, or that something changed ("output increased *by 0.5% in Q2 2014*"):
        then both sides."""
        periods = frozenset(w for w in after | before if _period(w))
        for words in (after, before):
            if any(self.weight.get(w) and not _period(w) and w not in _FRAME for w in words):
                return words | periods
        return after | before

    def described(self, sentence: str, start: int, end: int) -> Description:
        """What the figure at ``sentence[start:end]`` is about, in the three views ``support`` weighs.
        Its clause stops at the sentence's other figures, as a source figure's stretch does ("82% of
        all GHGs by 2050, with an interim of 48% by 2030": 2030 and "interim" are the 48%'s)."""
        spans = sorted([(m.start(), m.end()) for m in _NUMBER.finditer(sentence) if not _YEAR.fullmatch(m.group())
                        and not (m.start() and sentence[m.start() - 1].isalpha())  # a label: "Q2", "H1"
                        and not span_of_change(sentence, m.start())
                        and (m.end() <= start or m.start() >= end)] + [(start, end)])
        at = spans.index((start, end))
        links: list[int] = []
        kinds = [_kind(sentence, a, b) for a, b in spans]
        every = stretches(sentence, spans, kinds, initials=True, links=links)
        if not any(self.weight.get(w) for w in every[at][0] | every[at][1]) and _aside(sentence, start):
            links.clear()  # an aside the source words otherwise ("back wages", "Backwages"): its sentence says more
            every = stretches(sentence, spans, kinds, initials=True, links=links, asides=False)
        before, after = every[at]
        if _INTRODUCTORY.match(sentence, 0, start) and _OPENING_ENDS.match(sentence, end):
            # "With the unemployment rate nearing 6-1/2 percent, the Committee has updated its forward guidance":
            # an opening clause that ends with the figure has what it measures; the main clause is about another thing
            after = frozenset()
        # what only another figure of the sentence measures: in "production rose by 0.3% and manufacturing
        # by 0.2%", manufacturing is the 0.2%'s. Not a figure of the same measure ("51% chose it, whereas
        # 35.5% did last year"), linked to this one by ``stretches``.
        group = [k if links[k] < 0 else links[k] for k in range(len(spans))]
        for k in range(len(group)):
            while group[group[k]] != group[k]:
                group[k] = group[group[k]]
        theirs = {w for k, (b, _a) in enumerate(every) if group[k] != group[at] and kinds[k] == kinds[at] for w in b
                  if not _period(w) and w not in _FRAME} - before - after
        whole = topic_words(sentence, initials=True)
        own, others = _respective(sentence, spans, at)
        if own:  # "Wales and Northern Ireland cut emissions by 31% and 20% respectively": the 20% is Northern Ireland's
            before, after = (before | own) - others, after - others
            whole = (whole | own) - others
        measures = self.measures(before, after)
        base = _BASE.search(sentence, end, spans[at + 1][0] if at + 1 < len(spans) else len(sentence))
        if base:  # "grew by 0.7% in Q1 2014 compared with Q4 2013": Q4 2013 is what it is compared with, not its time
            # (not a year alone: "a reduction of 21% compared to 2005" is a baseline that says what is measured; but
            # "recycled in 2025 increased by 3% compared with that in 2024": a figure of its own year is that year's)
            compared = {w for w in topic_words(sentence[base.end():]) if _period(w)}
            own_time = {w for w in topic_words(sentence[end:base.start()]) | before if _period(w)}
            own_year = {"#" + y for y in _IN_YEAR.findall(sentence, 0, base.start())} & own_time  # "in 2025", not "(2013-2020)"
            if own_time and any(w.startswith("@") or w.startswith("#") and own_year for w in compared):
                measures = measures - (compared - own_time)
        if any(_period(w) for w in measures) and not any(self.weight.get(w) and not _period(w) and w not in _FRAME
                                                         for w in measures):
            # its stretch says only when ("rose by 0.8% in Q1 2014"): what it measures is in its sentence, not
            # in a year that any figure of the source may share
            measures = measures | {w for w in whole if not _period(w)}
        names = tuple((acronym, words) for acronym, words in _spelled_out(sentence).items()
                      if self.weight.get(acronym) and acronym in whole)
        return Description(measures, before | after, whole, own, others, way(sentence, start, end), names,
                           superseded(sentence, start), frozenset(theirs), counted(sentence, end), comparison(sentence, end),
                           when(sentence, end), subject(sentence, start), seasons(sentence))

    def support(self, about: Description, entry: _Entry, precise: bool = False, stated: bool = False) -> float:
        """How far a candidate is about what the claim's figure is: the best of its own stretch
        against what the figure measures or its whole clause, and of its passage against the
        claim's sentence (a source that words the figure otherwise, or says what it is about in
        the sentence but not beside the number). Nothing when another figure of
        its passage measures the claim's thing more closely: "about 70% of mining, and 87
        percent of processing" is about processing through its 87 percent, not its 70%. Not a
        PDF line's words: a line is a piece of a sentence, not what it is about. A PDF table's row
        is read whole, as an HTML table's is (its label, its columns' headings and its table's title say
        what its cells are of), for a cell that gives the claim's value itself (``stated``)."""
        spelled = self._spelled(entry.passage)  # the claim's "GHG" is the passage's "greenhouse gas"

        def named(words: frozenset[str]) -> frozenset[str]:
            """A name the claim spells out is one word: the source's "NHS" is its "National Health
            Service", and "added" alone is not "gross value added"."""
            for acronym, name in about.names:
                words = words | name | {acronym} if acronym in words or name <= words else words - name
            return words

        measured = self.cover(about.measures, named(entry.words) | spelled)
        if _another_period(about, entry):
            return 0.0  # "43% below 2005 levels" is not "43% below 1990 levels", nor June's 1.2% April's, nor a 2027
            # forecast of "2 percent in 2027" the claim's "2 percent in 2026"
        if self._dated_otherwise(about, entry):
            return 0.0  # "refined zinc production in 2024 was forecast to ... 13.7 million tons, and consumption ... to
            # 13.8 million tons": a figure that names no year of its own is of its passage's years, not the claim's 2025
        if about.seasons and not about.seasons & self._seasons(entry.passage) and self._seasons(entry.passage) and \
                not self.passages[entry.passage].table:
            return 0.0  # "production is forecast to rise by 34 percent" in the 2024-25 season, not in the 2025-26 one
        if not precise and self._unnamed(about, entry):
            return 0.0  # "DAP prices are forecast to rise by 6 percent in 2025": not "copper prices ... 6 percent increase in 2025"
        row = self.passages[entry.passage].table or bool(self.passages[entry.passage].context)  # a table's row or cell
        if row and len(_periods(about.measures, "#")) == 2 == len(
                _periods(entry.words, "#")) and _periods(about.measures, "#") != _periods(entry.words, "#"):
            return 0.0  # a table's row for 2012-2016 is not the claim's 2016-2020, though both name 2016
        if entry.dated and not _periods(about.measures, "@") and not _periods(about.measures, "@q"):
            return 0.0  # a table whose rows are months gives one figure a month: a claim that names none is not one of them
        if self.passages[entry.passage].table and "~1m" in entry.words and not _periods(about.measures, "~") \
                and (entry.dated or not _periods(about.measures, "@") & _periods(entry.words, "@")):
            return 0.0  # a change that does not say over what span is the year's ("Hotels: -4.8%"), not a month's;
            # but "rose 0.6 percent in September" is the month's change a column of monthly changes to September gives
        if self.passages[entry.passage].table and self._broader(entry.passage, about.measures):
            return 0.0  # "Other fats and oils including peanut butter" is not the table's own row for peanut butter
        if self.passages[entry.passage].table and not self._row_named(entry.passage, about):
            return 0.0  # "Beer, ale, and other malt beverages at home: 6.0%" does not state the core index's 6.0 percent
        if entry.superseded and not about.superseded:
            return 0.0  # "GDP grew by 0.3%, revised down from 0.4%": the source's estimate is 0.3%, not 0.4%
        if about.way and entry.way not in ("", about.way) and not (about.compared and entry.compared):
            return 0.0  # "output increased by 0.5%" is not "output decreased by 0.5%"; but "A is 50 basis points
            # above B" is "B is 50 basis points lower than A": a comparison seen from its other side
        passage_words = self.words[entry.passage] | entry.words
        if about.other_items & passage_words and not about.item & passage_words:
            return 0.0  # "France and Spain grew 7% and 5% respectively": "Spain grew 7%" does not state France's 7%
        if self._other_kind(about, entry, passage_words):
            return 0.0  # "5 million natural gas vehicles" does not count the claim's "5 million flexible fuel vehicles"
        if any(self.weight.get(w) for w in entry.subgroup) and not entry.subgroup & about.sentence:
            return 0.0  # "Among respondents who have used it for years, 61% are academics": a subgroup the claim never names
        rivals = [e for e in self._parsed(entry.passage)
                  if e.quantity.unit == entry.quantity.unit and e.quantity is not entry.quantity
                  and e.quantity.start not in entry.parts  # "17 recommendations to OMB: 13 relate to ...": a part of it
                  and e.superseded == entry.superseded  # an estimate and its revision do not compete
                  and not _another_period(about, e)] if not precise else []  # nor the same measure's figure of another year
                  # ("$68/bbl in 2025, a sharp decline from $81/bbl in 2024": the $68 is no rival for the claim's 2024)
        if any(self.cover(about.measures, named(e.words) | spelled) > measured + _EPSILON for e in rivals):
            return 0.0  # the passage's figure for the claim's thing is that other one
        if self.passages[entry.passage].line and not (self.passages[entry.passage].table and stated):
            return measured  # a row's cell that a round figure only approximates ("3%" and a row's 2.7) is there by chance
        if entry.charted:  # every figure of a chart has all its words: they must hold both what the figure measures and the sentence
            return min(measured, self.cover(about.sentence, named(entry.words) | spelled, frame=True) * COVER / SENTENCE_COVER)
        own_clause = self.cover(about.clause, named(entry.words) | spelled)
        if any(self.cover(about.clause, named(e.words) | spelled) > own_clause + _EPSILON for e in rivals):
            return measured  # "Vim is used by 41%": not "VS Code (41%), followed by Vim (19%)", whose Vim is the 19%'s
        around_it = self._neighbours(entry.passage) if precise else frozenset()  # "1,844 interviews in 2019", after "... among Julia users"
        # a passage that has what another figure of the claim's sentence measures, and nothing beside its own
        # figure of what this one measures, is about the other ("production rose by 0.3% and manufacturing by
        # 0.2%": not manufacturing's 0.3%); not for a precise figure the source repeats (``PRECISE_DIGITS``)
        theirs = about.theirs if measured <= 0 and not precise else frozenset()
        if any(self.weight.get(w) for w in theirs & self.words[entry.passage]):
            return 0.0  # "total prices rose 2.6% ..., and core prices rose 2.8%": a passage on core prices that says
            # nothing beside its 2.6% of total prices is about what the claim's other figure measures
        passage = self.cover(about.sentence, (named(self.words[entry.passage] | around_it) | spelled) - theirs)
        return max(measured, passage * COVER / SENTENCE_COVER)  # on COVER's scale

    def _dated_otherwise(self, about: Description, entry: _Entry) -> bool:
        """Is the candidate, which names no year beside it, in a passage (not a table's row or cell) that names years,
        none of them a year of what the claim's figure measures?"""
        claimed = _periods(about.measures, "#")
        here = self.passages[entry.passage]
        if not claimed or _periods(entry.words, "#") or here.table or here.context:
            return False
        years = self._years_of(entry.passage)
        return bool(years) and not years & claimed

    def _years_of(self, i: int) -> frozenset[str]:
        """The years passage ``i`` is of: those it names that are not a baseline ("compared to 2005", "more than for
        December 2013", "up from 42% in 2022") nor another figure's own ("from 8.9% in 2016, to 16% in 2017")."""
        found = self._own_years.get(i)
        if found is None:
            text = self.passages[i].text
            found = self._own_years[i] = frozenset(
                "#" + m.group(1) for m in _YEAR.finditer(text)
                if not _BASE_YEAR.search(text, max(0, m.start() - 40), m.start())
                and not _FIGURES_YEAR.search(text, max(0, m.start() - 40), m.start()))
        return found

    def _seasons(self, i: int) -> frozenset[str]:
        """The seasons passage ``i`` names (``seasons``)."""
        found = self._season_of.get(i)
        if found is None:
            found = self._season_of[i] = seasons(self.passages[i].text)
        return found

    def _distinctive(self, text: str) -> frozenset[str]:
        """The words of ``text`` (a claim's subject) that single out what it is about in this source: the source
        uses them, in at most ``DISTINCTIVE`` of its passages (not "prices" in a report on prices); a short name
        too ("tin", "oil"), which ``topic_words`` leaves out."""
        out = {w for w in topic_words(text) if not _period(w) and w not in _FRAME and w in self.weight
               and self.weight[w] >= self._rare}
        for short in _SHORT_WORD.findall(text):
            short = short.lower()
            if short in _FUNCTION or short in _OPENERS or short in _STOP:
                continue
            if short not in self._short:
                pattern = re.compile(r"\b" + short + r"\b", re.I)
                self._short[short] = sum(1 for p in self.passages if pattern.search(p.text))
            if 0 < self._short[short] <= DISTINCTIVE * len(self.passages):
                out.add("+" + short)
        return frozenset(out)

    def _unnamed(self, about: Description, entry: _Entry) -> bool:
        """Does the candidate's passage, with the sentences either side of it, never name what the claim's
        figure is of: the item it is given for ("the oils and meals ... decrease by 7 percent and 5 percent,
        respectively"), else its clause's subject, by a word that singles it out in this source?"""
        named = about.item if about.item else self._distinctive(about.subject) if about.subject else frozenset()
        named = frozenset(w for w in named if w.startswith("+") or self.weight.get(w, 0) >= self._rare)
        if not named:
            return False
        here = self.passages[entry.passage]
        if here.table or here.context:
            return False  # a table's row or cell: its label names its thing, often otherwise ("Before housing costs | 32%")
        words = self.words[entry.passage] | entry.words | self._neighbours(entry.passage) | self._title(entry.passage)
        if named & (self.words[entry.passage] | entry.words):
            return False
        if any(w.startswith("+") and re.search(r"\b" + w[1:] + r"\b", here.text, re.I) for w in named):
            return False
        if not about.item and self._names_another(here.text, about):
            return True  # "the World Bank Group's energy price index ... fall by 12 percent": another thing of the kind
        if named & words:
            return False  # named in the sentence before or after ("Tin ... . Prices are forecast to rise 3 percent")
        text = " ".join(self.passages[j].text for j in (entry.passage - 1, entry.passage + 1) if 0 <= j < len(self.passages))
        return not any(w.startswith("+") and re.search(r"\b" + w[1:] + r"\b", text, re.I) for w in named)

    def _names_another(self, text: str, about: Description) -> bool:
        """Does ``text`` name another thing of the kind the claim's subject names: its last word ("prices" of "DAP
        prices") after a word the claim's sentence does not use and the source does ("copper prices")?"""
        last = _ANY_WORD.findall(about.subject)
        if len(last) < 2:
            return False
        kind = _stem(last[-1].lower())
        for m in _KIND_BEFORE.finditer(text):
            word, noun = m.group(1).lower(), m.group(2).lower()
            if _stem(noun) == kind and word not in _STOP and word not in _FUNCTION and _stem(word) not in about.sentence \
                    and self.weight.get(_stem(word)):
                return True
        return False

    def _other_kind(self, about: Description, entry: _Entry, passage_words: frozenset[str]) -> bool:
        """Does the candidate count another kind of the claim's thing: the same noun after both counts, and
        words of what kind beside each that the other side lacks (the claim's "flexible fuel vehicles", the
        source's "natural gas vehicles"; words the source never uses do not count)?"""
        ours, theirs = about.counted, entry.counted
        if entry.quantity.unit != "count" or len(ours) < 2 or len(theirs) < 2 or ours[-1] != theirs[-1]:
            return False
        return any(self.weight.get(w) and w not in passage_words for w in ours[:-1]) and \
            any(self.weight.get(w) and w not in about.sentence for w in theirs[:-1])

    def _broader(self, i: int, measures: frozenset[str]) -> bool:
        """Is table row ``i`` a broader series than the claim's, whose own row is elsewhere in the source: its
        label holds words the claim does not use, and another row's label is the claim's words themselves?"""
        if self._labels is None:
            self._labels = {j: topic_words(p.context.split(". ", 1)[0]) for j, p in enumerate(self.passages) if p.table}
        own = self._labels.get(i, frozenset())
        content = {w for w in measures if not _period(w) and self.weight.get(w)}
        if not content or own <= measures:
            return False
        return any(label == content for label in self._labels.values())

    def _row_named(self, i: int, about: Description) -> bool:
        """Does the claim name table row ``i``? Its label (not a parenthesis: "Gasoline (all types)") shares a
        word with what the figure measures, and of the rows that do, it shares the most words with the claim's
        sentence and, when one of those is named in full, is named in full: "Hotels" names "Other lodging away from
        home including hotels and motels"; "food away from home" names that row, not "Food"; "the food index"
        names "Food", not "Food and beverages". A price index's own row ("All items") is named by a claim that
        shares no word with any row, or that calls its figure inflation and names no row in full: "inflation fell to
        2.4% in March, smashing expectations for the second straight month" is the index's, not the row "Food at
        elementary and secondary schools"; "food inflation" is the row "Food". The table's title says what every row
        is a change of, not which row."""
        if self._row_words is None:
            self._row_words = {j: frozenset(w for w in topic_words(_PARENTHESIS.sub(" ", p.context.split(". ", 1)[0]))
                                            if not _period(w)) - _WHOLE_INDEX
                               for j, p in enumerate(self.passages) if p.table}
            self._row_set = frozenset(self._row_words.values()) - {frozenset()}
        own = self._row_words.get(i)
        if own is None:
            return True
        near = frozenset(w for w in about.measures | about.clause if not _period(w) and w not in _FRAME)
        key = (about.sentence, near)
        if key not in self._named_rows:
            shared = [(len(label & about.sentence), label <= about.sentence) for label in self._row_set if label & near]
            most = max((n for n, _full in shared), default=0)
            self._named_rows[key] = (most, any(full for n, full in shared if n == most)) if shared else None
        best = self._named_rows[key]
        if not own:
            return best is None or (not best[1] and _INFLATION in near & self.words[i])
        return bool(own & near) and len(own & about.sentence) == best[0] and (own <= about.sentence or not best[1])

    def _spelled(self, i: int) -> frozenset[str]:
        """The acronyms passage ``i`` spells out (worked out only for a candidate's passage)."""
        found = self._initials.get(i)
        if found is None:
            found = self._initials[i] = frozenset(_initials(self.passages[i].text))
        return found

    def _using(self, words: frozenset[str]) -> set[int]:
        """The passages that use at least one of ``words``."""
        if self._users is None:
            self._users = {}
            for i, used in enumerate(self.words):
                for w in used:
                    self._users.setdefault(w, []).append(i)
        return {i for w in words for i in self._users.get(w, ())}

    def stating(self, claim: Quantity, about: Description | frozenset[str]) -> Evidence | None:
        """The passage that states ``claim`` about what it is about (``described``), best
        supported first; None when no passage does. The number decides which passages are
        candidates; words only say whether the best of them is about the same thing."""
        if not isinstance(about, Description):
            about = Description(about, about, about)
        words = about.measures | about.clause | about.sentence
        if claim.value < 0 and not about.way:
            about = replace(about, way="down")  # "Fuel oil: -2.9%" fell
        precise = _significant_digits(claim.surface) >= PRECISE_DIGITS
        # not a table's cell: among its hundreds of figures of one decimal, "14.7" is there by chance as often as "20"
        found = self._candidates(claim, about.way == "down")
        same = {id(e): _same(claim, e.quantity, about.way) for e in found}
        exact = {id(e): precise and same[id(e)] and not self.passages[e.passage].table for e in found}
        scored = [(self.support(about, e, exact[id(e)], same[id(e)]), e) for e in found]
        scored = [(c, e) for c, e in scored if c + _EPSILON >= (PRECISE_COVER if exact[id(e)] else COVER)
                  or not any(self.weight.get(w) for w in words)]
        if not scored:
            return None
        _, best = max(scored, key=lambda ce: ce[0])
        return Evidence(self.passages[best.passage], best.quantity)

    def closest(self, claim: Quantity, about: Description | frozenset[str]) -> Evidence | None:
        """The passage most about what the claim measures, preferring one with a figure of its
        unit (the message quotes it: "the source says 87% of rare earth processing")."""
        measures = about.measures if isinstance(about, Description) else about
        scores = [0.0] * len(self.words)  # a passage without one of the claim's words covers none of them
        for i in self._using(measures):
            scores[i] = self.cover(measures, self.words[i])
        if not scores or max(scores) <= 0:
            return None
        ranked = sorted(range(len(scores)), key=lambda i: -scores[i])[:_CLOSEST_READ]
        entries = [e for i in ranked for e in self._parsed(i) if same_unit(claim.unit, e.quantity.unit)]
        best = max(entries, key=lambda e: (self.cover(measures, e.words), -abs(e.quantity.value - claim.value)),
                   default=None)
        if best is not None and self.cover(measures, best.words) > 0:
            return Evidence(self.passages[best.passage], best.quantity)
        return Evidence(self.passages[ranked[0]], None)


# A clause's subject ends at its verb: a form of "be" or "have", a modal, or a change in the past tense ("DAP prices
# are forecast to rise", "Welsh emissions fell by 8%", "Gold prices surged")
_VERB = re.compile(r"\b(?:is|are|was|were|will|would|could|should|may|might|must|can|has|have|had|rose|fell|grew"
                   r"|rises|falls|grows|[a-z]{3,}ed)\b")
_SUBJECT_START = re.compile(r"[.;:!?]\s|\s(?:while|whereas|but)\s|^")
# What a subject's name ends at: an aside in brackets, a phrase after it ("the poverty rate for single women")
_NAME_ENDS = re.compile(r"[(\[]|\s(?:of|for|in|on|at|from|with|after|before|among|who|that|which|we|they)\s", re.I)
_DETERMINER = re.compile(r"^(?:(?:the|a|an|this|these|those|that|its|their|our|all|both)\s+)+", re.I)
SUBJECT_REACH = 12  # words from its verb to the figure: "Robusta prices are expected to rise by nearly 25 percent in 2025
# before falling by 9 percent next year"; further on, the figure is often of another thing the clause names
SUBJECT_WORDS = 5  # at most this many words in a subject's name: a longer one is a description, not a name
# Between a subject and its figure, a comma, colon or dash opens another clause or an aside: "Net zero is an increase
# in ambition from the previous target, set in 2008, to reduce net emissions by 80%"
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-{1,2}\s")


def subject(sentence: str, start: int) -> str:
    """The name of what the figure at ``start`` is of, when its clause says it right before a verb that leads to the
    figure with no other clause between: "DAP prices" (are forecast to rise by 6 percent); after any opening phrase
    ended by a comma ("As a result, nickel prices are forecast to fall by 6 percent"), without its determiners or
    what follows the name ("the poverty rate for single women" is "poverty rate"). "" when the clause has none, or
    the name has a number or more than ``SUBJECT_WORDS`` words."""
    opened = max((m.end() for m in _SUBJECT_START.finditer(sentence, 0, start)), default=0)
    verb = _VERB.search(sentence, opened, start)
    if verb is None or _CLAUSE_BREAK.search(sentence, verb.end(), start) or \
            len(sentence[verb.end():start].split()) > SUBJECT_REACH:
        return ""
    head = sentence[opened:verb.start()]
    head = head[head.rfind(",") + 1:]
    head = _DETERMINER.sub("", head.strip())
    cut = _NAME_ENDS.search(head)
    if cut and len(head[:cut.start()].split()) == 1 and re.match(r"\s(?:of|for)\s", head[cut.start():cut.end()], re.I):
        cut = _NAME_ENDS.search(head, cut.end())  # "Prices for agricultural raw materials": the name is what follows
    name = head[:cut.start()].strip() if cut else head
    if not name or any(c.isdigit() for c in name) or len(name.split()) > SUBJECT_WORDS:
        return ""
    return name


# Before a year, words that make it a baseline ("compared to 2005", "than for December 2013", "up from 2022"), or a
# figure whose year it is ("8.9% in 2016", "13.7 million tons in 2024")
_BASE_YEAR = re.compile(r"\b(?:from|than|since|compared\s+(?:with|to)|relative\s+to|versus|vs\.?)\s+(?:(?:for|in|that\s+in"
                        r"|those\s+in|the\s+end\s+of|levels?\s+in)\s+)?(?:[A-Z][a-z]+\s+)?$", re.I)
_FIGURES_YEAR = re.compile(r"\d(?:%|\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)?\s+(?:in|for|during)\s+(?:the\s+)?$")
# A season or marketing year: two years in a row, the second often by its last two digits ("2024-25", "2025/26")
_SEASON = re.compile(r"\b((?:19|20)\d\d)[-–/]((?:19|20)?\d\d)\b")


def seasons(text: str) -> frozenset[str]:
    """The seasons ``text`` names, each as "2024-25"."""
    return frozenset(f"{a}-{b[-2:]}" for a, b in _SEASON.findall(text) if (int(b) - int(a)) % 100 == 1)


def _another_period(about: Description, entry: _Entry) -> bool:
    """Is the candidate a figure of another period than the claim's: another year, quarter, month or span of change
    among the words of each, or another period written right after each ("6 percent in 2025" against "in 2026",
    "2 percent in 2025" against "in the 2025-26 season")?"""
    for kind in ("#", "@q", "@", "~"):
        periods, own_periods = _periods(about.measures, kind), _periods(entry.words, kind)
        if periods and own_periods and not periods & own_periods:
            return True
    return bool(about.when and entry.when and about.when != entry.when)


def _parts(text: str, quantities: list[Quantity], k: int) -> frozenset[int]:
    """Where the figures that subdivide ``quantities[k]`` start: those of its unit after a colon that
    follows it in its clause ("GAO is making 17 recommendations to OMB: 13 recommendations relate to ...,
    and 4 recommendations relate to ...": the 13 and the 4 are parts of the 17, not rivals for its words)."""
    q = quantities[k]
    colon = re.compile(r"[^.;!?\d]*?:\s").match(text, q.end)
    if colon is None:
        return frozenset()
    return frozenset(p.start for p in quantities[k + 1:] if p.start >= colon.end() and p.unit == q.unit)


# What a count counts: the words right after it, to the first that is not part of the thing's name
# ("5 million natural gas vehicles and", "17 recommendations to OMB")
_COUNTED = re.compile(r"\s+((?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]*)")
_NOT_NAMED = frozenset("""a an the and or but to of in on at by for from with that which who whose are is was were be
been have has had can could will would may might than as per each this these those its their our""".split())


def counted(text: str, end: int) -> tuple[str, ...]:
    """The stems of what the count ending at ``end`` counts (see ``_COUNTED``), in order; its last is the
    noun ("vehicl"), the others what kind ("natura", "fuel"). Words of fewer than four letters are left
    out ("gas"), as topic words leave them."""
    found = _COUNTED.match(text, end)
    if found is None:
        return ()
    out = []
    for word in found.group(1).split():
        if word.lower() in _NOT_NAMED:
            break
        if _WORD.fullmatch(word.lower().strip("'’-")) and word.lower() not in _STOP:
            out.append(_stem(word.lower()))
    return tuple(out)


CHART_RUN = 3  # bare figures in a row, nothing but spaces between them: a chart's values, not prose
_BETWEEN_BARS = re.compile(r"\s*")


def _runs(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """The runs of at least ``CHART_RUN`` figures of ``text`` with nothing but white space between
    them (the indexes of their ``spans``)."""
    out: list[list[int]] = []
    run: list[int] = []
    for k, (start, _end) in enumerate(spans):
        if run and _BETWEEN_BARS.fullmatch(text, spans[run[-1]][1], start):
            run.append(k)
            continue
        if len(run) >= CHART_RUN:
            out.append(run)
        run = [k]
    if len(run) >= CHART_RUN:
        out.append(run)
    return out


AXIS_TICKS = 4  # figures in a row from zero at one step ("0% 5% 10% 15% 20%"): a chart's scale, not what it shows


def _axis(quantities: list[Quantity], runs: list[list[int]]) -> frozenset[int]:
    """The figures of a chart's runs that are its axis: at least ``AXIS_TICKS`` in a row from zero,
    each one step above the last ("0% 5% 10% ... 55%" along a bar chart's edge). Not a chart's
    values sorted ("1% 2% 3% 4% 9%"), which do not start at zero."""
    out: set[int] = set()
    for run in runs:
        start = 0
        for k in range(1, len(run) + 1):
            steady = k < len(run) and k - start >= 1 and _step_of(quantities, run, k) > 0 and (
                k - start < 2 or math.isclose(_step_of(quantities, run, k), _step_of(quantities, run, k - 1)))
            if steady:
                continue
            if k - start >= AXIS_TICKS and quantities[run[start]].value == 0:
                out.update(run[start:k])
            start = k if k < len(run) and _step_of(quantities, run, k) <= 0 else k - 1
    return frozenset(out)


def _step_of(quantities: list[Quantity], run: list[int], k: int) -> float:
    return quantities[run[k]].value - quantities[run[k - 1]].value


# A figure of a subgroup: "Among respondents who have used Julia more than 6 months, 61% ...", "of those
# who own a car, 40% ...". Not the whole sample ("of those who responded", "among those who answered").
_SUBGROUP = re.compile(r"\b(?:among|of)\s+(?:[^\W\d_]+\s+){0,3}?who\s+([^,.;:!?]+?)\s*,", re.I)
_WHOLE_SAMPLE = frozenset(_stem(w) for w in "responded answered replied participated completed took part survey".split())


def _subgroup(text: str, start: int) -> frozenset[str]:
    """The words of the subgroup a figure at ``start`` is about, when its sentence names one before it."""
    head = text[:start]
    cut = max((m.end() for m in re.finditer(r"[.;!?]\s", head)), default=0)  # in its own sentence
    found = list(_SUBGROUP.finditer(head, cut))
    if not found or head[found[-1].end():].strip():
        return frozenset()
    return topic_words(found[-1].group(1)) - _WHOLE_SAMPLE


def _row(chart: frozenset[str], text: str, start: int) -> frozenset[str]:
    """A chart's words for its figure at ``start``: in a table's text, whose rows open with their year
    ("2024 51,300 ... 2025 52,045 ..."), only the year of the figure's row; in a chart whose years
    are its legend, after the figures ("... Don't know 2019 2020"), all of them."""
    years = list(_YEAR.finditer(text, 0, start))
    if not years:
        return chart
    return frozenset(w for w in chart if not w.startswith("#")) | {"#" + years[-1].group(1)}


LABEL_WORDS = 4  # at most this many words between figures: a labelled chart's text, not a sentence


def _labelled(text: str, spans: list[tuple[int, int]]) -> bool:
    """Is ``text`` a chart given as labels and figures ("Very Robust 17% Not At All Robust 1%
    Somewhat Robust 57%"): at least ``CHART_RUN`` figures, a few words between each two, and no verb
    a sentence would need (no clause mark either)?"""
    if len(spans) < CHART_RUN or re.search(r"[,;:.!?](?:\s|$)", text):
        return False
    gaps = [text[a:b] for (_s, a), (b, _e) in zip(spans, spans[1:])]
    return all(len(_ANY_WORD.findall(g)) <= LABEL_WORDS for g in gaps)


_ANY_WORD = re.compile(r"[^\W\d_]+")


def _gaps(length: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, at = [], 0
    for a, b in taken:
        out.append((at, a))
        at = b
    out.append((at, length))
    return out


_GLOSS_GAP = 80  # characters from a fraction in words to the figure in digits that gives it exactly


def _glossed(text: str, quantities: list[Quantity], k: int) -> bool:
    """Is ``quantities[k]`` a fraction in words that the figure in digits after it gives exactly
    ("almost half of our users are developers (47%)")? Then the passage states 47%, not 50%."""
    q = quantities[k]
    if k + 1 >= len(quantities) or any(c.isdigit() for c in q.surface):
        return False
    gloss = quantities[k + 1]
    return (gloss.unit == q.unit and any(c.isdigit() for c in gloss.surface) and gloss.start - q.end <= _GLOSS_GAP
            and abs(gloss.value - q.value) <= 0.15 * abs(q.value) and not re.search(r"[.;!?]\s", text[q.end:gloss.start]))


_BASE = re.compile(r"\b(?:compared (?:with|to)|than)\b", re.I)  # what a figure is compared with follows
_IN_YEAR = re.compile(r"\b(?:in|during)\s+((?:1[89]|20)\d\d)\b(?![-–/]\d)")  # a figure's own year, as a clause gives it
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_NAMED_AFTER = re.compile(r"\s+(?:in|for|of|among)\s+([^.;:()]+?)\s+respectively\b", re.I)
# "..., respectively, in the consolidated appropriations acts for FY2018, FY2020, and FY2026": the items follow
# "respectively" (up to the clause's end)
_LISTED_AFTER = re.compile(r"(?:\s*(?:million|billion|trillion|thousand)\b)?\s*,?\s*respectively,?\s+(?:in|for|of|among)\s+([^.;:()]{1,300})", re.I)
_LINKED = re.compile(r"\[([^\[\]]{1,200})\]\(\s*\)")  # a Markdown link read without its address: "[FY2018]( )"
_SERIES_GAP = re.compile(r"(?:\s|[%,;£$€]|\band\b|\bper ?cent\b|\bpercent\b|\b(?:million|billion|trillion|thousand)\b)*", re.I)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w-]*)*")


def _respective(sentence: str, spans: list[tuple[int, int]], at: int) -> tuple[frozenset[str], frozenset[str]]:
    """In "A and B did X by 31% and 20% respectively" (or "A, B and C ... 1, 2 and 3 respectively"),
    the words of the item the figure at ``spans[at]`` belongs to, and those of the other items
    (empty sets: the sentence is not such a list). An item is a segment of the list before the
    figures: the last one is its first capitalised run ("Northern Ireland"), or its first word."""
    first = last = at
    while first > 0 and _SERIES_GAP.fullmatch(sentence, spans[first - 1][1], spans[first][0]):
        first -= 1
    while last + 1 < len(spans) and _SERIES_GAP.fullmatch(sentence, spans[last][1], spans[last + 1][0]):
        last += 1
    size = last - first + 1
    tail = sentence[spans[last][1]:spans[last][1] + 40]
    if size < 2 or not _RESPECTIVELY.search(tail.split(".")[0]):
        return frozenset(), frozenset()
    named = _NAMED_AFTER.match(tail)
    listed = _LISTED_AFTER.match(_LINKED.sub(r"\1", sentence[spans[last][1]:spans[last][1] + 600])) if named is None else None
    if listed:  # "$380 million, ... and $45 million, respectively, in the acts for FY2018, ... and FY2026": items after
        parts = [i for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed.group(1)) if i.strip()]
        if len(parts) == size:
            words = [topic_words(_item(parts[0], last=True))] + [topic_words(item) for item in parts[1:]]
            others = frozenset().union(*(w for k, w in enumerate(words) if k != at - first)) - words[at - first]
            return (words[at - first] | topic_words(listed.group(1))) - others, others  # the acts are every figure's
    if named:  # "down from 1.9% and 1.7% in January and February respectively": the items follow the figures
        items = [i for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", named.group(1)) if i.strip()]
        if len(items) == size:
            words = [topic_words(item) for item in items]
            own = words[at - first]
            return own, frozenset().union(*(w for k, w in enumerate(words) if k != at - first)) - own
    head = sentence[:spans[first][0]]
    joined = re.search(r"\s(?:and|&)\s", head)
    if joined is None:
        return frozenset(), frozenset()
    left = [_item(part, last=True) for part in re.split(r",\s*", re.split(r"[;:]\s", head[:joined.start()])[-1])]
    items = [item for item in left if item][-(size - 1):] + [_item(head[joined.end():], last=False)]
    if len(items) != size:
        return frozenset(), frozenset()
    words = [topic_words(item) for item in items]
    own = words[at - first]
    return own, frozenset().union(*(w for k, w in enumerate(words) if k != at - first)) - own


_PERCENT_AFTER = re.compile(r"\s?(?:%|per ?cent\b|percent\b)", re.I)
_MONEY_BEFORE = re.compile(r"[£$€¥₹]\s?$")


def _kind(text: str, start: int, end: int) -> str:
    """What kind of figure a number of a claim's sentence is, as far as ``stretches`` needs it:
    a percentage, money, or another number."""
    if _PERCENT_AFTER.match(text, end) or _PERCENT_AFTER.search(text, start, end):  # "31", or the claim's "31%"
        return "%"
    return "money" if _MONEY_BEFORE.search(text, 0, start) or text[start:start + 1] in "£$€¥₹" else ""


def _item(segment: str, last: bool) -> str:
    """The item a segment of a list names: the capitalised run next to the list's joint ("Northern
    Ireland", "Exports to France"), else the word next to it ("Sales of cars and vans")."""
    segment = re.sub(r"^\s*(?:the|a|an)\s+", "", segment.strip(), flags=re.I)
    runs = _CAPITALISED_RUN.findall(segment)
    if runs and (segment.endswith(runs[-1]) if last else segment.startswith(runs[0])):
        return runs[-1] if last else runs[0]
    words = segment.split()
    return (words[-1] if last else words[0]) if words else ""


def _significant_digits(surface: str) -> int:
    """The significant digits of the first number written in ``surface``: 3 in "771", "35.5%",
    "3.95 million" and "0.0345"; 1 in "2,000" (its zeros may be rounding)."""
    number = _NUMBER.search(surface)
    if number is None:
        return 0
    digits = number.group().replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.strip("0"))


def _same(claim: Quantity, found: Quantity, went: str = "") -> bool:
    """Does ``found`` give the claim's value itself, not one its rounding or approximator allows (a fall's
    size either way: "-2.9%", "fell 2.9 percent")?"""
    value = abs(found.value) if went == "down" else found.value
    return math.isclose(value, abs(claim.value) if went == "down" else claim.value, rel_tol=1e-9, abs_tol=1e-12)


def _negated(q: Quantity) -> Quantity:
    """The same figure with the other sign (its approximator kept)."""
    low, high = (-q.high, -q.low) if q.low is not None and q.high is not None else (None, None)
    return replace(q, value=-q.value, low=low, high=high)


def _numbers(text: str) -> list[float]:
    """The numbers written in ``text`` (what makes a passage a candidate), a fraction's too ("3-1/2 percent": 3.5)."""
    if "/" in text:
        from artlint.verify.quantities import _fractions

        decimals, spans = _fractions(text)
        text = " ".join([text, *(decimals[a:b] for a, b in spans)])
    out = []
    for m in _NUMBER.finditer(text):
        written = m.group()
        try:
            out.append(float(written.replace(",", "")))
            head, _, tail = written.rpartition(",")
            if head and len(tail) in (1, 2) and "." not in written:  # a French decimal comma: 1,2 milliard
                out.append(float(head.replace(",", "") + "." + tail))
        except ValueError:
            continue
    return out
