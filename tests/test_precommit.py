"""The pre-commit hook, with the real ``pre-commit``: it installs this repository into a hook
environment (pip, from a snapshot of the working tree) and runs ``artlint check`` on the
staged articles of a throwaway git repository.

pre-commit clones the hook repository at a commit, so uncommitted files would be missing if it
were pointed at a working checkout. The tests therefore commit a snapshot of the working tree
(tracked and untracked, minus ignored files) to a temporary repository and pin that commit, as
users pin a clone: the same in a fresh CI clone and in a checkout with work in progress. Every
test pins the same commit, so pre-commit installs the hook environment once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

pytestmark = pytest.mark.slow

BAD = ("# Chip subsidies\n\nSee our explainer [INTERNAL_LINK:chip-subsidies-2024] for the background.\n\n"
       "The programme carries real strategic weight .\n")
CLEAN = "# Heat pumps\n\nA heat pump moves heat rather than making it.\n"
SKIP_DIRS = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", "build", "dist", ".artlint_cache"}


def _git_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(GIT_AUTHOR_NAME="artlint tests", GIT_AUTHOR_EMAIL="tests@artlint.invalid",
               GIT_COMMITTER_NAME="artlint tests", GIT_COMMITTER_EMAIL="tests@artlint.invalid",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, PRE_COMMIT_HOME=str(home / "pre-commit"),
               PRE_COMMIT_COLOR="never", NO_COLOR="1", PIP_NO_COMPILE="1")
    # PIP_NO_COMPILE: pip installs the hook environment without byte-compiling every module of
    # every dependency (the hook's runs compile what they import). The hook environment must
    # come from pip, not from whatever venv runs the tests.
    env.pop("VIRTUAL_ENV", None)
    return env


def git(*args, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def _working_tree_files() -> list[Path]:
    if (REPO / ".git").exists() and shutil.which("git"):
        out = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=REPO,
                             check=True, capture_output=True).stdout.decode()
        return [Path(p) for p in out.split("\0") if p and (REPO / p).is_file()]
    files = []
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
        files += [Path(folder, n).relative_to(REPO) for n in names]
    return files


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    return _git_env(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This repository's working tree, committed to a temporary repository: (path, sha)."""
    snap = tmp_path_factory.mktemp("artlint-snapshot")
    for rel in _working_tree_files():
        (snap / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, snap / rel)
    assert (snap / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=snap, env=env)
    git("add", "-A", cwd=snap, env=env)
    git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=snap, env=env)
    return snap, git("rev-parse", "HEAD", cwd=snap, env=env)


def articles_repo(root: Path, env: dict, files: dict[str, str]) -> Path:
    root.mkdir()
    git("init", "-q", cwd=root, env=env)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def pre_commit(*args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_manifest():
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "artlint"
    assert hook["language"] == "python"
    assert hook["entry"] == "artlint check"
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.md", "docs/b.markdown", "posts/c.mdx", "c.txt"))
    assert not any(pattern.search(n) for n in ("a.py", "a.md.bak", "notes.rst", "mdfile"))


def pin(articles: Path, hook_repo: tuple[Path, str], **hook) -> None:
    """A .pre-commit-config.yaml pinned to the snapshot's commit, as users write it."""
    snap, sha = hook_repo
    (articles / ".pre-commit-config.yaml").write_text(yaml.safe_dump(
        {"repos": [{"repo": str(snap), "rev": sha, "hooks": [{"id": "artlint", **hook}]}]}), encoding="utf-8")


def test_all_files_fails_on_a_bad_article(tmp_path, env, hook_repo):
    articles = articles_repo(tmp_path / "articles", env, {
        "bad.md": BAD, "clean.md": CLEAN, "script.py": "x = 1 , 2  # not an article\n"})
    pin(articles, hook_repo)
    git("add", "-A", cwd=articles, env=env)
    proc = pre_commit("run", "--all-files", "--verbose", cwd=articles, env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "artlint" in out and "Failed" in out
    assert "bad.md:3:19: " in out and "[INTERNAL_LINK:chip-subsidies-2024]" in out, out
    assert "bad.md:5:44: warning [space-before-punctuation]" in out, out
    assert "clean.md:" not in out and "script.py" not in out


def test_hook_passes_on_clean_staged_articles_and_fails_on_bad_ones(tmp_path, env, hook_repo):
    """A pinned config, as users write it; the hook environment is installed once and reused."""
    articles = articles_repo(tmp_path / "articles", env, {"clean.md": CLEAN, "notes.txt": CLEAN})
    pin(articles, hook_repo)
    git("add", "-A", cwd=articles, env=env)

    proc = pre_commit("run", cwd=articles, env=env)  # the staged files
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "artlint" in proc.stdout and "Passed" in proc.stdout

    (articles / "drafts").mkdir()
    (articles / "drafts/bad.markdown").write_text(BAD, encoding="utf-8")
    git("add", "drafts/bad.markdown", cwd=articles, env=env)
    proc = pre_commit("run", cwd=articles, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "drafts/bad.markdown:5:44: warning [space-before-punctuation]" in proc.stdout

    # The project's own excludes apply to the file names pre-commit passes.
    (articles / ".artlint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    git("add", ".artlint.toml", cwd=articles, env=env)
    proc = pre_commit("run", "--files", "drafts/bad.markdown", cwd=articles, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hook_with_fix_rewrites_the_articles_and_fails_once(tmp_path, env, hook_repo):
    """`args: [--fix]`: the hook fixes stray spacing in the staged articles; pre-commit sees the
    change ("files were modified by this hook") and fails; once the fix is staged, it passes."""
    draft = "# Heat pumps\n\nA heat pump moves heat , rather than making it ( mostly ) .\n"
    articles = articles_repo(tmp_path / "articles", env, {"draft.md": draft, "clean.md": CLEAN})
    pin(articles, hook_repo, args=["--fix"])
    git("add", "-A", cwd=articles, env=env)

    proc = pre_commit("run", cwd=articles, env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "files were modified by this hook" in out, out
    assert "Fixed 4 problems in 1 file." in out, out
    assert (articles / "draft.md").read_text("utf-8") == (
        "# Heat pumps\n\nA heat pump moves heat, rather than making it (mostly).\n")
    assert (articles / "clean.md").read_text("utf-8") == CLEAN

    git("add", "-A", cwd=articles, env=env)
    proc = pre_commit("run", cwd=articles, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


# ---- the README's two pre-commit set-ups, run as written ------------------------------------

def _readme_block(after: str, lang: str) -> str:
    """The first ```lang block of the README after the paragraph that starts with ``after``."""
    readme = (REPO / "README.md").read_text("utf-8")
    rest = readme[readme.index(after):]
    start = rest.index(f"```{lang}\n") + len(lang) + 4
    return rest[start:rest.index("```\n", start)]


def _with_artlint_on_path(env: dict) -> dict:
    """pre-commit and the installed artlint on PATH, as after `pip install` in an activated venv."""
    return {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"}


def test_readme_local_repo_config_works_as_written(tmp_path, env):
    config = _readme_block("**From your own installation**", "yaml")
    assert "repo: local" in config and "<" not in config
    articles = articles_repo(tmp_path / "articles", env, {"bad.md": BAD, "clean.md": CLEAN})
    (articles / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git("add", "-A", cwd=articles, env=env)
    proc = pre_commit("run", "--all-files", cwd=articles, env=_with_artlint_on_path(env))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "bad.md:5:44: warning [space-before-punctuation]" in out, out
    assert "clean.md:" not in out


def test_readme_pinned_clone_snippet_works_as_written(tmp_path, env, hook_repo):
    """The README's shell snippet, run by bash with ARTLINT_REPO set to a clone: it writes the
    config pinned to the clone's commit and installs the git hook; then a real `git commit` of a
    bad article is refused, and of a clean one goes through."""
    snap, sha = hook_repo
    snippet = _readme_block("**From a clone of this repository", "bash")
    assert "<" not in snippet.replace("<<EOF", "")
    articles = articles_repo(tmp_path / "articles", env, {"clean.md": CLEAN})
    shell_env = {**_with_artlint_on_path(env), "ARTLINT_REPO": str(snap)}
    proc = subprocess.run(["bash", "-e", "-c", snippet], cwd=articles, env=shell_env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    written = yaml.safe_load((articles / ".pre-commit-config.yaml").read_text("utf-8"))
    assert written == {"repos": [{"repo": str(snap), "rev": sha, "hooks": [{"id": "artlint"}]}]}
    assert (articles / ".git" / "hooks" / "pre-commit").is_file()

    git("add", "-A", cwd=articles, env=env)
    ok = subprocess.run(["git", "commit", "-m", "clean"], cwd=articles, env=shell_env, capture_output=True,
                        text=True, timeout=900)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (articles / "bad.md").write_text(BAD, encoding="utf-8")
    git("add", "bad.md", cwd=articles, env=env)
    refused = subprocess.run(["git", "commit", "-m", "bad"], cwd=articles, env=shell_env, capture_output=True,
                             text=True, timeout=900)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "bad.md:5:44: warning [space-before-punctuation]" in out, out
