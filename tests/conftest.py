from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path


def _keep_bytecode() -> None:
    """The suite starts hundreds of Python processes (the console script, pools, pre-commit).
    Under PYTHONDONTWRITEBYTECODE each would compile artlint's sources again, and each pytest
    worker would rewrite every test module again: keep the bytecode instead, in a folder of its
    own outside the working tree (PYTHONPYCACHEPREFIX), for this process and every child."""
    if not (sys.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE")):
        return
    default = Path(tempfile.gettempdir()) / f"artlint-tests-pycache-{os.getuid() if hasattr(os, 'getuid') else 0}"
    prefix = os.environ.setdefault("PYTHONPYCACHEPREFIX", str(default))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False


_keep_bytecode()  # before the imports below, so that they are cached too

import pytest  # noqa: E402

import _hypothesis_profiles  # noqa: F401,E402  (registers the ci and long profiles before pytest starts)
from artlint.config import Config  # noqa: E402
from artlint.engine import lint_text  # noqa: E402
from artlint.selection import effective_rules, load_ruleset  # noqa: E402

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
    files it lints, and the shared corpus must stay as it is for everyone who reads it. The
    copy is writable (the shared files are read-only, and --fix refuses read-only files)."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    copy = tmp_path_factory.mktemp("shared") / "corpus"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns(".artlint_cache"), copy_function=shutil.copyfile)
    for folder in [copy, *(p for p in copy.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)
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


def pytest_collection_modifyitems(config, items):
    """A test that takes the ``cli`` fixture runs both ways in: click's runner and the installed
    console script. A parametrised one runs all its cases through the runner but only its first
    case through the console script: the cases differ in data, not in how the command is
    reached, and each console-script run costs a Python start-up."""
    seen: set[str] = set()
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("cli") != "exe" or len(params) == 1:
            kept.append(item)
            continue
        function = f"{item.path}::{item.originalname}"
        (dropped if function in seen else kept).append(item)
        seen.add(function)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    # The longest files go first: "--dist loadfile" hands whole files to the workers in this order,
    # and one of minutes started last keeps one worker busy while the other has nothing left to do.
    items.sort(key=lambda item: item.path.name not in _LONGEST_FILES)


# the files whose shared fixtures or many cases take minutes (pytest --durations shows them)
_LONGEST_FILES = frozenset({"test_verify_eval.py", "test_linear_time.py", "test_realworld.py"})
