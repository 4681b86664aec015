"""The ``artlint`` command as users run it: through click's CliRunner (in process) and through
the installed console script (a real subprocess, real stdout/stderr, real exit codes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version as dist_version
from pathlib import Path

import pytest
from click.testing import CliRunner

from artlint import __version__
from artlint.cli import main
from artlint.diagnostics import CATEGORIES, SEVERITIES
from artlint.reporters.text import _width, window
from conftest import RULES_BY_ID, artlint_exe

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HEADER = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                    r"\[(?P<rule>[a-z0-9-]+)\] (?P<msg>.+)$")
KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
        "message", "match", "fix"}

SPACING = "The deal carries strategic weight .\n"  # space-before-punctuation, col 34
BRACKETS = "Solar plants switch off ( see below) at noon.\n"  # space-inside-brackets, col 26
PLACEHOLDER = "See our analysis on [INTERNAL_LINK:indo-pacific-supply-chains] for more.\n"
CLEAN = "A clean sentence with nothing to flag.\n"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> list[dict]:
        return json.loads(self.out)


def _env(extra: dict | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "ARTLINT_DEBUG")}
    env.update(extra or {})
    return env


def run_exe(*args, cwd: Path | None = None, env: dict | None = None) -> Result:
    proc = subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, env=_env(env), capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_runner(*args, cwd: Path | None = None, env: dict | None = None) -> Result:
    old = os.getcwd()
    saved = {k: os.environ.pop(k) for k in ("NO_COLOR", "FORCE_COLOR") if k in os.environ}
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, list(map(str, args)), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
        os.environ.update(saved)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(params=["runner", "exe"])
def cli(request):
    """Both ways in: the in-process CliRunner and the installed console script."""
    return run_runner if request.param == "runner" else run_exe


# For a test of what the command does with its input (not of how it is reached), the runner
# alone: each surface (exit codes, JSON and text on real stdout/stderr, colour, selection,
# paths, the listing commands) keeps a test that runs the installed console script too.
in_process = pytest.mark.parametrize("cli", [run_runner], ids=["runner"])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes -------------------------------------------------------------------------------

def test_exit_0_when_clean(cli, tmp_path):
    write(tmp_path, "clean.md", CLEAN)
    r = cli("check", "clean.md", cwd=tmp_path)
    assert r.code == 0, r
    assert r.out.strip() == "All clean: 1 file checked, no problems found."
    assert r.err == ""


def test_exit_1_on_findings(cli, tmp_path):
    write(tmp_path, "bad.md", SPACING)
    r = cli("check", "bad.md", cwd=tmp_path)
    assert r.code == 1, r
    assert "bad.md:1:34: warning [space-before-punctuation]" in r.out


@pytest.mark.parametrize("args, needle", [
    (["check", "--format", "xml", "a.md"], "Invalid value for '--format'"),
    (["check", "--fail-on", "fatal", "a.md"], "Invalid value for '--fail-on'"),
    (["check", "--no-such-option", "a.md"], "No such option"),
    (["check", "--select", "no-such-rule", "a.md"], "--select: unknown rule or category 'no-such-rule'"),
    (["check", "--ignore", "spacing,bogus", "a.md"], "--ignore: unknown rule or category 'bogus'"),
    (["check", "--config", "missing.toml", "a.md"], "missing.toml: config file does not exist"),
    (["frobnicate"], "No such command"),
])
def test_exit_2_on_usage_errors(cli, tmp_path, args, needle):
    write(tmp_path, "a.md", SPACING)
    r = cli(*args, cwd=tmp_path)
    assert r.code == 2, r
    assert needle in r.err
    assert r.out == ""
    assert "Traceback" not in r.err


def test_exit_2_when_nothing_could_be_linted(cli, tmp_path):
    r = cli("check", "missing.md", cwd=tmp_path)
    assert r.code == 2, r
    assert "artlint: missing.md: no such file or directory" in r.err
    assert "nothing could be linted" in r.err


@in_process
def test_exit_2_for_a_folder_without_articles(cli, tmp_path):
    write(tmp_path, "empty/picture.png", "not an article")
    r = cli("check", "empty", cwd=tmp_path)
    assert r.code == 2, r
    assert "empty: no files to lint in this folder" in r.err
    assert "All clean" not in r.out


# --- JSON -------------------------------------------------------------------------------------

def test_json_shape(cli, tmp_path):
    write(tmp_path, "a.md", "# Title\n\n" + SPACING + "\n" + BRACKETS + "\n" + PLACEHOLDER)
    r = cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert r.code == 1, r
    data = r.json()
    assert isinstance(data, list) and len(data) >= 3
    lines = (tmp_path / "a.md").read_text("utf-8").split("\n")
    for d in data:
        assert set(d) == KEYS
        assert d["path"] == "a.md"
        for key in ("line", "column", "end_line", "end_column"):
            assert type(d[key]) is int and d[key] >= 1
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"])
        assert d["severity"] in SEVERITIES
        assert d["category"] in CATEGORIES
        assert d["rule"] in RULES_BY_ID and RULES_BY_ID[d["rule"]].category == d["category"]
        assert isinstance(d["message"], str) and d["message"] and "\n" not in d["message"]
        assert d["fix"] is None or isinstance(d["fix"], str)
        assert d["line"] == d["end_line"]
        assert lines[d["line"] - 1][d["column"] - 1:d["end_column"] - 1] == d["match"]
    by_rule = {d["rule"]: d for d in data}
    spacing = by_rule["space-before-punctuation"]
    assert (spacing["line"], spacing["column"], spacing["end_column"]) == (3, 34, 35)
    assert spacing["match"] == " " and spacing["fix"] == ""
    assert spacing["severity"] == "warning" and spacing["category"] == "spacing"
    assert by_rule["space-inside-brackets"]["column"] == 26
    assert any(d["category"] == "placeholder" and d["match"] == "[INTERNAL_LINK:indo-pacific-supply-chains]"
               for d in data)


@in_process
def test_json_is_an_empty_array_when_clean(cli, tmp_path):
    write(tmp_path, "clean.md", CLEAN)
    r = cli("check", "--format", "json", "clean.md", cwd=tmp_path)
    assert r.code == 0
    assert r.json() == []


def test_json_columns_count_code_points(cli, tmp_path):
    # Wide characters, an emoji outside the BMP and a combining accent before the defect.
    write(tmp_path, "u.md", "日本 😀 cafe\u0301 and Japan , together.\n")
    r = cli("check", "--format", "json", "--select", "space-before-punctuation", "u.md", cwd=tmp_path)
    [d] = r.json()
    assert d["column"] == len("日本 😀 cafe\u0301 and Japan") + 1 == 21
    assert d["match"] == " "


def test_json_stdout_stays_parseable_with_errors_on_stderr(cli, tmp_path):
    write(tmp_path, "a.md", SPACING)
    r = cli("check", "--format", "json", "a.md", "gone.md", cwd=tmp_path)
    assert r.code == 1
    data = r.json()
    gone = [d for d in data if d["path"] == "gone.md"]
    assert gone and gone[0]["rule"] == "unreadable-file" and gone[0]["category"] == "file"
    assert gone[0]["severity"] == "error"
    assert set(gone[0]) == KEYS
    assert r.err.strip() == "artlint: gone.md: no such file or directory"


# --- text -------------------------------------------------------------------------------------

def test_text_format_has_header_source_line_caret_and_summary(cli, tmp_path):
    write(tmp_path, "a.md", "# Title\n\n" + SPACING + "\n" + BRACKETS)
    r = cli("check", "--no-color", "a.md", cwd=tmp_path)
    assert r.code == 1
    out = r.out.splitlines()
    headers = [i for i, line in enumerate(out) if HEADER.match(line)]
    assert len(headers) == 2
    for i in headers:
        m = HEADER.match(out[i])
        assert m["path"] == "a.md"
        source, caret = out[i + 1], out[i + 2]
        assert source.startswith("    ") and caret.startswith("    ")
        source, caret = source[4:], caret[4:]
        assert source == (tmp_path / "a.md").read_text().splitlines()[int(m["line"]) - 1]
        assert set(caret.strip()) == {"^"}
        assert caret.index("^") == int(m["col"]) - 1
    assert out[headers[0]] == "a.md:3:34: warning [space-before-punctuation] Stray space before '.'"
    assert out[-1] == "Found 2 problems (2 warnings) in 1 file checked; 2 with an automatic fix."


@in_process
def test_text_summary_counts_severities_and_files(cli, tmp_path):
    write(tmp_path, "a.md", SPACING)
    write(tmp_path, "b.txt", SPACING + BRACKETS)
    write(tmp_path, "c.md", CLEAN)
    write(tmp_path, "d.md", b"\x00\x01".decode("latin-1"))
    r = cli("check", ".", cwd=tmp_path)
    assert r.out.splitlines()[-1] == ("Found 4 problems (1 error, 3 warnings) in 3 files checked; "
                                      "3 with an automatic fix.")


def test_caret_under_wide_characters(cli, tmp_path):
    write(tmp_path, "w.md", "日本と印度 , 協力\n")
    r = cli("check", "--no-color", "w.md", cwd=tmp_path)
    lines = r.out.splitlines()
    assert lines[1] == "    日本と印度 , 協力"
    assert lines[2] == "    " + " " * 10 + "^"  # five wide characters take ten cells


@in_process
def test_long_line_shows_a_window_around_the_span(cli, tmp_path):
    words = "Economic security goes beyond growth and fiscal stability in every sense"
    before = (words + ". ") * 6  # ~450 characters of prose before the defect
    line = before + "and it carries strategic weight . " + (words + ". ") * 4
    assert len(line) > 600
    write(tmp_path, "long.md", line + "\n")
    r = cli("check", "--no-color", "--select", "space-before-punctuation", "long.md", cwd=tmp_path)
    header, shown, caret = r.out.splitlines()[:3]
    col = int(HEADER.match(header)["col"])
    assert line[col - 1:col + 1] == " ."
    shown, caret = shown[4:], caret[4:]
    assert len(shown) <= 100
    assert shown.startswith("…") and shown.endswith("…")
    assert "strategic weight ." in shown
    pos = caret.index("^")
    assert caret.strip() == "^"
    assert shown[pos:pos + 2] == " ."  # the caret is still under the span


def test_window_unit():
    line = "x" * 300 + " , " + "日本" * 100
    shown, pad, width = window(line, 300, 301, limit=80)
    assert _width(shown) <= 80
    cells = _width(shown)
    assert cells >= 70  # the window is filled, not cut short
    # Re-find the span from the caret: the cells before the caret are exactly ``pad``.
    prefix = ""
    for ch in shown:
        if _width(prefix) >= pad:
            break
        prefix += ch
    assert _width(prefix) == pad and shown[len(prefix):len(prefix) + 2] == " ,"
    assert width == 1
    short = "short line , here"
    assert window(short, 10, 11) == (short, 10, 1)
    # A span running past the window is cut with the window; the caret never overflows it.
    shown, pad, width = window("a" * 50 + "b" * 500, 50, 550, limit=60)
    assert pad + width <= _width(shown)


@in_process
def test_crlf_and_control_characters_do_not_leak_into_text_output(cli, tmp_path):
    (tmp_path / "c.md").write_bytes("Tab\there and strategic weight .\r\nNext line , too\r\n".encode())
    r = cli("check", "--no-color", "c.md", cwd=tmp_path)
    assert "\r" not in r.out
    lines = r.out.splitlines()
    assert lines[1] == "    Tab here and strategic weight ."
    assert lines[2].index("^") - 4 == lines[1].index(" .") - 4
    assert lines[3].startswith("c.md:2:10:")


# --- colour -----------------------------------------------------------------------------------

@pytest.mark.parametrize("env, flag, coloured", [
    ({}, [], False),  # not a terminal
    ({"FORCE_COLOR": "1"}, [], True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
    ({"FORCE_COLOR": "1"}, ["--no-color"], False),
])
def test_colour_only_when_wanted(cli, tmp_path, env, flag, coloured):
    write(tmp_path, "a.md", SPACING)
    r = cli("check", *flag, "a.md", cwd=tmp_path, env=env)
    assert bool(ANSI.search(r.out)) is coloured
    assert ANSI.sub("", r.out).splitlines()[0].startswith("a.md:1:34: warning")


@in_process
def test_json_never_coloured(cli, tmp_path):
    write(tmp_path, "a.md", SPACING)
    r = cli("check", "--format", "json", "a.md", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert not ANSI.search(r.out)
    assert r.json()[0]["rule"] == "space-before-punctuation"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("env, coloured", [({}, True), ({"NO_COLOR": "1"}, False)])
def test_colour_on_a_real_terminal(tmp_path, env, coloured):
    import pty

    write(tmp_path, "a.md", SPACING)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([artlint_exe(), "check", "a.md"], cwd=tmp_path, env=_env(env),
                            stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert proc.wait(timeout=60) == 1
    out = b"".join(chunks).decode()
    assert bool(ANSI.search(out)) is coloured, out
    assert "a.md:1:34:" in ANSI.sub("", out)


# --- selection --------------------------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path):
    write(tmp_path, "m.md", SPACING + "\n" + BRACKETS + "\n" + PLACEHOLDER)
    return tmp_path


def _rules(r: Result) -> set[str]:
    return {d["rule"] for d in r.json()}


def _categories(r: Result) -> set[str]:
    return {d["category"] for d in r.json()}


def test_select_by_id(cli, mixed):
    r = cli("check", "--format", "json", "--select", "space-inside-brackets", "m.md", cwd=mixed)
    assert _rules(r) == {"space-inside-brackets"}


@in_process
def test_select_by_category(cli, mixed):
    r = cli("check", "--format", "json", "--select", "spacing", "m.md", cwd=mixed)
    assert _rules(r) == {"space-before-punctuation", "space-inside-brackets"}


@in_process
def test_select_comma_separated_and_repeated(cli, mixed):
    r = cli("check", "--format", "json", "--select", "space-before-punctuation,space-inside-brackets",
            "m.md", cwd=mixed)
    assert _rules(r) == {"space-before-punctuation", "space-inside-brackets"}
    r = cli("check", "--format", "json", "--select", "space-before-punctuation", "--select", "placeholder",
            "m.md", cwd=mixed)
    assert _categories(r) == {"spacing", "placeholder"}
    assert "space-inside-brackets" not in _rules(r)


@in_process
def test_ignore_by_id_and_category(cli, mixed):
    everything = _categories(cli("check", "--format", "json", "m.md", cwd=mixed))
    assert {"spacing", "placeholder"} <= everything
    r = cli("check", "--format", "json", "--ignore", "spacing", "m.md", cwd=mixed)
    assert "spacing" not in _categories(r) and "placeholder" in _categories(r)
    r = cli("check", "--format", "json", "--ignore", "space-inside-brackets", "m.md", cwd=mixed)
    assert "space-before-punctuation" in _rules(r) and "space-inside-brackets" not in _rules(r)


@in_process
def test_the_more_specific_selector_wins(cli, mixed):
    r = cli("check", "--format", "json", "--select", "spacing", "--ignore", "space-inside-brackets",
            "m.md", cwd=mixed)
    assert _rules(r) == {"space-before-punctuation"}
    r = cli("check", "--format", "json", "--select", "space-inside-brackets", "--ignore", "spacing",
            "m.md", cwd=mixed)
    assert _rules(r) == {"space-inside-brackets"}


@in_process
def test_ignoring_everything_that_fired_exits_0(cli, mixed):
    r = cli("check", "--select", "spacing", "--ignore", "spacing", "m.md", cwd=mixed)
    assert r.code == 0 and "All clean" in r.out


# --- fail-on ----------------------------------------------------------------------------------

@pytest.mark.parametrize("severity, fail_on, code", [
    ("warning", None, 1), ("warning", "error", 0), ("warning", "warning", 1), ("warning", "info", 1),
    ("info", None, 0), ("info", "info", 1), ("info", "warning", 0),
    ("error", "error", 1), ("error", None, 1),
])
def test_fail_on(cli, tmp_path, severity, fail_on, code):
    write(tmp_path, ".artlint.toml", f'severity = {{ spacing = "{severity}" }}\n')
    write(tmp_path, "a.md", SPACING)
    args = ["check", "--format", "json", "a.md"] + (["--fail-on", fail_on] if fail_on else [])
    r = cli(*args, cwd=tmp_path)
    assert r.code == code, r
    assert [d["severity"] for d in r.json()] == [severity]  # reported whatever the exit code


@in_process
def test_unreadable_files_always_fail(cli, tmp_path):
    write(tmp_path, "a.md", CLEAN)
    (tmp_path / "b.md").write_bytes(b"caf\xe9\n")
    r = cli("check", "--fail-on", "error", "a.md", "b.md", cwd=tmp_path)
    assert r.code == 1


# --- paths ------------------------------------------------------------------------------------

def test_default_path_is_the_current_folder(cli, tmp_path):
    write(tmp_path, "top.md", SPACING)
    write(tmp_path, "docs/inner.txt", SPACING)
    r = cli("check", "--format", "json", cwd=tmp_path)
    assert r.code == 1
    assert sorted(d["path"] for d in r.json()) == [str(Path("docs/inner.txt")), "top.md"]
    r = cli("check", cwd=tmp_path / "docs")
    assert r.out.startswith("inner.txt:1:34:")


@in_process
def test_folder_recursion_skips_tool_folders(cli, tmp_path):
    for skipped in (".git", "node_modules", ".venv", "venv", "build", "dist", "docs/node_modules",
                    "pkg.egg-info", "__pycache__", ".tox"):
        write(tmp_path, f"{skipped}/x.md", SPACING)
    linted = ["a.md", "b.markdown", "c.txt", "docs/d.md", "docs/deep/er/e.md", "builder/f.md",
              "distant.md", "x.md/inside.md"]
    for name in linted:
        write(tmp_path, name, SPACING)
    for name in ("notes.rst", "data.json", "script.py", "README"):
        write(tmp_path, name, SPACING)
    r = cli("check", "--format", "json", ".", cwd=tmp_path)
    assert r.code == 1
    assert sorted(d["path"] for d in r.json()) == sorted(str(Path(p)) for p in linted)
    text = cli("check", ".", cwd=tmp_path)
    assert text.out.splitlines()[-1].endswith(f"in {len(linted)} files checked; {len(linted)} with an automatic fix.")


@in_process
def test_named_file_is_linted_even_in_a_skipped_folder_or_with_another_extension(cli, tmp_path):
    write(tmp_path, "build/notes.md", SPACING)
    write(tmp_path, "notes.rst", SPACING)
    r = cli("check", "--format", "json", "build/notes.md", "notes.rst", "build", cwd=tmp_path)
    assert sorted(d["path"] for d in r.json()) == [str(Path("build/notes.md")), "notes.rst"]


@in_process
def test_same_file_twice_is_linted_once(cli, tmp_path):
    write(tmp_path, "a.md", SPACING)
    r = cli("check", "--format", "json", "a.md", "a.md", ".", cwd=tmp_path)
    assert len(r.json()) == 1


@in_process
def test_absolute_paths_are_reported_as_given(cli, tmp_path):
    f = write(tmp_path, "a.md", SPACING)
    r = cli("check", "--format", "json", f)
    assert r.json()[0]["path"] == str(f)


# --- rules, rule, version ---------------------------------------------------------------------

def _rule_ids_in_repo() -> set[str]:
    import yaml

    folder = Path(__file__).resolve().parents[1] / "rules"
    return {yaml.safe_load(p.read_text("utf-8"))["id"] for p in folder.glob("*.y*ml")}


def test_rules_lists_every_rule(cli, tmp_path):
    r = cli("rules", cwd=tmp_path)
    assert r.code == 0
    listed = {line.split()[0] for line in r.out.splitlines() if line.strip()}
    assert listed == _rule_ids_in_repo()
    line = next(line for line in r.out.splitlines() if line.startswith("space-before-punctuation "))
    assert line.split()[1:3] == ["spacing", "warning"]
    assert "(fixable)" in line


@in_process
def test_rules_json(cli, tmp_path):
    r = cli("rules", "--format", "json", cwd=tmp_path)
    data = json.loads(r.out)
    assert {d["id"] for d in data} == _rule_ids_in_repo()
    for d in data:
        assert d["category"] in CATEGORIES and d["severity"] in SEVERITIES
        assert d["examples"]["bad"] and d["examples"]["good"]


def test_rule_explains_one_rule(cli, tmp_path):
    r = cli("rule", "space-before-punctuation", cwd=tmp_path)
    assert r.code == 0
    rule = RULES_BY_ID["space-before-punctuation"]
    assert r.out.startswith("# space-before-punctuation\n")
    assert "Category: spacing" in r.out and "Severity: warning" in r.out and "Fixable: yes" in r.out
    assert rule.description.splitlines()[0] in r.out
    assert "## Flagged" in r.out and "## Not flagged" in r.out
    for example in rule.examples["bad"] + rule.examples["good"]:
        assert "    " + example.splitlines()[0] in r.out


@in_process
def test_unknown_rule_id(cli, tmp_path):
    r = cli("rule", "space-before", cwd=tmp_path)
    assert r.code == 2
    assert r.out == ""
    assert r.err.strip() == ("artlint: error: no rule named 'space-before' "
                             "(did you mean space-before-percent, space-before-punctuation?)")
    r = cli("rule", "zzz", cwd=tmp_path)
    assert r.code == 2 and "see `artlint rules`" in r.err and len(r.err.strip().splitlines()) == 1


def test_version(cli):
    r = cli("--version")
    assert r.code == 0
    assert r.out.strip() == f"artlint, version {__version__}"
    assert dist_version("artlint") == __version__


def test_help_documents_exit_codes(cli):
    r = cli("check", "--help")
    assert r.code == 0
    for option in ("--format", "--select", "--ignore", "--fail-on", "--config", "--no-color"):
        assert option in r.out
    assert "Exit status" in r.out


def test_python_dash_m(tmp_path):
    write(tmp_path, "a.md", SPACING)
    proc = subprocess.run([sys.executable, "-m", "artlint", "check", "a.md"], cwd=tmp_path,
                          capture_output=True, text=True, env=_env(None), timeout=60)
    assert proc.returncode == 1 and "space-before-punctuation" in proc.stdout


def test_broken_pipe_is_quiet(tmp_path):
    for i in range(200):
        write(tmp_path, f"a{i:03}.md", SPACING * 5)
    proc = subprocess.run(f"'{artlint_exe()}' check . | head -n 1", shell=True, cwd=tmp_path,
                          capture_output=True, text=True, env=_env(None), timeout=60)
    assert proc.stdout.startswith("a000.md:1:34:")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
