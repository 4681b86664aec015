"""The audit's HTML report (``artlint.audit.html``), checked in a real headless browser.

The browser tests drive Debian's chromium (``/usr/bin/chromium``, or ``ARTLINT_CHROMIUM``) with
Python playwright; they are skipped only when one of the two is missing (CI installs both).

``python tests/test_audit_html.py --screenshot docs/audit-report.png [CORPUS]`` lints the shared
corpus and writes the README's screenshot of the report.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from artlint.audit.html import main as html_main
from artlint.audit.html import write_html

CATEGORIES = ("placeholder", "link", "source", "spacing", "statistic", "boilerplate", "structure", "style")
SEVERITIES = ("error", "warning", "info")
XSS = "</script><script>alert(1)</script>"


# -- records ------------------------------------------------------------------------------------


def diagnostic(path, line_text, start, match, *, line=1, rule="unfilled-template-slot",
               category="placeholder", severity="error", message="Template slot was never filled in",
               fix=None, **extra) -> dict:
    """A diagnostic record for ``match`` found at code point ``start`` (0-based) of ``line_text``."""
    assert line_text[start : start + len(match)] == match
    return {"type": "diagnostic", "path": path, "line": line, "column": start + 1, "end_line": line,
            "end_column": start + len(match) + 1, "rule": rule, "category": category,
            "severity": severity, "message": message, "match": match, "fix": fix,
            "line_text": line_text, **extra}


def file_record(path, diags, *, status="ok", message=None, date=None, folder=None) -> dict:
    counts = Counter(d["severity"] for d in diags)
    return {"type": "file", "path": path, "status": status, "message": message,
            "diagnostics": len(diags), "counts": {s: counts.get(s, 0) for s in SEVERITIES},
            "categories": dict(Counter(d["category"] for d in diags)), "date": date,
            "folder": folder if folder is not None else (path.rpartition("/")[0] or ".")}


def summary(records, **meta) -> dict:
    files = [r for r in records if r["type"] == "file"]
    diags = [r for r in records if r["type"] == "diagnostic"]
    return {"type": "summary", "files": len(files),
            "files_ok": sum(f["status"] == "ok" for f in files),
            "files_failed": sum(f["status"] != "ok" for f in files), "diagnostics": len(diags),
            "by_severity": dict(Counter(d["severity"] for d in diags)),
            "by_category": dict(Counter(d["category"] for d in diags)),
            "by_rule": dict(Counter(d["rule"] for d in diags)),
            "engine": "process", "workers": 2, "seconds": 1.25, "artlint_version": "test", **meta}


def with_summary(records: list[dict], **meta) -> list[dict]:
    return records + [summary(records, **meta)]


RULES = [  # rule, category, severity
    ("unfilled-template-slot", "placeholder", "error"),
    ("malformed-markdown-link", "link", "error"),
    ("missing-sources", "source", "warning"),
    ("space-before-punctuation", "spacing", "warning"),
    ("unsupported-statistic", "statistic", "warning"),
    ("vague-attribution", "style", "info"),
]


def synthetic(n_files: int, per_file: int, *, clean: int = 0, failed: int = 0, unique_lines: bool = False):
    """Records for ``n_files`` files with ``per_file`` findings each (rules in rotation), then
    ``clean`` files with none and ``failed`` unreadable ones. A generator, like the audit's."""
    produced = []
    for f in range(n_files):
        path = f"articles/{2019 + f % 6}/region-{f % 13}/article-{f:05d}.md"
        diags = []
        for k in range(per_file):
            rule, category, severity = RULES[(f + k) % len(RULES)]
            word = f"[TK-{k}]"
            line_text = (f"Paragraph {k} of article {f}: the figure is {word} per cent." if unique_lines
                         else f"The figure is {word} per cent, say analysts.")
            start = line_text.index(word)
            diags.append(diagnostic(path, line_text, start, word, line=k + 3, rule=rule, category=category,
                                    severity=severity, message=f"{rule}: {word}"))
        produced.extend(diags)
        record = file_record(path, diags, date=f"{2019 + f % 6}-03-0{1 + f % 9}")
        produced.append(record)
        yield from diags
        yield record
    for c in range(clean):
        record = file_record(f"articles/clean/clean-{c:04d}.md", [])
        produced.append(record)
        yield record
    for c in range(failed):
        record = file_record(f"articles/broken/bad-{c}.md", [], status="unreadable",
                             message="not UTF-8 text (byte 0xff at offset 12)")
        record["categories"] = {"file": 1}
        produced.append(record)
        yield record
    yield summary(produced)


def data_block(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', html, re.DOTALL)
    assert found
    return json.loads(found.group(1))


# -- the Python side (no browser) ---------------------------------------------------------------


def test_streams_records_and_writes_one_self_contained_page(tmp_path):
    out = tmp_path / "report.html"
    write_html(synthetic(30, 4, clean=3, failed=2), out, title="Archive <audit>")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Archive &lt;audit&gt;</title>" in html
    # no network: nothing is loaded from anywhere
    assert not re.search(r'\b(src|href)\s*=\s*"(https?:)?//', html)
    assert "@import" not in html and "url(" not in html
    data = data_block(html)
    assert len(data["files"]) == 35 and len(data["diags"]) == 120
    assert 'id="total-findings" data-value="120"' in html
    assert 'id="total-files-failed" data-value="2"' in html


def test_article_text_cannot_break_out_of_the_data_block(tmp_path):
    line = f"Intro {XSS} and <!-- <script> more"
    records = [diagnostic("a.md", line, 6, XSS, message=f"bad {XSS}", fix=XSS), file_record("a.md", [])]
    out = tmp_path / "r.html"
    write_html(iter(with_summary(records)), out, title=XSS)
    html = out.read_text(encoding="utf-8")
    assert "alert(1)</script>" not in html and "<script>alert" not in html
    assert html.count("<script") == 2  # the data block and the page's own script
    data = data_block(html)
    assert data["texts"].count(line) == 1 and XSS in data["texts"][1]


def test_unknown_keys_and_missing_summary_are_fine(tmp_path):
    records = [
        {"type": "file", "path": "x/a.md", "status": "ok", "future": [1, 2], "diagnostics": 1},
        diagnostic("x/a.md", "see [source]", 4, "[source]", extra_field={"a": 1}),
        {"type": "something-new", "path": "x/a.md"},
    ]
    out = tmp_path / "r.html"
    write_html(records, out)
    html = out.read_text(encoding="utf-8")
    assert 'id="total-files" data-value="1"' in html and 'id="total-findings" data-value="1"' in html


def test_match_equal_to_the_span_is_stored_once(tmp_path):
    line = "📈 Growth was 😀 [TK] per cent"
    start = line.index("[TK]")  # Python indexes code points, like the columns
    d1 = diagnostic("a.md", line, start, "[TK]")
    d2 = diagnostic("a.md", line, start, "[TK]")
    d2["match"] = "something else"
    out = tmp_path / "r.html"
    write_html([d1, d2, file_record("a.md", [d1, d2])], out)
    data = data_block(out.read_text(encoding="utf-8"))
    assert [d[8] for d in data["diags"]] == [None, "something else"]
    assert data["texts"].count(line) == 1


def test_chart_by_year_when_files_are_dated_else_by_folder(tmp_path):
    out = tmp_path / "r.html"
    write_html(synthetic(12, 1), out)
    html = out.read_text(encoding="utf-8")
    assert "<h2>Findings by year</h2>" in html
    assert re.findall(r'data-group="(\d{4})"', html) == [str(y) for y in range(2019, 2025)]
    undated = []
    for f in range(40):
        d = diagnostic(f"desk-{f % 15}/a{f}.md", "x [TK]", 2, "[TK]")
        undated += [d, file_record(d["path"], [d])]
    write_html(undated, out)
    html = out.read_text(encoding="utf-8")
    assert "<h2>Findings by folder</h2>" in html
    groups = re.findall(r'data-group="([^"]+)"', html)
    assert len(groups) == 11 and groups[-1] == "other (5 folders)"


def test_python_m_reads_json_lines(tmp_path):
    jsonl = tmp_path / "results.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in synthetic(5, 2)), encoding="utf-8")
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "artlint.audit.html", str(jsonl), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert 'id="total-findings" data-value="10"' in out.read_text(encoding="utf-8")
    jsonl.write_text('{"type": "file"}\nnot json\n', encoding="utf-8")
    assert html_main([str(jsonl), "-o", str(out)]) == 2


# -- in the browser -----------------------------------------------------------------------------


def chromium_path() -> str | None:
    for candidate in (os.environ.get("ARTLINT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def no_browser(reason: str):
    """Skip, except in CI (.ci/run sets ARTLINT_REQUIRE_BROWSER=1), where the browser must be there."""
    if os.environ.get("ARTLINT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and ARTLINT_REQUIRE_BROWSER=1")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("playwright is not installed (pip install playwright; it is in the test extra)")
    executable = chromium_path()
    if executable is None:
        no_browser("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


class Page:
    """A page of the report, with every console error, page error and dialog recorded."""

    def __init__(self, browser, path: Path, timeout: float = 60_000):  # a hang guard, never a speed test
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.set_default_timeout(timeout)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", state="attached")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def total(self, key: str) -> int:
        return int(self.page.inner_text(f"#total-{key}").replace(",", ""))

    def status(self) -> str:
        return self.page.inner_text("#filter-status")

    def close(self):
        self.page.close()


@pytest.fixture
def open_report(browser, tmp_path):
    pages = []

    def opener(records, name="report.html", **kwargs) -> Page:
        out = tmp_path / name
        write_html(records, out)
        page = Page(browser, out, **kwargs)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        assert page.errors == [], page.errors
        page.close()


def test_page_loads_without_errors_and_shows_the_totals(open_report):
    records = list(synthetic(60, 3, clean=4, failed=2))
    page = open_report(iter(records))
    s = records[-1]
    assert page.total("files") == s["files"] == 66
    assert page.total("files-with-findings") == 60
    assert page.total("files-failed") == s["files_failed"] == 2
    assert page.total("findings") == s["diagnostics"] == 180
    for severity in SEVERITIES:
        assert page.total(severity) == s["by_severity"].get(severity, 0)
    rows = page.page.eval_on_selector_all(
        "#category-table tbody tr",
        "rows => rows.map(r => [r.dataset.category, r.querySelector('.total').textContent])")
    assert {c: int(n.replace(",", "")) for c, n in rows} == s["by_category"]
    rules = page.page.eval_on_selector_all(
        "#rule-table tbody tr", "rows => rows.map(r => [r.dataset.rule, r.querySelector('.total').textContent])")
    assert {r: int(n) for r, n in rules} == s["by_rule"]
    assert page.errors == []


def test_category_chart_has_one_bar_per_category(open_report):
    records = list(synthetic(10, 4))
    page = open_report(records)
    bars = page.page.eval_on_selector_all(
        "#chart-category g.bar", "bars => bars.map(b => [b.dataset.category, +b.dataset.count])")
    assert dict(bars) == records[-1]["by_category"]
    assert len(bars) == len({r["category"] for r in records if r["type"] == "diagnostic"})
    assert page.page.locator("#chart-category").is_visible()


def test_pagination_and_filters(open_report):
    records = list(synthetic(120, 2, clean=5))
    page = open_report(records).page
    paths = [r["path"] for r in records if r["type"] == "file" and r["diagnostics"]]
    assert page.inner_text("#page-info") == "Page 1 of 3"
    assert page.locator("#file-list details.file").count() == 50
    assert page.locator("#prev-page").is_disabled()
    assert page.locator(".pager-bottom").is_visible()
    page.click("#next-page")
    assert page.inner_text("#page-info") == "Page 2 of 3"
    assert page.locator("#file-list details.file").first.get_attribute("data-path") == paths[50]
    page.click("#last-page")
    assert page.locator("#file-list details.file").count() == 20 and page.locator("#next-page").is_disabled()
    page.click(".pager-bottom button[data-go='prev']")  # the pager below the list does the same
    assert page.inner_text("#page-info") == page.inner_text(".pager-bottom .page-info") == "Page 2 of 3"

    # a category narrows the list to the files and findings of that category
    page.select_option("#filter-category", "link")
    link = [r for r in records if r["type"] == "diagnostic" and r["category"] == "link"]
    assert page.inner_text("#page-info") == "Page 1 of 1"
    assert f"{len(link)} findings match" in page.inner_text("#filter-status")
    assert page.locator("#file-list details.file").count() == len({d["path"] for d in link})
    cats = page.eval_on_selector_all("#file-list li.diag .cat", "xs => xs.map(x => x.textContent)")
    assert cats and set(cats) == {"link"}

    # the path search box, then reset; the clean files only on request
    page.fill("#filter-path", "article-00007")
    page.wait_for_function("document.querySelectorAll('#file-list details.file').length === 1")
    page.click("#filter-reset")
    assert page.inner_text("#page-info") == "Page 1 of 3"
    page.check("#filter-clean")
    assert page.inner_text("#page-info") == "Page 1 of 3" and "125" in page.inner_text("#filter-status")

    # the rule table's buttons set the rule filter
    page.click("#rule-table button[data-value='vague-attribution']")
    assert page.input_value("#filter-rule") == "vague-attribution"
    rules = page.eval_on_selector_all("#file-list li.diag .rule", "xs => xs.map(x => x.textContent)")
    assert set(rules) == {"vague-attribution"}

    # a worst file's button shows that file
    page.click("#worst-files tbody tr:first-child button")
    assert page.locator("#file-list details.file").count() == 1

    # files past the first ones are collapsed until opened (or "Expand all")
    page.click("#filter-reset")
    page.click("#collapse-all")
    assert page.locator("#file-list li.diag").count() == 2 * 50  # rendered, now hidden
    page.click("#file-list details.file:nth-child(3) summary")
    assert page.locator("#file-list details.file:nth-child(3) li.diag").first.is_visible()
    page.click("#expand-all")
    assert page.locator("#file-list details.file[open]").count() == 50


def test_the_highlight_is_the_match_even_after_astral_characters(open_report):
    lines = [
        ("📈 Growth was 😀 [TK] per cent 𝔸 after", "[TK]"),
        ("👩‍👩‍👧 Family 🇮🇳 India , Japan", " "),
        ("ascii only: see (text)[https://example.org] here", "(text)[https://example.org]"),
        ("𝕏𝕏𝕏 end", "end"),
    ]
    diags = [diagnostic("a.md", text, text.index(m), m, line=n + 1) for n, (text, m) in enumerate(lines)]
    page = open_report(with_summary(diags + [file_record("a.md", diags)])).page
    marks = page.eval_on_selector_all("#file-list mark.hl", "ms => ms.map(m => m.textContent)")
    assert marks == [m for _, m in lines]
    assert page.locator(".pager-bottom").is_hidden()  # one page: no second pager
    # the text around the span is shown too, whole
    shown = page.eval_on_selector_all(
        "#file-list pre.code", "ps => ps.map(p => p.querySelector('.before').textContent"
        " + p.querySelector('mark').textContent + p.querySelector('.after').textContent)")
    assert shown == [text for text, _ in lines]
    assert page.locator("#file-list mark.hl.ws").count() == 1  # the stray space is outlined


def test_article_text_is_shown_as_text_and_runs_nothing(open_report):
    line = f"Embedded {XSS} <img src=x onerror=alert(2)> text"
    d = diagnostic(f"dir/{XSS}.md", line, line.index(XSS), XSS, message=f"Message {XSS}",
                   fix="<b>bold</b>", rule=XSS, category="placeholder")
    page = open_report(with_summary([d, file_record(d["path"], [d])]))
    p = page.page
    assert p.inner_text("#file-list mark.hl") == XSS
    assert p.inner_text("#file-list .msg") == f"Message {XSS}"
    assert p.inner_text("#file-list .fix code") == "<b>bold</b>"
    assert p.inner_text("#file-list summary .path") == f"dir/{XSS}.md"
    assert p.locator("img").count() == 0 and p.locator("b").count() == 0
    assert p.locator("script").count() == 2
    p.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.total("findings") == 1


def test_a_published_page_links_back_to_its_url_and_a_file_does_not(open_report):
    url = "https://news.example.org/2026/01/rare-earths"
    page_line = "Read [INTERNAL_LINK:x] now."
    d = diagnostic(url, page_line, 5, "[INTERNAL_LINK:x]")
    local = file_record("javascript:alert(1).md", [])
    page = open_report(with_summary([d, file_record(url, [d]), local]))
    links = page.page.eval_on_selector_all("#file-list summary a.page-link", "as => as.map(a => [a.href, a.rel])")
    assert links == [[url, "noopener noreferrer"]]


def test_a_multi_line_span_is_highlighted_to_the_end_of_its_first_line(open_report):
    d = diagnostic("a.md", "Sources", 0, "Sources", rule="empty-sources-section", category="source",
                   severity="warning")
    d.update(end_line=3, end_column=1, match="Sources\n\n")
    page = open_report(with_summary([d, file_record("a.md", [d])])).page
    assert page.inner_text("#file-list mark.hl") == "Sources"
    assert page.inner_text("#file-list .pos") == "1:1–3:1"


def test_one_hundred_thousand_findings(open_report, tmp_path):
    """Quick with 100,000 findings because only the current page is in the document: counted
    (elements), not timed."""
    records = synthetic(2_000, 50, clean=500, failed=20, unique_lines=True)
    page = open_report(records, name="big.html", timeout=120_000)
    size = (tmp_path / "big.html").stat().st_size
    assert size < 20_000_000
    assert page.total("findings") == 100_000
    assert page.total("files") == 2_520
    assert page.page.inner_text("#page-info") == "Page 1 of 41"  # 2,000 files with findings + 20 failed
    # only the current page is in the document
    assert page.page.locator("#file-list details.file").count() == 50
    assert page.page.locator("#file-list li.diag").count() <= 50 * 100
    page.page.click("#expand-all")
    assert page.page.locator("#file-list li.diag").count() == 50 * 50
    page.page.select_option("#filter-severity", "info")
    page.page.click("#next-page")
    assert page.page.inner_text("#page-info").startswith("Page 2 of")
    assert page.page.locator("#file-list details.file").count() <= 50


# -- the real thing: the shared corpus ----------------------------------------------------------


def records_from_check(diagnostics: list[dict], files: list[Path], root: Path, **meta):
    """Audit-like records from ``artlint check --format json`` output and the files it read."""
    by_path: dict[str, list[dict]] = {}
    for d in diagnostics:
        by_path.setdefault(d["path"], []).append(d)
    produced = []
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        lines = re.split(r"\r\n|\r|\n", text)
        date = re.search(r"\A---\n(?:.*\n)*?date:\s*['\"]?(\d{4}-\d{2}-\d{2})", text)
        diags = []
        for d in by_path.get(str(file), []):
            record = {"type": "diagnostic", **d, "path": file.relative_to(root).as_posix(),
                      "line_text": lines[d["line"] - 1] if 0 < d["line"] <= len(lines) else ""}
            diags.append(record)
        relative = file.relative_to(root).as_posix()
        produced += diags
        produced.append(file_record(relative, diags, date=date.group(1) if date else None))
    return with_summary(produced, **meta)


def corpus_records(corpus: Path):
    from artlint import __version__
    from artlint.config import Config
    from artlint.discovery import iter_files

    artlint = Path(sys.executable).parent / "artlint"
    started = time.monotonic()
    proc = subprocess.run([str(artlint) if artlint.exists() else "artlint", "check", str(corpus),
                           "--format", "json"], capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    files = sorted(iter_files(corpus, Config(root=corpus)))
    return records_from_check(json.loads(proc.stdout), files, corpus, engine=None, workers=None,
                              seconds=time.monotonic() - started, artlint_version=__version__)


def test_the_shared_corpus(open_report, corpus_dir):
    records = corpus_records(corpus_dir)
    page = open_report(records)
    s = records[-1]
    assert page.total("findings") == s["diagnostics"] > 0
    assert page.total("files") == s["files"]
    marks = page.page.eval_on_selector_all("#file-list mark.hl", "ms => ms.map(m => m.textContent)")
    single = [r["match"] for r in records if r["type"] == "diagnostic" and r["end_line"] == r["line"]]
    assert set(marks) <= {m for m in single} | {r["line_text"][r["column"] - 1:] for r in records
                                               if r["type"] == "diagnostic"}


def screenshot(out: Path, corpus: Path) -> None:
    """The README's screenshot: the report of the shared corpus, 1200 px wide."""
    import tempfile

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "corpus"  # linting writes a result cache beside the files: not in the shared corpus
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".artlint_cache"))
        html = Path(tmp) / "report.html"
        write_html(corpus_records(copy), html, title="artlint audit: the shared corpus")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path())
            page = browser.new_page(viewport={"width": 1200, "height": 1500}, device_scale_factor=1)
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-ready='1']", state="attached")
            page.screenshot(path=str(out), full_page=False)
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--screenshot":
        here = Path(__file__).resolve().parents[1]
        screenshot(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else here.parent / "shared" / "corpus")
    else:
        sys.exit(__doc__)
