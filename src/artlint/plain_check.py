"""``artlint check FILE...`` with nothing else on the command line (what pre-commit runs on each
commit), run without importing click, which is a fifth of such a run.

``launch`` sends a command line here only when click could make nothing else of it: ``check``
and one or more paths, none of them an option or ``-``, each a URL, a path that does not exist
or a readable one (click refuses an unreadable path), no environment variable that click reads
for ``check`` (``ARTLINT_OUTPUT_FORMAT``, ``ARTLINT_CACHE_DIR``, shell completion), and not on
Windows (where click expands globs). The run is then the one click would start: the arguments
click gives ``check`` for such a command line (``PLAIN``; tests/test_startup.py parses one with
click and compares), turned into the pipeline's options by the same function, under the same
handling of errors and broken streams (``artlint.streams``). Anything else goes to click."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_ENVIRONMENT = ("ARTLINT_OUTPUT_FORMAT", "ARTLINT_CACHE_DIR")


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def path_or_url(value: str) -> Path | str:
    """A path, or an http(s) URL kept as the string it is (a Path would fold its "//")."""
    return value if _is_url(value) else Path(value)


def wanted(args: list[str]) -> bool:
    """Is this command line (``sys.argv[1:]``) one that ``run`` answers as click would?"""
    if os.name == "nt" or len(args) < 2 or args[0] != "check":
        return False
    if any(name in os.environ for name in _ENVIRONMENT):
        return False
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):  # click's completion
        return False
    for arg in args[1:]:
        if not arg or arg.startswith("-"):
            return False
        if _is_url(arg):
            continue
        try:
            os.stat(arg)
        except OSError:
            continue  # click passes on a path that does not exist; the run reports it
        except ValueError:
            return False
        if not os.access(arg, os.R_OK):
            return False  # click's own error message, from click
    return True


def plain() -> dict:
    """What click passes the ``check`` command for each option of a command line without any."""
    from artlint.links.args import LinkArgs

    return {
        "output_format": "text", "output_path": None, "select": (), "extend_select": (), "ignore": (),
        "fail_on": None, "min_severity": None, "config_path": None, "exclude": (), "extend_exclude": (),
        "respect_gitignore": True, "follow_links": False, "cache_dir": None, "max_file_size": None,
        "no_color": False, "fix": False, "unsafe_fixes": False, "diff": False, "show_fixes": False,
        "baseline_path": None, "write_baseline_path": None, "changed_since": None, "stdin_filename": None,
        "jobs": None, "exit_zero": False, "quiet": False, "silent": False, "statistics": False,
        "markdown_summary": None, "show_files": False, "show_settings": False, "watch": False,
        "links": LinkArgs(),
    }


def split_values(values: tuple[str, ...]) -> list[str]:
    """Comma-separated values, as the options that take lists give them."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def options_and_output(given: dict, max_file_size: int | None):
    """The pipeline's ``Options`` and ``Output`` for ``check``'s arguments (``max_file_size``
    already parsed): the same function for click's command line and for ``run``'s."""
    from artlint import pipeline

    options = pipeline.Options(
        config_path=given["config_path"], select=split_values(given["select"]) if given["select"] else None,
        extend_select=split_values(given["extend_select"]), ignore=split_values(given["ignore"]),
        fail_on=given["fail_on"],
        min_severity=given["min_severity"], exclude=split_values(given["exclude"]) if given["exclude"] else None,
        extend_exclude=split_values(given["extend_exclude"]), respect_gitignore=given["respect_gitignore"],
        cache_dir=given["cache_dir"], jobs=given["jobs"], links=given["links"], fix=given["fix"],
        unsafe_fixes=given["unsafe_fixes"], diff=given["diff"], baseline_path=given["baseline_path"],
        write_baseline_path=given["write_baseline_path"], stdin_filename=given["stdin_filename"],
        changed_since=given["changed_since"], follow_links=given["follow_links"], max_file_size=max_file_size)
    output = pipeline.Output(
        format=given["output_format"], path=given["output_path"], no_color=given["no_color"], quiet=given["quiet"],
        silent=given["silent"], statistics=given["statistics"], show_fixes=given["show_fixes"],
        exit_zero=given["exit_zero"], markdown_summary=given["markdown_summary"])
    return options, output


def run(args: list[str]) -> None:
    """``artlint check PATH...`` for a command line that ``wanted`` accepts; exits."""
    from artlint.streams import exit_checked, run_guarded

    def check() -> None:
        from artlint import pipeline

        options, output = options_and_output(plain(), None)
        sys.exit(pipeline.check([path_or_url(arg) for arg in args[1:]], options, output))

    def command() -> None:
        try:
            run_guarded(check)
        except (EOFError, KeyboardInterrupt):  # as click ends a command line
            sys.stderr.write("\n")
            sys.stderr.write("Aborted!\n")
            sys.stderr.flush()
            sys.exit(1)

    exit_checked(command)
