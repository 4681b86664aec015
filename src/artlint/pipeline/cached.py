"""The result-cache step of the lint step, the same for ``check`` (artlint.parallel) and
``audit``: a file's diagnostics are looked up by the hash of its bytes, its format and the
fingerprint of the rules that lint it (``artlint.result_cache``); what is linted is stored by
the hash of the bytes that were linted, so a file that changes meanwhile is never stored under
another content's key."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from artlint.config import Config
from artlint.diagnostics import Diagnostic
from artlint.document import format_for
from artlint.selection import rules_for_file


class Slot(NamedTuple):
    """Where a file's result goes in the cache, but for the hash of its bytes."""

    cache: object  # result_cache.ResultCache
    format: str
    rules_print: str
    file: Path  # a row that depends on other files is served only while their answers hold


def _producer(slot: Slot) -> str:
    """What a row says produced it: the format and the fingerprint of the rules."""
    return f"{slot.format}:{slot.rules_print}"


class CachedResults:
    """``cache_for(config)``: the config's result cache or None; ``linter_for(config)``: its Linter."""

    def __init__(self, cache_for: Callable[[Config], object | None], linter_for: Callable) -> None:
        self.cache_for = cache_for
        self.linter_for = linter_for
        self._prints: dict[tuple, str] = {}
        self._used: dict[int, object] = {}

    def slot(self, display: str, file: Path, config: Config) -> Slot | None:
        """The file's place in the cache, or None when its config keeps no cache."""
        from artlint.result_cache import fingerprint

        cache = self.cache_for(config)
        if cache is None:
            return None
        self._used[id(cache)] = cache
        rules = rules_for_file(self.linter_for(config).rules, config, file)
        key = (id(config), tuple(r.id for r in rules))
        if key not in self._prints:
            self._prints[key] = fingerprint(rules, config.language, config.front_matter_fields)
        return Slot(cache, format_for(display), self._prints[key], file)

    def get(self, slot: Slot, data: bytes, source: str, display: str) -> list[Diagnostic] | None:
        """The cached diagnostics of a file's bytes ``data`` (decoded: ``source``), or None: not
        there, a row that does not verify, or one whose matches are not the file's text (the
        file is then linted again, and its row replaced)."""
        from artlint.result_cache import content_hash, decoded, entry_key, spans_hold

        hit = slot.cache.get(entry_key(content_hash(data), slot.format, slot.rules_print), slot.file,
                             _producer(slot))
        diagnostics = None if hit is None else decoded(hit, display)
        if diagnostics is None or not spans_hold(diagnostics, source):
            return None
        return diagnostics

    def put(self, slot: Slot | None, digest: str, diagnostics: list[Diagnostic]) -> None:
        from artlint.result_cache import entry_key

        if slot is not None:  # (a rule stopped by its time limit is not kept: ResultCache.put)
            slot.cache.put(entry_key(digest, slot.format, slot.rules_print), diagnostics, _producer(slot))

    def flush(self) -> None:
        """Write what was linted (once, at the end of a run)."""
        for cache in self._used.values():
            cache.flush()
