"""What building the packaged rules computes, kept between runs (``.artlint_cache/rules.json``).

Building the packaged rules' checks was most of a one-article run (pre-commit): parsing 55 rule
files, analysing the many-pattern rules (``checks._alternation``) and compiling the regexes a
document reaches. All of that is a pure function of its inputs, so it is computed once and kept:

- each packaged rule file's parsed YAML, by its name;
- each analysis (``Alternation``: what each alternative can start with), by its alternatives;
- each compiled regex as ``re``'s compiler leaves it (the code ``_sre`` runs, its group names),
  by its pattern and flags. A pickled ``re.Pattern`` is compiled again when it is loaded, so
  what is kept is the compiler's output, handed back to ``_sre.compile``, which checks it.

The file as a whole is keyed by a hash of artlint's version and source files, of the Python
that compiled the regexes, and of the packaged rule files' bytes: any change to them starts it
afresh (an edited rule is built again on the next run). Each entry is keyed by its own inputs,
so no setting of a config can make one wrong, and a user's rules (compiled with a time limit,
by the ``regex`` module) are never kept. It is JSON, never pickle: a file in a project folder
must not run code when it is read.

Like the other caches it can never stop or falsify a run: ``--no-cache`` (or ``cache =
false``) neither reads nor writes it; a damaged file (bad checksum, not JSON) is ignored and
written again, an unusable one (unreadable, read-only folder) bypassed, each with one warning.
Entries are looked up in memory; new ones are written at the end of a run, merged with what
another process may have written meanwhile.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import sys
import warnings
from pathlib import Path
from typing import Any, Callable

from artlint.hashing import blake2b

FILE_NAME = "rules.json"
FORMAT = 3  # 3: the file's checksum is a CRC-32 (2 had BLAKE2b's)
_MAX_BYTES = 64 * 1024 * 1024  # past this, start again from empty (the packaged rules need ~2 MB)

try:  # re's compiler, whose output is kept; any surprise means plain re.compile
    import _sre
    from re import _compiler as _sre_compiler
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - other Pythons
    _sre = None


def _digest(*parts: str) -> str:
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _python_stamp() -> str:
    """The Python whose compiler output is kept: its version and its regex engine's."""
    magic = getattr(_sre, "MAGIC", None) if _sre is not None else None
    return f"{sys.version}|{sys.implementation.cache_tag}|{magic}|{getattr(_sre, 'CODESIZE', None)}"


def stamp(rule_files: list[Path]) -> str:
    """The key of the whole file: artlint's version and sources, Python, the packaged rules
    (their bytes' hash, read afresh, which the result cache's key takes too: each file is hashed
    once)."""
    from artlint.result_cache import _artlint_stamp, _rule_file_hashes, content_hash

    parts = [f"format {FORMAT}", _artlint_stamp(), _python_stamp()]
    for path in rule_files:
        try:
            hashed = _rule_file_hashes[str(path)] = content_hash(path.read_bytes())
        except OSError:
            hashed = "unreadable"
        parts.append(f"{path.name}:{hashed}")
    return _digest(*parts)


def _checksum(payload: bytes) -> bytes:
    """The first line of the file: what tells a damaged file (a flipped bit, a torn write) from
    a whole one. A CRC-32, not a cryptographic hash: nothing can be trusted by a checksum stored
    beside the data anyway (the entries' keys are what says an entry was built from these very
    inputs), and BLAKE2b over the 1 MB file was 4% of a one-article run."""
    return b"crc32 %08x" % binascii.crc32(payload)


class RuleCache:
    """The entries of one cache file: read once when opened, written by ``flush``. ``warn``
    prints one line (a damaged or unusable file); at most one per run."""

    def __init__(self, folder: Path, key: str, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(folder) / FILE_NAME
        self.key = key
        self._warn = warn or _warn_on_stderr
        self._warned = False
        self.usable = True
        self.hits = 0  # entries served (tests/test_rule_cache.py)
        self.entries: dict[str, Any] = {}
        self._added: dict[str, Any] = {}
        self.entries = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            if self.path.is_dir():
                self._say(f"the rule cache {self.path} was damaged (a folder is in its place); building the rules "
                          f"without it")
                self.usable = False
                return {}
            self._unusable(exc)
            return {}
        entries = _decoded(data, self.key)
        if entries is None:
            self._say(f"the rule cache {self.path} was damaged (it does not verify); building the rules afresh")
            return {}
        return entries

    def get(self, key: str) -> Any:
        found = self.entries.get(key)
        self.hits += found is not None
        return found

    def put(self, key: str, value: Any) -> None:
        if self.usable:
            self.entries[key] = value
            self._added[key] = value

    @property
    def dirty(self) -> bool:
        return bool(self._added)

    def flush(self) -> None:
        """Write the entries added since the last flush, with what the file holds by now."""
        if not self._added or not self.usable:
            return
        try:
            on_disk = _decoded(self.path.read_bytes(), self.key) or {}
        except OSError:
            on_disk = {}
        merged = {**on_disk, **self.entries}
        payload = self._payload(merged)
        if len(payload) > _MAX_BYTES:  # what other runs added is dropped, not this run's
            merged = dict(self.entries)
            payload = self._payload(merged)
        data = _checksum(payload) + b"\n" + payload
        try:
            _write_atomic(self.path, data)
        except OSError as exc:
            self._unusable(exc)
            return
        self.entries = merged
        self._added = {}

    def _payload(self, entries: dict[str, Any]) -> bytes:
        stored = {"format": FORMAT, "key": self.key, "entries": entries}
        # ASCII (\u escapes): decoding it costs nothing, while UTF-8 with a lone surrogate (in a kept
        # regex) went the slow way for the whole file, milliseconds of every run
        return json.dumps(stored, ensure_ascii=True, separators=(",", ":")).encode("ascii")

    def _unusable(self, exc: OSError) -> None:
        from artlint.sqlite_store import UNUSABLE_FOLDERS

        self.usable = False
        if self.path.parent in UNUSABLE_FOLDERS:  # the result cache said so already: one warning
            return
        self._say(f"cannot use the rule cache {self.path} ({exc.strerror or exc}); running without it")

    def _say(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(message)


def _decoded(data: bytes, key: str) -> dict[str, Any] | None:
    """The entries of a file's bytes: {} when they were built for another key, None when the
    bytes do not verify (damaged)."""
    head, sep, payload = data.partition(b"\n")
    if sep and len(head) == 32 and not head.startswith(b"crc32 "):  # format 2 (BLAKE2b): another version's
        return {}
    if not sep or _checksum(payload) != head:
        return None
    try:
        stored = json.loads(payload.decode("utf-8", "surrogatepass"))
    except ValueError:
        return None
    if not isinstance(stored, dict) or not isinstance(stored.get("entries"), dict):
        return None
    if stored.get("format") != FORMAT or stored.get("key") != key:
        return {}  # another version of artlint, Python or the rules: built afresh
    return stored["entries"]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename over it: a reader sees the old file or the new, whole."""
    from artlint.sqlite_store import make_cache_folder

    make_cache_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask's permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sweep_temporary(path)


def _sweep_temporary(path: Path) -> None:
    """Remove what a run killed while writing left beside ``path`` (older than a minute)."""
    import time

    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - leftover.stat().st_mtime > 60:
                leftover.unlink()
        except OSError:
            pass


def clear(folder: Path) -> bool:
    """Remove the rule cache in ``folder`` (``artlint cache clear``); False when there was none."""
    path = Path(folder) / FILE_NAME
    if not path.is_file():
        return False
    path.unlink()
    deactivate()
    return True


def _warn_on_stderr(message: str) -> None:
    sys.stderr.write(f"artlint: warning: {message}\n")
    sys.stderr.flush()


# -- the cache in use in this process -----------------------------------------------------------

_ACTIVE: list[RuleCache] = []  # at most one: the cache folder of the run's first config that has one


def activate(folder: Path, rule_files: list[Path], warn: Callable[[str], None] | None = None) -> RuleCache:
    """Use the rule cache in ``folder`` for what this process builds from now on."""
    key = stamp(rule_files)
    if _ACTIVE and (_ACTIVE[0].path.parent, _ACTIVE[0].key) == (Path(folder), key):
        return _ACTIVE[0]
    # Another project (a test's, an editor's other folder): what was not flushed yet is dropped,
    # as that folder may be gone by now (each run flushes as it ends).
    _ACTIVE[:] = [RuleCache(folder, key, warn)]
    _LATER.clear()
    _made.clear()
    _prime(_ACTIVE[0])
    return _ACTIVE[0]


def deactivate() -> None:
    """Stop using the rule cache (a run with ``--no-cache`` after another run in the same
    process, such as a test's)."""
    _ACTIVE.clear()
    _LATER.clear()
    _made.clear()


def active() -> RuleCache | None:
    return _ACTIVE[0] if _ACTIVE else None


# What objects built from the cache keep adding to as documents are linted (the tables of
# ``checks._alternation``), written by ``flush(final=True)``: (entry key, a weak reference to a
# function giving the value to write or None).
_LATER: list[tuple[str, Any]] = []


def keep_at_exit(kind: str, inputs: list, value: Callable[[], Any], digest: str | None = None) -> None:
    """Have ``value()`` written under (kind, inputs) at the end of the run, unless it says None.
    ``value`` is a bound method, held weakly. ``digest``: ``inputs_digest(inputs)``, if known."""
    import weakref

    if active() is not None:
        _LATER.append((entry_key(kind, inputs, digest), weakref.WeakMethod(value)))


def flush(final: bool = False) -> None:
    """Write what was added. ``final``: the end of the run in the process that started it, where
    what ``keep_at_exit`` asked for is written too (a pool's workers flush without it)."""
    if not _ACTIVE:
        return
    if final:
        _keep_module_regexes(_ACTIVE[0])
        for key, ref in _LATER:
            value = ref()
            value = value() if value is not None else None
            if value is not None:
                _ACTIVE[0].put(key, value)
        _LATER[:] = [(key, ref) for key, ref in _LATER if ref() is not None]
    _ACTIVE[0].flush()


def inputs_digest(inputs: list) -> str:
    """The hash of an entry's inputs: an object that looks itself up under several kinds (an
    alternation's analysis and its table) hashes its inputs, which may be long, once."""
    return _digest(json.dumps(inputs, ensure_ascii=False, default=str))


def entry_key(kind: str, inputs: list, digest: str | None = None) -> str:
    return f"{kind}:" + (digest if digest is not None else inputs_digest(inputs))


def lookup(kind: str, inputs: list, digest: str | None = None) -> Any:
    """What was kept under (kind, inputs), or None (``digest``: ``inputs_digest(inputs)``, if known)."""
    cache = active()
    return cache.get(entry_key(kind, inputs, digest)) if cache is not None else None


def recall(kind: str, inputs: list, compute: Callable[[], Any], encode: Callable[[Any], Any] = lambda v: v,
           decode: Callable[[Any], Any] = lambda v: v, digest: str | None = None) -> Any:
    """``compute()``, or what it gave before for these inputs (kept in JSON by ``encode``,
    which may say None: not kept; ``digest``: ``inputs_digest(inputs)``, if known)."""
    cache = active()
    if cache is None:
        return compute()
    key = entry_key(kind, inputs, digest)
    stored = cache.get(key)
    if stored is not None:
        try:
            return decode(stored)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            pass  # not what this version writes: computed again
    value = compute()
    encoded = encode(value)
    if encoded is not None:
        cache.put(key, encoded)
    return value


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the compiler output kept in the rule cache if any."""
    cache = active()
    if cache is None or _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    made = _made.get((pattern, flags))
    if made is not None and made[0] is cache:  # (a compiled pattern is immutable: shared)
        return made[1]
    compiled = _compile_regex(cache, pattern, flags)
    if len(_made) >= _MAX_MADE:
        _made.clear()
    _made[pattern, flags] = (cache, compiled)
    return compiled


# The patterns compile_regex gave in this process, by (pattern, flags), with the cache they came
# from: two objects built from one rule (or a pattern's methods looked up one by one) decode and
# compile its code once.
_made: dict[tuple[str, int], tuple[RuleCache, re.Pattern]] = {}
_MAX_MADE = 2000


def _compile_regex(cache: RuleCache, pattern: str, flags: int) -> re.Pattern:
    key = "sre:" + _digest(str(flags), pattern)
    stored = cache.get(key)
    if stored is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = stored
            return _sre.compile(pattern, final_flags, _code_list(code), groups, groupindex, tuple(indexgroup))
        except (TypeError, ValueError, RuntimeError, OverflowError, binascii.Error):
            pass  # not code this Python accepts: compiled again
    try:
        final_flags, code, groups, groupindex, indexgroup = _compiled_parts(pattern, flags)
        compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # pragma: no cover - a compiler that works otherwise: the public way
        return re.compile(pattern, flags)
    cache.put(key, [final_flags, _code_text(code), groups, groupindex, indexgroup])
    return compiled


def _compiled_parts(pattern: str, flags: int) -> tuple[int, list[int], int, dict, list]:
    """What ``re``'s compiler hands ``_sre.compile`` for a pattern (as ``re._compiler.compile``
    does): the final flags, the code, the number of groups less one, the group names both ways."""
    parsed = _sre_parser.parse(pattern, flags)
    code = _sre_compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, indexgroup


# -- the regexes that modules compile with re.compile ---------------------------------------------
#
# The document parser (artlint's and mistune's) and the checks compile about 200 regexes as their
# modules are imported or first used, through ``re.compile``, which keeps each in ``re``'s own
# cache of compiled patterns for the rest of the process. Those modules are imported once the rule
# cache is open (``pipeline.workspace``), so ``activate`` first puts the patterns that earlier runs
# compiled into ``re``'s cache, rebuilt from the kept compiler output: ``re.compile`` then finds
# them there instead of compiling them. At the end of a run, the patterns compiled since the cache
# was opened are kept for the next run (not a user's regex: ``never_keep``), at most
# ``_MAX_MODULE_REGEXES`` of them (patterns a check built from a document's text must not grow the
# file without end).

_MODULE_KIND = "re"
_MAX_MODULE_REGEXES = 1000
_MAX_MODULE_PATTERN = 20_000  # characters
_before_prime: set = set()  # re's cache keys already there when the cache was opened
_never_kept: set = set()  # re's cache keys of users' regexes (checks._regex validates them with re)


def never_keep(pattern: str, flags: int) -> None:
    """A user's regex that ``re.compile`` saw: not kept (only artlint's own code is)."""
    _never_kept.add((type(pattern), pattern, int(flags)))


def _re_cache() -> dict | None:
    """``re``'s cache of compiled patterns, keyed by (type, pattern, flags), if this Python's
    re keeps one that way (CPython 3.11 to 3.13)."""
    cache = getattr(re, "_cache", None)
    return cache if _sre is not None and isinstance(cache, dict) else None


def _prime(cache: RuleCache) -> None:
    """Put the kept module regexes into ``re``'s cache (each as ``re.compile`` would build it)."""
    compiled = _re_cache()
    _before_prime.clear()
    if compiled is None:
        return
    _before_prime.update(compiled)
    for key, stored in cache.entries.items():
        if not key.startswith(_MODULE_KIND + ":"):
            continue
        try:
            kind, text, flags, final_flags, code, groups, groupindex, indexgroup = stored
            pattern = text.encode("latin-1") if kind == "b" else text
            if (type(pattern), pattern, flags) in compiled:
                continue
            compiled[type(pattern), pattern, flags] = _sre.compile(pattern, final_flags, _code_list(code), groups,
                                                                   groupindex, tuple(indexgroup))
        except (TypeError, ValueError, RuntimeError, OverflowError, binascii.Error):
            continue  # not what this version writes, or code this Python refuses: compiled by re as usual


def _keep_module_regexes(cache: RuleCache) -> None:
    """Keep the patterns ``re.compile`` compiled since the cache was opened (``_prime``)."""
    compiled = _re_cache()
    if compiled is None or not cache.usable:
        return
    kept = sum(1 for key in cache.entries if key.startswith(_MODULE_KIND + ":"))
    for key in list(compiled):
        if kept >= _MAX_MODULE_REGEXES:
            return
        kind, pattern, flags = key if isinstance(key, tuple) and len(key) == 3 else (None, None, None)
        if kind not in (str, bytes) or type(pattern) is not kind or type(flags) is not int:
            continue
        if key in _before_prime or key in _never_kept:
            continue
        if len(pattern) > _MAX_MODULE_PATTERN:
            continue
        text = pattern.decode("latin-1") if kind is bytes else pattern
        entry = _MODULE_KIND + ":" + _digest(kind.__name__, str(flags), text)
        if entry in cache.entries:
            continue
        try:
            with warnings.catch_warnings():  # re warned once already, when it compiled the pattern
                warnings.simplefilter("ignore")
                final_flags, code, groups, groupindex, indexgroup = _compiled_parts(pattern, flags)
        except Exception:  # noqa: BLE001 - whatever re makes of it, nothing is kept
            continue
        cache.put(entry, ["b" if kind is bytes else "s", text, flags, final_flags, _code_text(code), groups,
                          groupindex, indexgroup])
        kept += 1


def _code_text(code: list[int]) -> str | list[int]:
    """re's code as base64 of its machine words: JSON reads one string much faster than a list
    of thousands of numbers."""
    from array import array

    words = array("I")
    if words.itemsize != getattr(_sre, "CODESIZE", None):
        return [int(c) for c in code]
    words.extend(code)
    return base64.b64encode(words.tobytes()).decode("ascii")


def _code_list(text: str | list[int]) -> list[int]:
    if isinstance(text, list):
        return text
    from array import array

    words = array("I")
    words.frombytes(base64.b64decode(text.encode("ascii"), validate=True))
    return words.tolist()
