"""Start-up: `artlint --version` and `artlint check one.md` import nothing heavy (no jsonschema,
no requests, no process pool); the packaged rule files, which a run therefore does not validate,
are validated here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from artlint.checks import CHECK_TYPES, options_schema
from artlint.ruleset import builtin_rules_dir
from conftest import ALL_RULES
from runcli import write

HEAVY = ("jsonschema", "requests", "urllib3", "artlint.links.checker", "multiprocessing", "concurrent.futures",
         "stdnum",  # stdnum: only for an article with an ISBN
         # each only for the command or option that needs it
         "pygls", "lsprotocol", "mcp", "watchfiles", "trafilatura", "quantulum3", "pypdfium2", "defusedxml",
         "artlint.server", "artlint.verify.quantities", "artlint.verify.index", "artlint.pages")


def _imported(args: list[str], cwd: Path) -> set[str]:
    """Modules loaded by `artlint ARGS` (in a fresh interpreter, listed when it exits)."""
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('@@MODULES', *sys.modules, file=sys.stderr, flush=True))\n"
              "from artlint.cli import main\n"
              f"main({args!r}, prog_name='artlint')\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return set(proc.stderr.rsplit("@@MODULES", 1)[1].split())


def _heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def test_version_imports_nothing_heavy(tmp_path):
    modules = _imported(["--version"], tmp_path)
    assert "artlint.cli" in modules and "click" in modules
    assert _heavy(modules) == set()
    assert not {f"artlint.checks.{m}" for m in CHECK_TYPES.values()} & modules  # no check is built


@pytest.mark.parametrize("args", [["rules"], ["rules", "--format", "json"], ["rule", "unsupported-statistic"],
                                  ["--help"]])
def test_listing_and_explaining_rules_build_no_check_and_no_parser(tmp_path, args):
    modules = _imported(args, tmp_path)
    assert _heavy(modules) == set()
    assert not {f"artlint.checks.{m}" for m in CHECK_TYPES.values()} & modules
    assert not {m for m in modules if m == "artlint.document" or m.startswith(("artlint.document.", "mistune"))}


def test_the_traits_table_agrees_with_every_built_check():
    from artlint.checks import check_traits
    from artlint.ruleset.loader import _packaged_checker

    for rule in ALL_RULES:
        built = _packaged_checker(rule.check, rule.options)
        traits = check_traits(rule.check, rule.options)
        assert traits["name"] == built.name, rule.id
        assert traits["fixable"] == bool(getattr(built, "fixable", False)), rule.id
        if traits["fixable"]:
            assert traits["fix_safety"] == getattr(built, "fix_safety", "safe"), rule.id
        assert traits["online"] == bool(getattr(built, "online", False)), rule.id
        assert (traits["scope"] == "document") == (getattr(built, "scope", "span") == "document"), rule.id


def test_check_one_file_imports_nothing_heavy(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText , here.\n")
    modules = _imported(["check", "one.md"], tmp_path)
    assert "artlint.engine" in modules
    assert _heavy(modules) == set()
    # each only for the option that needs it (online checks, --changed-since, --diff, rule help)
    assert {"artlint.links.runner", "artlint.verify.runner", "subprocess", "difflib", "artlint.docs"} & modules == set()


def test_the_isbn_checker_imports_stdnum_at_the_first_isbn(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nSee the book (ISBN 978-0-306-40615-7).\n")
    assert "stdnum" in _imported(["check", "one.md"], tmp_path)


def test_a_user_rule_file_is_still_validated(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText here.\n")
    write(tmp_path, "rules/bad.yaml", "id: bad\ncategory: style\n")
    write(tmp_path, ".artlint.toml", 'rules = ["rules"]\n')
    proc = subprocess.run([sys.executable, "-m", "artlint", "check", "one.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "bad.yaml" in proc.stderr


def test_a_user_config_is_still_validated(tmp_path):
    write(tmp_path, "one.md", "Text here.\n")
    write(tmp_path, ".artlint.toml", "select = 3\n")
    proc = subprocess.run([sys.executable, "-m", "artlint", "check", "one.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "select" in proc.stderr


def _packaged_rule_files() -> list[Path]:
    folder = builtin_rules_dir()
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


@pytest.mark.parametrize("path", _packaged_rule_files(), ids=lambda p: p.stem)
def test_packaged_rule_files_are_valid(path):
    """A run trusts the packaged rules (no jsonschema at start-up): they are validated here."""
    from jsonschema import Draft202012Validator

    from artlint.ruleset.loader import _rule_schema

    from artlint.ruleset.loader import _MAX_EXPANDED, _expanded_size

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(_rule_schema()).iter_errors(data)) == []
    assert _expanded_size(data, _MAX_EXPANDED) <= _MAX_EXPANDED  # (not measured when a run loads it)
    assert list(Draft202012Validator(options_schema(data["check"])).iter_errors(data.get("options", {}))) == []


def test_only_the_selected_checks_are_built(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText , here.\n")
    selected = _imported(["check", "--no-cache", "--select", "spacing", "one.md"], tmp_path)
    assert "artlint.checks.spacing" in selected and "artlint.checks.statistic" not in selected
    assert "artlint.checks.statistic" in _imported(["check", "--no-cache", "one.md"], tmp_path)


def test_a_warm_run_builds_no_check(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText , here.\n")
    assert "artlint.checks.statistic" in _imported(["check", "one.md"], tmp_path)  # cold: lints
    assert "artlint.checks.statistic" not in _imported(["check", "one.md"], tmp_path)  # warm: cached


def test_packaged_patterns_are_compiled_at_first_use():
    """A packaged rule's regexes wait for a document that needs them (a pre-commit run of one
    article compiled all of them); a check built by hand, or a user's rule, compiles at once."""
    import re

    from artlint.api import Linter
    from artlint.checks import check_class
    from artlint.checks._alternation import Alternation
    from artlint.checks._regex import LazyPattern
    from artlint.config import Config
    from artlint.ruleset import loader

    loader._PACKAGED_CHECKERS.clear()
    linter = Linter(Config(), select=["unsupported-statistic"])
    (rule,) = linter.rules
    alternation = rule.checker.statistics
    assert isinstance(alternation, Alternation)
    singles = [pattern for _, pattern in alternation._single]
    assert all(isinstance(p, LazyPattern) and "match" not in vars(p) for p in singles)
    assert [d.rule for d in linter.lint_text("China has over 60% of the market.\n", "a.md")] == ["unsupported-statistic"]
    used = [p for p in singles if "match" in vars(p)]
    assert 0 < len(used) < len(singles)
    by_hand = check_class("statistic")(rule.options)
    assert isinstance(by_hand.refers_back, re.Pattern)


def test_the_console_script_answers_version_before_importing_click():
    """`artlint --version` through the installed console script: the same line as click's
    `--version`, printed before click or any command module is imported."""
    from artlint import __version__

    script = Path(sys.executable).parent / "artlint"
    proc = subprocess.run([sys.executable, "-X", "importtime", str(script), "--version"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == f"artlint, version {__version__}\n"
    imported = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.count("|") == 2}
    assert "artlint.launch" in imported
    assert not {"click", "artlint.cli", "yaml", "artlint.config"} & imported


# What `artlint check FILE` (pre-commit's command line, through the console script) leaves
# unimported, each only for the command, option or file that needs it: click and the command
# definitions (a plain `check FILE...` runs without them: artlint.plain_check), hashlib (OpenSSL;
# the caches hash with CPython's _blake2), tempfile and what it imports (only to write a file),
# tomllib (only to read a config file), uuid, platform and threading, the baseline, --changed-since, the
# link settings, and the YAML parser once the rule cache is warm.
LAZY = ("click", "artlint.cli", "artlint.links.options", "hashlib", "_hashlib", "tempfile", "shutil", "random",
        "bz2", "lzma", "tomllib", "uuid", "platform", "threading", "artlint.baseline", "artlint.pipeline.changes",
        "artlint.links.settings", "artlint.fixer", "artlint.docs", "yaml", "subprocess", "difflib")


def _launched(args: list[str], cwd: Path) -> set[str]:
    """Modules loaded by the console script `artlint ARGS` (artlint.launch, as installed)."""
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('@@MODULES', *sys.modules, file=sys.stderr, flush=True))\n"
              f"sys.argv = ['artlint', *{args!r}]\n"
              "from artlint.launch import main\n"
              "main()\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return set(proc.stderr.rsplit("@@MODULES", 1)[1].split())


def test_the_one_file_check_path_imports_none_of_the_lazy_modules(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText , here (see [LINK: tbd]).\n\n- a\n- b\n")
    _launched(["check", "one.md"], tmp_path)  # cold: builds the rule cache (and parses the rule files)
    write(tmp_path, "one.md", "# Title\n\nText , there (see [LINK: tbd]).\n\n- a\n- b\n")  # edited: linted again
    modules = _launched(["check", "one.md"], tmp_path)
    assert "artlint.engine" in modules and "mistune" in modules  # it did lint
    assert {m for m in modules if any(m == x or m.startswith(x + ".") for x in LAZY)} == set()
    assert _heavy(modules) == set()


def test_an_option_still_goes_through_click(tmp_path):
    write(tmp_path, "one.md", "# Title\n\nText here.\n")
    modules = _launched(["check", "--quiet", "one.md"], tmp_path)
    assert "click" in modules and "artlint.cli" in modules


def test_the_spacing_check_reads_pythons_own_file_types_without_the_machines():
    """Its file types are Python's built-in table, taken without ``MimeTypes()``, which would also
    read the machine's tables (milliseconds of each run) only to leave them out."""
    import mimetypes

    from artlint.checks import spacing

    assert set(spacing._BUILT_IN_TYPES) == set(mimetypes.MimeTypes(filenames=()).types_map[True])
