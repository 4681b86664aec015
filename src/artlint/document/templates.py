"""Template-engine syntax in Markdown and HTML page templates: found once, here, so that no check
reads it as prose.

Static site generators run a template engine over an article before (or around) Markdown:
Liquid (Jekyll), Go templates and shortcodes (Hugo), Jinja/Nunjucks (MkDocs macros, Eleventy),
MDX (Astro, Docusaurus, Next.js). Their syntax is not prose and never a placeholder:

- tags ``{% include x.html %}``, comments ``{# ... #}``, Hugo shortcodes ``{{< figure >}}`` and
  ``{{% notice %}}`` with their parameters; a Go template's actions, comments, variables and
  fields (``{{ range .Pages }}``, ``{{ end }}``, ``{{/* note */}}``, ``{{ $p := .Page }}``);
- the bodies of code-like pairs: ``{% highlight r %}...{% endhighlight %}``, ``{% raw %}``,
  ``{% comment %}``, ``{{< highlight go >}}...{{< /highlight >}}`` (an R or shell comment in
  them is not a heading); other pairs (``{{< note >}}Text{{< /note >}}``, ``{% if %}``,
  ``{% quote %}``) render their body, which stays prose;
- outputs written in an engine's expression language: a dotted name (``{{ page.title }}``,
  ``{{ .Site.Title }}``), a filter (``{{ "x" | relative_url }}``), a call, a string, a variable
  the file binds itself (``{% assign n = 3 %}...{{ n }}``). A bare name or free text
  (``{{AUTHOR}}``, ``{{ insert statistic here }}``) is left in the prose: it is what a slot
  nobody filled in looks like, and the ``template-placeholder`` check judges it;
- kramdown attribute lists ``{: .note}`` and extensions ``{::comment}...{:/comment}``; Pandoc's
  attributes right after a link, an image or a span (``![DAG](dag.svg){width=60%}``);
- MyST roles (Jupyter Book, Sphinx): the ``{name}`` right before a code span, ``{ref}`sec```,
  ``{cite:t}`Calvo1998```; a citation role is also a note mark, like a footnote marker;
- MyST colon-fence directives: the ``:::{note}`` line, its ``:key: value`` options and the closing
  ``:::`` (the body is prose). A ``{bibliography}`` directive renders the works the document cites:
  in a document that cites none through roles (and without ``:all:``) it renders nothing;
- Obsidian callout markers ``> [!NOTE]`` (the callout's text is prose) and ``[[wikilinks]]``,
  which are links (kind ``wikilink``, target the page name; the text shown stays prose);
- in ``.mdx`` files: ``import``/``export`` blocks, JSX tags with their props, ``{...}``
  expressions (the text between JSX tags is prose);
- WordPress shortcodes, which posts exported from WordPress keep: a tag with a quoted attribute
  (``[gallery ids="1,2,3"]``, ``[contact-form-7 id="12" title="Contact"]``) and a tag with its
  closing tag (``[embed]https://…[/embed]``, ``[caption id="a1"]<img …> A caption[/caption]``: the
  text between them is prose). A bare ``[video]`` with no closing tag is left in the prose: it is
  what a slot nobody filled in looks like.

``find_regions`` only reads the text; ``parse_markdown`` blanks the regions (same length), once
before mistune sees the text (what stands on lines of its own, so that mistune sees blank
lines) and once after links are found (what sits inside a line, so that ``[a]({{ site.url }}/x)``
is still read as one link whose target the link checks know to be template syntax).

Linear time: each kind of opener is found with one regex or ``str.find``, and every "where is
the next closer" answer is remembered until the scan has passed it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import field
from typing import Iterator

from artlint.document import inline
from artlint.document.buffer import ProseBuffer
from artlint.document.model import CODE, PANDOC_ATTRIBUTES, TEMPLATE, Block, FootnoteRef, Link, normalize_label
from artlint.records import dataclass

# Kinds of region.
TAG = "tag"  # template syntax inside a line or on lines of its own
BODY = "body"  # a code-like pair with its body: rendered as code, never prose
SILENT = "silent"  # a comment or similar pair: renders nothing
WIKI = "wikilink"

# The last two openers are MyST's role and colon fence, handled by _role and directives(); the
# fence is here so that one search still tells a text without template syntax.
_OPENERS = re.compile(r"\{\{[<%]|\{\{(?!\{)|\{%|\{#|\{:|\[\[|\[!|\{(?=[A-Za-z][\w:+.-]{0,40}\}`|[ \t]*(?:-[ \t]*\}|[#.][A-Za-z]|[A-Za-z][\w-]*=))|(?m:^ {0,3}:{3,}\{)")
# The same openers, read in two parts: re skips in C to the "{" or "[" that opens all but the
# fence, where the fence's "^" made it try every character; the fence is looked for only in a text
# with ":::". (templates() reads no fence: a search without it finds the same next opener.)
_TAG_OPENERS = re.compile(r"\{\{[<%]|\{\{(?!\{)|\{%|\{#|\{:|\[\[|\[!|\{(?=[A-Za-z][\w:+.-]{0,40}\}`|[ \t]*(?:-[ \t]*\}|[#.][A-Za-z]|[A-Za-z][\w-]*=))")
# A tag that renders another file's markup into the page: Liquid and Jinja includes, Hugo
# shortcodes ("{%- include fn.html n=1 -%}", "{{< ref >}}", "{{% notice %}}").
_PARTIAL = re.compile(r"\{%-?\s*(?:include|include_relative|render)\s|\{\{[<%]")
_COLON_FENCE = re.compile(r"^ {0,3}:{3,}\{", re.M)
_MDX_OPENERS = re.compile(r"\[\[|\[!|^(?:import|export)(?=[ \t{*])|</?[A-Za-z>]|\{", re.M)
_ENGINE_TAGS = ("{%", "{{", "{#")  # what only a template engine reads (not kramdown's "{:")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TAG_NAME = re.compile(r"[ \t\n]*-?[ \t\n]*(/?)[ \t\n]*([A-Za-z_][\w-]*)")
# Liquid/Jinja pairs whose body is not prose, and what the body is.
_LIQUID_PAIRS = {"highlight": BODY, "codeblock": BODY, "raw": BODY, "verbatim": BODY, "comment": SILENT}
# Hugo shortcodes whose body is code or markup, not text.
_CODE_SHORTCODES = frozenset({
    "highlight", "code", "codeblock", "code-block", "mermaid", "math", "katex", "chart",
    "raw", "rawhtml", "html", "svg", "plotly", "diagram", "gist",
})
# ... and a theme's own code shortcodes: "{{< code-toggle file=hugo >}}", "{{< code-tabs >}}"
_CODE_SHORTCODE_PREFIXES = ("code-", "highlight-")
_KRAMDOWN_PAIRS = {"comment": SILENT, "nomarkdown": BODY}
# Names a tag binds: "{% assign x = %}", "{% for a, b in %}", "{% set x = %}", "{% macro f(x) %}".
_BINDS = re.compile(
    r"\s*-?\s*(?:(?:assign|set|capture|increment|decrement|with)\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)"
    r"|(?:for|tablerow)\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\b"
    r"|macro\s+[A-Za-z_]\w*\s*\(([^()]*)\))"
)
_IDENT = re.compile(r"[A-Za-z_]\w*")
# An output written in an engine's language: trim marks, a filter, a call, a string, a dotted
# or indexed name, Hugo's ".", "$" and ":=".
_ENGINE_EXPRESSION = re.compile(r"^-|-$|[|(\"'$]|:=|^\.|[\w\])]\s*[.\[]\s*[\w\"']")
_BARE_NAME = re.compile(r"[A-Za-z_]\w*")
# Go templates (Hugo layouts) have no "{%": their tags are actions and comments written as outputs,
# "{{ if .Title }}", "{{ range .Pages }}", "{{ end }}", "{{/* Divider */}}", and so are a field of
# the context, "{{ .Weight }}", and a variable's declaration, "{{ $image := .image }}"; a file with
# one is a template source. So is a function called Go's way, its arguments after a space: a string,
# a field or a variable ("{{ i18n "privacy" }}", "{{ safeHTML .Content }}", "{{ len $pages }}").
_GO_ACTION = re.compile(
    r"-?[ \t\n]*(?:/\*|(?:if|else|end|range|with|define|block|template|partial|partialCached|return|break|continue)\b"
    r"|\.[A-Za-z_]|\$\w*[ \t]*:?=|[A-Za-z_]\w*[ \t]+(?:\"|\.[A-Za-z_]|\$[A-Za-z_]))")
# A template that extends a layout or fills its blocks (Jinja, Django, Nunjucks, Twig) is a view's:
# the view binds its variables, so "{{ q }}" there is the engine's. "{{AUTHOR}}" is still a slot.
_INHERITANCE_TAGS = frozenset({"extends", "block"})
_VIEW_CONTEXT = "{view context}"  # in ``bound``: every name that starts in lower case is bound
_CONTEXT_NAME = re.compile(r"[a-z_][A-Za-z0-9_]*")  # q, date_string, dateString
# The page name starts at its first non-space character: one way to match, linear time.
_WIKILINK = re.compile(r"(!?)\[\[[ \t]*([^\[\]\n|#^:\s][^\[\]\n|#^:]*)([#^][^\[\]\n|]*)?(?:\|([^\[\]\n]*))?\]\]")
# an Obsidian or GitHub callout marker at a quote line's start, "> [!NOTE]": group 1 is the marker
CALLOUT = re.compile(r"[ \t]{0,3}(?:>[ \t]?)+[ \t]*(\[![A-Za-z][\w-]*\][+-]?)")
_IAL = re.compile(r"\{:(?:[^{}\n\"']|\"[^\"\n]*\"|'[^'\n]*')*\}")
_KRAMDOWN_EXT = re.compile(r"\{::([a-z]+)(?:[^{}\n]*?)(/?)\}")
_SPAN_REACH = 200  # characters read back from "]{" for the span's opening bracket
_ATTRIBUTES_REACH = 400  # characters Pandoc's attributes after a link or a span may take
_ROLE = re.compile(r"\{([A-Za-z][\w:+.-]{0,40})\}`([^`\n]*)`")
# sphinxcontrib-bibtex's and MyST's citation roles: cite, cite:p, cite:t, footcite, footcite:t ...
_CITATION_ROLE = re.compile(r"(?:foot)?cite(?::[a-z]+)?")
_DIRECTIVE = re.compile(r"^ {0,3}(:{3,})\{([A-Za-z][\w:.-]{0,40})\}[^\n]*(?:\n|$)", re.M)
_DIRECTIVE_OPTION = re.compile(r" {0,3}:[\w-]+:(?:[ \t][^\n]*)?(?:\n|$)")
_COLON_CLOSER = re.compile(r"^ {0,3}(:{3,})[ \t]*$", re.M)
_NESTED_LIMIT = 50  # closers of inner directives passed over before one gives up
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_JSX_NAME = re.compile(r"</?(?:[A-Za-z][\w.-]*(?::[A-Za-z][\w.-]*)?)?(?=[\s/>{])")
_JSX_LIMIT = 4000  # a JSX tag or expression longer than this is not one
# A WordPress shortcode's tag: "[name attr="value" …]" or "[/name]" (group 1 "/", group 2 the
# name, group 3 its attributes; no "[" inside, so a scan from each "[" stops at the next one).
_SHORTCODE = re.compile(
    r"\[(/?)([a-z][a-z0-9_-]{0,40})((?:[ \t]+[a-z_][\w-]{0,40}=(?:\"[^\"\n\[\]]{0,400}\"|'[^'\n\[\]]{0,400}'"
    r"|[^\s\"'\[\]]{1,400}))*)[ \t]*/?\]")
# A text that may hold one worth a scan: a closing tag or a tag with a quoted attribute.
_SHORTCODE_HINT = re.compile(r"\[(?:/[a-z][a-z0-9_-]{0,40}\]|[a-z][a-z0-9_-]{0,40}[ \t][^\[\]\n]{0,400}?=[\"'])")
_QUOTED_ATTRIBUTE = re.compile(r"=[\"']")


@dataclass
class Region:
    start: int
    end: int
    kind: str


@dataclass
class TemplateRegions:
    regions: list[Region] = field(default_factory=list)  # sorted, disjoint
    wikilinks: list[Link] = field(default_factory=list)
    citations: list[FootnoteRef] = field(default_factory=list)  # MyST citation roles

    def __bool__(self) -> bool:
        return bool(self.regions)

    def standalone(self, text: str) -> list[tuple[int, int, str]]:
        """Runs of regions that fill their lines (only whitespace around them), or that span
        lines: (start, end, kind), kind BODY when a code-like pair is among them, SILENT when
        all are silent, else TAG."""
        lines = _Lines(text)
        runs: list[tuple[int, int, str]] = []
        regions = [r for r in self.regions if r.kind != WIKI]  # a wikilink shows text: prose
        i = 0
        while i < len(regions):
            a, b, kinds = regions[i].start, regions[i].end, {regions[i].kind}
            i += 1
            # Regions on the same or the next line join a run; a blank line ends it.
            while i < len(regions) and _is_space(text, b, regions[i].start) and text.count("\n", b, regions[i].start) < 2:
                b = regions[i].end
                kinds.add(regions[i].kind)
                i += 1
            alone = _is_space(text, lines.start(a), a) and _is_space(text, b, lines.end(b))
            if alone or lines.start(a) != lines.start(b):
                kind = BODY if BODY in kinds else SILENT if kinds <= {SILENT} else TAG
                runs.append((a, b, kind))
        return runs

    def apply(self, chars: ProseBuffer, links: list[Link], refs: list[FootnoteRef]) -> None:
        """Blank every region; drop the links and footnote markers found inside one (a URL in a
        shortcode's parameters is not a link); add the wikilinks."""
        # "[[x]]" where a definition "[x]: url" exists is a reference link in brackets (CommonMark
        # reads it so), not a wikilink.
        defined = {normalize_label(link.label) for link in links if link.kind == "definition"}
        references = {w.start for w in self.wikilinks if normalize_label(w.target) in defined}
        regions = [r for r in self.regions if not (r.kind == WIKI and r.start in references)]
        covered = _Covered((r.start, r.end) for r in regions)
        links[:] = [link for link in links if covered.end_at(link.start) < 0]
        refs[:] = [ref for ref in refs if covered.end_at(ref.start) < 0]
        refs.extend(self.citations)
        for region in regions:
            if region.kind != WIKI:
                chars.blank(region.start, region.end)
        for link in self.wikilinks:
            if link.start in references:
                continue
            # The text a reader sees stays prose; brackets, target (when an alias is shown) do not.
            chars.blank(link.start, link.text_start)
            chars.blank(link.text_end, link.end)
            links.append(link)


def template_blocks(runs: list[tuple[int, int, str]], blocks: list[Block]) -> list[Block]:
    """Blocks for the runs mistune never saw: code for code-like pairs, ``template`` for
    includes and shortcodes (a section holding a figure is not empty); none for comments or
    where a mistune block (a list item) already covers the run."""
    covered = _Covered((b.start, b.end) for b in blocks)
    out = []
    for a, b, kind in runs:
        if kind == SILENT or covered.end_at(a) >= 0:
            continue
        out.append(Block(CODE if kind == BODY else TEMPLATE, a, b))
    return out


def includes_partials(text: str) -> bool:
    """Does the page include template partials? They may write markup (anchors) the article
    cannot show."""
    return text.find("{", 0) >= 0 and _PARTIAL.search(text) is not None


def has_opener(text: str, pos: int) -> bool:
    """Whether ``_OPENERS.search(text, pos)`` finds one."""
    if _TAG_OPENERS.search(text, pos):
        return True
    return text.find(":::", pos) >= 0 and _COLON_FENCE.search(text, pos) is not None


def find_regions(text: str, body_start: int, mdx: bool = False, page: bool = False) -> TemplateRegions | None:
    """The template regions of a Markdown text after its front matter, or None when it has none
    (the common case, decided by one regex search). ``page``: an HTML page's, where a file with
    template tags is a template whose variables the engine's context binds (``{{ title }}``), as
    no page a reader gets still holds its tags."""
    shortcodes = not mdx and _SHORTCODE_HINT.search(text, body_start) is not None
    if not mdx and not shortcodes and text.find("{", body_start) < 0 and text.find("[[", body_start) < 0 and (
            text.find("[!", body_start) < 0):
        return None  # every opener but "[[", "[!" and a shortcode's holds a "{" (str.find: no regex tried at each character)
    if not (shortcodes or (_MDX_OPENERS.search(text, body_start) if mdx else has_opener(text, body_start))):
        return None
    scan = _Scanner(text, body_start)
    if mdx:
        scan.mdx()
    else:
        scan.templates(page)
        scan.directives()
        if shortcodes:
            scan.shortcodes()
    scan.wikilinks_and_callouts()
    found = TemplateRegions(sorted(scan.regions, key=lambda r: r.start), scan.wikilinks, scan.citations)
    return found if found.regions else None


class _NextAfter:
    """``finder(pos)`` for positions that only grow: the answer is reused until passed."""

    __slots__ = ("finder", "pos", "found")

    def __init__(self, finder) -> None:
        self.finder = finder
        self.pos = -1
        self.found = -1

    def __call__(self, pos: int) -> int:
        if not (0 <= self.pos <= pos and (self.found < 0 or pos <= self.found)):
            self.pos = pos
            self.found = self.finder(pos)
        return self.found


class _Scanner:
    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start
        self.regions: list[Region] = []
        self.wikilinks: list[Link] = []
        self.citations: list[FootnoteRef] = []
        self.taken: list[tuple[int, int]] = []  # regions found so far, left to right
        self._closers: dict[str, _NextAfter] = {}
        self._code: _Covered | None = None
        self._blank_line = _NextAfter(self._find_blank_line)

    # ---- shared ------------------------------------------------------------------------
    def _find_blank_line(self, pos: int) -> int:
        m = _BLANK_LINE.search(self.text, pos)
        return m.start() if m else len(self.text)

    def in_code(self, p: int) -> int:
        """End of the fenced code block or code span holding p, or -1."""
        if self._code is None:
            self._code = _Covered(_code_ranges(self.text))
        return self._code.end_at(p)

    def _closer(self, key: str, finder) -> _NextAfter:
        found = self._closers.get(key)
        if found is None:
            found = self._closers[key] = _NextAfter(finder)
        return found

    def _find(self, needle: str) -> _NextAfter:
        return self._closer(needle, lambda pos: self.text.find(needle, pos))

    def _close_in_paragraph(self, needle: str, pos: int) -> int:
        """End of the first ``needle`` after pos, if it comes before the next blank line."""
        close = self._find(needle)(pos)
        if close < 0 or close > self._blank_line(pos):
            return -1
        return close + len(needle)

    def _add(self, start: int, end: int, kind: str) -> None:
        self.regions.append(Region(start, end, kind))

    # ---- Liquid, Jinja, Nunjucks, Hugo --------------------------------------------------
    def templates(self, context_bound: bool = False) -> None:
        text = self.text
        outputs: list[tuple[int, int]] = []
        bound: set[str] = {_VIEW_CONTEXT} if context_bound else set()
        pos = self.start
        while True:
            m = _TAG_OPENERS.search(text, pos)
            if not m:
                break
            opener, a = m.group(), m.start()
            end = -1
            if opener in ("{{<", "{{%"):
                end = self._shortcode(a, opener)
            elif opener == "{%":
                end = self._liquid_tag(a, bound)
            elif opener == "{{":
                end = self._close_in_paragraph("}}", a + 2)
                if end > 0:
                    outputs.append((a, end))
                    pos = end
                    continue
            elif opener == "{#":
                end = self._close_in_paragraph("#}", a + 2)
                if end > 0:
                    self._add(a, end, SILENT)
                else:  # not a comment: "{#fig-a width=50%}" after an image names it
                    end = self._attributes(a)
            elif opener == "{:":
                end = self._kramdown(a)
            elif opener == "{":
                end = self._role(a)
                if end < 0:
                    end = self._attributes(a)
            pos = end if end > 0 else a + 1
        # An engine renders outputs only in a template source: a file with front matter (Jekyll
        # and Hugo render no other) or with template tags. Elsewhere "{{ customer.name }}" is
        # what a mail-merge left behind, and the template-placeholder check judges it.
        if not (self.start > 0 or any(text.startswith(_ENGINE_TAGS, r.start)
                                      and not PANDOC_ATTRIBUTES.fullmatch(text, r.start, r.end)  # "{#fig-a}"
                                      for r in self.regions)
                or any(_GO_ACTION.match(text, a + 2, b - 2) for a, b in outputs)):
            return
        for a, b in outputs:
            if _is_engine_expression(text[a + 2 : b - 2], bound):
                self._add(a, b, TAG)

    def _liquid_tag(self, a: int, bound: set[str]) -> int:
        end = self._close_in_paragraph("%}", a + 2)
        if end < 0:
            return -1
        inner = self.text[a + 2 : end - 2]
        m = _TAG_NAME.match(inner)
        name = m.group(2).lower() if m and not m.group(1) else ""
        binds = _BINDS.match(inner)
        if binds:
            bound.update(_IDENT.findall(next(g for g in binds.groups() if g is not None)))
        if name in _INHERITANCE_TAGS:
            bound.add(_VIEW_CONTEXT)
        pair = _LIQUID_PAIRS.get(name)
        # "`{% comment %}`" in code shows the tag: it opens nothing (a post that used it there
        # would not build), so an explanation of Liquid keeps its prose.
        if pair and self.in_code(a) < 0:
            closing = self._closer(
                "end" + name, lambda pos, n=name: _search(re.compile(r"\{%-?\s*end" + n + r"\s*-?%\}"), self.text, pos))
            close = closing(end)
            if close >= 0:
                stop = self.text.find("%}", close) + 2
                self._add(a, stop, pair)
                return stop
        self._add(a, end, TAG)
        return end

    def _shortcode(self, a: int, opener: str) -> int:
        closer = ">}}" if opener == "{{<" else "%}}"
        end = self._close_in_paragraph(closer, a + 3)
        if end < 0:
            return -1
        m = _TAG_NAME.match(self.text, a + 3, end)
        name = m.group(2).lower() if m and not m.group(1) else ""
        if (name in _CODE_SHORTCODES or name.startswith(_CODE_SHORTCODE_PREFIXES)) and self.in_code(a) < 0:
            closing = self._closer(
                "/" + name,
                lambda pos, n=name: _search(re.compile(r"\{\{[<%]\s*/\s*" + re.escape(n) + r"\s*[>%]\}\}"), self.text, pos))
            close = closing(end)
            if close >= 0:
                stop = self.text.find("}}", close + 3) + 2
                self._add(a, stop, BODY)
                return stop
        self._add(a, end, TAG)
        return end

    def _attributes(self, a: int) -> int:
        """Pandoc's attributes right after a link, an image or a span ("![DAG](dag.svg){width=60%}",
        "[text]{.mark}"): markup, never prose. (A heading's are no part of its name: model.label_name.)"""
        if a == 0 or self.text[a - 1] not in ")]":
            return -1
        if self.text[a - 1] == "]":  # a span opens its bracket after a space or a mark, not inside a word:
            opening = self.text.rfind("[", max(0, a - _SPAN_REACH), a)  # "contentReference[oaicite:3]{index=3}"
            if opening > 0 and self.text[opening - 1].isalnum():  # is an assistant's citation token
                return -1
        # (read within a bound: matched from every "{" after a link, an unclosed value would run to
        # the text's end each time)
        m = PANDOC_ATTRIBUTES.match(self.text, a, min(len(self.text), a + _ATTRIBUTES_REACH))
        if m is None or self.in_code(a) >= 0:
            return -1
        self._add(a, m.end(), SILENT)
        return m.end()

    def _role(self, a: int) -> int:
        """A MyST role's ``{name}`` (its content is a code span, code already)."""
        m = _ROLE.match(self.text, a)
        if m is None or self.in_code(a) >= 0:
            return -1
        end = m.start(2) - 1
        self._add(a, end, TAG)
        if _CITATION_ROLE.fullmatch(m.group(1)):
            resume = m.end()
            while resume < len(self.text) and self.text[resume] in " \t":
                resume += 1
            self.citations.append(FootnoteRef(m.group(2).strip(), a, m.end(), kind="role", cites_at=resume))
        return end

    # ---- MyST (Jupyter Book) ------------------------------------------------------------
    def directives(self) -> None:
        text = self.text
        closers = self._closer(":::", lambda pos: _search(_COLON_CLOSER, text, pos))
        taken = _Covered(sorted((r.start, r.end) for r in self.regions))  # a body pair holds it
        for m in _DIRECTIVE.finditer(text, self.start):
            a = m.start()
            if self.in_code(a) >= 0 or taken.end_at(a) >= 0:
                continue
            head_end = m.end()
            option = _DIRECTIVE_OPTION.match(text, head_end)
            while option and option.end() > head_end:
                head_end = option.end()
                option = _DIRECTIVE_OPTION.match(text, head_end)
            closing, pos = None, head_end
            for _ in range(_NESTED_LIMIT):
                found = closers(pos)
                if found < 0:
                    break
                run = _COLON_CLOSER.match(text, found)
                if len(run.group(1)) >= len(m.group(1)):
                    closing = run
                    break
                pos = run.end() + 1
            if closing is None:
                continue
            close, close_end = closing.start(), closing.end()
            if m.group(2) == "bibliography":
                renders = self.citations or ":all:" in text[m.end():head_end]
                self._add(a, close_end, TAG if renders else SILENT)
            else:
                self._add(a, head_end, TAG)
                self._add(close, close_end, TAG)

    def _kramdown(self, a: int) -> int:
        ext = _KRAMDOWN_EXT.match(self.text, a)
        if ext:
            kind = _KRAMDOWN_PAIRS.get(ext.group(1))
            if kind and not ext.group(2):
                close = self._find("{:/")(ext.end())
                stop = self.text.find("}", close) + 1 if close >= 0 else 0
                if stop > 0:
                    self._add(a, stop, kind)
                    return stop
            self._add(a, ext.end(), TAG)
            return ext.end()
        m = _IAL.match(self.text, a)
        if m:
            self._add(a, m.end(), SILENT)
            return m.end()
        return -1

    # ---- WordPress -----------------------------------------------------------------------
    def shortcodes(self) -> None:
        """WordPress shortcodes outside code and other regions: a tag with a quoted attribute,
        and a closing tag with the latest unclosed tag of its name (bare or not)."""
        taken = _Covered(sorted((r.start, r.end) for r in self.regions))
        unclosed: dict[str, list[tuple[int, int, bool]]] = {}  # name -> (start, end, added) of its open tags
        for m in _SHORTCODE.finditer(self.text, self.start):
            a, b = m.span()
            if self.in_code(a) >= 0 or taken.end_at(a) >= 0:
                continue
            closing, name, attributes = m.groups()
            if not closing:
                quoted = _QUOTED_ATTRIBUTE.search(attributes) is not None
                if quoted:
                    self._add(a, b, TAG)
                unclosed.setdefault(name, []).append((a, b, quoted))
            elif unclosed.get(name):
                start, end, added = unclosed[name].pop()
                if not added:
                    self._add(start, end, TAG)
                self._add(a, b, TAG)

    # ---- Obsidian ------------------------------------------------------------------------
    def wikilinks_and_callouts(self) -> None:
        text = self.text
        taken = _Covered((r.start, r.end) for r in self.regions)

        def free(a: int) -> bool:
            return taken.end_at(a) < 0

        if "[[" in text:
            for m in _WIKILINK.finditer(text, self.start):
                if free(m.start()):
                    self._wikilink(m)
        if "[!" in text:
            lines = _Lines(text)
            pos = self.start
            line_start, m = -1, None
            while True:
                pos = text.find("[!", pos)
                if pos < 0:
                    break
                if lines.start(pos) != line_start:  # one match per line, however many "[!"
                    line_start = lines.start(pos)
                    m = CALLOUT.match(text, line_start)
                if m and m.start(1) == pos and free(pos):
                    self._add(pos, m.end(1), TAG)
                pos += 2

    def _wikilink(self, m: re.Match) -> None:
        target_start, target_end = m.start(2), m.end(2)
        if m.group(4) is not None:
            text_start, text_end = m.start(4), m.end(4)
        else:
            text_start, text_end = target_start, target_end
        if m.group(1):  # "![[chart.png]]" embeds a file: nothing to read
            text_start = text_end = m.end()
        self._add(m.start(), m.end(), WIKI)
        self.wikilinks.append(Link(WIKI, m.start(), m.end(), m.group(2).strip(), target_start, target_end,
                                   text_start, text_end, closed=True))

    # ---- MDX -----------------------------------------------------------------------------
    def mdx(self) -> None:
        """ESM blocks, JSX tags and ``{...}`` expressions outside code."""
        text = self.text
        pos = self.start
        while True:
            m = _MDX_OPENERS.search(text, pos)
            if not m:
                break
            a, opener = m.start(), m.group()
            if opener in ("[[", "[!"):
                pos = a + 1
                continue
            if self.in_code(a) >= 0:
                pos = self.in_code(a)
                continue
            if opener[0] in "ie":  # import / export: the block runs to the next blank line
                previous = text.rfind("\n", 0, a - 1) + 1 if a > self.start else a
                if not _is_space(text, max(self.start, previous), a):
                    pos = a + 1  # a line of a paragraph, not the start of a block
                    continue
                end = self._blank_line(a)
                self._add(a, end, SILENT)
                pos = end
                continue
            end = self._jsx_tag(a) if opener[0] == "<" else self._braces(a)
            if end > 0:
                comment = text.startswith("{/*", a) and text.endswith("*/}", a, end)
                self._add(a, end, SILENT if comment else TAG)
                pos = end
            else:
                pos = -end  # a failed scan: no opener before where it stopped can succeed

    def _jsx_tag(self, a: int) -> int:
        if not _JSX_NAME.match(self.text, a):
            return -(a + 1)
        return self._balanced(a, ">")

    def _braces(self, a: int) -> int:
        return self._balanced(a + 1, "}", depth=1)

    def _balanced(self, a: int, stop: str, depth: int = 0) -> int:
        """End of a JSX tag (``stop`` ">") or expression (``stop`` "}") that starts at a:
        braces and quotes are skipped; a blank line or the length limit ends the search (the
        negative of where it stopped is returned, so the caller skips past it)."""
        text = self.text
        limit = min(len(text), a + _JSX_LIMIT, self._blank_line(a))
        quote = ""
        i = a
        while i < limit:
            c = text[i]
            if quote:
                if c == quote:
                    quote = ""
            elif c == "/" and text.startswith("/*", i) and (depth or stop == ">"):
                close = text.find("*/", i + 2, limit)
                if close < 0:
                    break
                i = close + 2
                continue
            elif c in "\"'`" and (depth or stop == ">"):
                quote = c
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0 and stop == "}":
                    return i + 1
            elif c == stop and depth == 0:
                return i + 1
            i += 1
        return -max(limit, a + 1)


class _Lines:
    """Where the line holding an offset starts and ends, by bisection (no scan of a long line)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def start(self, p: int) -> int:
        k = bisect.bisect_left(self.newlines, p) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def end(self, p: int) -> int:
        k = bisect.bisect_left(self.newlines, p)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)


def _is_space(text: str, a: int, b: int) -> bool:
    return a >= b or text[a:b].isspace()


def _search(pattern: re.Pattern, text: str, pos: int) -> int:
    m = pattern.search(text, pos)
    return m.start() if m else -1


def _is_engine_expression(expression: str, bound: set[str]) -> bool:
    inner = expression.strip()
    if not inner:
        return False
    if _ENGINE_EXPRESSION.search(inner) or _GO_ACTION.match(inner):
        return True
    if _BARE_NAME.fullmatch(inner) is None:
        return False
    return inner in bound or (_VIEW_CONTEXT in bound and _CONTEXT_NAME.fullmatch(inner) is not None)


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Fenced code blocks and code spans (MDX reads neither as JSX), sorted and disjoint."""
    ranges: list[tuple[int, int]] = []
    opened: re.Match | None = None
    for m in _FENCE.finditer(text):
        if opened is None:
            opened = m
        elif m.group(1)[0] == opened.group(1)[0] and len(m.group(1)) >= len(opened.group(1)):
            ranges.append((opened.start(), m.end()))
            opened = None
    if opened is not None:
        ranges.append((opened.start(), len(text)))
    fences = _Covered(ranges)
    # a code span lies in one paragraph: a run of backticks left open in one (an R string's
    # "`svyglm``" in a highlight body) closes nothing after a blank line
    for start, end in _paragraph_spans(text):
        ranges.extend((start + a, start + b) for a, b in inline.code_spans(text[start:end])
                      if fences.end_at(start + a) < 0)
    return sorted(ranges)


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of text between blank lines."""
    start = 0
    for blank in _BLANK_LINE.finditer(text):
        yield start, blank.start()
        start = blank.end()
    yield start, len(text)


class _Covered:
    """Spans, sorted by start: which one covers an offset, by bisection."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def end_at(self, p: int) -> int:
        """The end of the span covering p (the last one starting at or before it), or -1."""
        k = bisect.bisect_right(self.starts, p) - 1
        return self.spans[k][1] if k >= 0 and self.spans[k][1] > p else -1
