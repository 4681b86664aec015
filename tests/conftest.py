from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import _hypothesis_profiles  # noqa: F401  (registers the ci and long profiles before pytest starts)
from artlint.config import Config
from artlint.engine import lint_text
from artlint.selection import effective_rules, load_ruleset

REPO = Path(__file__).resolve().parents[1]
# The shared corpus sits beside the repository (../shared/corpus); ARTLINT_CORPUS overrides.
CORPUS = Path(os.environ.get("ARTLINT_CORPUS", REPO.parent / "shared" / "corpus"))


def _all_rules():
    return load_ruleset(Config(root=REPO))


ALL_RULES = _all_rules()
RULES_BY_ID = {r.id: r for r in ALL_RULES}


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    """A copy of the shared corpus: a run writes its result cache (.artlint_cache/) beside the
    files it lints, and the shared corpus must stay as it is for everyone who reads it."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    copy = tmp_path_factory.mktemp("shared") / "corpus"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns(".artlint_cache"))
    return copy


def lint(text: str, rules=None, *, format: str = "markdown", lang: str | None = None, path: str | None = None):
    """Lint a string with the built-in rules (or the named rule ids / categories)."""
    config = Config(root=REPO)
    selected = effective_rules(ALL_RULES, config, select=list(rules) if rules else None)
    name = path or ("article.md" if format == "markdown" else "article.txt")
    return lint_text(text, selected, name, format=format, lang=lang)


def artlint_exe() -> str:
    """The installed console script (next to this Python, else on PATH)."""
    candidate = Path(sys.executable).parent / "artlint"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("artlint")
    if not found:
        pytest.skip("the artlint console script is not installed")
    return found
