"""Configuration: ``[tool.artlint]`` in pyproject.toml or ``.artlint.toml``, found from the linted
path upward, every key, and the errors a broken config gives (exit 2, one line, file + key)."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from artlint.config import Config, find_config_file, load_config
from conftest import artlint_exe
from runcli import completed_in_process

SPACING = "The deal carries strategic weight .\n"
COMMA = "India , Japan and Australia.\n"
COLON = "There is a quieter problem : we stopped noticing.\n"
BRACKETS = "Solar plants switch off ( see below) at noon.\n"


def artlint_installed(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The installed console script (a few tests here; the others run in process)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([artlint_exe(), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def artlint(*args, cwd: Path) -> subprocess.CompletedProcess:
    return completed_in_process(*args, cwd=cwd)


def findings(*args, cwd: Path, run=artlint) -> list[dict]:
    proc = run("check", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rules_of(diags) -> set[str]:
    return {d["rule"] for d in diags}


# --- discovery --------------------------------------------------------------------------------

def test_pyproject_found_from_the_linted_path_upward(tmp_path):
    write(tmp_path / "proj/pyproject.toml", '[project]\nname = "x"\n\n[tool.artlint]\nignore = ["spacing"]\n')
    write(tmp_path / "proj/docs/sub/a.md", SPACING)
    # From outside the project, from the project root, and from the article's own folder.
    assert findings("proj/docs/sub/a.md", cwd=tmp_path, run=artlint_installed) == []
    assert findings("docs", cwd=tmp_path / "proj") == []
    assert findings(cwd=tmp_path / "proj/docs/sub") == []
    # Without the config the finding is there.
    (tmp_path / "proj/pyproject.toml").unlink()
    assert rules_of(findings("proj/docs/sub/a.md", cwd=tmp_path)) == {"space-before-punctuation"}


def test_artlint_toml_found_from_the_linted_path_upward(tmp_path):
    write(tmp_path / "proj/.artlint.toml", 'ignore = ["spacing"]\n')
    write(tmp_path / "proj/a/b/c.md", SPACING)
    assert findings("proj/a/b/c.md", cwd=tmp_path) == []
    assert find_config_file(tmp_path / "proj/a/b") == (tmp_path / "proj/.artlint.toml").resolve()


def test_pyproject_without_an_artlint_table_is_passed_over(tmp_path):
    write(tmp_path / "proj/.artlint.toml", 'ignore = ["spacing"]\n')
    write(tmp_path / "proj/docs/pyproject.toml", '[tool.black]\nline-length = 100\n')
    write(tmp_path / "proj/docs/a.md", SPACING)
    assert findings("proj/docs/a.md", cwd=tmp_path) == []


def test_a_pyproject_above_many_folders_is_read_once_per_run(tmp_path, monkeypatch):
    """A run that looks up the config of a hundred folders under one pyproject.toml (a docs tree
    in a Python project) reads and parses that file once, and still finds each folder's own
    nearest config."""
    import tomllib

    from artlint.pipeline.workspace import Workspace

    write(tmp_path / "pyproject.toml", '[project]\nname = "artlint-docs"\n\n[tool.black]\nline-length = 100\n')
    for i in range(12):
        write(tmp_path / f"docs/d{i}/a.md", SPACING)
    write(tmp_path / "docs/d3/.artlint.toml", 'ignore = ["spacing"]\n')
    parsed = []
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text, **kw: parsed.append(text) or real_loads(text, **kw))
    workspace = Workspace()
    configs = {i: workspace.config_for(tmp_path / f"docs/d{i}") for i in range(12)}
    assert sum("artlint-docs" in text for text in parsed) == 1
    assert "spacing" in configs[3].ignore and all("spacing" not in configs[i].ignore for i in range(12) if i != 3)
    # the whole run, through the command line, agrees: only d3's finding is ignored
    assert {d["path"] for d in findings("docs", cwd=tmp_path)} == {
        str(Path(f"docs/d{i}/a.md")) for i in range(12) if i != 3}


def test_artlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.artlint]\nselect = ["space-inside-brackets"]\n')
    write(tmp_path / ".artlint.toml", 'select = ["space-before-punctuation"]\n')
    write(tmp_path / "a.md", SPACING + BRACKETS)
    assert rules_of(findings("a.md", cwd=tmp_path)) == {"space-before-punctuation"}


def test_nearest_config_wins_and_each_file_gets_its_own(tmp_path):
    """Like ruff: the closest config governs a file; configs do not merge."""
    write(tmp_path / ".artlint.toml", 'select = ["space-inside-brackets"]\n')
    write(tmp_path / "docs/.artlint.toml", 'select = ["space-before-punctuation"]\n')
    write(tmp_path / "top.md", SPACING + BRACKETS)
    write(tmp_path / "docs/inner.md", SPACING + BRACKETS)
    diags = findings(".", cwd=tmp_path)
    by_file = {p: {d["rule"] for d in diags if d["path"] == p} for p in ("top.md", str(Path("docs/inner.md")))}
    assert by_file == {"top.md": {"space-inside-brackets"},
                       str(Path("docs/inner.md")): {"space-before-punctuation"}}


def test_explicit_config_replaces_discovery(tmp_path):
    write(tmp_path / ".artlint.toml", 'ignore = ["spacing"]\n')
    write(tmp_path / "other/settings.toml", 'select = ["space-before-punctuation"]\n')
    write(tmp_path / "a.md", SPACING + BRACKETS)
    assert findings("a.md", cwd=tmp_path) == []
    diags = findings("--config", "other/settings.toml", "a.md", cwd=tmp_path)
    assert rules_of(diags) == {"space-before-punctuation"}
    # A pyproject.toml given with --config is read from its [tool.artlint] table.
    write(tmp_path / "other/pyproject.toml", '[tool.artlint]\nselect = ["space-inside-brackets"]\n')
    assert rules_of(findings("--config", "other/pyproject.toml", "a.md", cwd=tmp_path)) == {"space-inside-brackets"}


def test_command_line_select_replaces_and_ignore_adds(tmp_path):
    write(tmp_path / ".artlint.toml", 'select = ["spacing"]\nignore = ["space-inside-brackets"]\n')
    write(tmp_path / "a.md", SPACING + BRACKETS + "See [INTERNAL_LINK:x-y] now.\n")
    assert rules_of(findings("a.md", cwd=tmp_path)) == {"space-before-punctuation"}
    # --select replaces the config's select, the config's ignore still applies
    diags = findings("--select", "placeholder,space-inside-brackets", "a.md", cwd=tmp_path)
    assert {d["category"] for d in diags} == {"placeholder"}
    # --ignore adds to the config's ignore
    assert findings("--ignore", "space-before-punctuation", "a.md", cwd=tmp_path) == []


# --- every key --------------------------------------------------------------------------------

def test_select_all_and_off_by_default_rules(tmp_path):
    write(tmp_path / "rules/shout.yaml", USER_RULE.replace("enabled: true", "enabled: false"))
    write(tmp_path / ".artlint.toml", 'select = ["ALL"]\nrules = ["rules"]\n')
    write(tmp_path / "a.md", "It was ASAP , they said.\n")
    assert "no-asap" not in rules_of(findings("a.md", cwd=tmp_path))  # ALL does not switch it on
    write(tmp_path / ".artlint.toml", 'select = ["ALL", "no-asap"]\nrules = ["rules"]\n')
    assert rules_of(findings("a.md", cwd=tmp_path)) == {"no-asap", "space-before-punctuation"}


def test_severity_by_category_and_by_id(tmp_path):
    write(tmp_path / ".artlint.toml", """\
        [severity]
        spacing = "info"
        space-inside-brackets = "error"
        """)
    write(tmp_path / "a.md", SPACING + BRACKETS)
    sev = {d["rule"]: d["severity"] for d in findings("a.md", cwd=tmp_path)}
    assert sev == {"space-before-punctuation": "info", "space-inside-brackets": "error"}
    text = artlint("check", "a.md", cwd=tmp_path).stdout
    assert "a.md:1:34: info [space-before-punctuation]" in text


def test_per_file_ignores(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [tool.artlint.per-file-ignores]
        "drafts/*.md" = ["spacing"]
        "**/legacy.md" = ["space-before-punctuation"]
        "notes.txt" = ["space-inside-brackets"]
        """)
    for name in ("drafts/a.md", "legacy.md", "deep/er/legacy.md", "notes.txt", "kept.md"):
        write(tmp_path / name, SPACING + BRACKETS)
    diags = findings(".", cwd=tmp_path)
    got = {(d["path"], d["rule"]) for d in diags}
    p = lambda s: str(Path(s))  # noqa: E731
    assert got == {
        (p("deep/er/legacy.md"), "space-inside-brackets"), ("legacy.md", "space-inside-brackets"),
        ("notes.txt", "space-before-punctuation"),
        ("kept.md", "space-before-punctuation"), ("kept.md", "space-inside-brackets"),
    }


def test_per_file_ignores_globs_are_relative_to_the_config_folder(tmp_path):
    write(tmp_path / "proj/.artlint.toml", '[per-file-ignores]\n"drafts/*" = ["spacing"]\n')
    write(tmp_path / "proj/drafts/a.md", SPACING)
    write(tmp_path / "proj/final/drafts.md", SPACING)
    assert findings("proj/drafts/a.md", cwd=tmp_path) == []
    assert findings("drafts/a.md", cwd=tmp_path / "proj") == []
    assert len(findings("proj/final/drafts.md", cwd=tmp_path)) == 1


USER_RULE = """\
id: no-asap
category: style
severity: warning
enabled: true
message: "Spell out '{match}' in an article"
description: |
  Office shorthand such as ASAP reads as a leftover from an email.
check: pattern
options:
  patterns: ['\\bASAP\\b']
examples:
  bad:
    - "We need the data ASAP."
  good:
    - "We need the data as soon as possible."
"""


def test_rules_folder_adds_a_user_rule(tmp_path):
    write(tmp_path / "house-rules/no-asap.yaml", USER_RULE)
    write(tmp_path / "pyproject.toml", '[tool.artlint]\nrules = ["house-rules"]\n')
    write(tmp_path / "docs/a.md", "We need the figures ASAP, says the editor.\n")
    diags = findings("docs/a.md", cwd=tmp_path)
    assert [(d["rule"], d["category"], d["match"], d["column"], d["message"]) for d in diags] == [
        ("no-asap", "style", "ASAP", 21, "Spell out 'ASAP' in an article")]
    # The rule is listed and explained like a built-in one.
    listing = artlint("rules", cwd=tmp_path).stdout
    assert any(line.startswith("no-asap ") for line in listing.splitlines())
    assert "Office shorthand" in artlint("rule", "no-asap", cwd=tmp_path).stdout
    # ...and selected by id or category.
    assert findings("--select", "style", "docs/a.md", cwd=tmp_path)[0]["rule"] == "no-asap"
    assert findings("--ignore", "no-asap", "docs/a.md", cwd=tmp_path) == []


def test_builtin_rules_can_be_switched_off(tmp_path):
    write(tmp_path / "house-rules/no-asap.yaml", USER_RULE)
    write(tmp_path / ".artlint.toml", 'builtin-rules = false\nrules = ["house-rules"]\n')
    write(tmp_path / "a.md", "We need it ASAP , now.\n")
    assert rules_of(findings("a.md", cwd=tmp_path)) == {"no-asap"}


def test_rule_options(tmp_path):
    write(tmp_path / "house-rules/no-asap.yaml", USER_RULE)
    write(tmp_path / ".artlint.toml", """\
        rules = ["house-rules"]

        [rule-options.space-before-punctuation]
        punctuation = "."

        [rule-options.no-asap]
        patterns = ['\\bFYI\\b']
        """)
    write(tmp_path / "a.md", "ASAP and FYI .\n" + COMMA)
    diags = findings("a.md", cwd=tmp_path)
    assert sorted((d["rule"], d["match"], d["line"]) for d in diags) == [
        ("no-asap", "FYI", 1, ), ("space-before-punctuation", " ", 1)]


@pytest.mark.parametrize("rule", ["fill-in-blank", "assistant-citation-token"])
def test_new_patterns_are_not_gated_by_the_rule_files_required_strings(tmp_path, rule):
    """The packaged rule's "requires" (strings its own patterns need) must not hide a user's
    patterns: "The foo is here." holds none of them."""
    write(tmp_path / ".artlint.toml", f"""\
        [rule-options.{rule}]
        patterns = ['\\bfoo\\b']
        """)
    write(tmp_path / "a.md", "# Title\n\nThe foo is here.\n")
    assert [(d["rule"], d["match"]) for d in findings("a.md", cwd=tmp_path) if d["rule"] == rule] == [(rule, "foo")]


def test_include_and_exclude(tmp_path):
    write(tmp_path / ".artlint.toml", """\
        include = ["*.md", "*.rst"]
        exclude = ["drafts", "archive/*.md", "skip-me.md"]
        """)
    for name in ("a.md", "b.rst", "c.txt", "drafts/d.md", "archive/e.md", "archive/f.rst",
                 "skip-me.md", "sub/skip-me.md"):
        write(tmp_path / name, SPACING)
    got = sorted(d["path"] for d in findings(".", cwd=tmp_path))
    assert got == sorted(["a.md", "b.rst", str(Path("archive/f.rst"))])
    # A file named on the command line is still subject to the config's excludes (pre-commit
    # passes every staged file); when that leaves nothing to lint the run is clean, not an error.
    proc = artlint("check", "drafts/d.md", "c.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "drafts" not in proc.stdout and "c.txt:1:34" in proc.stdout
    proc = artlint("check", "drafts/d.md", cwd=tmp_path)
    assert proc.returncode == 0, proc


def test_language_fr_relaxes_high_punctuation_only(tmp_path):
    write(tmp_path / ".artlint.toml", 'language = "fr"\n')
    text = "Autrement dit : la réforme ; vraiment ! Pourquoi ? Oui , non .\n"
    write(tmp_path / "a.md", text)
    diags = findings("a.md", cwd=tmp_path)
    # before ',' and '.' only
    assert sorted(d["column"] for d in diags) == [text.index(" ,") + 1, text.index(" .") + 1]
    (tmp_path / ".artlint.toml").unlink()
    assert len(findings("a.md", cwd=tmp_path)) == 6


def test_front_matter_lang_beats_the_config(tmp_path):
    write(tmp_path / ".artlint.toml", 'language = "fr"\n')
    write(tmp_path / "a.md", "---\nlang: en\n---\n\nWhy now ? Because.\n")
    assert len(findings("a.md", cwd=tmp_path)) == 1


def test_fail_on_key(tmp_path):
    write(tmp_path / ".artlint.toml", 'fail-on = "error"\n')
    write(tmp_path / "a.md", SPACING)
    proc = artlint("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 0 and "space-before-punctuation" in proc.stdout
    assert artlint("check", "--fail-on", "warning", "a.md", cwd=tmp_path).returncode == 1


def test_load_config_api(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [tool.artlint]
        select = ["spacing"]
        ignore = ["space-inside-brackets"]
        severity = { spacing = "error" }
        per-file-ignores = { "a/*.md" = ["spacing"] }
        rules = ["r"]
        builtin-rules = true
        include = ["*.md"]
        exclude = ["old"]
        language = "fr"
        fail-on = "info"
        rule-options = { space-before-punctuation = { punctuation = "." } }
        """)
    (tmp_path / "r").mkdir()
    config = load_config(None, tmp_path / "deeper" / "still")
    assert isinstance(config, Config)
    assert config.path == tmp_path / "pyproject.toml"
    assert (config.select, config.ignore, config.severity) == (["spacing"], ["space-inside-brackets"],
                                                               {"spacing": "error"})
    assert config.per_file_ignores == {"a/*.md": ["spacing"]}
    assert config.rules == [(tmp_path / "r").resolve()]
    assert (config.include, config.exclude, config.language, config.fail_on) == (["*.md"], ["old"], "fr", "info")
    assert config.rule_options == {"space-before-punctuation": {"punctuation": "."}}


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, body, needles", [
    ("pyproject.toml", '[tool.artlint]\nselct = ["spacing"]\n', ["tool.artlint.selct", "unknown key"]),
    (".artlint.toml", 'ignroe = ["spacing"]\n', ["ignroe", "unknown key"]),
    ("pyproject.toml", '[tool.artlint]\nselect = "spacing"\n', ["tool.artlint.select", "not of type 'array'"]),
    (".artlint.toml", "fail-on = 1\n", ["fail-on", "1 is not one of"]),
    (".artlint.toml", "[severity]\nspacing = \"fatal\"\n", ["severity.spacing", "'fatal'"]),
    (".artlint.toml", "builtin-rules = \"yes\"\n", ["builtin-rules", "not of type 'boolean'"]),
    (".artlint.toml", "[per-file-ignores]\n\"*.md\" = \"spacing\"\n", ["per-file-ignores.*.md", "array"]),
    (".artlint.toml", "language = \"French\"\n", ["language", "does not match"]),
    ("pyproject.toml", "[tool.artlint\nselect = []\n", ["invalid TOML", "line 1"]),
    (".artlint.toml", "select = [\n", ["invalid TOML"]),
    (".artlint.toml", 'select = ["spacin"]\n', ["select", "unknown rule or category 'spacin'"]),
    (".artlint.toml", 'ignore = ["nope"]\n', ["ignore", "'nope'"]),
    (".artlint.toml", '[severity]\nnope = "info"\n', ["severity", "'nope'"]),
    (".artlint.toml", '[per-file-ignores]\n"x.md" = ["nope"]\n', ["per-file-ignores", "'nope'"]),
    ("pyproject.toml", '[tool.artlint]\nrules = ["missing-folder"]\n',
     ["tool.artlint.rules[0]", "'missing-folder' does not exist"]),
    (".artlint.toml", '[rule-options.no-such-rule]\nx = 1\n', ["rule-options.no-such-rule", "no such rule"]),
    (".artlint.toml", '[rule-options.space-before-punctuation]\nmode = 3\n',
     ["rule-options.space-before-punctuation.mode", "3 is not one of"]),
    (".artlint.toml", '[rule-options.space-before-punctuation]\ncolour = "red"\n',
     ["rule-options.space-before-punctuation", "'colour'"]),
])
def test_broken_config_exits_2_with_one_line(tmp_path, name, body, needles):
    config = write(tmp_path / name, body)
    write(tmp_path / "docs/a.md", SPACING)
    proc = artlint("check", "docs/a.md", cwd=tmp_path)
    assert proc.returncode == 2, proc
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert lines[0].startswith(f"artlint: error: {config.resolve()}: ") or \
        lines[0].startswith(f"artlint: error: {config}: "), lines[0]
    for needle in needles:
        assert needle in lines[0]
    # `artlint rules` reads the same config and fails the same way
    listing = artlint("rules", cwd=tmp_path)
    assert listing.returncode == 2 and listing.stderr.strip() == lines[0]


def test_broken_config_outside_an_artlint_table_is_not_ours(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.black\nline-length = 1\n")
    write(tmp_path / "a.md", SPACING)
    assert artlint("check", "a.md", cwd=tmp_path).returncode == 1


def test_unreadable_config(tmp_path):
    (tmp_path / ".artlint.toml").write_bytes(b"select = ['\xff']\n")
    write(tmp_path / "a.md", SPACING)
    proc = artlint_installed("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".artlint.toml" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_no_rules_at_all(tmp_path):
    write(tmp_path / ".artlint.toml", "builtin-rules = false\n")
    write(tmp_path / "a.md", SPACING)
    assert artlint("check", "a.md", cwd=tmp_path).returncode == 0
    listing = artlint("rules", cwd=tmp_path)
    assert listing.returncode == 0 and listing.stdout == "" and "No rules loaded" in listing.stderr
