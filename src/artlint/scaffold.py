"""``artlint init``: write a commented configuration with the defaults.

Into ``pyproject.toml`` (appended as a ``[tool.artlint]`` table) when the folder has one,
otherwise into ``.artlint.toml``; ``--file`` names the target. An existing artlint
configuration is never overwritten, and the text is checked to load and validate before it is
written."""

from __future__ import annotations

import tomllib
from pathlib import Path

from artlint.config import DEFAULT_INCLUDE, ConfigError, _validate
from artlint.safe_write import FileChanged, write_atomic

_TEMPLATE = """\
# artlint configuration (see "Configuration" in artlint's README; `artlint rules` lists the rules).
[{table}]
# Rules that run: rule ids, categories (placeholder, link, source, spacing, statistic,
# boilerplate, structure, style) or "ALL"; the more specific selector wins (id > category > ALL).
select = ["ALL"]
ignore = []
# Lowest severity that makes `artlint check` exit with status 1: "error", "warning" or "info".
fail-on = "warning"
# Language of the articles; `lang:` in a document's front matter wins. With "fr" a (narrow)
# no-break space before ; : ! ? is accepted.
language = "en"
# Files linted when a folder is given, and globs of files or folders to skip (.git,
# node_modules, virtualenvs, build and dist are always skipped).
include = [{include}]
exclude = []
# Extra rule folders (one YAML file per rule), relative to this file.
rules = []

# Severity of a rule or a whole category:
# [{prefix}severity]
# keyword-stuffing = "info"

# Rules or categories that do not apply to some files:
# [{prefix}per-file-ignores]
# "newsletters/*.md" = ["boilerplate"]

# Front-matter values that are published, so checked as prose (by default title, subtitle,
# description, summary, excerpt, lead, caption, alt, image_alt, also under og, twitter, seo):
# [{prefix}front-matter]
# extend-fields = ["cover.alt", "cover.caption"]

# Options of one rule (`artlint rule ID` shows them):
# [{prefix}rule-options.unresolved-template-variable]
# engines = ["hugo"]
"""


class InitError(Exception):
    """Nothing was written; the message says why."""


def config_text(pyproject: bool) -> str:
    include = ", ".join(f'"{g}"' for g in DEFAULT_INCLUDE)
    if pyproject:
        return _TEMPLATE.format(table="tool.artlint", prefix="tool.artlint.", include=include)
    text = _TEMPLATE.format(table="", prefix="", include=include)
    return text.replace("[]\n# Rules that run", "# Rules that run", 1)


def _has_artlint_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InitError(f"{path}: cannot read it: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InitError(f"{path}: not valid TOML ({exc}); fix it first") from None
    return "artlint" in data.get("tool", {})


def init_config(folder: Path, file: Path | None = None) -> Path:
    """Write the default configuration; return the file written."""
    target = file if file is not None else (
        folder / "pyproject.toml" if (folder / "pyproject.toml").is_file() else folder / ".artlint.toml")
    is_pyproject = target.name == "pyproject.toml"
    here = target.parent
    dotfile, pyproject = here / ".artlint.toml", here / "pyproject.toml"
    if dotfile.is_file() and (not is_pyproject or target != dotfile):
        raise InitError(f"{dotfile} already configures artlint; not overwriting it")
    if pyproject.is_file() and _has_artlint_table(pyproject):
        raise InitError(f"{pyproject} already has a [tool.artlint] table; not overwriting it")
    if target.exists() and not is_pyproject:
        raise InitError(f"{target} already exists; not overwriting it")

    section = config_text(is_pyproject)
    original = target.read_bytes() if target.exists() else None
    if original is None:
        data = section.encode("utf-8")
    else:
        text = original.decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        if text and not text.endswith(("\n", "\r")):
            text += newline
        if text.strip():
            text += newline
        data = (text + section.replace("\n", newline)).encode("utf-8")
    try:  # what we write must load, and pass the same validation `check` applies
        parsed = tomllib.loads(data.decode("utf-8"))
        _validate(parsed["tool"]["artlint"] if is_pyproject else parsed, str(target),
                  "tool.artlint" if is_pyproject else "")
    except (tomllib.TOMLDecodeError, ConfigError, KeyError) as exc:
        raise InitError(f"{target}: the configuration would not load ({exc}); nothing written") from None
    try:
        write_atomic(target, data, expected=original)
    except FileChanged as exc:
        raise InitError(str(exc)) from None
    except OSError as exc:
        raise InitError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return target
