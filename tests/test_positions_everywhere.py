"""Positions are exact in every construct the document model reads: every CommonMark spec
example, and every article fixture under tests/data (front matter, HTML in Markdown, template
regions, MDX, plain text), as they are and as CRLF and BOM copies. For each diagnostic the
file's text at line:column..end_line:end_column is its ``match``."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from conftest import REPO
from test_positions import check_positions, run_json

SPEC = REPO.parent / "shared" / "commonmark" / "spec.txt"
FENCE = "`" * 32
EXAMPLE = re.compile(rf"^{FENCE} example\n(.*?)^\.\n.*?^{FENCE}$", re.M | re.S)
ARTICLE_SUFFIXES = {".md", ".mdx", ".markdown", ".txt", ".html", ".htm", ".xhtml"}


def spec_examples() -> list[str]:
    if not SPEC.is_file():
        pytest.skip(f"CommonMark spec not found at {SPEC}")
    return [m.group(1).replace("\u2192", "\t") for m in EXAMPLE.finditer(SPEC.read_text("utf-8"))]


def fixture_articles() -> list[Path]:
    out = []
    for path in sorted((REPO / "tests" / "data").rglob("*")):
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            try:
                path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                continue  # a fixture of an unreadable file: nothing to point into
            out.append(path)
    return out


def crlf(data: bytes) -> bytes:
    return re.sub(rb"\r\n|\r|\n", b"\r\n", data)


def bom(data: bytes) -> bytes:
    return codecs.BOM_UTF8 + data


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("constructs")
    examples = spec_examples()
    assert len(examples) > 600
    for i, text in enumerate(examples, 1):
        (root / f"spec-{i:03d}.md").write_text(text, "utf-8", newline="\n")
    fixtures = fixture_articles()
    for i, path in enumerate(fixtures):
        (root / f"fixture-{i:03d}-{path.name}").write_bytes(path.read_bytes())
    return root


@pytest.mark.parametrize("variant", [None, crlf, bom], ids=["as-is", "crlf", "bom"])
def test_positions_are_exact_in_every_construct(articles, tmp_path, variant):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in articles.iterdir():
        data = path.read_bytes()
        (folder / path.name).write_bytes(variant(data) if variant else data)
    _, diags = run_json(folder, cwd=tmp_path, in_process=variant is not None)
    assert check_positions(diags, tmp_path) > 50
    # Every kind of input produced findings, so the check above covered them.
    named = {Path(d["path"]).name.split("-")[0] for d in diags}
    assert {"spec", "fixture"} <= named
