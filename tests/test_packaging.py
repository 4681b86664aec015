"""The wheel: it carries the rules and every schema, installs into a fresh virtualenv with its
dependencies from the index, and the installed ``artlint`` lints the examples. The GitHub
Action's install step (pip, from the action's checkout) runs here too, in the same virtualenv:
each install into a fresh Python costs several seconds of CPU."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from artlint import __version__
from artlint.checks import CHECK_TYPES
from conftest import ALL_RULES, REPO
from runcli import completed_in_process
from test_action import BAD as ACTION_BAD
from test_action import run_step, step_env
from test_formats import parse_github

EXAMPLES = REPO / "examples"
IMPLEMENTED = {r.category for r in ALL_RULES if r.enabled}

# (category, line) each example must show; categories without a rule yet are not required.
EXPECTED_EXAMPLES = {
    "draft-rare-earths.md": [("spacing", 10), ("statistic", 12), ("placeholder", 14), ("link", 14),
                             ("source", 18), ("source", 19)],
    "scraped-red-sea-rates.txt": [("spacing", 3), ("placeholder", 5), ("statistic", 5), ("source", 9),
                                  ("source", 10), ("boilerplate", 12), ("boilerplate", 14)],
    "clean-heat-pumps.md": [],
}


# pip need not byte-compile every module of every dependency it installs: the few runs here
# compile what they import, as any Python does.
NO_COMPILE = {"PIP_NO_COMPILE": "1"}


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "VIRTUAL_ENV")}


def _installed(exe: str | Path):
    def run(*args, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              env=_env(), timeout=120)
    return run


def check_examples(run, cwd: Path) -> None:
    """``run(*args, cwd=...)``: the installed command, or this checkout's in process."""
    for name, expected in EXPECTED_EXAMPLES.items():
        proc = run("check", "--format", "json", str(EXAMPLES / name), cwd=cwd)
        assert proc.stderr == ""
        got = {(d["category"], d["line"]) for d in json.loads(proc.stdout)}
        required = {(c, n) for c, n in expected if c in IMPLEMENTED}
        # exactly these: an example shows its planted defects and nothing else
        assert got == required, (name, sorted(required - got), sorted(got - required))
        if expected:
            assert proc.returncode == 1
        else:
            assert (proc.returncode, got) == (0, set()), (name, sorted(got))


def test_examples_show_their_findings(tmp_path):
    """This checkout, in process (the installed wheel runs the same checks as a command below)."""
    assert sorted(p.name for p in EXAMPLES.iterdir()) == sorted(EXPECTED_EXAMPLES)
    check_examples(completed_in_process, tmp_path)


# --- the wheel --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
                          capture_output=True, text=True, env=_env(), timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [whl] = out.glob("artlint-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_contents(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted(p.name for p in (REPO / "rules").glob("*.yaml"))
    assert rules and all(f"artlint/rules/{r}" in names for r in rules)
    assert "artlint/ruleset/rule.schema.json" in names
    assert "artlint/config.schema.json" in names
    assert "artlint/schemas/diagnostics.schema.json" in names  # the JSON output's published schema
    assert "artlint/reference/rules.md" in names  # the rule reference the language server links to
    schemas = {Path(n).name for n in names if n.startswith("artlint/checks/") and n.endswith(".schema.json")}
    modules = {Path(n).stem for n in names if n.startswith("artlint/checks/") and n.endswith(".py")}
    for module in set(CHECK_TYPES.values()) & modules:  # every shipped check type has its schema
        assert f"{module}.schema.json" in schemas
    assert {"pattern.schema.json", "spacing.schema.json"} <= schemas
    assert not any(n.startswith(("tests/", "examples/")) or "__pycache__" in n for n in names)
    dist_info = f"artlint-{__version__}.dist-info"
    entry_points = zipfile.ZipFile(wheel).read(f"{dist_info}/entry_points.txt").decode()
    assert "artlint = artlint.launch:main" in entry_points
    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    for requirement in ("click", "mistune", "jsonschema", "pyyaml", "pygls"):
        assert f"requires-dist: {requirement}" in metadata.lower()


def _fresh_python(env_dir: Path) -> Path:
    """A new virtualenv with pip in it; its bin folder. ``virtualenv`` (which pre-commit brings)
    seeds pip from its cache in a fraction of a second, where ``venv`` runs ensurepip (about 4 s
    of CPU); the standard library's ``venv`` when it is missing."""
    proc = subprocess.run([sys.executable, "-m", "virtualenv", "--quiet", str(env_dir)], capture_output=True,
                          text=True, env=_env(), timeout=300)
    if proc.returncode != 0:
        venv.EnvBuilder(with_pip=True).create(env_dir)
    return env_dir / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory) -> Path:
    """One fresh Python for this module's installs (its bin folder): the wheel goes in first,
    with its dependencies from the index, then the GitHub Action's install step puts the
    checkout over it (the dependencies are there by then, so they are not installed twice)."""
    return _fresh_python(tmp_path_factory.mktemp("fresh") / "venv")


def _installed_from(bindir: Path) -> str:
    """Where pip installed artlint from (PEP 610's direct_url.json): a wheel or a folder URL."""
    python = bindir / "python"
    code = ("import json, importlib.metadata as m; "
            "print(json.loads(m.distribution('artlint').read_text('direct_url.json'))['url'])")
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=_env(),
                          check=True).stdout.strip()


@pytest.mark.slow
def test_installed_wheel_lints_the_examples(wheel, fresh_python, tmp_path):
    bindir = fresh_python
    env_dir = bindir.parent
    python = bindir / "python"
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                           "--disable-pip-version-check", "--force-reinstall", str(wheel)], capture_output=True,
                          text=True, env={**_env(), **NO_COMPILE}, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert _installed_from(bindir) == wheel.resolve().as_uri()
    exe = bindir / "artlint"
    # The installed package, not this checkout, answers.
    where = subprocess.run([str(python), "-c", "import artlint.ruleset as r; print(r.builtin_rules_dir())"],
                           cwd=tmp_path, capture_output=True, text=True, env=_env(), check=True).stdout.strip()
    assert Path(where).resolve().is_relative_to(env_dir.resolve())
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=_env(), check=True)
    assert version.stdout.strip() == f"artlint, version {__version__}"
    listing = subprocess.run([str(exe), "rules", "--format", "json"], cwd=tmp_path, capture_output=True,
                             text=True, env=_env(), check=True)
    assert {r["id"] for r in json.loads(listing.stdout)} == {r.id for r in ALL_RULES}
    check_examples(_installed(exe), tmp_path)
    text = subprocess.run([str(exe), "check", "--no-color", str(EXAMPLES / "draft-rare-earths.md")],
                          cwd=tmp_path, capture_output=True, text=True, env=_env())
    assert text.returncode == 1
    assert "draft-rare-earths.md:14:" in text.stdout and "[INTERNAL_LINK:rare-earth-quotas-2010]" in text.stdout
    assert "draft-rare-earths.md:10:" in text.stdout and "strategic weight ." in text.stdout


# --- the GitHub Action's install step (here, to share the fresh Python above) ---------------------

@pytest.mark.slow
def test_install_step_installs_from_the_action_checkout(fresh_python, tmp_path):
    """The install step, for real: pip installs the action's own checkout into a fresh Python
    (after the test above, over the wheel: direct_url.json says which one answers), and the run
    step then uses it."""
    bindir = fresh_python
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    snapshot = tmp_path / "action"
    shutil.copytree(REPO, snapshot, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info",
                                                                  ".pytest_cache", "build", "dist"))
    articles = tmp_path / "work"
    (articles / "articles").mkdir(parents=True)
    (articles / "articles" / "bad.md").write_text(ACTION_BAD, encoding="utf-8")
    (articles / "notes.md").write_text(ACTION_BAD, encoding="utf-8")
    install_env = step_env("Install artlint", {}, env)
    install_env["ARTLINT_SOURCE"] = str(snapshot)
    install_env.update(NO_COMPILE)
    proc = run_step("Install artlint", install_env, articles)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (bindir / "artlint").exists()
    assert _installed_from(bindir) == snapshot.resolve().as_uri()
    proc = run_step("Run artlint", step_env("Run artlint", {}, env), articles)
    assert proc.returncode == 1 and len(parse_github(proc.stdout)) == 4
