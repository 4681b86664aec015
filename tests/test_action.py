"""The GitHub Action (action.yml): its steps are run here as GitHub runs them, with bash, the
inputs in the environment, and ``python`` on PATH, then its annotations are parsed back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from test_formats import parse_github

ACTION = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
BAD = "# Chip subsidies\n\nSee [INTERNAL_LINK:chip-subsidies] for more.\n\nIt carries weight .\n"


def run_step(name: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    step = STEPS[name]
    assert step["shell"] == "bash"
    # GitHub runs `bash --noprofile --norc -eo pipefail {0}` with the step's env set.
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def step_env(name: str, inputs: dict, base: dict, github: dict | None = None) -> dict:
    """The step's env as GitHub sets it: ``inputs`` (else their defaults) and the ``github``
    context's values (an expression GitHub cannot resolve, such as the pull request of a push,
    is empty)."""
    context = {"github.action_path": str(REPO), "github.event.pull_request.base.sha": "", **(github or {})}
    context.update({f"inputs.{name}": inputs.get(name, spec.get("default", ""))
                    for name, spec in ACTION["inputs"].items()})
    env = dict(base)
    for key, value in STEPS[name].get("env", {}).items():
        for expression, replacement in context.items():
            value = value.replace("${{ " + expression + " }}", replacement)
        assert "${{" not in value, value
        env[key] = value
    return env


_step_env = step_env


def test_manifest():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) >= {"path", "args"}
    assert STEPS["Install artlint"]["env"]["ARTLINT_SOURCE"] == "${{ github.action_path }}"
    assert "--format github" in STEPS["Run artlint"]["run"]
    for step in ACTION["runs"]["steps"]:  # inputs reach scripts through env, never pasted into code
        assert "${{" not in step.get("run", "")


@pytest.fixture
def articles(tmp_path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_run_step_annotates_and_fails(articles):
    base = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = run_step("Run artlint", _step_env("Run artlint", {"path": "articles"}, base), articles)
    assert proc.returncode == 1, proc.stderr
    found = parse_github(proc.stdout)
    assert {(f["file"], f["cmd"], f["title"]) for f in found} == {
        ("articles/bad.md", "error", "artlint/unresolved-link-placeholder"),
        ("articles/bad.md", "warning", "artlint/space-before-punctuation")}

    proc = run_step("Run artlint", _step_env("Run artlint", {"path": "articles notes.md",
                                                             "args": "--select spacing --fail-on error"},
                                             base), articles)
    assert proc.returncode == 0, proc.stderr
    assert {f["file"] for f in parse_github(proc.stdout)} == {"articles/bad.md", "notes.md"}


# The install step (pip installs the action's checkout into a fresh Python) is tested in
# tests/test_packaging.py, where it shares that module's fresh virtualenv with the wheel's install.
