"""The options people know from ruff, through the installed ``artlint`` and click's runner:
--output-format (and --format, ARTLINT_OUTPUT_FORMAT), --exit-zero, -q/-s, --statistics,
--show-fixes, --show-settings, --show-files, --extend-select, --exclude/--extend-exclude,
--cache-dir, --min-severity, .gitignore, the progress bar, exit 2 for a crash, did-you-mean."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from artlint.pipeline import Output
from artlint.pipeline.report import PROGRESS_MIN, progress_wanted
from runcli import cli, in_process, run_exe, run_runner, write  # noqa: F401 - cli is a fixture

SPACING = "The deal carries strategic weight .\n"  # warning, space-before-punctuation, fixable
PLACEHOLDER = "See our analysis on [INTERNAL_LINK:supply-chains] for more.\n"  # error
CLEAN = "A clean sentence with nothing to flag.\n"


@pytest.fixture
def project(tmp_path):
    write(tmp_path, "a.md", SPACING + PLACEHOLDER)
    write(tmp_path, "b.md", SPACING + SPACING)
    write(tmp_path, "drafts/c.md", PLACEHOLDER)
    return tmp_path


@in_process
def test_output_format_its_alias_and_its_environment_variable(cli, project):
    by_name = cli("check", "--output-format", "json", "a.md", cwd=project)
    by_alias = cli("check", "--format", "json", "a.md", cwd=project)
    by_env = cli("check", "a.md", cwd=project, env={"ARTLINT_OUTPUT_FORMAT": "json"})
    assert by_name.code == by_alias.code == by_env.code == 1
    assert by_name.json() == by_alias.json() == by_env.json()
    assert {d["rule"] for d in by_name.json()} == {"space-before-punctuation", "unresolved-link-placeholder"}
    # the option wins over the environment
    assert cli("check", "--output-format", "github", "a.md", cwd=project,
               env={"ARTLINT_OUTPUT_FORMAT": "json"}).out.startswith("::")


@in_process
def test_exit_zero(cli, project):
    result = cli("check", "--exit-zero", "a.md", cwd=project)
    assert result.code == 0 and "unresolved-link-placeholder" in result.out
    assert cli("check", "--exit-zero", "missing.md", cwd=project).code == 2  # errors are still errors


@in_process
def test_quiet_and_silent(cli, project):
    loud = cli("check", "a.md", cwd=project)
    quiet = cli("check", "-q", "a.md", cwd=project)
    silent = cli("check", "--silent", "a.md", cwd=project)
    assert loud.code == quiet.code == silent.code == 1
    assert "Found 2 problems" in loud.out
    assert "Found" not in quiet.out and "a.md:2:21: error [unresolved-link-placeholder]" in quiet.out
    assert silent.out == "" and silent.err == ""
    assert cli("check", "-s", "missing.md", cwd=project).err  # an error is still said


@in_process
def test_statistics(cli, project):
    text = cli("check", "--statistics", ".", cwd=project)
    assert text.code == 1
    assert text.out.splitlines() == ["3  space-before-punctuation     [*]", "2  unresolved-link-placeholder"]
    as_json = cli("check", "--statistics", "--output-format", "json", ".", cwd=project)
    assert as_json.json() == [{"rule": "space-before-punctuation", "count": 3, "fixable": True},
                              {"rule": "unresolved-link-placeholder", "count": 2, "fixable": False}]
    assert cli("check", "--statistics", "--output-format", "sarif", ".", cwd=project).code == 2


@in_process
def test_show_fixes(cli, project):
    shown = cli("check", "--show-fixes", "b.md", cwd=project)
    assert shown.out.count("    fix: ' ' -> ''") == 2
    assert "fix:" not in cli("check", "b.md", cwd=project).out


@in_process
def test_show_files_and_show_settings(cli, project):
    write(project, "drafts/.artlint.toml", 'ignore = ["placeholder"]\nfail-on = "error"\n')
    files = cli("check", "--show-files", ".", cwd=project)
    assert files.code == 0 and files.out.splitlines() == ["a.md", "b.md", "drafts/c.md"]
    settings = cli("check", "--show-settings", "drafts/c.md", cwd=project)
    assert settings.code == 0
    assert str(project / "drafts" / ".artlint.toml") in settings.out
    assert "fail-on:" in settings.out and "error" in settings.out
    assert "unresolved-link-placeholder" not in settings.out and "space-before-punctuation" in settings.out


@in_process
def test_extend_select_adds_to_select(cli, project):
    only = cli("check", "--format", "json", "--select", "placeholder", "a.md", cwd=project)
    extended = cli("check", "--format", "json", "--select", "placeholder", "--extend-select",
                   "space-before-punctuation", "a.md", cwd=project)
    assert {d["rule"] for d in only.json()} == {"unresolved-link-placeholder"}
    assert {d["rule"] for d in extended.json()} == {"unresolved-link-placeholder", "space-before-punctuation"}
    write(project, ".artlint.toml", 'select = ["spacing"]\n')
    from_config = cli("check", "--format", "json", "--extend-select", "placeholder", "a.md", cwd=project)
    assert {d["rule"] for d in from_config.json()} == {"unresolved-link-placeholder", "space-before-punctuation"}


@in_process
def test_exclude_and_extend_exclude(cli, project):
    write(project, ".artlint.toml", 'exclude = ["b.md"]\n')

    def files(*args) -> list[str]:
        return cli("check", "--show-files", *args, ".", cwd=project).out.splitlines()

    assert files() == ["a.md", "drafts/c.md"]
    assert files("--extend-exclude", "drafts") == ["a.md"]
    assert files("--exclude", "drafts") == ["a.md", "b.md"]  # replaces the config's
    assert files("--exclude", "a.md,drafts") == ["b.md"]


@in_process
def test_cache_dir(cli, project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("caches") / "artlint"
    first = cli("check", "--cache-dir", elsewhere, "a.md", cwd=project)
    assert (elsewhere / "results.sqlite3").is_file()
    assert not (project / ".artlint_cache").exists()
    again = cli("check", "a.md", cwd=project, env={"ARTLINT_CACHE_DIR": str(elsewhere)})
    assert again.out == first.out and not (project / ".artlint_cache").exists()


@in_process
def test_cache_clear_takes_the_cache_dir_of_check(cli, project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("caches") / "artlint"
    cli("check", "--cache-dir", elsewhere, "a.md", cwd=project)
    cli("check", "a.md", cwd=project)  # and one beside the config, which clearing elsewhere leaves alone
    cleared = cli("cache", "clear", "--cache-dir", elsewhere, cwd=project)
    assert cleared.code == 0, cleared.err
    assert f"Cleared the result cache in {elsewhere.resolve()} (1 result removed)." in cleared.out
    by_env = cli("cache", "clear", cwd=project, env={"ARTLINT_CACHE_DIR": str(elsewhere)})
    assert "(0 results removed)" in by_env.out
    assert "(1 result removed)" in cli("cache", "clear", cwd=project).out  # the default folder's


@in_process
def test_min_severity(cli, project):
    errors_only = cli("check", "--format", "json", "--min-severity", "error", ".", cwd=project)
    assert errors_only.code == 1
    assert {d["severity"] for d in errors_only.json()} == {"error"}
    assert cli("check", "--min-severity", "error", "b.md", cwd=project).code == 0  # only warnings there


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@in_process
def test_gitignore_is_respected_in_a_git_work_tree(cli, project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    write(project, ".gitignore", "drafts/\n*.tmp.md\n")
    write(project, "notes/.gitignore", "secret.md\n!keep.tmp.md\n")
    write(project, "notes/secret.md", SPACING)
    write(project, "notes/keep.tmp.md", SPACING)
    write(project, "scratch.tmp.md", SPACING)
    shown = cli("check", "--show-files", ".", cwd=project).out.splitlines()
    assert shown == ["a.md", "b.md", "notes/keep.tmp.md"]
    everything = cli("check", "--show-files", "--no-respect-gitignore", ".", cwd=project).out.splitlines()
    assert everything == ["a.md", "b.md", "scratch.tmp.md", "drafts/c.md", "notes/keep.tmp.md", "notes/secret.md"]
    assert cli("check", "--show-files", "drafts/c.md", cwd=project).out.splitlines() == ["drafts/c.md"]  # named
    assert cli("check", "-q", "drafts", cwd=project).code == 2  # an ignored folder: nothing to lint


def _audited(result) -> list[str]:
    return [r["path"] for r in map(json.loads, result.out.splitlines()) if r["type"] == "file"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@in_process
def test_audit_respects_gitignore_too(cli, project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    write(project, ".gitignore", "drafts/\n*.tmp.md\n")
    write(project, "scratch.tmp.md", SPACING)
    walked = cli("audit", "-j", "1", ".", cwd=project)
    assert walked.code == 1, walked.err
    assert _audited(walked) == ["a.md", "b.md"]
    everything = cli("audit", "-j", "1", "--no-respect-gitignore", ".", cwd=project)
    assert _audited(everything) == ["a.md", "b.md", "drafts/c.md", "scratch.tmp.md"]
    pattern = cli("audit", "-j", "1", "**/*.md", cwd=project)  # a pattern walks folders as a folder does
    assert _audited(pattern) == ["a.md", "b.md"]
    named = cli("audit", "-j", "1", "drafts/c.md", "scratch.tmp.md", cwd=project)  # named outright
    assert _audited(named) == ["drafts/c.md", "scratch.tmp.md"]


@in_process
def test_gitignore_means_nothing_outside_a_work_tree(cli, project):
    write(project, ".gitignore", "drafts/\n")
    assert "drafts/c.md" in cli("check", "--show-files", ".", cwd=project).out


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_for_long_runs_on_a_terminal():
    def wanted(files, out_tty, err_tty, **output):
        return progress_wanted(Output(**output), files, _Stream(out_tty), _Stream(err_tty))

    assert wanted(PROGRESS_MIN, out_tty=False, err_tty=True)
    assert not wanted(PROGRESS_MIN - 1, out_tty=False, err_tty=True)
    assert not wanted(PROGRESS_MIN, out_tty=False, err_tty=False)  # stderr goes to a file or a CI log
    assert not wanted(PROGRESS_MIN, out_tty=True, err_tty=True)  # the report is on the same terminal
    assert wanted(PROGRESS_MIN, out_tty=True, err_tty=True, path="report.json")
    assert not wanted(PROGRESS_MIN, out_tty=False, err_tty=True, quiet=True)


def test_a_crash_exits_2_not_1(project, monkeypatch):
    from artlint.pipeline import report

    def broken(self, result):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(report.Report, "add", broken)
    result = run_runner("check", "a.md", cwd=project)
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "artlint: internal error: ZeroDivisionError: division by zero (please report this bug; "
        "ARTLINT_DEBUG=1 shows the traceback)"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_options_through_the_installed_command(project, tmp_path_factory):
    """Each option above once through the console script, several to a run."""
    cache = tmp_path_factory.mktemp("caches") / "artlint"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    write(project, ".gitignore", "b.md\n")
    combined = run_exe("check", "--output-format", "json", "--select", "placeholder", "--extend-select",
                       "space-before-punctuation", "--extend-exclude", "drafts", "--cache-dir", cache,
                       "--exit-zero", "--no-respect-gitignore", ".", cwd=project)
    assert combined.code == 0, combined.err
    assert {(d["path"], d["rule"]) for d in combined.json()} == {
        ("a.md", "unresolved-link-placeholder"), ("a.md", "space-before-punctuation"),
        ("b.md", "space-before-punctuation")}
    assert (cache / "results.sqlite3").is_file() and not (project / ".artlint_cache").exists()
    cleared = run_exe("cache", "clear", "--cache-dir", cache, cwd=project)
    assert f"Cleared the result cache in {cache.resolve()} (2 results removed)." in cleared.out, cleared.err
    statistics = run_exe("check", "--statistics", "--min-severity", "error", "--exclude", "a.md", ".",
                         cwd=project, env={"ARTLINT_OUTPUT_FORMAT": "json"})
    assert statistics.code == 1
    assert statistics.json() == [{"rule": "unresolved-link-placeholder", "count": 1, "fixable": False}]
    quiet = run_exe("check", "-q", "--show-fixes", "--no-respect-gitignore", "b.md", cwd=project)
    assert quiet.code == 1 and "Found" not in quiet.out and quiet.out.count("    fix: ' ' -> ''") == 2
    silent = run_exe("check", "-s", "a.md", cwd=project)
    assert (silent.code, silent.out, silent.err) == (1, "", "")
    assert run_exe("check", "--show-files", ".", cwd=project).out.splitlines() == ["a.md", "drafts/c.md"]
    audited = run_exe("audit", "-j", "1", ".", cwd=project)
    assert _audited(audited) == ["a.md", "drafts/c.md"]
    settings = run_exe("check", "--show-settings", "drafts/c.md", cwd=project)
    assert settings.code == 0 and "rules that run" in settings.out
    mistyped = run_exe("chek", "a.md", cwd=project)
    assert mistyped.code == 2 and "did you mean 'check'" in mistyped.err


def test_exit_codes_through_the_installed_command(project):
    write(project, "clean.md", CLEAN)
    assert run_exe("check", "clean.md", cwd=project).code == 0
    assert run_exe("check", "a.md", cwd=project).code == 1
    assert run_exe("check", "--fail-on", "error", "b.md", cwd=project).code == 0
    assert run_exe("check", "--select", "nope", "a.md", cwd=project).code == 2
    write(project, ".artlint.toml", "select = 3\n")
    assert run_exe("check", "a.md", cwd=project).code == 2


@in_process
def test_did_you_mean(cli, project):
    rule = cli("check", "--select", "space-before-punctuaton", "a.md", cwd=project)
    assert rule.code == 2 and "did you mean 'space-before-punctuation'" in rule.err  # closest first
    category = cli("check", "--ignore", "placeholders", "a.md", cwd=project)
    assert "did you mean 'placeholder'" in category.err
    option = cli("check", "--selct", "spacing", "a.md", cwd=project)
    assert option.code == 2 and "Did you mean" in option.err and "'--select'" in option.err  # click's
    command = cli("chek", "a.md", cwd=project)
    assert command.code == 2 and "did you mean 'check'" in command.err
    explained = cli("rule", "unresolved-link-placeholdr", cwd=project)
    assert explained.code == 2 and "unresolved-link-placeholder" in explained.err


def _crash_on(marker: str):
    """A check that breaks on files holding ``marker`` (a bug, as a real one would)."""
    from artlint import engine

    real = engine.lint_document

    def lint_document(doc, rules, source=None):
        if marker in doc.text:
            raise KeyError("a check's bug")
        return real(doc, rules, source)

    return lint_document


def test_a_crashing_check_exits_2_in_check_and_audit(project, monkeypatch):
    import artlint.api
    import artlint.engine

    write(project, "boom.md", "Boom here.\n" + SPACING)
    monkeypatch.setattr(artlint.engine, "lint_document", _crash_on("Boom"))
    monkeypatch.setattr(artlint.api, "lint_document", _crash_on("Boom"))
    checked = run_runner("check", "-j", "1", "--no-cache", "--format", "json", "a.md", "boom.md", cwd=project)
    assert checked.code == 2
    assert {d["path"] for d in checked.json()} == {"a.md"}  # the other file is still linted
    assert "artlint: boom.md: internal error, file skipped: KeyError" in checked.err
    audited = run_runner("audit", "-j", "1", "--no-cache", "a.md", "boom.md", cwd=project)
    assert audited.code == 2
    assert "boom.md: internal error: KeyError" in audited.err
    assert run_runner("audit", "-j", "1", "--no-cache", "a.md", cwd=project).code == 1  # findings only
