"""The audit's HTML report: one self-contained page (inline CSS, JS and SVG, no network).

``write_html(records, path)`` takes the audit's JSON Lines records (dicts: ``file`` records,
``diagnostic`` records and a final ``summary``) as any iterable, a generator included, and writes
the page. The parts that do not change (totals, the tables per category and per rule, the two
charts, the worst files) are rendered here, escaped; the findings explorer is rendered in the
browser from a compact JSON block, one page of files at a time, so the page stays usable at
100,000 findings and more.

Standalone: ``python -m artlint.audit.html results.jsonl -o report.html``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from html import escape
from importlib import resources
from pathlib import Path
from typing import IO

SEVERITIES = ("error", "warning", "info")
STATUSES = ("ok", "unreadable", "error")
WORST_FILES = 20
FOLDER_BARS = 10  # the folder chart shows the top folders, then one "other" bar
DATE_SHARE = 0.5  # a chart by year when at least this share of files has a front-matter date


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _str(value) -> str:
    return "" if value is None else str(value)


class _Interner:
    """Strings stored once in the page (line texts and messages repeat a lot)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    def __call__(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.items)
            self.items.append(value)
        return found


class _File:
    __slots__ = ("date", "diags", "folder", "message", "path", "seen", "sev", "status")

    def __init__(self, path: str) -> None:
        self.path = path
        self.status = "ok"
        self.message: str | None = None
        self.date: str | None = None
        self.folder: str | None = None
        self.diags: list[list] = []
        self.sev = [0, 0, 0]  # errors, warnings, infos among this file's diagnostic records
        self.seen = False  # a file record was read for it


def _folder_of(path: str) -> str:
    parent = path.replace("\\", "/").rpartition("/")[0]
    return parent or "."


class _Report:
    """Everything the page needs, collected in one pass over the records."""

    def __init__(self) -> None:
        self.files: dict[str, _File] = {}
        self.texts = _Interner()
        self.rule_keys = _Interner()  # "rule\0category"
        self.categories: list[str] = []
        self.summary: dict = {}
        self.by_sev = Counter()
        self.by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.by_rule: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.diagnostics = 0

    def file(self, path: str) -> _File:
        entry = self.files.get(path)
        if entry is None:
            entry = self.files[path] = _File(path)
        return entry

    def add(self, record: dict) -> None:
        if not isinstance(record, dict):
            return
        kind = record.get("type")
        if kind == "diagnostic":
            self._diagnostic(record)
        elif kind == "file":
            entry = self.file(_str(record.get("path")))
            entry.seen = True
            status = _str(record.get("status")) or "ok"
            entry.status = status if status in STATUSES else "error"
            message = record.get("message")
            entry.message = None if message is None else str(message)
            date = record.get("date")
            entry.date = str(date) if date else None
            folder = record.get("folder")
            entry.folder = None if folder is None else str(folder)
        elif kind == "summary":
            self.summary = record

    def _diagnostic(self, d: dict) -> None:
        entry = self.file(_str(d.get("path")))
        severity = _str(d.get("severity"))
        sev = SEVERITIES.index(severity) if severity in SEVERITIES else 2
        rule = _str(d.get("rule")) or "?"
        category = _str(d.get("category")) or "?"
        line = _int(d.get("line"), 1)
        column = _int(d.get("column"), 1)
        end_line = _int(d.get("end_line"), line)
        end_column = _int(d.get("end_column"), column)
        line_text = _str(d.get("line_text"))
        match = _str(d.get("match"))
        # The match is usually the span of the line: store it only when it is not.
        span = line_text[column - 1 : end_column - 1] if end_line == line else line_text[column - 1 :]
        stored_match = None if (match == span and end_line == line) else match
        fix = d.get("fix")
        entry.diags.append(
            [
                line,
                column,
                end_line,
                end_column,
                self.rule_keys(f"{rule}\0{category}"),
                sev,
                self.texts(_str(d.get("message"))),
                self.texts(line_text),
                stored_match,
                None if fix is None else str(fix),
            ]
        )
        entry.sev[sev] += 1
        self.diagnostics += 1
        self.by_sev[sev] += 1
        self.by_cat[category][sev] += 1
        self.by_rule[(rule, category)][sev] += 1

    # -- what the page shows ------------------------------------------------------------------

    def totals(self) -> dict:
        files = list(self.files.values())
        return {
            "files": len(files),
            "files_with_findings": sum(1 for f in files if f.diags),
            "files_failed": sum(1 for f in files if f.status != "ok"),
            "diagnostics": self.diagnostics,
            "error": self.by_sev[0],
            "warning": self.by_sev[1],
            "info": self.by_sev[2],
        }

    def groups(self) -> tuple[str, list[tuple[str, list[int], int]]]:
        """The second chart: ("year", bars) when enough files are dated, else ("folder", bars).
        A bar is (label, [errors, warnings, infos], files)."""
        files = list(self.files.values())
        years = Counter(f.date[:4] for f in files if f.date and f.date[:4].isdigit())
        dated = sum(years.values())
        folders = {f.folder if f.folder is not None else _folder_of(f.path) for f in files}
        # By year when most files are dated; also when there is only one folder to show.
        if len(years) >= 2 and (dated >= DATE_SHARE * len(files) or len(folders) < 2):
            by_year: dict[str, list] = {}
            for f in files:
                year = f.date[:4] if f.date and f.date[:4].isdigit() else "no date"
                bar = by_year.setdefault(year, [[0, 0, 0], 0])
                bar[0] = [a + b for a, b in zip(bar[0], f.sev, strict=True)]
                bar[1] += 1
            undated = by_year.get("no date")
            order = sorted(k for k in by_year if k != "no date") + (["no date"] if undated and sum(undated[0]) else [])
            return "year", [(k, by_year[k][0], by_year[k][1]) for k in order]
        by_folder: dict[str, list] = {}
        for f in files:
            folder = f.folder if f.folder is not None else _folder_of(f.path)
            bar = by_folder.setdefault(folder, [[0, 0, 0], 0])
            bar[0] = [a + b for a, b in zip(bar[0], f.sev, strict=True)]
            bar[1] += 1
        ranked = sorted(by_folder.items(), key=lambda kv: (-sum(kv[1][0]), -kv[1][1], kv[0]))
        bars = [(k, v[0], v[1]) for k, v in ranked[:FOLDER_BARS]]
        rest = ranked[FOLDER_BARS:]
        if rest:
            sev = [sum(v[0][i] for _, v in rest) for i in range(3)]
            bars.append((f"other ({len(rest):,} folders)", sev, sum(v[1] for _, v in rest)))
        return "folder", bars

    def data(self, title: str) -> dict:
        files = []
        diags = []
        for f in self.files.values():
            files.append(
                [f.path, STATUSES.index(f.status), f.message, *f.sev, len(diags), len(f.diags)]
            )
            diags.extend(f.diags)
        rules = []
        for key in self.rule_keys.items:
            rule, _, category = key.partition("\0")
            rules.append([rule, category])
        return {
            "title": title,
            "severities": list(SEVERITIES),
            "statuses": list(STATUSES),
            "rules": rules,
            "texts": self.texts.items,
            "files": files,
            "diags": diags,
        }


# -- rendering ----------------------------------------------------------------------------------


def _n(value: int) -> str:
    return f"{value:,}"


def _asset(name: str) -> str:
    return (resources.files("artlint.audit") / "report" / name).read_text(encoding="utf-8")


def _script_json(data: dict) -> str:
    """JSON for a <script type="application/json"> block: "<" is written as \\u003c, so no
    "</script>" or "<!--" in an article can end the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (undecodable bytes): keep them as \\udcxx escapes
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _bar_chart(chart_id: str, caption: str, bars: list[tuple[str, list[int], str]], attr: str) -> str:
    """A horizontal bar chart, each bar stacked by severity; bars are (label, counts, note)."""
    width, label_w, row_h, gap, top = 560, 160, 20, 7, 4
    plot_w = width - label_w - 60
    peak = max((sum(c) for _, c, _ in bars), default=0) or 1
    height = top * 2 + len(bars) * (row_h + gap)
    out = [
        (
            f'<svg class="chart" id="{chart_id}" viewBox="0 0 {width} {max(height, 30)}" role="img" '
            f'aria-labelledby="{chart_id}-title" preserveAspectRatio="xMinYMin meet">'
        ),
        f'<title id="{chart_id}-title">{escape(caption)}</title>',
    ]
    for i, (label, counts, note) in enumerate(bars):
        y = top + i * (row_h + gap)
        total = sum(counts)
        shown = label if len(label) <= 22 else "…" + label[-21:]
        tip = f"{label}: {total:,} findings ({counts[0]:,} errors, {counts[1]:,} warnings, {counts[2]:,} info){note}"
        out.append(f'<g class="bar" {attr}="{escape(label)}" data-count="{total}">')
        out.append(f"<title>{escape(tip)}</title>")
        out.append(
            f'<text class="label" x="{label_w - 8}" y="{y + row_h * 0.7:.1f}" text-anchor="end">{escape(shown)}</text>'
        )
        x = float(label_w)
        for sev, count in zip(SEVERITIES, counts, strict=True):
            if count:
                w = max(plot_w * count / peak, 1.0)
                out.append(f'<rect class="sev-{sev}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h}"/>')
                x += w
        out.append(f'<text class="value" x="{x + 6:.1f}" y="{y + row_h * 0.7:.1f}">{total:,}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _legend() -> str:
    items = "".join(
        f'<li><span class="swatch sev-{s}" aria-hidden="true"></span>{s}</li>' for s in SEVERITIES
    )
    return f'<ul class="legend" aria-label="Severities">{items}</ul>'


def _sev_cells(counts: list[int]) -> str:
    return "".join(f'<td class="num">{_n(c)}</td>' for c in counts) + f'<td class="num total">{_n(sum(counts))}</td>'


def _filter_button(kind: str, value: str, text: str | None = None) -> str:
    label = escape(text if text is not None else value)
    return (
        f'<button type="button" class="link filter-link" data-filter="{kind}" data-value="{escape(value)}" '
        f'title="Show only these findings">{label}</button>'
    )


def _render(report: _Report, title: str) -> str:
    t = report.totals()
    s = report.summary
    meta = []
    for key, label in (("artlint_version", "artlint"), ("engine", "engine"), ("workers", "workers")):
        if s.get(key) not in (None, ""):
            meta.append(f"{label} {escape(str(s[key]))}")
    if isinstance(s.get("seconds"), int | float):
        meta.append(f"{s['seconds']:.1f} s")

    cards = [
        ("files", "Files", t["files"]),
        ("files-with-findings", "Files with findings", t["files_with_findings"]),
        ("files-failed", "Files not checked", t["files_failed"]),
        ("findings", "Findings", t["diagnostics"]),
        ("error", "Errors", t["error"]),
        ("warning", "Warnings", t["warning"]),
        ("info", "Info", t["info"]),
    ]
    totals = "".join(
        f'<div class="card card-{key}"><dt>{label}</dt><dd id="total-{key}" data-value="{value}">{_n(value)}</dd></div>'
        for key, label, value in cards
    )

    cat_rows = sorted(report.by_cat.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    cat_table = "".join(
        f'<tr data-category="{escape(cat)}"><th scope="row">{_filter_button("category", cat)}</th>{_sev_cells(c)}</tr>'
        for cat, c in cat_rows
    )
    rule_rows = sorted(report.by_rule.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    rule_table = "".join(
        f'<tr data-rule="{escape(rule)}"><th scope="row">{_filter_button("rule", rule)}</th>'
        f"<td>{escape(cat)}</td>{_sev_cells(c)}</tr>"
        for (rule, cat), c in rule_rows
    )
    sev_head = "".join(f'<th scope="col" class="num">{h}</th>' for h in ("Errors", "Warnings", "Info", "Total"))

    cat_chart = _bar_chart(
        "chart-category", "Findings by category", [(c, v, "") for c, v in cat_rows], "data-category"
    )
    kind, groups = report.groups()
    group_chart = _bar_chart(
        "chart-group",
        f"Findings by {kind}",
        [(label, counts, f", {files:,} files") for label, counts, files in groups],
        "data-group",
    )

    worst = sorted(
        (f for f in report.files.values() if f.diags),
        key=lambda f: (-f.sev[0], -f.sev[1], -len(f.diags), f.path),
    )[:WORST_FILES]
    worst_rows = "".join(
        f'<tr><td class="num">{i}</td><th scope="row" class="path">{_filter_button("path", f.path)}</th>'
        f"{_sev_cells(f.sev)}</tr>"
        for i, f in enumerate(worst, 1)
    )
    failed = [f for f in report.files.values() if f.status != "ok"]
    failed_list = "".join(
        f'<li><span class="path">{escape(f.path)}</span> <span class="status">{escape(f.status)}</span>'
        f'{": " + escape(f.message) if f.message else ""}</li>'
        for f in failed[:WORST_FILES]
    )
    if len(failed) > WORST_FILES:
        failed_list += f"<li>… and {_n(len(failed) - WORST_FILES)} more (in the findings below)</li>"
    failed_section = (
        f'<section id="failed"><h2>Files not checked</h2><ul class="failed">{failed_list}</ul></section>'
        if failed
        else ""
    )
    empty = '<p class="empty">No findings.</p>'

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="artlint">
<title>{escape(title)}</title>
<style>
{_asset("report.css")}
</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<p class="meta">{" · ".join(meta)}</p>
<dl class="totals" id="totals">{totals}</dl>
<nav class="toc" aria-label="Sections"><a href="#charts">Charts</a> <a href="#totals-by-category">By category</a> <a href="#worst-files">Worst files</a> {'<a href="#failed">Files not checked</a> ' if failed else ''}<a href="#findings">Findings by file</a> <a href="#totals-by-rule">By rule</a></nav>
</header>
<main>
<section id="charts" class="charts">
<figure><figcaption><h2>Findings by category</h2></figcaption>{cat_chart if cat_rows else empty}</figure>
<figure><figcaption><h2>Findings by {kind}</h2></figcaption>{group_chart if groups else empty}</figure>
{_legend()}
</section>
<section id="totals-by-category" class="tables">
<div><h2>By category</h2>
<table id="category-table"><thead><tr><th scope="col">Category</th>{sev_head}</tr></thead><tbody>{cat_table}</tbody></table></div>
<div><h2>Worst files</h2>
<table id="worst-files"><thead><tr><th scope="col" class="num">#</th><th scope="col">File</th>{sev_head}</tr></thead><tbody>{worst_rows}</tbody></table>
{"" if worst else empty}</div>
</section>
{failed_section}
<section id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">Findings by file</h2>
<noscript><p>The list of findings needs JavaScript; the totals above do not.</p></noscript>
<form id="filters" class="filters" role="search" onsubmit="return false">
<label>File <input type="search" id="filter-path" placeholder="part of a path" autocomplete="off"></label>
<label>Category <select id="filter-category"><option value="">all</option></select></label>
<label>Rule <select id="filter-rule"><option value="">all</option></select></label>
<label>Severity <select id="filter-severity"><option value="">all</option></select></label>
<label>Order <select id="filter-order"><option value="path">by path</option><option value="worst">worst first</option></select></label>
<label class="check"><input type="checkbox" id="filter-clean"> files without findings</label>
<button type="button" id="filter-reset">Reset</button>
</form>
<div class="pager-bar">
<p id="filter-status" role="status" aria-live="polite"></p>
<nav class="pager" aria-label="Pages of files">
<button type="button" id="first-page" data-go="first">« First</button>
<button type="button" id="prev-page" data-go="prev">‹ Previous</button>
<span id="page-info" class="page-info"></span>
<button type="button" id="next-page" data-go="next">Next ›</button>
<button type="button" id="last-page" data-go="last">Last »</button>
</nav>
<span class="expand"><button type="button" id="expand-all">Expand all</button> <button type="button" id="collapse-all">Collapse all</button></span>
</div>
<div id="file-list"></div>
<nav class="pager pager-bottom" aria-label="Pages of files, again">
<button type="button" data-go="first">« First</button>
<button type="button" data-go="prev">‹ Previous</button>
<span class="page-info"></span>
<button type="button" data-go="next">Next ›</button>
<button type="button" data-go="last">Last »</button>
</nav>
</section>
<section id="totals-by-rule">
<h2>By rule</h2>
<table id="rule-table"><thead><tr><th scope="col">Rule</th><th scope="col">Category</th>{sev_head}</tr></thead><tbody>{rule_table}</tbody></table>
</section>
</main>
<script type="application/json" id="audit-data">{_script_json(report.data(title))}</script>
<script>
{_asset("report.js")}
</script>
</body>
</html>
"""


def write_html(records: Iterable[dict], path: Path, title: str = "artlint audit") -> None:
    """Write the HTML report for the audit's records (read once, in order; a generator is fine)."""
    report = _Report()
    for record in records:
        report.add(record)
    page = _render(report, title)
    Path(path).write_text(page, encoding="utf-8", errors="replace")


# -- python -m artlint.audit.html ---------------------------------------------------------------


def read_jsonl(stream: IO[str], name: str = "<stdin>") -> Iterator[dict]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{name}:{number}: not a JSON record: {exc.msg}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m artlint.audit.html",
        description="Write the HTML report of an artlint audit from its JSON Lines results.",
    )
    parser.add_argument("results", help="the audit's JSON Lines file (- reads standard input)")
    parser.add_argument("-o", "--output", required=True, type=Path, help="the HTML file to write")
    parser.add_argument("--title", default="artlint audit", help="the page title")
    args = parser.parse_args(argv)
    try:
        if args.results == "-":
            write_html(read_jsonl(sys.stdin), args.output, args.title)
        else:
            with open(args.results, encoding="utf-8") as stream:
                write_html(read_jsonl(stream, args.results), args.output, args.title)
    except (OSError, ValueError) as exc:
        print(f"artlint: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
