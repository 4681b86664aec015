"""Front matter: YAML (``---``), TOML (``+++``) or JSON (a leading ``{ ... }`` object, as Hugo
reads it). Read for metadata (``lang``, ``date``), and located value by value with the real
parsers, so that the fields a site publishes (``title``, ``description``...) are prose at their
exact place in the file while keys, syntax and the other values are not.

A value's span is its text as written, quotes excluded; escape markup inside it (``\\"``, a
doubled ``''``) is listed apart so the prose mask can blank it: positions stay exact by
construction, whatever decoding would make of the text.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from dataclasses import field

from artlint.records import dataclass

# The fields a site generator puts on the page or in its <head>, as dotted key paths matched
# case-insensitively (shell-style wildcards allowed); a list's items take the list's key.
PUBLISHED_KEYS = ("title", "subtitle", "description", "summary", "excerpt", "lead", "caption", "alt", "image_alt")
DEFAULT_FIELDS = PUBLISHED_KEYS + tuple(f"{group}.{key}" for group in ("og", "twitter", "seo") for key in PUBLISHED_KEYS)

_YAML = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOML = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)
_LINE_REST = re.compile(r"[ \t]*(?:\n|\Z)")


@dataclass
class Value:
    """One string value of the front matter."""

    key: str  # dotted path: "og.title"
    start: int  # the value's text, quotes excluded
    end: int
    markup: list[tuple[int, int]] = field(default_factory=list)  # escapes inside it: not prose
    published: bool = False


@dataclass
class FrontMatter:
    kind: str  # yaml | toml | json
    end: int  # where the body starts
    metadata: dict
    values: list[Value]  # every string value located (none when the front matter does not parse)
    fields: tuple[str, ...] = DEFAULT_FIELDS

    @property
    def published(self) -> list[Value]:
        return [v for v in self.values if v.published]

    def prose(self, text: str) -> str:
        """The front matter's part of the prose mask: published values, nothing else."""
        chars = [c if c == "\n" else " " for c in text[: self.end]]
        for value in self.published:
            chars[value.start : value.end] = text[value.start : value.end]
            for a, b in value.markup:
                chars[a:b] = [c if c == "\n" else " " for c in text[a:b]]
        return "".join(chars)

    def allows_fix(self, text: str, start: int, end: int, replacement: str) -> bool:
        """Whether replacing text[start:end] leaves valid front matter that differs only in the
        text of one published value, changed as asked. When unsure: no."""
        value = next((v for v in self.published if v.start <= start and end <= v.end), None)
        if value is None or "\n" in replacement or any(a < end and start < b for a, b in value.markup):
            return False
        edited = text[:start] + replacement + text[end : self.end]
        after = read_front_matter(edited, self.fields)
        if after is None or after.kind != self.kind or len(after.values) != len(self.values):
            return False
        # Every value as it was (the edited one as asked), at the same place in the file...
        shift = len(replacement) - (end - start)
        for old, new in zip(self.values, after.values):
            wanted = text[old.start : old.end]
            if old is value:
                wanted = text[old.start : start] + replacement + text[end : old.end]
            moved = shift if old.start > value.start else 0
            if old.key != new.key or new.start != old.start + moved or edited[new.start : new.end] != wanted:
                return False
        # ... and the same keys, numbers, dates and structure around them.
        try:
            return _shape(after.metadata) == _shape(self.metadata)
        except RecursionError:  # a recursive alias
            return False


def _shape(data):
    """The data with every string emptied: what must not change when a string is edited."""
    if isinstance(data, dict):
        return {k: _shape(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_shape(v) for v in data]
    return "" if isinstance(data, str) else data


def is_published(key: str, fields: tuple[str, ...]) -> bool:
    return bool(_fields_regex(fields).match(key.lower()))


@functools.lru_cache(maxsize=8)
def _fields_regex(fields: tuple[str, ...]) -> re.Pattern:
    """One regex for all the field globs (fnmatch's own translation), for every document."""
    return re.compile("|".join(fnmatch.translate(pattern.lower()) for pattern in fields) or "(?!)")


def read_front_matter(text: str, fields: tuple[str, ...] = DEFAULT_FIELDS) -> FrontMatter | None:
    """The front matter at the start of a normalised text, or None. Front matter that does not
    parse is still front matter (not prose), with no metadata and no values."""
    for pattern, kind, reader in ((_YAML, "yaml", _yaml_values), (_TOML, "toml", _toml_values)):
        m = pattern.match(text)
        if m:
            try:
                metadata, values = reader(m.group(1) or "", m.start(1) if m.group(1) else m.end())
            except Exception:  # noqa: BLE001 - not only parse errors: "date: 2023-02-30" raises ValueError
                metadata, values = {}, []
            return _front_matter(kind, m.end(), metadata, values, fields)
    if text.startswith("{"):
        try:
            metadata, end, values = _json_values(text)
        except (ValueError, RecursionError):
            return None
        rest = _LINE_REST.match(text, end)
        if isinstance(metadata, dict) and rest:
            return _front_matter("json", rest.end(), metadata, values, fields)
    return None


def _front_matter(kind: str, end: int, metadata, values: list[Value], fields: tuple[str, ...]) -> FrontMatter:
    if not isinstance(metadata, dict):
        metadata, values = {}, []
    for value in values:
        value.published = is_published(value.key, fields)
    return FrontMatter(kind, end, metadata, values, fields)


# ---- YAML: PyYAML's node marks are exact character offsets ---------------------------------------
_YAML_ESCAPE = re.compile(r"\\(?:[\"\\/]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\n[ \t]*|.)", re.S)
_DOUBLED_QUOTE = re.compile("''")
_TEXT_ESCAPES = ('\\"', "\\\\", "\\/")  # markup is only the backslash: the character is the text


def _yaml_values(source: str, offset: int) -> tuple[object, list[Value]]:
    import yaml

    # libyaml's marks count code points as PyYAML's do; each span is checked against its node
    # all the same, and on any doubt the pure-Python loader reads the text again.
    loaders = [yaml.SafeLoader]
    if hasattr(yaml, "CSafeLoader"):
        loaders.insert(0, yaml.CSafeLoader)
    for loader_class in loaders:
        loader = loader_class(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
        values: list[Value] = []
        try:
            if node is not None:
                _walk_yaml(node, (), source, offset, values, set())
        except _Unsure:
            continue
        return data, values
    return data, []


def _escape_markup(escapes: re.Pattern, s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The escapes in s[a:b], as spans that are not prose: of ``\\"``, ``\\\\`` and ``\\/`` only the
    backslash (the character is the text), of the others (``\\n``, ``\\u00e9``) all of it."""
    return [(m.start(), m.start() + 1) if m.group() in _TEXT_ESCAPES else m.span() for m in escapes.finditer(s, a, b)]


class _Unsure(Exception):
    """A located span that does not fit its value: locate nothing rather than guess."""


def _walk_yaml(node, path: tuple[str, ...], source: str, offset: int, out: list[Value], seen: set[int]) -> None:
    import yaml

    if id(node) in seen:  # an alias: its value is where its anchor is, and was seen there
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _walk_yaml(value, (*path, key.value), source, offset, out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk_yaml(item, path, source, offset, out, seen)
    elif node.tag == "tag:yaml.org,2002:str" and path:
        a, b, markup = _yaml_span(node, source)
        out.append(Value(".".join(path), a + offset, b + offset, [(x + offset, y + offset) for x, y in markup]))


def _words(s: str) -> list[str]:
    return s.split()


def _yaml_span(node, source: str) -> tuple[int, int, list[tuple[int, int]]]:
    a, b = node.start_mark.index, node.end_mark.index
    style = node.style
    if style in ("|", ">"):
        header_end = source.find("\n", a, b)
        if source[a] != style or header_end < 0:
            raise _Unsure(node)
        a = header_end + 1
        while a < b and source[a].isspace():
            a += 1
        while b > a and source[b - 1].isspace():
            b -= 1
        if _words(source[a:b]) != _words(node.value):
            raise _Unsure(node)
        return a, b, []
    if style in ('"', "'"):
        if b - a < 2 or source[a] != style or source[b - 1] != style:
            raise _Unsure(node)
        a, b = a + 1, b - 1
        if style == "'":
            return a, b, [(m.start(), m.start() + 1) for m in _DOUBLED_QUOTE.finditer(source, a, b)]
        return a, b, _escape_markup(_YAML_ESCAPE, source, a, b)
    if _words(source[a:b]) != _words(node.value):
        raise _Unsure(node)
    return a, b, []


# ---- JSON: the json module's own string scanner gives each string's end --------------------------
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|.)")
_DECODER = json.JSONDecoder()


def _json_values(text: str) -> tuple[object, int, list[Value]]:
    """(the object, where it ends, its string values); ValueError when it is not JSON."""
    data, end = _DECODER.raw_decode(text, 0)
    values: list[Value] = []
    if isinstance(data, dict):
        _walk_json(text, 0, (), values)
    return data, end, values


def _walk_json(s: str, i: int, path: tuple[str, ...], out: list[Value]) -> int:
    """Read the JSON value at s[i] (the decoder has checked it is valid); return its end."""
    i = _JSON_SPACE.match(s, i).end()
    if s[i] == "{":
        i = _JSON_SPACE.match(s, i + 1).end()
        while s[i] != "}":
            key, i = json.decoder.scanstring(s, i + 1)
            i = _JSON_SPACE.match(s, i).end() + 1  # the ":"
            i = _JSON_SPACE.match(s, _walk_json(s, i, (*path, key), out)).end()
            if s[i] == ",":
                i = _JSON_SPACE.match(s, i + 1).end()
        return i + 1
    if s[i] == "[":
        i = _JSON_SPACE.match(s, i + 1).end()
        while s[i] != "]":
            i = _JSON_SPACE.match(s, _walk_json(s, i, path, out)).end()
            if s[i] == ",":
                i = _JSON_SPACE.match(s, i + 1).end()
        return i + 1
    if s[i] == '"':
        _, end = json.decoder.scanstring(s, i + 1)
        if path:
            out.append(Value(".".join(path), i + 1, end - 1, _escape_markup(_JSON_ESCAPE, s, i + 1, end - 1)))
        return end
    return _DECODER.raw_decode(s, i)[1]


# ---- TOML: tomllib reads it; a small scanner finds the strings, checked against tomllib ----------
_TOML_SPACE = re.compile(r"(?:[ \t\n]|#[^\n]*)*")
_TOML_INLINE_SPACE = re.compile(r"[ \t]*")
_TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_SCALAR = re.compile(r"[^,\]}\n#]*")
_TOML_BASIC_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[ \t]*\n[ \t\n]*|.)")


class _TomlUnsure(Exception):
    """The scanner met something it does not read: no value is located."""


def _toml_values(source: str, offset: int) -> tuple[dict, list[Value]]:
    import tomllib

    data = tomllib.loads(source)
    scanner = _TomlScanner(source)
    try:
        scanner.document()
    except (_TomlUnsure, IndexError):
        return data, []
    found = sorted((v.key, decoded) for v, decoded in scanner.strings)
    if found != sorted(_toml_strings(data, ())):
        return data, []  # the scanner and tomllib disagree: locate nothing rather than guess
    return data, [Value(v.key, v.start + offset, v.end + offset, [(a + offset, b + offset) for a, b in v.markup])
                  for v, _ in scanner.strings]


def _toml_strings(data, path: tuple[str, ...]):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _toml_strings(value, (*path, key))
    elif isinstance(data, list):
        for item in data:
            yield from _toml_strings(item, path)
    elif isinstance(data, str):
        yield ".".join(path), data


class _TomlScanner:
    """Finds every string of a TOML document (tomllib has checked it is valid) with its key."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.i = 0
        self.strings: list[tuple[Value, str]] = []

    def document(self) -> None:
        s, table = self.s, ()
        while True:
            self.i = _TOML_SPACE.match(s, self.i).end()
            if self.i >= len(s):
                return
            if s.startswith("[[", self.i):
                self.i += 2
                table = self.key()
                self.expect("]]")
            elif s[self.i] == "[":
                self.i += 1
                table = self.key()
                self.expect("]")
            else:
                self.pair(table)

    def expect(self, token: str) -> None:
        self.i = _TOML_INLINE_SPACE.match(self.s, self.i).end()
        if not self.s.startswith(token, self.i):
            raise _TomlUnsure(token)
        self.i += len(token)

    def key(self) -> tuple[str, ...]:
        parts = []
        while True:
            self.i = _TOML_INLINE_SPACE.match(self.s, self.i).end()
            quote = self.s[self.i]
            if quote in "\"'":
                start = self.i
                self.string_end(quote)
                parts.append(_decode_toml(self.s[start : self.i]))
            else:
                m = _TOML_BARE_KEY.match(self.s, self.i)
                if not m:
                    raise _TomlUnsure("key")
                parts.append(m.group())
                self.i = m.end()
            self.i = _TOML_INLINE_SPACE.match(self.s, self.i).end()
            if self.s[self.i] != ".":
                return tuple(parts)
            self.i += 1

    def pair(self, table: tuple[str, ...]) -> None:
        key = self.key()
        self.expect("=")
        self.i = _TOML_INLINE_SPACE.match(self.s, self.i).end()
        self.value((*table, *key))

    def value(self, path: tuple[str, ...]) -> None:
        s = self.s
        c = s[self.i]
        if c in "\"'":
            start = self.i
            delimiter = 3 if s.startswith(c * 3, start) else 1
            self.string_end(c)
            raw = s[start : self.i]
            a, b = start + delimiter, self.i - delimiter
            if delimiter == 3 and s[a] == "\n":
                a += 1  # a newline right after the opening quotes is not part of the string
            markup = _escape_markup(_TOML_BASIC_ESCAPE, s, a, b) if c == '"' else []
            self.strings.append((Value(".".join(path), a, b, markup), _decode_toml(raw)))
        elif c == "[":  # an array: newlines and comments may come between its items
            self.items("]", _TOML_SPACE, lambda: self.value(path))
        elif c == "{":  # an inline table: on one line
            self.items("}", _TOML_INLINE_SPACE, lambda: self.pair(path))
        else:  # a number, date or boolean
            self.i = _TOML_SCALAR.match(s, self.i).end()

    def items(self, close: str, space: re.Pattern, read_item) -> None:
        """Move past the comma-separated items from the opening bracket at self.i to ``close``."""
        self.i += 1
        while True:
            self.i = space.match(self.s, self.i).end()
            if self.s[self.i] == close:
                break
            read_item()
            self.i = space.match(self.s, self.i).end()
            if self.s[self.i] == ",":
                self.i += 1
        self.i += 1

    def string_end(self, quote: str) -> None:
        """Move past the string starting at self.i."""
        s, i = self.s, self.i
        if s.startswith(quote * 3, i):
            end = s.find(quote * 3, i + 3)
            while quote == '"' and end > 0 and _escaped(s, end):
                end = s.find(quote * 3, end + 1)
            if end < 0:
                raise _TomlUnsure("string")
            end += 3
            for _ in range(2):  # one or two more quotes are the content's last characters
                if end < len(s) and s[end] == quote:
                    end += 1
            self.i = end
            return
        j = i + 1
        while True:
            j = s.find(quote, j)
            if j < 0 or "\n" in s[i:j]:
                raise _TomlUnsure("string")
            if quote == "'" or not _escaped(s, j):
                self.i = j + 1
                return
            j += 1


def _escaped(s: str, i: int) -> bool:
    """Is s[i] preceded by an odd number of backslashes?"""
    n = 0
    while i - n - 1 >= 0 and s[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _decode_toml(raw: str) -> str:
    import tomllib

    return tomllib.loads(f"x = {raw}")["x"]
