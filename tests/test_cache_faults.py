"""The caches are advisory: a damaged, truncated, misplaced or unwritable cache file never
changes a run's output (it always equals ``--no-cache``'s), never crashes a run, costs at most
one warning line, and is rebuilt. Byte flips are seeded, so a failure can be replayed."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from artlint import result_cache
from artlint.links.cache import LinkCache
from artlint.links.results import LinkResult
from cache_support import edit_results
from conftest import artlint_exe
from runcli import run_runner, write

PAGE = 4096  # SQLite's default page size: page 1 holds the header and the schema

# Articles whose rows differ: several findings, CRLF line ends, text outside ASCII and outside
# the BMP, front matter, and a result that depends on other files (a relative link).
ARTICLES = {
    "a.md": "# Title\n\nText , here. TODO: finish the [guide](guide.md) and [other](other.md).\n\n"
            "Revenue grew 45% last year , according to some experts.\n",
    "b.md": "# Café\r\n\r\nÉté , déjà vu.\r\nLorem ipsum [TBD] here.\r\n",
    "c.md": "---\ntitle: Hello , world\n---\n# Héllo 👋\n\nSome text , and [link](http://example.com) here.\n",
    "guide.md": "# Guide\n",
}


def _project(folder: Path) -> tuple[Path, str]:
    """The articles, a filled result cache, and the ``--no-cache`` JSON output to compare with."""
    for name, text in ARTICLES.items():
        write(folder, name, text)
    plain = _check(folder, "--no-cache")
    assert plain.code == 1 and len(plain.json()) > 8
    assert _check(folder).out == plain.out
    return _db(folder), plain.out


def _db(folder: Path) -> Path:
    return folder / ".artlint_cache" / result_cache.FILE_NAME


def _check(folder: Path, *args: str):
    return run_runner("check", "--format", "json", *args, ".", cwd=folder)


def _settled(db: Path) -> bytes:
    """The database's bytes with everything in the file itself (the WAL folded in)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db.read_bytes()


def _replace_cache(db: Path, data: bytes) -> None:
    """Put ``data`` in place of the cache file, with no journal and nothing moved aside."""
    for old in db.parent.glob(db.name + "*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    db.write_bytes(data)


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("artlint: warning:")]


def _assert_same_as_no_cache(folder: Path, expected: str, context: str) -> list[str]:
    r = _check(folder)
    assert (r.code, r.out) == (1, expected), context
    assert "Traceback" not in r.err, context
    warnings = _warnings(r.err)
    assert len(warnings) <= 1 and len(r.err.splitlines()) == len(warnings), (context, r.err)
    return warnings


def _positions(data: bytes, rng: random.Random, in_rows: int, in_header: int) -> list[int]:
    """Seeded positions of bytes that hold something: mostly in the pages after the first
    (rows, their cell headers, the key index), some in page 1 (the file header, the schema)."""
    held = [i for i, b in enumerate(data) if b]
    rows = [i for i in held if i >= PAGE]
    header = [i for i in held if i < PAGE]
    return rng.sample(rows, in_rows) + rng.sample(header, in_header)


def test_flipped_bytes_never_change_the_output(tmp_path):
    db, expected = _project(tmp_path)
    pristine = _settled(db)
    rng = random.Random(14)
    for pos in _positions(pristine, rng, in_rows=32, in_header=6):
        damaged = bytearray(pristine)
        bit = rng.randrange(8)
        damaged[pos] ^= 1 << bit
        _replace_cache(db, bytes(damaged))
        # The run that meets the damage, and the one after (a row replaced, a file rebuilt).
        first = _assert_same_as_no_cache(tmp_path, expected, f"bit {bit} of byte {pos}")
        second = _assert_same_as_no_cache(tmp_path, expected, f"after bit {bit} of byte {pos}")
        assert len(first) + len(second) <= 1, (pos, first, second)


def test_a_row_that_verifies_but_points_at_other_text_is_not_served(tmp_path):
    """The last guard: even a row with a valid checksum is served only while each ``match``
    is the file's text at its span (here: one match changed, then one column shifted)."""
    db, expected = _project(tmp_path)

    def edit_match(value: str) -> str:
        data = json.loads(value)
        rows = data["diagnostics"] if isinstance(data, dict) else data
        if rows:
            rows[0][8] = rows[0][8] + "x"
        return json.dumps(data, ensure_ascii=False)

    def shift_column(value: str) -> str:
        data = json.loads(value)
        rows = data["diagnostics"] if isinstance(data, dict) else data
        if rows:
            rows[-1][1] += 1
            rows[-1][3] += 1
        return json.dumps(data, ensure_ascii=False)

    for edit in (edit_match, shift_column):
        assert edit_results(db, edit) >= 3
        r = _check(tmp_path)
        assert (r.code, r.out, r.err) == (1, expected, "")
    assert _check(tmp_path).out == expected


@pytest.mark.parametrize("keep", [0, 100, PAGE, 2 * PAGE + 17, -1])
def test_a_truncated_file(tmp_path, keep):
    db, expected = _project(tmp_path)
    pristine = _settled(db)
    _replace_cache(db, pristine[:keep] if keep >= 0 else pristine[:-1])
    _assert_same_as_no_cache(tmp_path, expected, f"kept {keep} bytes")
    r = _check(tmp_path)  # rebuilt: used again, and quiet
    assert (r.out, r.err) == (expected, "")
    assert _rows(db) == len(ARTICLES)


def _rows(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM results").fetchone()[0]
    finally:
        conn.close()


def test_a_folder_in_place_of_the_file(tmp_path):
    db, expected = _project(tmp_path)
    _replace_cache(db, b"")
    db.unlink()
    write(db, "inside.txt", "someone's file")
    [warning] = _assert_same_as_no_cache(tmp_path, expected, "a folder")
    assert str(db) in warning and "results.sqlite3.corrupt" in warning
    assert (db.parent / "results.sqlite3.corrupt" / "inside.txt").read_text() == "someone's file"
    r = _check(tmp_path)
    assert (r.out, r.err) == (expected, "") and _rows(db) == len(ARTICLES)


def test_a_file_that_is_not_a_database_is_moved_aside_even_when_the_name_is_taken(tmp_path):
    db, expected = _project(tmp_path)
    _replace_cache(db, b"SQLite format 3\0" + bytes(range(256)) * 20)
    write(db.parent, "results.sqlite3.corrupt/inside.txt", "")  # an earlier folder moved aside
    [warning] = _assert_same_as_no_cache(tmp_path, expected, "not a database")
    assert "results.sqlite3.corrupt1" in warning
    assert _check(tmp_path).err == ""


def _without_root_powers(cmd: list[str]) -> list[str]:
    """As root, permissions do not stop writes: drop the capabilities that bypass them."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *cmd]


@pytest.mark.parametrize("with_file", [True, False], ids=["existing-file", "no-file"])
def test_a_read_only_folder_is_bypassed_with_one_warning(tmp_path, with_file):
    db, expected = _project(tmp_path)
    if not with_file:
        _replace_cache(db, b"")
        db.unlink()
    folder = db.parent
    folder.chmod(0o555)
    try:
        proc = subprocess.run(_without_root_powers([artlint_exe(), "check", "--format", "json", "."]),
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    assert (proc.returncode, proc.stdout) == (1, expected), proc.stderr
    [warning] = proc.stderr.splitlines()
    assert warning.startswith(f"artlint: warning: cannot use the result cache {db} (")
    assert warning.endswith("); running without it")


def test_two_runs_at_once_on_a_damaged_file(tmp_path):
    """Both runs meet the damage: each gives the full answer with at most one warning, the
    file is moved aside once per damage, and the cache works again afterwards."""
    db, expected = _project(tmp_path)
    _replace_cache(db, b"not a database at all " * 300)
    cmd = [artlint_exe(), "check", "--format", "json", "."]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out) == (1, expected), err
        assert len(_warnings(err)) <= 1 and len(err.splitlines()) == len(_warnings(err)), err
    r = _check(tmp_path)
    assert (r.out, r.err) == (expected, "")
    assert _rows(db) == len(ARTICLES)


def test_cache_clear_removes_a_damaged_file(tmp_path):
    db, _ = _project(tmp_path)
    _replace_cache(db, b"not a database at all " * 300)
    r = run_runner("cache", "clear", cwd=tmp_path)
    assert r.code == 0, r.err
    assert "Cleared the result cache" in r.out and not db.exists()


# -- the link cache -----------------------------------------------------------------------------


def _link_results(now: float) -> list[LinkResult]:
    return [LinkResult(f"https://site{i}.example/page/{i}", verdict, reason, status, final, None, False,
                       checked_at=now - i)
            for i, (verdict, reason, status, final) in enumerate(
                [("ok", "", 200, None), ("redirected", "moved", 301, "https://new.example/é"),
                 ("unverified", "timeout", None, None), ("dead", "404 Not Found", 404, None),
                 ("ok", "", 200, None), ("dead", "410 Gone", 410, None)])]


def _as_fields(result: LinkResult) -> tuple:
    return (result.url, result.verdict, result.reason, result.status, result.final_url)


def test_flipped_bytes_in_link_cache_rows_are_misses(tmp_path):
    """Each flip gives, for each URL, either the stored result or nothing (checked again),
    never another one and never an error, with at most one warning a run; two runs that store
    their results again leave a cache that serves them all."""
    now = time.time()
    results = _link_results(now)
    stored = {r.url: _as_fields(r) for r in results}
    dead = {r.url for r in results if r.verdict == "dead"}
    urls = dict.fromkeys(stored, False)
    LinkCache(tmp_path, 1e6, 1e6, "p").store(results)
    db = tmp_path / "links.sqlite3"
    pristine = _settled(db)
    rng = random.Random(14)
    for pos in _positions(pristine, rng, in_rows=40, in_header=4):
        damaged = bytearray(pristine)
        damaged[pos] ^= 1 << rng.randrange(8)
        _replace_cache(db, bytes(damaged))
        for run in range(3):
            warnings: list[str] = []
            cache = LinkCache(tmp_path, 1e6, 1e6, "p", warnings.append)
            fresh = cache.fresh(urls, allow_private=False, now=now)
            known_dead = cache.known_dead(urls)
            assert all(_as_fields(r) == stored[url] for url, r in fresh.items()), (pos, run)
            assert known_dead <= dead and len(warnings) <= 1, (pos, run, warnings)
            cache.store(results)
        assert (set(fresh), known_dead) == (set(stored) - dead, dead), pos  # the third run: all served


def test_a_link_result_from_other_settings_is_not_reused(tmp_path):
    now = time.time()
    results = _link_results(now)
    LinkCache(tmp_path, 1e6, 1e6, "checked with one user agent").store(results)
    urls = dict.fromkeys((r.url for r in results), False)
    assert LinkCache(tmp_path, 1e6, 1e6, "checked with another").fresh(urls, False, now) == {}
    assert len(LinkCache(tmp_path, 1e6, 1e6, "checked with one user agent").fresh(urls, False, now)) == 4
