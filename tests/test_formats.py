"""Every output format, on the whole shared corpus, checked against its schema or parser and
against the JSON output (the reference): JSON and SARIF with jsonschema, JUnit with
xml.etree, GitHub workflow commands parsed back and unescaped, GitLab Code Quality JSON."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from artlint.diagnostics import Diagnostic
from artlint.reporters import FORMATS, FileResult
from artlint.reporters.github import GithubReporter
from conftest import RULES_BY_ID
from runcli import cli, in_process, run_runner, write  # noqa: F401  (cli is a fixture)

DATA = Path(__file__).parent / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-2.1.0.json").read_text("utf-8"))
GITLAB_SCHEMA = json.loads((DATA / "gitlab-codequality.schema.json").read_text("utf-8"))
JSON_SCHEMA = json.loads(resources.files("artlint").joinpath("schemas/diagnostics.schema.json").read_text("utf-8"))

COMMAND = re.compile(r"^::(?P<cmd>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(value: str) -> str:
    table = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: table[m.group()], value)


def parse_github(out: str) -> list[dict]:
    parsed = []
    for line in out.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        parsed.append({"cmd": m["cmd"], **{k: unescape(v) for k, v in props.items()},
                       "message": unescape(m["data"])})
    return parsed


def reference(corpus: Path) -> list[dict]:
    r = run_runner("check", "--format", "json", ".", cwd=corpus)
    assert r.code == 1, r.err
    return r.json()


@pytest.fixture(scope="module")
def corpus_json(corpus_dir) -> list[dict]:
    data = reference(corpus_dir)
    assert len(data) > 100 and {d["category"] for d in data} >= {"placeholder", "link", "spacing"}
    return data


def test_formats_offered():
    assert set(FORMATS) == {"text", "json", "github", "sarif", "junit", "gitlab"}


def test_json_validates_against_the_published_schema(cli, corpus_dir, corpus_json):
    r = cli("check", "--format", "json", ".", cwd=corpus_dir)
    assert r.code == 1
    data = r.json()
    assert data == corpus_json
    Draft202012Validator.check_schema(JSON_SCHEMA)
    Draft202012Validator(JSON_SCHEMA).validate(data)
    broken = copy.deepcopy(data)
    del broken[0]["fix"]
    broken[1]["line"] = 0
    assert len(list(Draft202012Validator(JSON_SCHEMA).iter_errors(broken))) == 2


def test_sarif_validates_against_the_sarif_2_1_0_schema(cli, corpus_dir, corpus_json):
    r = cli("check", "--format", "sarif", ".", cwd=corpus_dir)
    assert r.code == 1, r.err
    log = r.json()
    Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "artlint"
    rules = driver["rules"]
    assert {r["id"] for r in rules} == set(RULES_BY_ID)  # every rule that ran, not only those that fired
    for rule in rules:
        assert "helpUri" not in rule  # no docs-url in the config: the help text is complete instead
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {rule['id']}")
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert len(run["results"]) == len(corpus_json)
    for res, d in zip(run["results"], corpus_json):
        assert res["ruleId"] == d["rule"] and rules[res["ruleIndex"]]["id"] == d["rule"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        assert res["message"]["text"] == d["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == d["path"] and loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            d["line"], d["column"], d["end_line"], d["end_column"])
        assert region.get("snippet", {"text": ""})["text"] == d["match"]
        if d["fix"] is None:
            assert "fixes" not in res
        else:
            [fix] = res["fixes"]
            [change] = fix["artifactChanges"]
            [replacement] = change["replacements"]
            assert replacement["insertedContent"]["text"] == d["fix"]
            assert replacement["deletedRegion"]["startColumn"] == d["column"]
    prints = [res["partialFingerprints"]["artlint/v2"] + res["locations"][0]["physicalLocation"]
              ["artifactLocation"]["uri"] for res in run["results"]]
    assert len(set(prints)) == len(prints)
    assert any("fixes" in res for res in run["results"])
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(Draft4Validator(SARIF_SCHEMA).iter_errors(broken))


def test_junit_parses_and_has_one_failure_per_finding(cli, corpus_dir, corpus_json):
    r = cli("check", "--format", "junit", ".", cwd=corpus_dir)
    assert r.code == 1
    assert r.out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(r.out.encode("utf-8"))
    assert root.tag == "testsuites"
    failures = root.findall("./testsuite/testcase/failure")
    assert int(root.get("failures")) == len(failures) == len(corpus_json)
    assert [f.get("type") for f in failures] == [d["rule"] for d in corpus_json]
    assert [f.get("message") for f in failures] == [d["message"] for d in corpus_json]
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(p.relative_to(corpus_dir)) for p in corpus_dir.iterdir()
                           if p.suffix in (".md", ".txt")}
    for name, suite in suites.items():
        expected = sum(1 for d in corpus_json if d["path"] == name)
        assert int(suite.get("failures")) == expected
        assert int(suite.get("tests")) == max(expected, 1)  # a clean file is one passing test
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_github_commands_parse_back_to_the_findings(cli, corpus_dir, corpus_json):
    r = cli("check", "--format", "github", ".", cwd=corpus_dir)
    assert r.code == 1
    parsed = parse_github(r.out)
    assert len(parsed) == len(corpus_json)
    for p, d in zip(parsed, corpus_json):
        assert p["cmd"] == LEVELS[d["severity"]]
        assert p["file"] == d["path"] and p["title"] == f"artlint/{d['rule']}"
        assert (int(p["line"]), int(p["col"]), int(p["endLine"]), int(p["endColumn"])) == (
            d["line"], d["column"], d["end_line"], d["end_column"])
        assert p["message"] == d["message"]


@in_process
def test_github_escapes_data_and_properties(cli, tmp_path):
    """A path with , : and %, and a message with %, CR and LF, survive the round trip."""
    write(tmp_path, "rules/figure-break.yaml", (
        "id: figure-break\ncategory: style\nseverity: info\n"
        "message: \"Figure split over lines: '{match}'\"\ndescription: A figure and its unit on two lines.\n"
        "check: pattern\noptions:\n  patterns: ['\\d+%\\s+rise']\n"
        "examples:\n  bad: [\"a 50%\\nrise\"]\n  good: [\"a 50% rise\"]\n"))
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\nselect = ["figure-break", "spacing"]\n')
    name = "notes, draft: 100%.md"
    write(tmp_path, name, "Prices saw a 50%\r\nrise this year .\r\n")
    r = cli("check", "--format", "github", name, cwd=tmp_path)
    assert r.code == 1, r.err
    assert "\r" not in r.out and r.out.count("\n") == 2
    first, second = parse_github(r.out)
    assert first["file"] == second["file"] == name
    assert "%2C" in r.out and "%3A" in r.out and "%25" in r.out and "%0D%0A" in r.out
    assert first["cmd"] == "notice" and first["title"] == "artlint/figure-break"
    assert first["message"] == "Figure split over lines: '50%\r\nrise'"
    assert (first["line"], first["col"], first["endLine"], first["endColumn"]) == ("1", "14", "2", "5")
    assert second["cmd"] == "warning" and second["message"] == "Stray space before '.'"


def test_github_reporter_escaping_unit():
    import io

    d = Diagnostic("a,b:c%d.md", 1, 2, 1, 3, "r", "style", "info", "100% sure\r\nreally: yes, sir", "x", None)
    out = io.StringIO()
    GithubReporter(out).report([FileResult(d.path, [d])], 1)
    assert out.getvalue() == ("::notice file=a%2Cb%3Ac%25d.md,line=1,col=2,endLine=1,endColumn=3,"
                              "title=artlint/r::100%25 sure%0D%0Areally: yes, sir\n")


def test_gitlab_code_quality_report(cli, corpus_dir, corpus_json):
    r = cli("check", "--format", "gitlab", ".", cwd=corpus_dir)
    assert r.code == 1
    issues = r.json()
    Draft202012Validator(GITLAB_SCHEMA).validate(issues)
    assert len(issues) == len(corpus_json)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for issue, d in zip(issues, corpus_json):
        assert issue["check_name"] == d["rule"] and issue["description"] == d["message"]
        assert issue["location"]["path"] == d["path"] and issue["location"]["lines"]["begin"] == d["line"]
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[d["severity"]]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit", "gitlab"])
def test_output_file(fmt, tmp_path):
    write(tmp_path, "a.md", "The deal carries strategic weight .\n")
    r = run_runner("check", "--format", fmt, "--output", "report.out", "a.md", cwd=tmp_path)
    assert r.code == 1 and r.out == ""
    written = (tmp_path / "report.out").read_text("utf-8")
    assert "space-before-punctuation" in written
    assert "\x1b[" not in written
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(written)
    if fmt == "junit":
        ET.fromstring(written.encode("utf-8"))


@in_process
def test_output_file_in_a_missing_folder_is_a_usage_error(cli, tmp_path):
    write(tmp_path, "a.md", "Clean.\n")
    r = cli("check", "--output", "no/such/folder/report.json", "a.md", cwd=tmp_path)
    assert r.code == 2 and "cannot write the output" in r.err


@in_process
def test_clean_run_in_every_machine_format(cli, tmp_path):
    write(tmp_path, "a.md", "A clean sentence with nothing to flag.\n")
    assert cli("check", "--format", "github", "a.md", cwd=tmp_path).out == ""
    assert cli("check", "--format", "gitlab", "a.md", cwd=tmp_path).json() == []
    sarif = cli("check", "--format", "sarif", "a.md", cwd=tmp_path)
    assert sarif.code == 0 and sarif.json()["runs"][0]["results"] == []
    Draft4Validator(SARIF_SCHEMA).validate(sarif.json())
    junit = ET.fromstring(cli("check", "--format", "junit", "a.md", cwd=tmp_path).out.encode())
    assert junit.get("tests") == "1" and junit.get("failures") == "0"


def test_unreadable_file_in_sarif_and_junit(tmp_path):
    write(tmp_path, "bin.md", b"\x00\x01\x02")
    write(tmp_path, "ok.md", "Fine text.\n")
    sarif = run_runner("check", "--format", "sarif", ".", cwd=tmp_path)
    Draft4Validator(SARIF_SCHEMA).validate(sarif.json())
    [res] = sarif.json()["runs"][0]["results"]
    assert res["ruleId"] == "unreadable-file"
    junit = ET.fromstring(run_runner("check", "--format", "junit", ".", cwd=tmp_path).out.encode())
    assert junit.get("errors") == "1" and junit.find("./testsuite/testcase/error") is not None


def test_junit_survives_characters_xml_cannot_carry(tmp_path):
    write(tmp_path, "a.md", "Bell \x07 and form feed [INTERNAL_LINK:x\x0b] here .\n")
    r = run_runner("check", "--format", "junit", "a.md", cwd=tmp_path)
    ET.fromstring(r.out.encode("utf-8"))


@pytest.mark.parametrize("per_file", [[], [0], [2], [0, 3, 0, 1]])
def test_streamed_json_is_laid_out_as_one_json_dumps(per_file):
    """The JSON reporter writes each file's findings as they come; the text is byte for byte
    what dumping the whole array at once gives."""
    import io
    from dataclasses import asdict

    from artlint.reporters.json import JsonReporter

    results = [FileResult(f"d/é{i}.md", [Diagnostic(f"d/é{i}.md", n + 1, 2, n + 1, 5, "rule", "style", "warning",
                                                    "A “quoted”\nmessage", "m\tx", None if n % 2 else "")
                                         for n in range(count)])
               for i, count in enumerate(per_file)]
    out = io.StringIO()
    JsonReporter(out).report(results, len(results))
    everything = [asdict(d) for r in results for d in r.diagnostics]
    assert out.getvalue() == json.dumps(everything, ensure_ascii=False, indent=2) + "\n"
    assert [d.to_dict() for r in results for d in r.diagnostics] == everything
