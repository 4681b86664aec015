"""The server's settings, from ``initializationOptions`` (or ``workspace/didChangeConfiguration``,
either bare or under an ``"artlint"`` key, as VS Code sends them):

    {"debounce": 0.2, "checkLinks": "cache"}

``debounce``: seconds to wait after the last keystroke before linting (0 to 10; opening and
saving lint at once). ``checkLinks``: ``"cache"``, ``"on"`` or ``"off"`` (see ``links``)."""

from __future__ import annotations

import math
from dataclasses import replace

from artlint.records import dataclass
from .links import MODES

DEFAULT_DEBOUNCE = 0.2
MAX_DEBOUNCE = 10.0


@dataclass(frozen=True)
class Settings:
    debounce: float = DEFAULT_DEBOUNCE
    check_links: str = "cache"


def _debounce(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) if 0 <= value <= MAX_DEBOUNCE else None


def updated(current: Settings, given) -> tuple[Settings, list[str]]:
    """``current`` with what ``given`` sets, and one line for each value it cannot use."""
    if isinstance(given, dict) and isinstance(given.get("artlint"), dict):
        given = given["artlint"]
    if not isinstance(given, dict):
        return current, []
    problems: list[str] = []
    changes: dict = {}
    if "debounce" in given:
        seconds = _debounce(given["debounce"])
        if seconds is None:
            problems.append(f"debounce: {given['debounce']!r} is not a number of seconds from 0 to {MAX_DEBOUNCE:g}")
        else:
            changes["debounce"] = seconds
    if "checkLinks" in given:
        if given["checkLinks"] in MODES:
            changes["check_links"] = given["checkLinks"]
        else:
            problems.append(f"checkLinks: {given['checkLinks']!r} is not one of {', '.join(MODES)}")
    return replace(current, **changes), problems
