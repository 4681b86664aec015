"""Read → parse: turn an article's text into a ``Document`` with exact positions."""

from __future__ import annotations

from artlint.document.frontmatter import split_front_matter
from artlint.document.markdown import parse_markdown
from artlint.document.model import Block, Document, Link, Section, Sentence
from artlint.document.plaintext import parse_plaintext
from artlint.document.reader import UnreadableFile, decode, read_text

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

__all__ = [
    "Block", "Document", "Link", "Section", "Sentence", "UnreadableFile",
    "decode", "format_for", "normalize_newlines", "parse_document", "read_text",
]


def format_for(path: str) -> str:
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


def normalize_newlines(source: str) -> str:
    """CRLF and lone CR become LF; every other character keeps its offset within its line."""
    if "\r" not in source:
        return source
    return source.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(source: str, path: str = "<string>", format: str | None = None,
                   lang: str | None = None) -> Document:
    """Parse an article. ``lang`` is the configured default; front matter ``lang`` wins."""
    text = normalize_newlines(source)
    fmt = format or format_for(path)
    if fmt == "markdown":
        metadata, body_start = split_front_matter(text)
        mdx = path.lower().endswith(".mdx")
        blocks, links, refs, comments, prose = parse_markdown(text, body_start, mdx=mdx)
    else:
        metadata, body_start, comments = {}, 0, []
        blocks, links, refs, prose = parse_plaintext(text)
    # Only a string names a language ("lang: [en, fr]" or an alias to a huge list does not).
    front = [v for v in (metadata.get("lang"), metadata.get("language")) if isinstance(v, str) and v.strip()]
    doc_lang = (front[0] if front else None) or lang or "en"
    return Document(
        text, prose, path=path, format=fmt, lang=str(doc_lang).split("-")[0].split("_")[0].lower(),
        metadata=metadata, body_start=body_start, blocks=blocks, links=links,
        footnote_refs=refs, comments=comments,
    )
