"""``artlint audit``: folders, globs and manifests (paths and URLs) in, JSON Lines out (the
record format agreed with the HTML report), with the local engine; through click's CliRunner
and the installed console script."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from links_support import Site
from runcli import in_process, run_exe, run_runner, write

from artlint.audit import audit
from artlint.diagnostics import Diagnostic

FILE_KEYS = {"type", "path", "status", "message", "diagnostics", "counts", "categories", "date", "folder"}
DIAG_KEYS = {"type", "path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
             "message", "match", "fix", "line_text"}
SUMMARY_KEYS = {"type", "files", "files_ok", "files_failed", "diagnostics", "by_severity", "by_category",
                "by_rule", "engine", "workers", "seconds", "artlint_version"}

BAD = "# Title\n\nSee [LINK: tbd] and {{AUTHOR}} , here.\n"
DATED = "---\ntitle: Dated\ndate: 2024-03-05\n---\n\n# Dated\n\nText , here.\r\nMore [TODO].\n"
CLEAN = "# Clean\n\nA plain sentence about nothing in particular.\n"


def records_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def validate(records: list[dict]) -> dict:
    """The agreed format: keys, order (file then its diagnostics, sorted), counts that add up."""
    assert records and records[-1]["type"] == "summary"
    summary = records[-1]
    assert set(summary) == SUMMARY_KEYS
    files = [r for r in records if r["type"] == "file"]
    assert [r["path"] for r in files] == sorted(r["path"] for r in files)
    current = None
    seen: dict[str, list[dict]] = {}
    for r in records[:-1]:
        if r["type"] == "file":
            assert set(r) == FILE_KEYS
            assert r["status"] in ("ok", "unreadable", "error")
            assert (r["message"] is None) == (r["status"] == "ok")
            assert r["date"] is None or len(r["date"]) == 10
            assert r["folder"] == str(Path(r["path"]).parent) or r["path"].startswith(("http", "file"))
            current = r
            seen[r["path"]] = []
        else:
            assert r["type"] == "diagnostic" and set(r) == DIAG_KEYS
            assert current is not None and r["path"] == current["path"]
            seen[r["path"]].append(r)
    for r in files:
        diags = seen[r["path"]]
        assert r["diagnostics"] == len(diags)
        assert r["counts"] == {s: sum(d["severity"] == s for d in diags) for s in ("error", "warning", "info")}
        assert r["categories"] == {c: sum(d["category"] == c for d in diags)
                                   for c in sorted({d["category"] for d in diags})}
        assert [(d["line"], d["column"], d["rule"]) for d in diags] == sorted(
            (d["line"], d["column"], d["rule"]) for d in diags)
    all_diags = [d for ds in seen.values() for d in ds]
    assert summary["files"] == len(files)
    assert summary["files_ok"] == sum(r["status"] == "ok" for r in files)
    assert summary["files_failed"] == summary["files"] - summary["files_ok"]
    assert summary["diagnostics"] == len(all_diags) == sum(summary["by_severity"].values())
    assert sum(summary["by_category"].values()) == sum(summary["by_rule"].values()) == len(all_diags)
    return {r["path"]: r for r in files}


@pytest.fixture
def archive(tmp_path) -> Path:
    root = tmp_path / "archive"
    write(root, "2024/bad.md", BAD)
    write(root, "2024/dated.md", DATED)
    write(root, "2023/clean.md", CLEAN)
    write(root, "notes.txt", "A note , with a stray space.\n")
    write(root, "image.png", b"\x89PNG\x00\x00")  # not included
    write(root, "node_modules/x.md", BAD)  # excluded by default
    return root


@pytest.fixture(params=["runner", "exe"])
def cli(request):
    return run_runner if request.param == "runner" else run_exe


def test_audit_a_folder(cli, archive):
    result = cli("audit", "archive", cwd=archive.parent)
    assert result.code == 1, result.err
    records = records_of(result.out)
    files = validate(records)
    assert list(files) == ["archive/2023/clean.md", "archive/2024/bad.md", "archive/2024/dated.md",
                           "archive/notes.txt"]
    assert all(r["status"] == "ok" for r in files.values())
    assert files["archive/2024/dated.md"]["date"] == "2024-03-05"
    assert files["archive/2024/bad.md"]["date"] is None
    assert files["archive/2024/bad.md"]["folder"] == "archive/2024"
    assert files["archive/2023/clean.md"]["diagnostics"] == 0
    diags = [r for r in records if r["type"] == "diagnostic"]
    spacing = [d for d in diags if d["path"] == "archive/2024/dated.md" and d["rule"] == "space-before-punctuation"]
    assert spacing and spacing[0]["line_text"] == "Text , here."  # the line, without its CRLF
    summary = records[-1]
    assert summary["engine"] == "local" and summary["workers"] >= 1 and summary["files"] == 4
    assert "audited 4 files (4 ok)" in result.err


def test_the_diagnostics_are_those_of_check(archive):
    check = run_runner("check", "--no-cache", "--format", "json", "archive", cwd=archive.parent)
    audited = run_runner("audit", "archive", cwd=archive.parent)
    expected = [Diagnostic.from_dict(d) for d in check.json()]
    got = [Diagnostic.from_dict(r) for r in records_of(audited.out) if r["type"] == "diagnostic"]
    assert sorted(got, key=lambda d: d.sort_key) == sorted(expected, key=lambda d: d.sort_key)


@in_process
def test_audit_a_glob_and_write_to_a_file(cli, archive):
    result = cli("audit", "archive/2024/*.md", "-o", "out.jsonl", cwd=archive.parent)
    assert result.code == 1 and result.out == ""
    files = validate(records_of((archive.parent / "out.jsonl").read_text(encoding="utf-8")))
    assert list(files) == ["archive/2024/bad.md", "archive/2024/dated.md"]
    assert "wrote out.jsonl" in result.err
    recursive = run_runner("audit", "archive/**/*.md", cwd=archive.parent)
    assert len(validate(records_of(recursive.out))) == 3  # node_modules stays out


@pytest.fixture
def site():
    server = Site()
    server.route("/remote/article.md", body=BAD, content_type="text/markdown")
    server.route("/remote/gone.md", status=404, body="not here")
    yield server
    server.stop()


def test_audit_a_manifest_of_paths_and_urls(cli, archive, site):
    manifest = write(archive.parent, "lists/manifest.txt", "\n".join([
        "# stored articles",
        "../archive/2024/bad.md",
        "",
        str(archive / "2023" / "clean.md"),
        "../archive/missing.md",
        site.url("/remote/article.md"),
        site.url("/remote/gone.md"),
        (archive / "2024" / "dated.md").as_uri(),
    ]) + "\n")
    result = cli("audit", "--allow-private-hosts", manifest.relative_to(archive.parent), cwd=archive.parent)
    assert result.code == 1, result.err
    files = validate(records_of(result.out))
    assert files["archive/2024/bad.md"]["status"] == "ok"
    assert files[str(archive / "2023" / "clean.md")]["status"] == "ok"
    missing = files["archive/missing.md"]
    assert missing["status"] == "error" and "no such file" in missing["message"]
    remote = files[site.url("/remote/article.md")]
    assert remote["status"] == "ok" and remote["diagnostics"] == files["archive/2024/bad.md"]["diagnostics"]
    assert remote["folder"] == site.url("/remote")
    gone = files[site.url("/remote/gone.md")]
    assert gone["status"] == "error" and "404" in gone["message"]
    assert files[(archive / "2024" / "dated.md").as_uri()]["date"] == "2024-03-05"
    summary = records_of(result.out)[-1]
    assert summary["files"] == 6 and summary["files_failed"] == 2
    failures = [line for line in result.err.splitlines() if "missing.md" in line or "gone.md" in line]
    assert len(failures) == 2 and all(line.startswith("artlint: ") for line in failures)


def test_json_and_jsonl_manifests(archive, site):
    write(archive.parent, "m.jsonl", "\n".join(json.dumps(x) for x in [
        {"path": "archive/2024/bad.md"}, {"url": site.url("/remote/article.md")}, "archive/notes.txt"]) + "\n")
    write(archive.parent, "m.json", json.dumps({"files": ["archive/2024/bad.md", {"path": "archive/2023"}]}))
    by_jsonl = validate(records_of(run_runner("audit", "m.jsonl", cwd=archive.parent).out))
    assert set(by_jsonl) == {"archive/2024/bad.md", site.url("/remote/article.md"), "archive/notes.txt"}
    by_json = validate(records_of(run_runner("audit", "m.json", cwd=archive.parent).out))
    assert set(by_json) == {"archive/2024/bad.md", "archive/2023/clean.md"}
    write(archive.parent, "list.txt", "archive/2024/bad.md\n")
    forced = validate(records_of(run_runner("audit", "--manifest", "list.txt", cwd=archive.parent).out))
    assert set(forced) == {"archive/2024/bad.md"}


def test_bad_manifests_and_usage_errors(archive):
    write(archive.parent, "m.jsonl", '{"path": "a.md"}\nnot json\n')
    result = run_runner("audit", "m.jsonl", cwd=archive.parent)
    assert result.code == 2 and "m.jsonl: line 2: invalid JSON" in result.err
    write(archive.parent, "m.json", '{"n": 3}')
    assert run_runner("audit", "m.json", cwd=archive.parent).code == 2
    assert run_runner("audit", cwd=archive.parent).code == 2
    empty = archive.parent / "empty"
    empty.mkdir()
    result = run_runner("audit", "empty", cwd=archive.parent)
    assert result.code == 2 and "nothing to audit" in result.err
    result = run_runner("audit", "--engine", "local", "--scheduler", "tcp://127.0.0.1:1", "archive",
                        cwd=archive.parent)
    assert result.code == 2
    result = run_runner("audit", "--select", "nope", "archive", cwd=archive.parent)
    assert result.code == 2 and "nope" in result.err
    result = run_runner("audit", "only-missing.md", cwd=archive.parent)
    assert result.code == 2 and "nothing could be audited" in result.err
    assert records_of(result.out)[0]["status"] == "error"


def test_unreadable_files_and_exit_codes(archive):
    write(archive, "2024/binary.md", b"# x\x00\x00")
    result = run_runner("audit", "archive/2024", cwd=archive.parent)
    files = validate(records_of(result.out))
    assert files["archive/2024/binary.md"]["status"] == "unreadable"
    assert "binary" in files["archive/2024/binary.md"]["message"]
    assert run_runner("audit", "archive/2023", cwd=archive.parent).code == 0
    assert run_runner("audit", "--fail-on", "error", "archive/notes.txt", cwd=archive.parent).code == 0
    assert run_runner("audit", "--select", "placeholder", "archive/2024/dated.md", cwd=archive.parent).code == 1
    config = write(archive.parent, "strict.toml", 'ignore = ["placeholder", "spacing"]\n')
    result = run_runner("audit", "--config", config, "archive/2024/bad.md", cwd=archive.parent)
    assert {r.get("category") for r in records_of(result.out)} & {"placeholder", "spacing"} == set()


def test_jobs_and_chunks_do_not_change_the_output(archive):
    for i in range(40):
        write(archive, f"many/{i:02d}.md", BAD if i % 3 else DATED)
    one = run_runner("audit", "-j", "1", "archive", cwd=archive.parent)
    two = run_exe("audit", "-j", "2", "--chunk-size", "4", "--no-cache", "archive", cwd=archive.parent)
    assert one.out.splitlines()[:-1] == two.out.splitlines()[:-1]
    assert records_of(two.out)[-1]["workers"] == 2


def test_dask_missing_is_a_one_line_error(archive, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.setitem(sys.modules, "dask", None)
    result = run_runner("audit", "--engine", "dask", "archive", cwd=archive.parent)
    assert result.code == 2
    assert result.err.strip().splitlines()[-1] == 'artlint: error: --engine dask needs Dask: pip install "artlint[dask]"'


def test_html_gets_the_records_in_order(archive, monkeypatch):
    from artlint.audit import html

    seen = {}

    def fake(records, path, title="artlint audit"):
        seen["records"], seen["path"] = list(records), path

    monkeypatch.setattr(html, "write_html", fake)
    result = run_runner("audit", "--html", "report.html", "archive", cwd=archive.parent)
    assert seen["records"] == records_of(result.out) and seen["path"] == Path("report.html")


def test_the_python_audit(archive, monkeypatch):
    monkeypatch.chdir(archive.parent)
    records = list(audit(["archive"], chunk=1))
    validate(records)
    assert records[-1]["files"] == 4
