"""Read → parse: turn an article's text into a ``Document`` with exact positions."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from artlint.document.frontmatter import DEFAULT_FIELDS, read_front_matter
from artlint.document.language import guess_language, path_language
from artlint.document.markdown import parse_markdown
from artlint.document.model import FIELD, Block, Document, Link, Section, Sentence
from artlint.document.plaintext import parse_plaintext
from artlint.document.reader import UnreadableFile, decode, read_text
from artlint.document.section_labels import promote_section_labels

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A line that a block-level HTML element opens: what a CMS export or a writing assistant's HTML
# output saved as .txt is made of.
_HTML_BLOCK_LINE = re.compile(
    r"^[ \t]*</?(?:p|h[1-6]|ul|ol|li|div|table|tr|td|th|blockquote|section|article|header|footer|main|figure)\b[^>\n]*>",
    re.IGNORECASE | re.MULTILINE)
_HTML_LINES_AT_LEAST = 5
# A "**Sources:**" line heads a section below every real heading: the next heading ends it.
MARKDOWN_LABEL_LEVEL = 6

__all__ = [
    "Block", "Document", "Link", "Section", "Sentence", "UnreadableFile",
    "decode", "format_for", "normalize_newlines", "parse_document", "read_text",
]


def format_for(path: str) -> str:
    """markdown, html or text, by the path's extension (a URL's by its path's)."""
    name = path.lower()
    if "://" in name:
        name = urlsplit(name).path
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "html" if name.endswith(HTML_SUFFIXES) else "text"


def is_html_markup(text: str) -> bool:
    """Is this plain text in fact HTML (most of its lines open a block element: ``<h2>``, ``<p>``,
    ``<li>``)? Then it is read as a page, so its headings are headings and its list items items."""
    tagged = sum(1 for _ in _HTML_BLOCK_LINE.finditer(text))
    if tagged < _HTML_LINES_AT_LEAST:
        return False
    lines = sum(1 for line in text.splitlines() if line.strip())
    return 2 * tagged >= lines


def normalize_newlines(source: str) -> str:
    """CRLF and lone CR become LF; every other character keeps its offset within its line."""
    if "\r" not in source:
        return source
    return source.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(source: str, path: str = "<string>", format: str | None = None,
                   lang: str | None = None, fields: tuple[str, ...] | None = None) -> Document:
    """Parse an article. ``lang`` is the configured default; front matter ``lang`` (or ``<html
    lang>``) wins, then the language the prose is clearly in, then one the path names.
    ``fields``: the front-matter keys that are published, so prose (default ``DEFAULT_FIELDS``)."""
    text = normalize_newlines(source)
    fmt = format or format_for(path)
    if fmt == "text" and is_html_markup(text):
        fmt = "html"
    front = None
    text_nodes = None  # an HTML page's: where a fix may edit
    engine_code = None  # an HTML page template's engine syntax
    if fmt == "markdown":
        front = read_front_matter(text, DEFAULT_FIELDS if fields is None else tuple(fields))
        metadata, body_start = (front.metadata, front.end) if front else ({}, 0)
        field_blocks = [Block(FIELD, v.start, v.end, label=v.key) for v in front.published] if front else []
        blocks, links, refs, comments, prose, html_tags = parse_markdown(
            text, body_start, front.prose(text) if front else None, field_blocks,
            mdx=path.lower().endswith(".mdx"))
        blocks = promote_section_labels(text, blocks, MARKDOWN_LABEL_LEVEL)
    elif fmt == "html":
        from artlint.document.page import blank_spans, html_lang, parse_page  # web pages only

        wanted = DEFAULT_FIELDS if fields is None else tuple(fields)
        # Hugo and Jekyll render .html content files with front matter too: read it as in Markdown
        front = read_front_matter(text, wanted) if text.startswith(("---", "+++")) else None
        body_start = front.end if front else 0
        page = parse_page(blank_spans(text, [(0, body_start)]) if front else text, wanted)
        blocks, links, refs, comments, prose, html_tags = (
            page.blocks, page.links, page.refs, page.comments, page.prose, page.html_tags)
        text_nodes = page.text_nodes
        engine_code = page.engine_code
        page_lang = html_lang(text)
        metadata = {"lang": page_lang} if page_lang else {}
        if front:
            metadata = {**metadata, **front.metadata}
            prose = front.prose(text) + prose[body_start:]
            blocks = [Block(FIELD, v.start, v.end, label=v.key) for v in front.published] + blocks
    else:
        metadata, body_start = {}, 0
        blocks, links, refs, comments, prose = parse_plaintext(text)
        html_tags = []
    # Only a string names a language ("lang: [en, fr]" or an alias to a huge list does not).
    front_lang = [v for v in (metadata.get("lang"), metadata.get("language")) if isinstance(v, str) and v.strip()]
    # what the article says wins; then its words, when they leave no doubt (a page a site has not
    # translated yet sits in content/fr/ in English); then its path; then the configured default
    doc_lang = (front_lang[0] if front_lang else None) or guess_language(prose) or path_language(path) or lang or "en"
    return Document(
        text, prose, path=path, format=fmt, lang=str(doc_lang).split("-")[0].split("_")[0].lower(),
        metadata=metadata, body_start=body_start, blocks=blocks, links=links,
        footnote_refs=refs, comments=comments, front_matter=front, html_tags=html_tags,
        text_nodes=text_nodes, engine_code=engine_code,
    )
