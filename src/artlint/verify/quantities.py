"""Quantities as numbers with units, on both sides of a claim: the article's figure and every
figure of its source.

The parsing is quantulum3's (numbers in digits and words, scale words, currencies, physical
units, ranges as a value with an uncertainty). A few spellings it misreads are rewritten first
(``normalise``): finance abbreviations (``4.2bn`` is not "4.2 bit newton"), ``per cent`` /
``pour cent``, French decimal commas and scale words (``1,2 milliard d'euros``), French number
words before a percentage, scale or currency (``soixante pour cent``), ``US$``.
quantulum3's unit names are then folded into families (``percentage`` and ``per cent`` are
both ``%``; ``dollar`` and ``united states dollar`` are both ``USD``).

A claim's wording decides which source values state it (``Quantity.accepts``): ``60%`` is
stated by 59.5 to 60.5 (not by a fraction at the end: "3 percent" is not "3-1/2 percent"), and by a table's share or rate written as a fraction (``share: 0.6``); ``over 60%`` by more than 60 up to the next step of its order of
magnitude (61.4 yes, 58 no, 87 no: "over 60%" does not report 87%), ``just over 60%`` by up to 5% more; ``about 60%`` by values
within 5%; ``nearly``/``almost`` by values just under; a range by a value inside it.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import replace
from contextlib import contextmanager
from functools import lru_cache

from artlint.records import dataclass

# approximator -> how it bounds the value
_APPROXIMATORS = [
    ("just", r"just over|just above|just more than|slightly over|slightly above|slightly more than|a little over|"
             r"a little more than"),
    ("gt", r"more than|over|above|in excess of|upwards of|exceeding|plus de|au-delà de"),
    ("ge", r"at least|no less than|au moins"),
    ("lt", r"nearly|almost|close to|just under|under|less than|below|fewer than|près de|presque|moins de"),
    ("le", r"up to|as much as|as many as|as high as|jusqu['’]à"),
    ("about", r"about|around|roughly|approximately|some|circa|~|environ|quelque|autour de"),
]
# Not "an estimated": it says how the figure was arrived at, not that it is rounded. "an estimated 73%" is 73%, not
# anything from 69% to 77% (an estimated 76% is another year's figure), as "an estimated 1.0 million tons" is not 1.1.
_THRESHOLDS = frozenset({"gt", "ge", "lt", "le"})
_APPROX = re.compile(r"(?:^|[\s(“\"‘'])(" + "|".join(f"(?P<{k}>{p})" for k, p in _APPROXIMATORS) + r")\s*$", re.I)

_REWRITES = [
    # 4.2bn, 4.2 bln, €30m, 1.2trn, 300k: scale abbreviations quantulum3 reads as units
    (re.compile(r"(\d)\s?(?:bn|bln|billions?)\b", re.I), r"\1 billion"),
    (re.compile(r"(\d)\s?(?:tn|trn|tr|trillions?)\b", re.I), r"\1 trillion"),
    (re.compile(r"(\d)\s?(?:mn|mln|millions?)\b", re.I), r"\1 million"),
    (re.compile(r"([$€£¥₹]\s?\d[\d.,]*)\s?m\b"), r"\1 million"),
    (re.compile(r"([$€£¥₹]\s?\d[\d.,]*)\s?k\b"), r"\1 thousand"),
    (re.compile(r"\b(?:US|U\.S\.)\s?\$"), "$"),
    # a currency's code before its amount: USD 5 million, EUR 30m, GBP 2bn
    (re.compile(r"\bUSD\s?(?=\d)"), "$"), (re.compile(r"\bEUR\s?(?=\d)"), "€"), (re.compile(r"\bGBP\s?(?=\d)"), "£"),
    # tonnes by their scale's letter (3 Mt, 5 MtCO2e, 1.2 GtCO₂): megatons of TNT to quantulum3
    (re.compile(r"(\d)\s?Mt(?:\s?CO(?:2|₂)e?)?\b"), r"\1 million tonnes"),
    (re.compile(r"(\d)\s?Gt(?:\s?CO(?:2|₂)e?)?\b"), r"\1 billion tonnes"),
    (re.compile(r"(\d)\s?kt(?:\s?CO(?:2|₂)e?)?\b"), r"\1 thousand tonnes"),
    # percentage points: 2pp, 2 ppt, 2 pts (quantulum3 reads "penny penny", or nothing)
    (re.compile(r"(\d)\s?(?:pp|ppts?|pts|p\.p\.)(?![\w.])", re.I), r"\1 percentage points"),
    # 1.5C of warming: degrees Celsius, not coulombs
    (re.compile(r"(\d)\s?C\b(?![\w'’-])"), "\\1°C"),
    # French: 1,2 milliard d'euros; 60 pour cent; 3 millions de dollars
    (re.compile(r"(\d),(\d{1,2})(?=\s*(?:%|pour|milliards?|millions?|billion|million|trillion)\b)"), r"\1.\2"),
    (re.compile(r"\bmilliards?\b", re.I), "billion"),
    (re.compile(r"\b(?:d['’]|de\s+)(euros|dollars|livres|yens?)\b", re.I), r"\1"),
    (re.compile(r"\blivres\b", re.I), "pounds"),
    (re.compile(r"\s?(?:per\s?cent|percent|pour\s?cents?|pourcents?)\b", re.I), "%"),
    # a concentration: "50 parts per million" is 50 ppm (quantulum3 reads a count of 50 and another of a million)
    (re.compile(r"(\d)\s+parts?\s+per\s+million\b", re.I), r"\1 ppm"),
    (re.compile(r"(\d)\s+parts?\s+per\s+billion\b", re.I), r"\1 ppb"),
    # 1 200 (a thin or plain space between thousands); not a table's "53,906 473", two numbers
    (re.compile(r"(?<![\d,.])(\d{1,3})\s+(\d{3})(?!\d|[.,]\d)"), r"\1\2"),
    # a figure run into the word after it, as a PDF's text gives a chart's label ("74%Total Robust")
    (re.compile(r"(\d%)(?=[^\W\d_])"), r"\1 "),
    # a figure as a compound adjective, its scale and unit joined by hyphens ("a 1.7-million-square-mile area",
    # "a 20-square-mile park"): quantulum3 reads "1.7-million" as a count of about 500,000, or "20" alone
    (re.compile(r"(\d)-(million|billion|trillion|thousand)\b", re.I), r"\1 \2"),
    (re.compile(r"(\d|\b(?:million|billion|trillion|thousand))-square-(?=[^\W\d_])", re.I), r"\1 square "),
]
_SPACES = re.compile(r"[\u00a0\u202f\u2009]")

# A percentage written with a fraction, as central banks write their rates: "3-1/2 percent" (three and a
# half), "0 to 1/4 percent", "1/4 to 1/2 percent" (a range whose ends are fractions). quantulum3 reads
# none of them; they are written as decimals ("3.5 percent", "0 to 0.25 percent"). Only before a
# percentage, directly or through a range's other end, and only halves, quarters, eighths and
# sixteenths: "1/4" elsewhere may be a date or a ratio.
_FRACTION_NUMBER = r"(?<![\d/.,])(?:\d+[-\s])?[1-9]\d?/(?:2|4|8|16)(?![\d/])"
_FRACTION = re.compile(r"(?<![\d/.,])(?:(\d+)[-\s])?([1-9]\d?)/(2|4|8|16)(?![\d/])"
                       r"(?=(?:\s*(?:to|-|–)\s*(?:\d+(?:\.\d+)?|" + _FRACTION_NUMBER + r"))?"
                       r"\s*(?:%|per\s?cent|percent|percentage\b))", re.I)


def _decimal(fraction: re.Match) -> str:
    whole, numerator, denominator = fraction.groups()
    value = int(whole or 0) + int(numerator) / int(denominator)
    return f"{value:.4f}".rstrip("0").rstrip(".")


_FAMILIES = {
    "percentage": "%", "per cent": "%", "percent": "%",
    "percentage point": "pp", "basis point": "bp",
    "dollar": "USD", "united states dollar": "USD",
    "euro": "EUR", "pound sterling": "GBP", "japanese yen": "JPY", "yen": "JPY",
    "chinese yuan": "CNY", "renminbi": "CNY", "indian rupee": "INR",
    "dimensionless": "count",
    "degree angle": "degree Celsius",  # "1.5 degrees" of warming: an article's degrees are seldom angles
}


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float  # scaled: "$4.2 billion" is 4.2e9
    unit: str  # a family: %, USD, EUR, count, "terawatt hour"...
    surface: str  # as quantulum3 read it, after ``normalise``
    low: float | None = None  # a range's ends ("between 40 and 50%")
    high: float | None = None
    bound: str = "exact"  # exact | gt | ge | lt | le | about (the claim's approximator)
    decimals: int = 0  # digits after the point, as written (how precise the claim is)
    start: int = 0  # its span in the text it was read from, once normalised (``read``)
    end: int = 0
    fraction: bool = False  # written with a fraction ("3-1/2 percent"): exact to its half or quarter

    def accepts(self, other: Quantity) -> bool:
        """Does ``other`` (a source's figure) state this one (an article's)?"""
        if not same_unit(self.unit, other.unit) or (other.unit != self.unit and self.low is not None):
            return False  # a range is stated only in its own unit: "raised $0.50 to $10.50" may be misread as
            # a range from $0.50 to $10.50, and then any price per anything inside it would state it
        if self.bound != "exact" and other.bound in (self.bound, "about") and abs(other.value - self.value) <= self._tolerance():
            return True  # the same figure, hedged alike ("almost 40 percent" is stated by "nearly 40 percent") or
            # only "about" in the source ("more than $700 billion" is what "approximately $700 billion" allows)
        if self.bound in _THRESHOLDS and other.bound in _THRESHOLDS and abs(other.value - self.value) <= self._tolerance():
            return True  # a line drawn at a figure, from either side: "until it declines below 6-1/2 percent" is
            # stated by "as long as it remains above 6-1/2 percent"
        if self.low is not None and self.high is not None:
            if other.low is not None and other.high is not None:
                return _close(other.low, self.low, self) and _close(other.high, self.high, self)
            return self.low - self._tolerance() <= other.value <= self.high + self._tolerance()
        lo, hi = self.interval()
        if other.fraction and self.bound == "exact" and not self.fraction and \
                abs(other.value - self.value) >= self._tolerance() - 1e-9 * max(1.0, abs(self.value)):
            return False  # "3-1/2 percent" is a half to the point, not a figure that rounds to "3 percent"
        return lo <= other.value <= hi

    def interval(self) -> tuple[float, float]:
        """The values that state this figure, ends included (see the module's description)."""
        x, tol = self.value, self._tolerance()
        step = _step(x)
        if self.bound == "just":  # "just over 2,800" is 2,801 or 2,850, not 3,027
            return x + tol / 1000, x + 0.05 * abs(x) + tol
        if self.bound == "gt":
            return x + tol / 1000, x + step
        if self.bound == "ge":
            return x - tol, x + step
        if self.bound == "lt":  # just under: "nearly 60%" is 54% to 60%, not "nearly a third"
            return x - 0.1 * abs(x) - tol, x - tol / 1000
        if self.bound == "le":
            return x - step, x + tol
        if self.bound == "about":
            return x - 0.05 * abs(x) - tol, x + 0.05 * abs(x) + tol
        return x - tol, x + tol

    def _tolerance(self) -> float:
        """Half a unit of the last digit written, in the quantity's scaled units."""
        written = self.value / self._scale() if self._scale() else self.value
        half_digit = 0.5 * 10 ** (-self.decimals)
        return half_digit * abs(self.value / written if written else 1.0)  # a fall's "-2.9%" too

    def _scale(self) -> float:
        number = _FIRST_NUMBER.search(self.surface)
        if not number:
            return 1.0
        try:
            written = float(number.group().replace(",", ""))
        except ValueError:
            return 1.0
        return self.value / written if written else 1.0


def family(name: str) -> str:
    """A quantulum3 unit name folded into its family; a rate's two sides each ("dollar per bushel" is
    "USD per bushel"), and a pound after "per" is a weight whichever pound quantulum3 took it for (it
    reads "53 cents per pound" as a price per pound sterling when "$280 per short ton" is near)."""
    if " per " in name:
        amount, _, per = name.partition(" per ")
        per = "pound" if per in ("pound sterling", "pound-mass") else per
        return f"{_FAMILIES.get(amount, amount)} per {per}"
    return _FAMILIES.get(name, name)


def same_unit(claim: str, found: str) -> bool:
    """Are two unit families one measure? The same family; or a sum of money and a price of that
    currency per something: "$5.10" is stated by "$5.10 per bushel", and "$5.10 per bushel" by a
    passage's "reduced by $0.20 per bushel to $5.10", whose second price leaves its "per bushel" unsaid.
    A price and a sum of another currency, two prices per different things, or a sum and a flow of money
    per day, month or year ("$35 billion per month" is not a total of $35 billion) are not one measure."""
    if claim == found:
        return True
    if _TIME_RATE.search(claim) or _TIME_RATE.search(found):
        return False
    if _MONEY_RATE.match(claim) or _MONEY_RATE.match(found):
        return claim.partition(" per ")[0] == found.partition(" per ")[0] and (" per " in claim) != (" per " in found)
    return False


_MONEY_RATE = re.compile(r"(?:USD|EUR|GBP|JPY|CNY|INR|cent) per ")
_TIME_RATE = re.compile(r" per (?:second|minute|hour|day|week|month|quarter|year|annum)\b")
_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _close(a: float, b: float, claim: Quantity) -> bool:
    return abs(a - b) <= claim._tolerance()


def _step(x: float) -> float:
    magnitude = abs(x)
    return 10 ** math.floor(math.log10(magnitude)) if magnitude > 0 else 1.0


# French number words quantulum3 does not read ("soixante pour cent", "quatre-vingt-dix millions
# d'euros"): written as digits when a percentage, a scale word or a currency follows, never in
# running prose, where "un" and "une" are articles.
_FR_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
             "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
_FR_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80,
            "quatre-vingts": 80, "cent": 100}
_FR_WORD = "|".join(sorted([*_FR_UNITS, *_FR_TENS], key=len, reverse=True))
_FR_NUMBER = re.compile(rf"\b((?:{_FR_WORD})(?:(?:-|\s+et\s+|-et-)(?:{_FR_WORD}))*)"
                        r"(?=\s+(?:pour\s?cents?|%|millions?|milliards?|mille|euros?|dollars?|livres)\b)", re.I)


def _french_number(words: str) -> str:
    """The digits of a French number of up to a hundred ("soixante-douze" 72, "quatre-vingt-dix" 90)."""
    total = 0
    for part in re.split(r"-et-|\s+et\s+|-(?!vingt)", words.lower()):
        total += _FR_TENS.get(part, _FR_UNITS.get(part, 0))
    return str(total) if 0 < total <= 100 else words


def normalise(text: str) -> str:
    """``text`` with the spellings quantulum3 misreads rewritten (see the module's description)."""
    return _normalised(text)[0]


def _normalised(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``normalise``'s text, and the spans in it of the decimals that were fractions."""
    text = _SPACES.sub(" ", text)
    text = _FR_NUMBER.sub(lambda m: _french_number(m.group(1)), text)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return _fractions(text) if "/" in text else (text, [])


def _fractions(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` (normalised) with its fractions before a percentage written as decimals, and where each
    decimal now is."""
    out, spans, last = [], [], 0
    for m in _FRACTION.finditer(text):
        out.append(text[last:m.start()])
        at = sum(len(piece) for piece in out)
        decimal = _decimal(m)
        out.append(decimal)
        spans.append((at, at + len(decimal)))
        last = m.end()
    out.append(text[last:])
    return "".join(out), spans


@lru_cache(maxsize=1)
def _parser():
    with warnings.catch_warnings():  # quantulum3 warns that its optional classifier is absent
        warnings.simplefilter("ignore")
        with _unchecked_inflect():
            from quantulum3 import load, no_classifier, parser
            from quantulum3 import regex as patterns
            from quantulum3._lang.en_US import load as _en_load  # noqa: F401 - what its first parse would import
    from artlint.verify import disambiguation, spellout

    disambiguation.install(no_classifier, load)  # its choice between units of one name, made the same way faster
    spellout.install(patterns)  # its pattern for numbers in words, matching the same text faster
    return parser


@contextmanager
def _unchecked_inflect():
    """quantulum3 loads its units with ``inflect`` (plurals), whose import instruments 23 methods
    with typeguard's ``@typechecked``: each one parses inflect's 4,000-line source again, 2 of the 2.4
    seconds a first parse costs. Those checks only raise when a method is given an argument of the
    wrong type, and quantulum3 passes strings; so while inflect is imported the decorator leaves a
    method as it is (as it does itself under ``python -O``). Nothing else is changed, and only
    during that import."""
    try:
        import typeguard
    except ImportError:  # an inflect without typeguard: nothing to skip
        yield
        return
    checked = typeguard.typechecked

    def unchecked(target=None, **_options):
        return target if target is not None else (lambda function: function)

    typeguard.typechecked = unchecked
    try:
        yield
    finally:
        typeguard.typechecked = checked


def quantities(text: str) -> list[Quantity]:
    """Every quantity of ``text`` (a sentence or a table row), with the approximator before it."""
    return read(text)[1]


def read(text: str) -> tuple[str, list[Quantity]]:
    """``text`` normalised, and its quantities with their spans in it."""
    text, fractions = _normalised(text)
    if not any(c.isdigit() for c in text) and not _NUMBER_WORD.search(text):
        return text, []
    out = []
    masked = _LISTED_MONEY.sub(_listed, _APART.sub(_apart, _YEAR.sub(_masked, text)))
    for start, end, q_value, uncertainty, unit_name in _parsed(masked):
        change = _CHANGE.fullmatch(text[start:end]) if uncertainty and _FROM.search(text[:start]) else None
        if change:  # "from £5,000 to £2,000" is a change, not a range: two figures, each read alone
            for group in (1, 2):
                out.extend(_shifted(change.group(group), start + change.start(group)))
            continue
        unit = family(unit_name)
        points = _POINTS.match(text, end) if unit == "%" else None
        if points:  # "2 percentage points": quantulum3 reads "2 percentage"
            unit, end = "pp", points.end()
        surface = text[start:end]
        if unit == "count" and _is_year(q_value, surface):
            continue
        if unit == "count" and _FOLD.match(text, end):
            unit = "times"  # "increased five-fold, from about 8,000 to over 42,000": a multiple, not a count of deaths
        value = q_value
        if value < 0 and _PLUS_MINUS.search(text, 0, start + 1):
            value = -value  # "+/-2.3 percentage points", "± 2.3": a margin states its size, not a fall
        if unit == "count" and 0 < value < 1 and (re.match(r"\s+of\b", text[end:]) or _SHARE_CELL.search(text[:start])):
            unit, value = "%", value * 100  # "0.6 of output", a table's "EVShareP50: .2397" state 60%, 24%
        low = high = None
        if uncertainty:
            low, high = value - uncertainty, value + uncertainty
        found = _APPROX.search(text[max(0, start - 30):start])
        bound = next((k for k, _ in _APPROXIMATORS if found and found.group(k)), "exact")
        fraction = any(start <= a and b <= end for a, b in fractions)
        # a fraction is exact: "0 to 1/4 percent" is as precise as its quarter, not as its "0"
        decimals = max(_decimals(n.group()) for n in _FIRST_NUMBER.finditer(surface)) if fraction else _decimals(surface)
        out.append(Quantity(value, unit, surface, low, high, bound, decimals, start, end, fraction))
    return text, _series(text, out)


# quantulum3's reading of a text: (start, end, value, uncertainty, unit name) for each quantity
Parsed = tuple[tuple[int, int, float, "float | None", str], ...]


@lru_cache(maxsize=1 << 16)
def _parsed(text: str) -> Parsed:
    """quantulum3's quantities of ``text`` (already normalised and masked), as plain values. Kept by
    text: quantulum3 costs milliseconds a sentence, and a run reads the same text again (a claim's
    snippet and sentence, a source's repeated lines and headings): 45,221 parses of 32,916 texts in
    benchmarks/verify_eval.py. quantulum3 gives one text one reading within a process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = _parser().parse(text)
        except Exception:  # quantulum3 can fail on odd input; a sentence it cannot read states nothing
            return ()
    return tuple((q.span[0], q.span[1], float(q.value), None if q.uncertainty is None else float(q.uncertainty),
                  q.unit.name) for q in found)


# Numbers listed with one unit after the last: "+2.0, +1.5, and +1.5 percentage points", "approximately 2.0,
# 1.5, and 1.5 percentage point boosts": a comma between each two, "and" or "or" before the last
_SERIES_COMMA = re.compile(r"\s*,\s*")
_SERIES_LAST = re.compile(r"\s*,?\s+(?:and|or)\s+", re.I)


def _series(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` with the bare numbers of a listed series given the unit written once, after its last one
    (not a unit with a scale word, "3, 4 and 5 million", whose first numbers may be of another scale), and
    the approximator written before its first one. A series whose every number has its unit ("about 16.5%,
    24%, or 34%") is left as it is: each is its own figure."""
    out = list(found)
    k = len(out) - 1
    while k > 0:
        last = out[k]
        first = k
        if _SERIES_LAST.fullmatch(text, out[k - 1].end, last.start):
            first = k - 1
            while first > 0 and _SERIES_COMMA.fullmatch(text, out[first - 1].end, out[first].start):
                first -= 1
        members = out[first:k]
        if any(q.unit == "count" for q in members) and last.unit != "count" and last._scale() == 1.0 and all(
                q.unit in ("count", last.unit) and q.low is None and q._scale() == 1.0 for q in members):
            bound = members[0].bound
            for j in range(first, k + 1):
                q = out[j]
                out[j] = replace(q, unit=last.unit, bound=q.bound if q.bound != "exact" or j == first else bound)
        k = first - 1 if first < k else k - 1
    return out


# A year, which quantulum3 would join to the next number ("from 59% in 2019 to 66%" loses the 66%):
# hidden from the parser behind letters of the same length, so every span stays where it was
_YEAR = re.compile(r"(?<![\d.,£$€])(?:1[89]|20)\d\d(?![\d%]|[.,]\d|\s*(?:%|per ?cent|million|billion)\b)")


def _masked(year: re.Match) -> str:
    return "Y" * len(year.group())


# Two numbers with only a space between them ("39 84% Identify as Men", a table's row "13,700 13,017"):
# quantulum3 reads them as one, or as nothing. They are parted by a line break of the same length (not
# a whole number and its fraction, "1 1/2").
_APART = re.compile(r"(?<=\d)[ \t]+(?=\d[\d.,]*(?![\d/]))")


def _apart(space: re.Match) -> str:
    return "\n" * len(space.group())


# A sum with a scale word before "and" or "or" and another sum ("$55 million, and $45 million", "£5 million and
# £4 million"): quantulum3 reads the pair as the first sum alone, the second lost. The space before "and" is a
# line break of the same length to it (a number in words stays one: "one million and five").
_LISTED_MONEY = re.compile(r"(?<=[a-z])(,?)([ \t]+)(?=(?:and|or)\s+[£$€¥₹]\s?\d)", re.I)


def _listed(space: re.Match) -> str:
    return space.group(1) + "\n" * len(space.group(2))


_FROM = re.compile(r"\bfrom\s*$", re.I)
_FOLD = re.compile(r"[\s-]?fold\b", re.I)
_PLUS_MINUS = re.compile(r"(?:\+\s*/\s*[-−–]|±)\s*$")
_POINTS = re.compile(r"[\s-]*points?\b", re.I)  # "2 percentage points", "a 2 percentage-point boost"
_CHANGE = re.compile(r"(\S.*?)\s+(?:to|-|–)\s+(\S.*)")


def _shifted(piece: str, offset: int) -> list[Quantity]:
    """The quantities of ``piece`` (already normalised), their spans moved to where it sits."""
    return [replace(q, start=q.start + offset, end=q.end + offset)
            for q in read(piece)[1]]


# A table cell (read as "column: value") whose column is a share, rate or proportion
_SHARE_CELL = re.compile(r"(?:share|rate|pct|percent|proportion|fraction)[^\W_]*:\s*$", re.I)
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|"
                          r"seventy|eighty|ninety|hundred|thousand|half|third|quarter)\b", re.I)


def _is_year(value: float, surface: str) -> bool:
    """A year, or a span of years ("2019 to 2020", "2016-17"): when a figure is, not a figure."""
    if re.fullmatch(r"(?:18|19|20)\d\d(?:\s*(?:to|-|–|/)\s*(?:(?:18|19|20)\d\d|\d\d))?", surface.strip()) is None:
        return False
    return 1800 <= value <= 2100


def _decimals(surface: str) -> int:
    number = _FIRST_NUMBER.search(surface)
    if not number or "." not in number.group():
        return 0
    return len(number.group().split(".", 1)[1])
