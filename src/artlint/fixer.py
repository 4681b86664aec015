"""``--fix`` and ``--diff``: apply the fixes that diagnostics carry, and write files safely.

A diagnostic's ``fix`` replaces its span: (``line``, ``column``) to (``end_line``,
``end_column``), 1-based, in code points, into the file's own text. The fixes are applied to
that text, never to the engine's normalised copy, so CRLF line endings and a UTF-8 BOM stay as
they were. A fix is applied only when the text at its span is still exactly its ``match``;
of two fixes that overlap, the later one is skipped and the file is linted again, up to
``MAX_PASSES`` times, so overlapping fixes can never corrupt the text. Fixing fixed text
changes nothing.

Files are replaced by ``artlint.safe_write``: atomically (a temporary file in the same folder,
with the original's owner and permissions, renamed over it), never through a symbolic link out
of the linted paths, never over a read-only or hard-linked file, and never when the file's bytes
changed since they were read. On any failure the temporary file is removed and the original is
left as it was."""

from __future__ import annotations

import codecs
import re
from dataclasses import field
from typing import Callable, Sequence

from artlint.diagnostics import Diagnostic, SourceSpans
from artlint.records import dataclass

MAX_PASSES = 10

Lint = Callable[[str], list[Diagnostic]]
Allowed = Callable[[Diagnostic], bool]


@dataclass
class FixResult:
    text: str  # the fixed text (the source when nothing was fixed)
    applied: list[Diagnostic] = field(default_factory=list)  # each pass's diagnostics that were fixed
    remaining: list[Diagnostic] = field(default_factory=list)  # diagnostics of the fixed text
    passes: int = 0

    def changed(self, source: str) -> bool:
        return self.text != source


def apply_fixes(text: str, diagnostics: Sequence[Diagnostic],
                allowed: Allowed = lambda d: True) -> tuple[str, list[Diagnostic]]:
    """Apply every applicable, non-overlapping fix once: (new text, the diagnostics fixed)."""
    spans = SourceSpans(text)
    edits: list[tuple[int, int, str, Diagnostic]] = []
    for d in diagnostics:
        if d.fix is None or not allowed(d):
            continue
        found = spans.span(d)
        if found is None:
            continue  # positions that do not fit this text: never guess
        edits.append((*found, d.fix, d))
    edits.sort(key=lambda e: (e[0], e[1]))
    kept: list[tuple[int, int, str, Diagnostic]] = []
    applied: list[Diagnostic] = []
    for edit in edits:
        if kept:
            start, end, fix, _ = edit
            p_start, p_end, p_fix, _ = kept[-1]
            if (start, end, fix) == (p_start, p_end, p_fix):
                applied.append(edit[3])  # two rules asking for the same edit: made once
                continue
            if start < p_end or (start == p_start and (start == end or p_start == p_end)):
                continue  # overlaps (or ties with an insertion): left for the next pass
        kept.append(edit)
        applied.append(edit[3])
    if not kept:
        return text, []
    out, pos = [], 0
    for start, end, fix, _ in kept:
        out.append(text[pos:start])
        out.append(fix)
        pos = end
    out.append(text[pos:])
    return "".join(out), applied


def fix_text(source: str, lint: Lint, allowed: Allowed = lambda d: True,
             diagnostics: list[Diagnostic] | None = None, max_passes: int = MAX_PASSES) -> FixResult:
    """Fix, lint again, fix what is left, until nothing changes (at most ``max_passes``)."""
    diags = lint(source) if diagnostics is None else diagnostics
    result = FixResult(text=source, remaining=diags)
    seen = {source}
    for _ in range(max_passes):
        new, done = apply_fixes(result.text, diags, allowed)
        if not done or new in seen:  # nothing to do, or fixes that undo each other
            break
        seen.add(new)
        result.applied.extend(done)
        result.passes += 1
        result.text = new
        diags = lint(new)
        result.remaining = diags
    return result


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` as UTF-8, with a BOM when the original bytes had one."""
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def _physical_lines(text: str) -> list[str]:
    """Lines with their endings, split only at LF, CRLF and CR (as positions count them)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def unified_diff(old: str, new: str, name: str) -> str:
    """A ``diff -u`` of two texts, line endings kept, ``\\ No newline at end of file`` marked."""
    a, b = _physical_lines(old), _physical_lines(new)
    out = []
    import difflib  # only for --diff

    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
