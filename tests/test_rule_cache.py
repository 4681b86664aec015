"""The rule cache (``.artlint_cache/rules.json``): what building the packaged rules computes is
kept between runs, and a rule set built from it finds exactly what a freshly built one finds."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from artlint import rule_cache
from artlint.checks import _attribution, _sources
from artlint.checks._alternation import Alternation
from artlint.checks._regex import LazyPattern
from artlint.config import Config
from artlint.engine import lint_text
from artlint.ruleset import builtin_rules_dir, loader
from artlint.selection import effective_rules, load_ruleset
from conftest import CORPUS, REPO
from runcli import run_runner, write

GENERATOR = REPO.parent / "shared" / "tools" / "gen_corpus.py"


def _as_if_new_process() -> None:
    """Forget what this process built, as a new run would start."""
    loader._PACKAGED_CHECKERS.clear()
    loader._PACKAGED_DATA.clear()
    _attribution.shared_options.cache_clear()
    _sources.shared_options.cache_clear()


def _rule_files() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yaml"))


@pytest.fixture
def no_rule_cache():
    rule_cache.deactivate()
    _as_if_new_process()
    yield
    rule_cache.deactivate()
    _as_if_new_process()


def _documents(tmp_path: Path) -> list[tuple[str, str]]:
    """The shared corpus, the real-world development articles and generated ones."""
    paths = [p for p in sorted(CORPUS.glob("*")) if p.suffix in (".md", ".txt")]
    paths += sorted((REPO / "tests" / "realworld" / "dev").glob("*.md"))[::3]  # a third: the test stays cheap
    if GENERATOR.exists():
        subprocess.run([sys.executable, str(GENERATOR), str(tmp_path / "gen"), "--n", "40", "--seed", "7"],
                       check=True, stdout=subprocess.DEVNULL)
        paths += sorted((tmp_path / "gen").rglob("*.md"))
    assert len(paths) > 60
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def _build_all(rules) -> None:
    """Build every rule's check and compile every regex it holds (what a run does lazily)."""
    seen: set[int] = set()

    def touch(value, depth: int) -> None:
        if id(value) in seen or depth > 6:
            return
        seen.add(id(value))
        if isinstance(value, LazyPattern):
            value.match  # noqa: B018 - compiles it
        elif isinstance(value, Alternation):
            touch(value._token_starts, depth + 1)
            touch(value._free_starts, depth + 1)
            touch(value._single, depth + 1)
        elif isinstance(value, (list, tuple)):
            for item in value:
                touch(item, depth + 1)
        elif isinstance(value, dict):
            for item in value.values():
                touch(item, depth + 1)
        elif hasattr(value, "__dict__") and type(value).__module__.startswith("artlint.checks"):
            for item in vars(value).values():
                touch(item, depth + 1)

    for rule in rules:
        rule.checker.run  # noqa: B018 - builds it
        touch(rule.checker._bound, 0)


def _rules():
    config = Config(root=REPO)
    return effective_rules(load_ruleset(config), config)


def _lint_all(documents: list[tuple[str, str]]) -> list:
    _as_if_new_process()
    rules = _rules()
    return [lint_text(text, rules, name) for name, text in documents]


def test_rules_built_from_the_cache_find_what_fresh_rules_find(tmp_path, no_rule_cache):
    """Differential: lazily built and compiled with nothing kept, against every check built
    and every regex compiled eagerly into the cache, then read back from it."""
    documents = _documents(tmp_path)
    fresh = _lint_all(documents)  # nothing kept: every regex compiled by re.compile, when first met
    assert sum(map(len, fresh)) > 60

    rule_cache.activate(tmp_path / "cache", _rule_files())
    _as_if_new_process()
    _build_all(_rules())  # every analysis and regex, computed and kept
    rule_cache.flush()
    stored = json.loads((tmp_path / "cache" / rule_cache.FILE_NAME).read_bytes().partition(b"\n")[2])
    kinds = {key.split(":")[0] for key in stored["entries"]}
    assert {"rule-file", "alternation", "sre", "shared-options"} <= kinds

    rule_cache.deactivate()
    served = rule_cache.activate(tmp_path / "cache", _rule_files())
    assert served.entries == stored["entries"]
    from_cache = _lint_all(documents)  # every analysis and regex read back from the file
    assert served.hits >= len(stored["entries"]) // 2
    assert from_cache == fresh


def test_every_kept_regex_is_the_one_re_compiles(tmp_path, no_rule_cache):
    """``re.Pattern`` equality compares the compiled code itself, so this checks the bytes the
    regex engine runs, not just the source."""
    rule_cache.activate(tmp_path, _rule_files())
    patterns = [(r"(?<![\w-])(?:TODO|FIXME)\b:?", 0), (r"(?P<year>\d{4})-(?P<n>\d+)|x(?:y)", re.IGNORECASE),
                (r"[ǅ\u00e9]\s+(?i:caf\u00e9)", re.MULTILINE)]
    for pattern, flags in patterns:
        assert rule_cache.compile_regex(pattern, flags) == re.compile(pattern, flags)
    rule_cache.flush()
    rule_cache.deactivate()
    rule_cache.activate(tmp_path, _rule_files())
    for pattern, flags in patterns:
        kept = rule_cache.compile_regex(pattern, flags)
        assert kept == re.compile(pattern, flags)
        assert kept.groupindex == re.compile(pattern, flags).groupindex
    assert not rule_cache.active().dirty


def _packaged_rules_in(folder: Path, monkeypatch) -> Path:
    """A copy of the packaged rules that the run takes for the packaged ones."""
    shutil.copytree(builtin_rules_dir(), folder)
    for module in ("artlint.ruleset.loader", "artlint.ruleset", "artlint.selection"):
        monkeypatch.setattr(f"{module}.builtin_rules_dir", lambda: folder)
    return folder


def _key(project: Path) -> str:
    return json.loads((project / ".artlint_cache" / rule_cache.FILE_NAME).read_bytes().partition(b"\n")[2])["key"]


def test_an_edited_rule_is_built_again_on_the_next_run(tmp_path, monkeypatch, no_rule_cache):
    rules = _packaged_rules_in(tmp_path / "rules", monkeypatch)
    project = tmp_path / "project"
    write(project, "a.md", "# Title\n\nXXX: check this figure. TODO: and this one.\n")
    first = run_runner("check", "--select", "todo-note", "--format", "json", "a.md", cwd=project)
    assert [d["match"] for d in first.json()] == ["TODO:"]
    key = _key(project)

    todo = rules / "todo-note.yaml"
    todo.write_text(todo.read_text(encoding="utf-8").replace("(?:TODO|FIXME)", "(?:TODO|FIXME|XXX)"),
                    encoding="utf-8")
    _as_if_new_process()
    second = run_runner("check", "--select", "todo-note", "--format", "json", "a.md", cwd=project)
    assert [d["match"] for d in second.json()] == ["XXX:", "TODO:"]
    assert _key(project) != key  # the whole file was built again for the new rules


ARTICLE = "# Title\n\nText , here. TODO: finish.\n\nRevenue grew 45% last year.\n"


def _project(folder: Path) -> str:
    write(folder, "a.md", ARTICLE)
    plain = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=folder)
    assert plain.code == 1 and len(plain.json()) >= 3 and plain.err == ""
    return plain.out


def _check_as_a_new_run(folder: Path):
    """A run as a new process makes it: nothing built in memory, the file not in the result cache."""
    _as_if_new_process()
    rule_cache.deactivate()
    for path in (folder / ".artlint_cache").glob("results.sqlite3*"):
        path.unlink()
    return run_runner("check", "--format", "json", "a.md", cwd=folder)


@pytest.mark.parametrize("damage", ["flipped", "folder"])
def test_a_damaged_rule_cache_costs_one_warning_and_is_built_again(tmp_path, no_rule_cache, damage):
    expected = _project(tmp_path)
    assert _check_as_a_new_run(tmp_path).out == expected
    path = tmp_path / ".artlint_cache" / rule_cache.FILE_NAME
    data = path.read_bytes()
    if damage == "folder":
        path.unlink()
        path.mkdir()
    else:
        path.write_bytes(data[:-40] + bytes([data[-40] ^ 0x20]) + data[-39:])

    damaged_run = _check_as_a_new_run(tmp_path)
    assert (damaged_run.code, damaged_run.out) == (1, expected)
    [warning] = damaged_run.err.splitlines()
    assert warning.startswith(f"artlint: warning: the rule cache {path} was damaged")
    if damage == "flipped":  # written whole again: the next run reads it without a word
        again = _check_as_a_new_run(tmp_path)
        assert (again.out, again.err) == (expected, "") and not rule_cache.active().dirty


def test_no_cache_neither_reads_nor_writes_the_rule_cache(tmp_path, no_rule_cache):
    expected = _project(tmp_path)
    assert not (tmp_path / ".artlint_cache").exists()
    path = tmp_path / ".artlint_cache" / rule_cache.FILE_NAME
    write(tmp_path, f".artlint_cache/{rule_cache.FILE_NAME}", "damaged")
    r = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert (r.out, r.err) == (expected, "") and path.read_text() == "damaged"
    assert rule_cache.active() is None


def test_a_warm_run_neither_parses_rule_files_nor_analyses_patterns(tmp_path):
    """Through the console script, twice: the second run builds its rules from the cache, so it
    does not even import the YAML parser (nor the regex parser's analysis)."""
    write(tmp_path, "a.md", "# Title\n\nRevenue grew 45% last year , says TODO: a source.\n")
    script = ("import atexit, sys\n"
              "atexit.register(lambda: print('@@MODULES', *sys.modules, file=sys.stderr, flush=True))\n"
              "from artlint.checks import _alternation\n"
              "_alternation._prefixes = None  # an analysis would fail loudly\n"
              "from artlint.cli import main\n"
              "main(['check', '--format', 'json', 'a.md'], prog_name='artlint')\n")
    cold = subprocess.run([sys.executable, "-c", script.replace("_alternation._prefixes = None", "pass")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert cold.returncode == 1 and "yaml" in cold.stderr.rsplit("@@MODULES", 1)[1].split()
    write(tmp_path, "a.md", "# Title\n\nRevenue grew 46% last year , says TODO: a source.\n")  # a new text
    warm = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert warm.returncode == 1, warm.stderr[-2000:]
    assert [d["rule"] for d in json.loads(warm.stdout)] == [d["rule"] for d in json.loads(cold.stdout)]
    assert "yaml" not in warm.stderr.rsplit("@@MODULES", 1)[1].split()


def test_cache_clear_removes_the_rule_cache(tmp_path, no_rule_cache):
    _project(tmp_path)
    _check_as_a_new_run(tmp_path)
    path = tmp_path / ".artlint_cache" / rule_cache.FILE_NAME
    assert path.is_file()
    cleared = run_runner("cache", "clear", cwd=tmp_path)
    assert cleared.code == 0 and "Cleared the rule cache in" in cleared.out and not path.exists()
    assert "rule cache" not in run_runner("cache", "clear", cwd=tmp_path).out  # none left to clear


_COMPILES = """import atexit, re, sys
from re import _compiler
compiled = []
real = _compiler.compile
def counted(p, flags=0):
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("re"):
        frame = frame.f_back
    compiled.append(frame.f_globals.get("__name__", "?") if frame is not None else "?")
    return real(p, flags)
_compiler.compile = counted
atexit.register(lambda: print("@@COMPILED", *compiled, file=sys.stderr, flush=True))
sys.argv = ["artlint", "check", "a.md"]
from artlint.launch import main
main()
"""


def _compiled_by(project: Path) -> list[str]:
    """The modules whose regexes `artlint check a.md` compiled with re (not from the rule cache)."""
    proc = subprocess.run([sys.executable, "-c", _COMPILES], cwd=project, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.stderr.rsplit("@@COMPILED", 1)[1].split()


def _ours(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(("artlint.document", "artlint.checks", "mistune"))]


def test_a_warm_run_compiles_none_of_the_parsers_and_checks_module_regexes(tmp_path):
    write(tmp_path, "a.md", "# Title\n\nText , here (see [LINK: tbd]); 45% agree.\n\n- a\n- b\n\n1. c\n")
    cold = _ours(_compiled_by(tmp_path))
    assert len(cold) > 50  # the parser's, mistune's and the checks' own regexes
    write(tmp_path, "a.md", "# Title\n\nText , there (see [LINK: tbd]); 45% agree.\n\n- a\n- b\n\n1. c\n")
    assert _ours(_compiled_by(tmp_path)) == []  # from the rule cache, into re's cache


def test_every_kept_module_regex_is_the_one_re_compiles(tmp_path):
    """Each pattern put into re's cache is equal (same code, flags and groups) to what re's
    compiler builds for it on this Python."""
    import _sre
    from re import _compiler

    write(tmp_path, "a.md", "# Title\n\nText , here (see [LINK: tbd]); 45% agree.\n\n- a\n- b\n")
    _compiled_by(tmp_path)
    stored = json.loads((tmp_path / ".artlint_cache" / rule_cache.FILE_NAME).read_bytes().partition(b"\n")[2]
                        .decode("utf-8", "surrogatepass"))["entries"]
    kept = [value for key, value in stored.items() if key.startswith("re:")]
    assert len(kept) > 50
    assert {value[0] for value in kept} == {"s", "b"}  # str patterns, and bytes ones (document.reader's)
    for kind, text, flags, final_flags, code, groups, groupindex, indexgroup in kept:
        pattern = text.encode("latin-1") if kind == "b" else text
        rebuilt = _sre.compile(pattern, final_flags, rule_cache._code_list(code), groups, groupindex,
                               tuple(indexgroup))
        fresh = _compiler.compile(pattern, flags)
        assert rebuilt == fresh and rebuilt.groupindex == fresh.groupindex and rebuilt.groups == fresh.groups


def test_a_users_regex_is_never_kept(tmp_path):
    rule = ("id: house-word\ncategory: style\nseverity: warning\ncheck: pattern\nmessage: Avoid it\n"
            "description: A house rule.\noptions:\n  patterns: ['zorblax\\d+']\n"
            "examples:\n  bad: ['zorblax42']\n  good: ['fine']\n")
    write(tmp_path, "house/rule.yaml", rule)
    write(tmp_path, ".artlint.toml", 'rules = ["house"]\n')
    write(tmp_path, "a.md", "# Title\n\nThe zorblax42 figure , here.\n")
    assert "house-word" in [d["rule"] for d in run_runner("check", "--format", "json", "a.md", cwd=tmp_path).json()]
    _compiled_by(tmp_path)
    text = (tmp_path / ".artlint_cache" / rule_cache.FILE_NAME).read_bytes().decode("utf-8", "surrogatepass")
    assert '"re:' in text and "zorblax" not in text


def test_a_rule_cache_from_before_the_crc_checksum_is_built_again_without_a_word(tmp_path, no_rule_cache):
    """Format 2 (a BLAKE2b first line), as an earlier artlint wrote it: another version's file,
    built afresh silently, never read as entries (nor called damaged)."""
    from artlint.hashing import blake2b

    expected = _project(tmp_path)
    assert _check_as_a_new_run(tmp_path).out == expected
    path = tmp_path / ".artlint_cache" / rule_cache.FILE_NAME
    payload = path.read_bytes().partition(b"\n")[2]
    assert rule_cache._decoded(path.read_bytes(), rule_cache.active().key)  # whole: its entries
    stored = json.loads(payload)
    stored["format"] = 2
    old = json.dumps(stored).encode()
    path.write_bytes(blake2b(old, digest_size=16).hexdigest().encode() + b"\n" + old)
    assert rule_cache._decoded(path.read_bytes(), stored["key"]) == {}
    run = _check_as_a_new_run(tmp_path)
    assert (run.out, run.err) == (expected, "")
    assert path.read_bytes().startswith(b"crc32 ")


def test_runs_with_other_hash_seeds_find_every_regex_kept(tmp_path):
    """Regexes built from sets of phrases (source verbs, the reviewed-document phrases) are the
    same text in every process, whatever its hash seed: a later run finds each in the rule
    cache, and so neither compiles it again nor rewrites the cache."""
    text = ("# Title\n\nThe document under review is a term sheet with a $10M cap.\n\n"
            "Revenue grew 45% last year, the ministry said. Officials argue the 12% rise was larger.\n")
    write(tmp_path, "a.md", text)
    cache = tmp_path / ".artlint_cache" / rule_cache.FILE_NAME
    env = {**os.environ, "PYTHONHASHSEED": "1"}
    first = subprocess.run([sys.executable, "-m", "artlint", "check", "a.md"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert first.returncode in (0, 1), first.stderr[-2000:]
    kept = cache.read_bytes()
    for seed in ("2", "3", "4", "5"):
        write(tmp_path, "a.md", text + f"\n<!-- edit {seed} -->\n")  # an edit: linted again
        later = subprocess.run([sys.executable, "-m", "artlint", "check", "a.md"], cwd=tmp_path,
                               env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=120)
        assert later.stdout == first.stdout
        assert cache.read_bytes() == kept, f"hash seed {seed}: the run added to the rule cache"
