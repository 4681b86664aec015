"""Malformed link *targets*, offline: what a link points at cannot work once published.

Every link with a target is looked at (inline, image, spaced, reversed, autolink, bare URL and
reference definition). Each target gets at most one verdict, the first that applies, so two
rules of this check never report the same link:

``scheme-typo``        ``htp://``, ``htps://``, ``hhttps://``, ``http//x``, ``https:/x``, ``http:///x``
``no-scheme``          ``[DPIIT](dpiit.gov.in)``, ``(www.x.org)``, ``(press@x.org)``: resolved as a
                       relative path by the browser
``invalid-host``       no dot (and not ``localhost``), ``_`` in a label, a label starting or ending
                       with ``-``, an empty label, a TLD of digits, a bad port
``non-public-host``    ``localhost``, loopback and private IPs, ``example.com`` and reserved names
``placeholder-address`` a template's sample name still in a public address:
                       ``https://github.com/yourusername/x``, ``https://yourdomain.com/blog``
``unmatched-fragment`` ``#fragment`` matching no heading or anchor of the document
``missing-file``       a relative link to a file that is not in the tree (only when the document
                       is a real file), or a link to a file on the author's own computer

An empty target, ``#`` alone and spaces inside a target are the ``link-syntax`` check's business.
"""

from __future__ import annotations

import ipaddress
import os
import re
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from artlint.checks._regex import compile_pattern
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import HEADING, TITLE, Link, heading_text, normalize_label
from artlint.document.templates import includes_partials
from artlint.file_probes import probes

DEFECTS = ("scheme-typo", "no-scheme", "invalid-host", "non-public-host", "placeholder-address", "unmatched-fragment",
           "missing-file")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)([:;]*)([/\\]*)")
# Misspellings of http/https: htp, htps, hhttps, htttp, httpss, ttps...
_HTTPISH = re.compile(r"h{0,3}t{1,3}p{1,2}s{0,2}")
# A scheme typed over a half-typed one: "htthttps", "httphttps", "httpshttp"
_RETYPED = re.compile(r"[htps]{1,6}?(https?)")
_LOCAL_FILE = re.compile(r"(?:file:|[A-Za-z]:[\\/]|\\\\)", re.I)
# Used with fullmatch only. The lookahead rejects a domain part holding a character it cannot
# hold in one pass, before the dot is looked for (else "a@b.c.c.c…@" backtracks quadratically).
_EMAIL = re.compile(r"[^\s@/:?#]+@(?![^\s@/?#]*+[\s@/?#])[^\s@/?#]+\.[^\s@/?#]+")
_HOST_LABEL = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")
_PORT = re.compile(r":\d{1,5}(?![^/?#])")  # a port ends the host: "mailto:18F@…" and "tel:5551234" have none
# "name.ext" names a file, not a domain, when ext is one of these (even if it is also a TLD).
_FILE_EXTENSIONS = frozenset(
    """md markdown mdx mkd html htm xhtml shtml php asp aspx jsp cgi txt text rst adoc org pdf doc docx
    odt rtf xls xlsx ods csv tsv json jsonl xml yaml yml toml ini cfg conf ppt pptx odp key epub mobi
    png jpg jpeg gif svg webp avif bmp ico tif tiff heic mp3 mp4 m4a webm mov avi mkv wav ogg flac
    zip gz tgz tar bz2 xz 7z rar py js mjs ts tsx jsx css scss sass less java kt c h cc cpp hpp cs
    rb go rs sh bash ps1 bat ipynb r tex bib sql log dat bin exe dmg pkg deb rpm apk wasm ics vcf
    parquet feather arrow geojson kml kmz gpx shp nc h5 hdf5 npy npz pkl rds rdata dta sav xlsm eps ai
    psd odg dot dotx potx""".split()
)
# Endings of file types that a link in an article names far more often as a site: "pslmodels.org"
# and "perplexity.ai" are sites, Emacs Org and Illustrator files are seldom linked from prose
_SITE_ENDINGS = frozenset(("org", "ai"))
# Second-level names that make "x.gov.rs" a domain even when the TLD looks like an extension.
_SECOND_LEVEL = frozenset("gov gouv govt go gob gv co com org net edu ac nic or ne mil int".split())
_FOOTNOTE_ANCHOR = re.compile(r"(?:user-content-)?(?:fn|fnref|footnote|footnote-ref|note|ref)[-:_]?(.+)", re.I)
_HTML_ANCHOR = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.I)
# An attribute list, kramdown's ("{: #insight-1}", "{:.note #n}") or Pandoc's ("{#fig-a .wide}"), read
# within a line and a bounded length (a scan of the full grammar from every brace is quadratic), and
# an id in it
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]{0,200}\}")
_ATTRIBUTE_ID = re.compile(r"(?<=[{:\s])#([\w:.-]+)")
_CUSTOM_ID = re.compile(r"\{\s*#([^\s}]+)[^}]*\}\s*$")  # searched by _custom_id, in linear time
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # replaced by _strip_md_links, in linear time
_HTML_TAG = re.compile(r"<[^>]+>")  # removed by _strip_tags, in linear time
_BACKTICKS = re.compile(r"`+")
# Emphasis markers; a run of "_" is tried from its first character only (same matches, linear).
_EMPHASIS = re.compile(r"[`*]|(?<!\w)_+|(?<!_)_++(?!\w)")

_DEFAULT_HOSTS = ["localhost", "example.com", "example.org", "example.net", "example.edu"]
_DEFAULT_SUFFIXES = ["localhost", "test", "example", "invalid", "local", "internal", "lan", "home.arpa"]
# A template's sample name where a real one goes, matched after the scheme: a host ("yourdomain.com",
# "your-site.org") or a code host's account ("github.com/yourusername/", "gitlab.com/<user>/"). A
# whole label or segment only: "digital.gov/guides/add-your-site-dap/" is a real page.
_DEFAULT_PLACEHOLDER_ADDRESSES = (
    r"(?:www\.)?your[-_]?(?:domain|site|website|company|blog|org|organi[sz]ation|name|app|store|shop)\.[a-z]{2,}(?![\w.-])"
    r"|(?:www\.)?(?:github|gitlab|bitbucket)\.(?:com|org|io)/(?:your[-_]?(?:user(?:[-_]?name)?|name|org|organi[sz]ation"
    r"|account|handle|team|repo)|user[-_]?name|<[^/<>]{1,40}>|\{[^/{}]{1,40}\})(?![\w.-])"
)


class Check:
    name = "link-target"

    def __init__(self, options: dict) -> None:
        self.defect = options["defect"]
        self.hosts = {h.lower().strip(".") for h in options.get("hosts", _DEFAULT_HOSTS)}
        self.suffixes = {s.lower().strip(".") for s in options.get("suffixes", _DEFAULT_SUFFIXES)}
        self.private_ips = options.get("private_ips", True)
        self.allowed_fragments = {f.lower() for f in options.get("allowed_fragments", ["top"])}
        self.placeholder_addresses = options.get("placeholder_addresses", _DEFAULT_PLACEHOLDER_ADDRESSES)
        self._placeholder_address = compile_pattern(self.placeholder_addresses, ["placeholder_addresses"], re.I)
        # "[Stakeholder analysis](link)": a placeholder where the address goes, reported by the
        # placeholder rules, not a second time as a file that is not there
        placeholders = options.get("placeholder_targets")
        self.placeholder_targets = (compile_pattern(placeholders, ["placeholder_targets"], re.I)
                                    if placeholders else None)
        self.fixable = self.defect == "scheme-typo"
        self.fix_safety = "unsafe"  # it changes where the link goes: applied with --unsafe-fixes
        # host -> _host_verdict(host): articles link to the same few hosts again and again
        self._host_verdicts: dict[str, tuple | None] = {}

    def verdicts(self, doc: Document) -> list[tuple]:
        """(link, verdict) for each link with a target; one classification per document is
        shared by all the rules of this check with the same host options."""
        key = ("link-target", frozenset(self.hosts), frozenset(self.suffixes), self.private_ips,
               self.placeholder_addresses)
        found = doc.shared.get(key)
        if found is None:
            found = doc.shared[key] = [
                (link, self.classify(doc, link)) for link in doc.links
                if link.target_start >= 0 and link.kind not in ("shortcut", "reference", "collapsed", "wikilink")]
        return found

    def run(self, doc: Document) -> Iterator[Finding]:
        anchors = None
        for link, verdict in self.verdicts(doc):
            if verdict is None or verdict[0] != self.defect:
                continue
            defect, reason, fix = verdict
            if self.placeholder_targets is not None and self.placeholder_targets.fullmatch(link.target.strip()):
                continue
            if fix is not None:
                fix = link.written(fix)
            if defect == "unmatched-fragment":
                anchors = anchors if anchors is not None else _anchors(doc)
                if _fragment_matches(link.target.strip()[1:], anchors, self.allowed_fragments, doc):
                    continue
                if _includes_partials(doc):
                    continue  # "{% include fn.html n=1 %}" writes the note's anchors when the site is built
            # A fix is worked out from the decoded target: it may only replace a target written
            # without escapes or entities (in HTML, with exactly the entities escaping gives).
            if fix is not None and doc.text[link.target_start : link.target_end] != link.written(link.target):
                fix = None
            yield Finding(link.target_start, link.target_end,
                          args={"url": link.target.strip(), "reason": reason}, fix=fix)

    # ---- classification ----------------------------------------------------------------
    def classify(self, doc: Document, link: Link) -> tuple[str, str, str | None] | None:
        """(defect, reason, fix) for a link's target, or None when it looks fine."""
        target = link.target.strip()
        if not target or target == "#":
            return None  # link-syntax: empty target
        if link.templated:
            return None  # "{{ site.baseurl }}/about": resolved when the site is built
        if target.startswith("[") and target.endswith("]"):
            return None  # "[INTERNAL_LINK:slug]": a placeholder (bracket-placeholder), not an address
        if link.wraps_address:
            return "no-scheme", "the web address is wrapped in brackets or in another link", None
        if link.kind == "autolink" and _EMAIL.fullmatch(target):
            return None
        if link.kind == "autolink" and _schemeless_address(target):
            return "no-scheme", "an address in angle brackets needs 'https://' to be a link", None
        if _LOCAL_FILE.match(target):
            return "missing-file", "it points at a file on the author's computer", None

        m = _SCHEME.match(target)
        if m and link.kind == "bare" and not target[m.end() :].strip("/"):
            return None  # "URLs start with https://": a mention of the scheme, not a link
        if m:
            scheme, seps, slashes = m.group(1).lower(), m.group(2), m.group(3)
            if scheme in ("http", "https") and seps == ":" and slashes == "//":
                return self._host(target) or self._placeholder(target, m.end())
            if _HTTPISH.fullmatch(scheme) and (seps or slashes) and not _PORT.match(target, m.end(1)):
                canonical = "https://" if "s" in scheme else "http://"
                rest = target[m.end() :]
                return "scheme-typo", f"'{target[: m.end()]}' should be '{canonical}'", canonical + rest
            retyped = _RETYPED.fullmatch(scheme)
            if retyped and seps == ":" and slashes == "//":
                canonical = retyped.group(1) + "://"
                return "scheme-typo", f"'{target[: m.end()]}' should be '{canonical}'", canonical + target[m.end() :]
            if seps and "." not in scheme and not _PORT.match(target, m.end(1)):
                if scheme in ("ftp", "ftps", "ws", "wss") and slashes == "//":
                    return self._host(target)
                return None  # mailto:, tel:, ftp:, data: ... are left alone

        # No scheme.
        if link.kind in ("bare", "autolink"):
            # A bare "www.x.org" in running text is fine; only its host can be wrong.
            return self._host("http://" + target) if target.lower().startswith("www.") else None
        if target.startswith("#"):
            return "unmatched-fragment", "no heading or anchor has this id", None
        if target.startswith("//"):
            return self._host("http:" + target)
        if target.startswith("/"):
            return None  # relative to the site's root: nothing to check offline
        first = re.split(r"[/?#]", target, maxsplit=1)[0]
        if _EMAIL.fullmatch(first):
            return "no-scheme", "an e-mail address needs 'mailto:'", None
        if not target.startswith("."):
            if first.lower().startswith("www.") or re.fullmatch(r"localhost(?::\d{1,5})?", first, re.I):
                return "no-scheme", "a web address needs 'https://'", None
            if _looks_like_domain(first, folder=target.startswith("/", len(first))) and not _local_file_exists(doc, target):
                return "no-scheme", "a web address needs 'https://'", None
        return self._file(doc, target)

    def _host(self, url: str) -> tuple[str, str, str | None] | None:
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError for a bad port
        except ValueError as exc:
            return "invalid-host", f"the address cannot be parsed ({exc})", None
        verdict = self._host_verdicts.get(host, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = self._host_verdict(host)
            if len(self._host_verdicts) >= _HOST_CACHE:
                self._host_verdicts.clear()
            self._host_verdicts[host] = verdict
        return verdict

    def _placeholder(self, url: str, start: int) -> tuple[str, str, None] | None:
        """A template's sample name in the address after its scheme ("yourusername")."""
        m = self._placeholder_address.match(url, start)
        if m is None:
            return None
        return "placeholder-address", f"'{m.group(0)}' is a template's sample name, not a real address", None

    def _host_verdict(self, host: str) -> tuple[str, str, str | None] | None:
        reason = _invalid_host(host)
        if reason:
            return "invalid-host", reason, None
        if self._non_public(host):
            return "non-public-host", f"'{host}' is not reachable by readers", None
        return None

    def _non_public(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        ip = _ip_address(host)
        if ip is not None:
            return self.private_ips and not ip.is_global
        if host in self.hosts or any(host.endswith("." + h) for h in self.hosts):
            return True
        return any(host == s or host.endswith("." + s) for s in self.suffixes)

    def _file(self, doc: Document, target: str) -> tuple[str, str, str | None] | None:
        base = _document_folder(doc)
        if base is None:
            return None
        if _local_file_exists(doc, target):
            return None
        return "missing-file", "no such file next to the article", None


# ---- hosts ------------------------------------------------------------------------------
_UNSEEN = object()
_HOST_CACHE = 4096  # hosts remembered per check (forgotten all at once past that)


def _invalid_host(host: str) -> str | None:
    if not host:
        return "the address has no host"
    host = host.rstrip(".") if host.endswith(".") and not host.endswith("..") else host
    if _ip_address(host) is not None:
        return None
    labels = host.split(".")
    if len(labels) == 1:
        return None if host == "localhost" else f"'{host}' has no domain suffix (no dot)"
    for label in labels:
        if not label:
            return f"'{host}' has an empty label"
        if "_" in label:
            return f"'{label}' contains '_', which a host name cannot"
        if label.startswith("-") or label.endswith("-"):
            return f"'{label}' starts or ends with '-'"
        if len(label) > 63:
            return f"'{label[:20]}...' is longer than 63 characters"
        if not _HOST_LABEL.fullmatch(label):
            return f"'{label}' contains characters a host name cannot"
    tld = labels[-1]
    if tld.isdigit():
        return f"the top-level domain '{tld}' is all digits"
    if len(tld) < 2:
        return f"the top-level domain '{tld}' is a single character"
    return None


def _schemeless_address(target: str) -> bool:
    """"maketradefair.com", "www.oxfam.org/en": a web address written without its scheme."""
    host = re.split(r"[/?#]", target, maxsplit=1)[0]
    return ":" not in host and (host.lower().startswith("www.") or _looks_like_domain(host, folder=target.startswith("/", len(host))))


def _looks_like_domain(segment: str, folder: bool = False) -> bool:
    """'dpiit.gov.in', 'ember-climate.org:8080', '203.0.113.7': a host, not a file name.
    ``folder``: a path follows the segment ('policyengine.org/uk'), so it names no file."""
    segment = re.sub(r":\d{1,5}$", "", segment)
    if _ip_address(segment) is not None:
        return True
    labels = segment.lower().split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return False
    tld = labels[-1]
    if not tld.isalpha() or not 2 <= len(tld) <= 24:
        return False
    if tld not in _FILE_EXTENSIONS or tld in _SITE_ENDINGS or folder:
        return tld in _top_level_domains()  # "index.qmd", "rules.sch": files with no known type
    return len(labels) >= 3 and labels[-2] in _SECOND_LEVEL


@lru_cache(maxsize=1)
def _top_level_domains() -> frozenset[str]:
    """The top-level names of the public suffix list that tldextract bundles (never fetched)."""
    import tldextract  # only for a scheme-less target whose ending is no file type: rare

    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    return frozenset(suffix.rsplit(".", 1)[-1] for suffix in extract.tlds)


# ---- files ------------------------------------------------------------------------------
def _document_folder(doc: Document) -> Path | None:
    """The folder of the article, when it is a real file (looked up once per document)."""
    if "link-target:folder" not in doc.shared:
        path = Path(doc.path)
        try:
            doc.shared["link-target:folder"] = path.parent if path.is_file() else None
        except OSError:
            doc.shared["link-target:folder"] = None
    return doc.shared["link-target:folder"]


def _ip_address(host: str):
    """``ipaddress.ip_address``, or None; only text that can be one is parsed (an IPv4
    address starts with a digit, an IPv6 one holds a colon)."""
    if not host or not (host[0].isdigit() or ":" in host):
        return None
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


_ALT_SUFFIXES = (".md", ".markdown", ".mdx", ".html", ".htm", ".txt")


def _local_file_exists(doc: Document, target: str) -> bool:
    base = _document_folder(doc)
    if base is None:
        return False
    rel = unquote(re.split(r"[?#]", target, maxsplit=1)[0])
    if not rel:
        return True  # "?x" or "#x" on the same page
    if rel.startswith("@/"):  # Zola's internal link: a path in the site's content/ folder
        here = base.absolute()
        content = next((folder for folder in (here, *here.parents) if folder.name == "content"), None)
        if content is None:
            return True  # not a Zola site's article: nothing to resolve it against
        path = content / rel[2:]
    else:
        path = base / rel
    # Every lookup is recorded (relative to the article's folder): the result cache serves this
    # document's result only while each of them still gives the same answer.
    lookups = probes(doc, base)
    try:
        if _published_exists(lookups, path):
            return True
        # A site generator with "pretty" URLs publishes "guide.md" at "guide/": its links are
        # written from there ("../legal/" is the sibling "legal.md").
        if rel.startswith("../") and doc.format == "markdown":
            # (normalised by its text: the folder "guide/" is no folder on disk to climb out of)
            return _published_exists(lookups, Path(os.path.normpath(base / Path(doc.path).stem / rel)))
        return False
    except (OSError, ValueError):
        return False


def _published_exists(lookups, path: Path) -> bool:
    """Is there a file at ``path``, or one a site generator publishes there ("post.md" as
    "post.html", "post/" or "post")?"""
    if lookups.exists(path):
        return True
    stem = path.with_suffix("") if path.suffix.lower() in _ALT_SUFFIXES else path
    candidates = [stem.with_name(stem.name + s) for s in _ALT_SUFFIXES]
    candidates += [path / n for n in ("index.md", "_index.md", "README.md", "index.html")]
    return any(lookups.exists(c) for c in candidates)


# ---- fragments --------------------------------------------------------------------------
def _loose(s: str) -> str:
    return re.sub(r"[\W_]+", "-", s.casefold()).strip("-")


def _github_slug(s: str) -> str:
    return re.sub(r"[^\w\- ]", "", s.casefold()).replace(" ", "-")


def _anchors(doc: Document) -> set[str]:
    """Every id an in-page link could reach: heading slugs (GitHub's and looser ones),
    custom ``{#id}`` heading ids, HTML ``id=``/``name=`` attributes and the ids of kramdown's and
    Pandoc's attribute lists."""
    exact: set[str] = set()
    loose: set[str] = set()
    seen: dict[str, int] = {}
    for block in doc.blocks:
        if block.kind not in (HEADING, TITLE) or block.implicit:
            continue
        text = heading_text(doc, block)
        custom = _custom_id(text)
        if custom:
            exact.add(custom.group(1).casefold())
            text = text[: custom.start()]
        text = _strip_md_links(text)
        text = _strip_tags_outside_code(text)
        if "&" in text:  # "Qu&eacute; necesita": the id is made from the text shown, "Qué necesita"
            text = unescape(text)
        text = _EMPHASIS.sub("", text).strip()
        slug = _github_slug(text)
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        exact.add(slug if n == 0 else f"{slug}-{n}")
        loose.add(_loose(text))
    for m in _HTML_ANCHOR.finditer(doc.text):
        exact.add(m.group(1).casefold())
    if "{" in doc.text:  # an id given by attributes: kramdown's "{: #insight-1}", Pandoc's "[text]{#note}"
        for attributes in _ATTRIBUTE_LIST.finditer(doc.text):
            exact.update(m.group(1).casefold() for m in _ATTRIBUTE_ID.finditer(attributes.group(0)))
    return {"exact": exact, "loose": loose}  # type: ignore[return-value]


def _custom_id(text: str) -> re.Match | None:
    """``_CUSTOM_ID.search(text)`` in linear time: its ``}`` is the last one and ends the text
    (trailing whitespace aside), and its ``{`` comes after the ``}`` before that."""
    last = text.rstrip()
    if not last.endswith("}"):
        return None
    return _CUSTOM_ID.search(text, text.rfind("}", 0, len(last) - 1) + 1)


def _strip_md_links(text: str) -> str:
    """``_MD_LINK.sub(r"\1", text)`` in linear time: a ``[`` pairs with the first ``]`` after it,
    which must be followed by ``(`` and, somewhere after, a ``)``."""
    out: list[str] = []
    done = pos = 0
    while True:
        a = text.find("[", pos)
        if a < 0:
            break
        b = text.find("]", a + 1)
        if b < 0:
            break  # no later "[" has a "]" either
        if not text.startswith("(", b + 1):
            pos = b + 1  # every "[" before this "]" pairs with it, and fails the same way
            continue
        c = text.find(")", b + 2)
        if c < 0:
            break
        start = a - 1 if a - 1 >= done and text[a - 1] == "!" else a
        out.append(text[done:start])
        out.append(text[a + 1 : b])
        done = pos = c + 1
    out.append(text[done:])
    return "".join(out)


def _strip_tags_outside_code(text: str) -> str:
    """Tags stripped, but not from code spans: "`cargo update --precise <yanked>`" shows its
    "<yanked>", so the heading's id holds it."""
    if "`" not in text:
        return _strip_tags(text)
    runs = list(_BACKTICKS.finditer(text))
    closer: list[int] = [-1] * len(runs)  # the next run of the same length (a code span's end)
    next_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        n = len(runs[i].group())
        closer[i] = next_of_length.get(n, -1)
        next_of_length[n] = i
    out: list[str] = []
    done = i = 0
    while i < len(runs):
        j = closer[i]
        if j < 0:
            i += 1
            continue
        out += [_strip_tags(text[done : runs[i].start()]), text[runs[i].start() : runs[j].end()]]
        done = runs[j].end()
        i = j + 1
    out.append(_strip_tags(text[done:]))
    return "".join(out)


def _strip_tags(text: str) -> str:
    """``re.sub(r"<[^>]+>", "", text)`` in linear time: a ``<`` runs to the first ``>`` after
    it, and needs at least one character in between."""
    out: list[str] = []
    done = pos = 0
    while True:
        a = text.find("<", pos)
        if a < 0:
            break
        b = text.find(">", a + 1)
        if b < 0:
            break
        if b == a + 1:
            pos = a + 1  # "<>": no tag starts here
            continue
        out.append(text[done:a])
        done = pos = b + 1
    out.append(text[done:])
    return "".join(out)


def _includes_partials(doc: Document) -> bool:
    """Does the page include template partials, or is it an HTML template (an include, a
    layout), whose page the engine composes from others (asked once per document)?"""
    found = doc.shared.get("includes partials")
    if found is None:
        found = includes_partials(doc.text) or bool(doc.engine_code)
        doc.shared["includes partials"] = found
    return found


def _fragment_matches(fragment: str, anchors, allowed: set[str], doc: Document) -> bool:
    fragment = unescape(unquote(fragment)).strip()
    key = fragment.casefold()
    if not key or key in allowed or key in anchors["exact"]:
        return True
    lf = _loose(fragment)
    if lf in anchors["loose"]:
        return True
    dup = re.fullmatch(r"(.+)-\d+", lf)
    if dup and dup.group(1) in anchors["loose"]:
        return True
    note = _FOOTNOTE_ANCHOR.fullmatch(fragment)
    return bool(note and normalize_label(note.group(1)) in doc.footnote_definitions)
