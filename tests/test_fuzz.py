"""Never crash, never lose text: artlint on whatever it is given.

Property-based (hypothesis). Most examples run in this process through ``lint_text`` with every
built-in rule, those that are off by default included; fewer go through the ``artlint``
command as bytes on disk. For every input:

- nothing raises (in-process) and the command exits 0 or 1, or 2 only when no file could be
  read, never with a traceback; a file that is not UTF-8 text gets one line on stderr and one
  ``unreadable-file`` diagnostic;
- every diagnostic lies inside the file and its ``match`` is exactly the file's text there,
  lines being split on ``\\r\\n``, ``\\r`` and ``\\n`` (a UTF-8 BOM is not counted);
- the line endings of a file (LF, CRLF, CR) change nothing but the line breaks inside a match.

Profiles (tests/_hypothesis_profiles.py): ``ci`` by default; ``pytest -m fuzz
--hypothesis-profile=long`` for a long run.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from _hypothesis_profiles import examples, long_only
from hypothesis import example, given, settings
from hypothesis import strategies as st

from artlint.config import Config
from artlint.diagnostics import CATEGORIES, SEVERITIES
from artlint.document import decode, parse_document
from artlint.document.reader import UnreadableFile
from artlint.engine import lint_text
from artlint.selection import load_ruleset
from conftest import REPO, artlint_exe
from runcli import run_runner

pytestmark = pytest.mark.fuzz

# Every built-in rule, the ones that are off by default too (no selection applied).
ALL_RULES = load_ruleset(Config(root=REPO))
RULE_IDS = {r.id for r in ALL_RULES} | {"unreadable-file", "rule-timeout"}
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# ---- what the inputs are made of ----------------------------------------------------------

MARKUP = [
    "[", "]", "(", ")", "<", ">", "`", "*", "_", "#", "-", "+", "!", ":", ".", ",", ";", "?", "\\",
    " ", "\t", "|", "{", "}", "%", "$", "^", "~", "\"", "'", "=", "@", "/", "&",
    "http://", "https://x.org/a_(b)", "htps://x", "www.", "mailto:a@b.org", "ftp://", "#frag",
    "[^1]", "[^1]: note", "[1]", "[a]: https://x.org", "](", "] (", ")[", "[ ]", "![", "<https://x.org>",
    "<!--", "-->", "<!-- artlint-disable -->", "<!-- artlint-enable -->",
    "<!-- artlint-disable-next-line spacing -->", "<!-- artlint-disable-file -->",
    "<div>", "</div>", "<a href='#x'>", "<a href=\"", "</a>", "<img src=x alt='", "<p>", "</p>", "<script>",
    "</script>", "<pre>", "</pre>", "&amp;", "<!DOCTYPE html>", "<![CDATA[", "<?x", "</", "```", "~~~", "    ", "> ", "- ", "* ", "1. ", "1) ", "# ", "## ",
    "---", "===", "| a | b |", "|---|---|", "{{ source_url }}", "{% x %}", "{#id}",
    "TODO:", "TK", "XX%", "Lorem ipsum", "[INTERNAL_LINK:slug]", "[[External Link: https://x.org]]",
    "[source]", "[Author Name]", "according to the IEA", "experts say", "The World Bank estimates",
    "60%", "1,200", "$4bn", "one in five", "two-thirds of", "the world's largest", "tripled", "3x",
    "Sources", "References", "Notes", "Table of Contents", "Leave a Comment", "As an AI language model",
    "India Japan economic security", "strategic weight .", "India , Japan", "( see below )",
    "“", "”", "«", "»", "„", "’s", "…", "—", "–", "•", "¹", "²",
]
SPECIAL = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff",
    "\u00a0", "\u202f", "\u2009", "\u3000", "\u0301", "\u0308\u0301", "e\u0301", "😀", "👩‍👩‍👧", "🇫🇷",
    "👍🏽", "\U0001f9d1\u200d\U0001f4bb", "\ud800", "\udfff", "\ud83d", "\\ud800", "&#xD800;", "&#0;",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\u05e2\u05d1\u05e8\u05d9\u05ea", "中文", "ǅ", "ß", "İ",
    "\U0010ffff", "\ufffd", "\uffff",
]
NEWLINES = ["\n", "\n\n", "\r\n", "\r", "\n   \n"]

token = st.one_of(st.sampled_from(MARKUP), st.sampled_from(SPECIAL), st.sampled_from(NEWLINES),
                  st.text(max_size=6))
soup = st.lists(token, max_size=120).map("".join)


@st.composite
def line_endings(draw, text_strategy):
    """A text with its line breaks written as LF, CRLF, CR or a mix, with or without a final one."""
    text = draw(text_strategy)
    style = draw(st.sampled_from(["keep", "\n", "\r\n", "\r", "mixed"]))
    if style != "keep":
        lines = LINE_BREAK.split(text)
        if style == "mixed":
            breaks = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
            text = "".join(line + brk for line, brk in zip(lines, breaks))
        else:
            text = style.join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@st.composite
def articles(draw):
    """Articles with Markdown structure: front matter, headings, nested lists and quotes, code,
    tables, links, footnotes, suppressions, a Sources section."""
    inline = st.lists(st.one_of(st.sampled_from(MARKUP + SPECIAL), st.text(max_size=8)), max_size=14).map("".join)
    blocks = []
    if draw(st.booleans()):
        value = draw(st.sampled_from(["fr", "en-GB", "2023-02-30", "2024-01-01", "[a, b]", "!!python/object:os.system",
                                      "*anchor", "&a [1, *a]", "0x_", "no", "{", "\"unterminated", "!!binary 'a'",
                                      "2001-12-14t21:59:43.10-99:00", ""]))
        key = draw(st.sampled_from(["lang", "language", "title", "date"]))
        blocks.append(f"---\n{key}: {value}\n---")
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["p", "h", "list", "quote", "code", "table", "fn", "ref", "sources", "html", "setext"]))
        text = draw(inline)
        depth = draw(st.integers(1, 8))
        if kind == "h":
            blocks.append("#" * draw(st.integers(1, 7)) + " " + text + draw(st.sampled_from(["", " #", " ##  ", " {#x}"])))
        elif kind == "setext":
            blocks.append(text + "\n" + draw(st.sampled_from(["===", "---", "-"])))
        elif kind == "list":
            items = draw(st.lists(st.tuples(st.integers(0, depth), st.sampled_from(["- ", "* ", "1. ", "2) ", "• "]),
                                            inline), min_size=1, max_size=6))
            blocks.append("\n".join("  " * d + marker + t for d, marker, t in items))
        elif kind == "quote":
            blocks.append("\n".join("> " * draw(st.integers(1, depth)) + line
                                    for line in draw(st.lists(inline, min_size=1, max_size=4))))
        elif kind == "code":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            blocks.append(fence + draw(st.sampled_from(["", "python"])) + "\n" + text
                          + draw(st.sampled_from(["\n" + fence, ""])))
        elif kind == "table":
            rows = draw(st.lists(inline, min_size=1, max_size=4))
            blocks.append("| a | b |\n|---|---|\n" + "\n".join(f"| {r} | {r} |" for r in rows))
        elif kind == "fn":
            blocks.append(f"[^{draw(st.sampled_from(['1', 'a', 'x y', '']))}]: {text}")
        elif kind == "ref":
            blocks.append(f"[{draw(st.sampled_from(['a', 'A', '1', ' ']))}]: {draw(st.sampled_from(['https://x.org', '<a b>', '', 'x.org']))} {text}")
        elif kind == "sources":
            entries = draw(st.lists(inline, max_size=4))
            blocks.append("## Sources\n\n" + "\n".join("- " + e for e in entries))
        elif kind == "html":
            blocks.append(draw(st.sampled_from(["<div>", "<!-- ", "<!-- artlint-disable-next-line -->", "<table>"])) + text)
        else:
            blocks.append(text)
    return draw(st.sampled_from(["\n\n", "\n", "\n\n\n"])).join(blocks)


# ---- the properties ------------------------------------------------------------------------

def check_diagnostics(source: str, diagnostics) -> None:
    """Each diagnostic is inside ``source`` and names exactly the text at its position."""
    breaks = list(LINE_BREAK.finditer(source))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(source)]
    for d in diagnostics:
        d = d if isinstance(d, dict) else d.to_dict()
        assert d["rule"] in RULE_IDS, d
        assert d["severity"] in SEVERITIES and (d["category"] in CATEGORIES or d["category"] == "file"), d
        assert isinstance(d["message"], str) and d["message"].strip(), d
        assert 1 <= d["line"] <= len(starts) and 1 <= d["end_line"] <= len(starts), (d, len(starts))
        a = starts[d["line"] - 1] + d["column"] - 1
        b = starts[d["end_line"] - 1] + d["end_column"] - 1
        assert starts[d["line"] - 1] <= a <= ends[d["line"] - 1], d
        assert starts[d["end_line"] - 1] <= b <= ends[d["end_line"] - 1], d
        assert a <= b, d
        assert source[a:b] == d["match"], (d, source[a:b])
        assert d["fix"] is None or isinstance(d["fix"], str), d


def lint_both(source: str) -> None:
    """In every format: Markdown, plain text and an HTML page."""
    for fmt, name in (("markdown", "article.md"), ("text", "article.txt"), ("html", "article.html")):
        check_diagnostics(source, lint_text(source, ALL_RULES, name, format=fmt))


@given(line_endings(soup))
# Crashes the fuzzing found, kept as fixed examples:
@example("---\ndate: 2023-02-30\n---\n\nText , here.\n")  # YAML dates that do not exist raised ValueError
@example("---\nx: 0x_\n---\n")
@example("---\nlang: &a [1, *a]\n---\n\nText .\n")  # a recursive alias as the language
@example("[a]: http://x\ud83d.org\n\ntext\n")  # mistune quoting a lone surrogate raised
@example("References\r    | a | b |[source]\n\n- one\n")  # a source entry not at a line start
@example("See [x](https://[doi.org/10.1/x) and <<<s (2013, 2014) [y](https://[::1/a).\n")  # urlsplit raised
def test_any_text_in_process(source):
    lint_both(source)


@given(st.text(alphabet=st.characters(codec=None), max_size=400))
def test_any_unicode_in_process(source):
    """Any code points at all: control characters, lone surrogates, unassigned ones."""
    lint_both(source)


@given(line_endings(articles()))
def test_structured_articles_in_process(source):
    lint_both(source)


def _normalised(diagnostics):
    return [(d.line, d.column, d.end_line, d.end_column, d.rule, d.match.replace("\r\n", "\n").replace("\r", "\n"),
             d.fix) for d in diagnostics]


@given(st.one_of(articles(), soup), st.sampled_from(["\r\n", "\r"]), st.sampled_from(["markdown", "text"]))
def test_line_endings_change_nothing_but_line_breaks(source, newline, fmt):
    unix = LINE_BREAK.sub("\n", source)
    other = unix.replace("\n", newline)
    a = lint_text(unix, ALL_RULES, "a", format=fmt)
    b = lint_text(other, ALL_RULES, "a", format=fmt)
    check_diagnostics(other, b)
    assert _normalised(a) == _normalised(b)


# ---- deep nesting: 10,000 levels -------------------------------------------------------------

DEPTH = 10_000
DEEP = {
    "list markers": "- " * DEPTH + "text , here\n",
    "ordered markers": "1. " * DEPTH + "text\n",
    "quotes": ">" * DEPTH + " text , here\n",
    "quotes spaced": "> " * DEPTH + "text\n",
    "quote then list": "> - " * (DEPTH // 2) + "text\n",
    "brackets": "[" * DEPTH + "text" + "]" * DEPTH + "\n",
    "brackets link": "[" * DEPTH + "text" + "]" * DEPTH + "(https://x.org)\n",
    "parentheses": "[a](" + "(" * DEPTH + "x" + ")" * DEPTH + ")\n",
    "images": "![" * DEPTH + "x" + "](y)" * DEPTH + "\n",
    "emphasis": "*" * DEPTH + "text" + "*" * DEPTH + "\n",
    "emphasis words": "*a " * DEPTH + "b" + " a*" * DEPTH + "\n",
    "html": "<div>" * DEPTH + "text , here" + "</div>" * DEPTH + "\n",
    "comments": "<!--" * DEPTH + "x" + "-->" * DEPTH + "\n",
    "backticks": "`" * DEPTH + "x" + "`" * (DEPTH - 1) + "\n",
    "footnotes": "[^" * DEPTH + "1]" * DEPTH + "\n",
    "indented lines": "".join(" " * min(i, 64) + "- item , x\n" for i in range(DEPTH // 4)),
    "headings": "".join("#" * (1 + i % 6) + " Heading\n" for i in range(DEPTH // 4)),  # 2,500 sections
    "template": "{{" * DEPTH + "x" + "}}" * DEPTH + "\n",
}


@pytest.mark.parametrize("name", list(DEEP))
def test_ten_thousand_levels_of_nesting(name):
    source = DEEP[name]
    lint_both(source)  # its positions are checked; how long it takes is tests/test_linear_time.py's business
    lint_both(source.replace("\n", "\r\n"))


# ---- through the command, as bytes on disk --------------------------------------------------

def _file_bytes():
    text = st.one_of(line_endings(articles()), line_endings(soup),
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
    utf8 = st.tuples(text, st.booleans()).map(
        lambda t: (codecs.BOM_UTF8 if t[1] else b"") + t[0].encode("utf-8", "surrogatepass"))
    return st.one_of(
        utf8,
        utf8.map(lambda b: b + b"\x00"),  # NUL: binary
        st.binary(max_size=300),
        text.map(lambda t: t.encode("utf-16", "surrogatepass")),
        text.map(lambda t: t.encode("latin-1", "replace")),
        text.map(lambda t: t.encode("utf-8", "surrogatepass")),  # lone surrogates: not UTF-8
        utf8.map(lambda b: b"\x00" * 9000 + b),  # NUL beyond where decode looks? still binary
        utf8.map(lambda b: b.ljust(9000, b"a") + b"\x00"),  # NUL past the first 8 KB: text
    )


files = st.lists(st.tuples(st.sampled_from([".md", ".txt", ".markdown"]), _file_bytes()), min_size=1, max_size=4)


def _expected_text(data: bytes) -> str | None:
    try:
        return decode(data)
    except UnreadableFile:
        return None


def run_artlint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    return subprocess.run([artlint_exe(), *args], cwd=cwd, capture_output=True, env=env, timeout=120)


def run_in_process(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_runner(*args, cwd=cwd, env={k: None for k in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")})
    return subprocess.CompletedProcess(args, result.code, result.raw, result.err.encode("utf-8"))


def check_files_through_the_command(specs: list[tuple[str, bytes]], run) -> None:
    """``artlint check`` on files of these bytes: each unreadable one is one line on stderr and
    one diagnostic, each readable one gets exact positions; the exit status says which."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for i, (suffix, data) in enumerate(specs):
            name = f"f{i}{suffix}"
            (folder / name).write_bytes(data)
            names.append(name)
        proc = run(folder, "check", "--format", "json", "--no-color", *names)
        stderr = proc.stderr.decode("utf-8")
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        diagnostics = json.loads(proc.stdout.decode("utf-8"))
        readable = 0
        for name, (_suffix, data) in zip(names, specs):
            mine = [d for d in diagnostics if d["path"] == name]
            text = _expected_text(data)
            if text is None:  # one line on stderr, one diagnostic, nothing else
                assert [d["rule"] for d in mine] == ["unreadable-file"], mine
                assert len([line for line in stderr.splitlines() if line.startswith(f"artlint: {name}: ")]) == 1
            else:
                readable += 1
                check_diagnostics(text, mine)
        if readable == 0:
            assert proc.returncode == 2, (proc.returncode, stderr)
            assert stderr.strip().splitlines()[-1] == "artlint: error: nothing could be linted"
        else:
            failing = any(d["severity"] in ("error", "warning") for d in diagnostics)
            assert proc.returncode == (1 if failing else 0), (proc.returncode, stderr)
        # The text output of the same files: same exit status, no traceback.
        again = run(folder, "check", "--no-color", *names)
        assert again.returncode == proc.returncode
        assert b"Traceback" not in again.stderr


@settings(max_examples=examples(0.3))  # in process: cheap
@given(files)
def test_any_bytes_through_the_command(specs):
    """In process (click's runner), so that many examples stay cheap; the installed command
    reads the same kinds of bytes below."""
    check_files_through_the_command(specs, run_in_process)


def test_odd_bytes_through_the_installed_command():
    text = "Title\n\nIndia , Japan [TK] and “quotes” .\r\n"
    check_files_through_the_command([
        (".md", codecs.BOM_UTF8 + text.encode("utf-8")),
        (".txt", text.encode("utf-8") + b"\x00"),  # binary
        (".md", text.encode("utf-16")),
        (".markdown", text.encode("latin-1", "replace")),
        (".md", text.encode("utf-8") + "\ud800".encode("utf-8", "surrogatepass")),  # not UTF-8
        (".txt", text.encode("utf-8").ljust(9000, b"a") + b"\x00"),  # NUL past the first 8 KB: text
    ], run_artlint)


# ---- the long run (pytest -m fuzz --hypothesis-profile=long) ---------------------------------

@long_only
@settings(max_examples=examples(0.2))
@given(st.lists(st.one_of(articles(), soup), min_size=20, max_size=200).map("\n\n".join))
def test_long_documents_in_process(source):
    """Documents of tens of kilobytes made of many fuzzed articles."""
    lint_both(source)
