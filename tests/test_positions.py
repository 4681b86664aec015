"""Every diagnostic's position is exact: the file's text at (line, column)..(end_line, end_column)
is the diagnostic's ``match``, on the shared corpus as it is and on CRLF and BOM copies of it.
Also the seed article's expected findings."""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ALL_RULES, artlint_exe

EOL = re.compile(r"\r\n|\r|\n")


def run_json(*args, cwd: Path | None = None, in_process: bool = False) -> tuple[int, list[dict]]:
    """``artlint check --format json ARGS`` through the installed command, or through click's
    runner (``in_process``: for the further cases of a parametrised test, whose first case runs
    the command; the cases differ in the bytes on disk, not in how the command is reached)."""
    if in_process:
        from runcli import completed_in_process

        proc = completed_in_process("check", "--format", "json", *args, cwd=cwd or Path.cwd())
    else:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        proc = subprocess.run([artlint_exe(), "check", "--format", "json", *map(str, args)], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    return proc.returncode, json.loads(proc.stdout)


def read(path: Path) -> str:
    """Decoded as artlint must: UTF-8, an optional BOM dropped, line endings untouched."""
    return path.read_bytes().decode("utf-8-sig")


def text_at(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The text between two 1-based (line, column) positions; columns count code points and
    lines end at LF, CRLF or CR."""
    starts = [0] + [m.end() for m in EOL.finditer(text)]

    def offset(line: int, column: int) -> int:
        assert 1 <= line <= len(starts), f"line {line} out of range"
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(text)
        content = EOL.sub("", text[start:end])
        assert 1 <= column <= len(content) + 1, f"column {column} out of range on line {line}"
        return start + column - 1

    return text[offset(line, column):offset(end_line, end_column)]


def check_positions(diags: list[dict], base: Path) -> int:
    texts: dict[str, str] = {}
    for d in diags:
        path = Path(d["path"])
        path = path if path.is_absolute() else base / path
        text = texts.setdefault(d["path"], read(path))
        where = f'{d["path"]}:{d["line"]}:{d["column"]} [{d["rule"]}]'
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"]), where
        assert text_at(text, d["line"], d["column"], d["end_line"], d["end_column"]) == d["match"], where
        if d["fix"] is not None:
            assert isinstance(d["fix"], str)
    return len(diags)


ARTICLES = ("*.md", "*.txt")


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for pattern in ARTICLES for p in corpus.glob(pattern))


@pytest.fixture(scope="module")
def corpus_findings(corpus_dir) -> list[dict]:
    _, diags = run_json(corpus_dir)
    return diags


def test_positions_on_the_corpus(corpus_dir, corpus_findings):
    assert check_positions(corpus_findings, Path.cwd()) > 20
    linted = {Path(d["path"]).name for d in corpus_findings}
    assert "seed-india-japan.txt" in linted


def _key(d: dict) -> tuple:
    return (Path(d["path"]).name, d["line"], d["column"], d["end_line"], d["end_column"], d["rule"],
            d["match"].replace("\r\n", "\n").replace("\r", "\n"), d["fix"], d["message"].replace("\r", ""))


@pytest.mark.parametrize("variant", ["crlf", "bom", "bom+crlf", "cr"])
def test_positions_on_crlf_and_bom_copies(corpus_dir, corpus_findings, tmp_path, variant):
    out = tmp_path / variant
    out.mkdir()
    for src in corpus_files(corpus_dir):
        write_variant(src, out / src.name, variant)
    _, diags = run_json(".", cwd=out, in_process=variant != "crlf")
    assert check_positions(diags, out) == len(corpus_findings)
    # The same findings, at the same places, as on the original LF files.
    assert sorted(map(_key, diags)) == sorted(map(_key, corpus_findings))


def write_variant(src: Path, out: Path, variant: str) -> None:
    """Copy an LF file with CRLF ("crlf"), CR ("cr") line endings and/or a BOM ("bom")."""
    text = src.read_text("utf-8")
    assert "\r" not in text
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    if variant == "cr":
        text = text.replace("\n", "\r")
    data = text.encode("utf-8")
    if "bom" in variant:
        data = codecs.BOM_UTF8 + data
    out.write_bytes(data)


def test_text_at_helper():
    text = "ab\r\ncd\nef\rgh"
    assert text_at(text, 1, 2, 2, 2) == "b\r\nc"
    assert text_at(text, 3, 1, 4, 3) == "ef\rgh"
    with pytest.raises(AssertionError):
        text_at(text, 1, 5, 1, 5)


# --- the seed article -------------------------------------------------------------------------

SEED = "seed-india-japan.txt"

# (category, line): what artlint must report on the article that started the project.
EXPECTED_SEED = [
    ("spacing", 7),
    ("placeholder", 23),
    ("placeholder", 56),
    ("statistic", 44),
    ("source", 64),
    ("source", 65),
    ("boilerplate", 69),
    ("boilerplate", 71),
    ("boilerplate", 73),
]
# Categories where any finding on a line not listed above is a false positive.
EXHAUSTIVE_SEED = ("placeholder", "link", "spacing", "statistic")

IMPLEMENTED = {r.category for r in ALL_RULES if r.enabled}


def _pending(category: str):
    """xfail (not strict) while no rule of the category exists; a real test once one lands."""
    return pytest.mark.xfail(category not in IMPLEMENTED, reason=f"no {category} rule yet", strict=False)


@pytest.fixture(scope="module")
def seed(corpus_dir) -> tuple[int, list[dict]]:
    return run_json(corpus_dir / SEED)


def test_seed_exits_1(seed):
    code, diags = seed
    assert code == 1
    assert diags and all(Path(d["path"]).name == SEED for d in diags)


@pytest.mark.parametrize("category, line", [pytest.param(c, n, marks=_pending(c), id=f"{c}-{n}")
                                            for c, n in EXPECTED_SEED])
def test_seed_expected_finding(seed, category, line):
    _, diags = seed
    got = sorted({(d["category"], d["line"]) for d in diags})
    assert (category, line) in got, got


@pytest.mark.parametrize("category", EXHAUSTIVE_SEED)
def test_seed_no_other_findings(seed, category):
    _, diags = seed
    expected = {n for c, n in EXPECTED_SEED if c == category}
    extra = sorted((d["line"], d["rule"], d["match"]) for d in diags
                   if d["category"] == category and d["line"] not in expected)
    assert extra == []


def test_seed_spacing_finding_exactly(seed):
    _, diags = seed
    [d] = [d for d in diags if d["category"] == "spacing"]
    assert (d["rule"], d["line"], d["match"], d["fix"]) == ("space-before-punctuation", 7, " ", "")
    assert read_seed_line(7)[d["column"] - 1:].startswith(" .")


def read_seed_line(n: int) -> str:
    from conftest import CORPUS

    return (CORPUS / SEED).read_text("utf-8").split("\n")[n - 1]
