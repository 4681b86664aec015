"""``artlint audit --verify-sources``: the figures of each article checked against the sources
they cite, before linting (``artlint.verify``), in the main process. Each article's verdicts
travel to the engine with it (``Source.extra``) and join its records like any finding."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from artlint.audit.inputs import Source
from artlint.audit.records import Linters, linter_of
from artlint.document import UnreadableFile, decode
from artlint.document.reader import read_bytes


class _Found:
    """What ``SourceVerification`` adds to: a file's name and its findings."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list = []


def verified(sources: list[Source], linters: Linters, *, allow_private: bool, no_cache: bool,
             say: Callable[[str], None]) -> list[Source]:
    """``sources``, each readable article with the verdicts on the figures it cites."""
    from artlint.verify.runner import SourceVerification

    verification = SourceVerification(True, allow_private, no_cache, err=sys.stderr)
    found: dict[int, _Found] = {}
    for i, source in enumerate(sources):
        text = _text(source, linters)
        if text is None:
            continue
        linter = linter_of(linters, source)
        file = Path(source.location) if source.kind == "path" else Path(source.path)
        found[i] = _Found(source.path)
        verification.add(found[i], text, file, linter.config, linter.rules_for(file), level=0, format=source.format)
    verification.check()
    line = verification.summary()
    if line:
        say(line)
    return [s._replace(extra=tuple(d.to_dict() for d in found[i].diagnostics)) if i in found and found[i].diagnostics
            else s for i, s in enumerate(sources)]


def _text(source: Source, linters: Linters) -> str | None:
    if source.kind == "page":
        return source.text
    if source.kind != "path":
        return None
    try:
        return decode(read_bytes(Path(source.location), linter_of(linters, source).config.max_file_size))
    except (UnreadableFile, MemoryError):
        return None  # the engine reports it
