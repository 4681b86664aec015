"""YAML front matter: read for metadata (``lang``, ``title``), then kept out of prose."""

from __future__ import annotations

import re

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, int]:
    """Return (metadata, body_start). Unparseable front matter is still not prose."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    try:
        data = yaml.load(m.group(1) or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # noqa: BLE001 - not only YAMLError: "date: 2023-02-30" raises ValueError
        data = None
    return (data if isinstance(data, dict) else {}), m.end()
