"""Check types: the code a rule's ``check:`` names. One module per type.

A check type is a class with ``name``, a constructor taking the rule's validated ``options``
(it compiles what it needs once, raising ``OptionError`` for a bad value) and
``run(doc) -> Iterable[Finding]``. Its options are described by ``<module>.schema.json``
beside it, which the rule loader validates against.
"""

from __future__ import annotations

import importlib
import json
from functools import lru_cache

# check type name -> module in this package holding a class named ``Check``
CHECK_TYPES = {
    "pattern": "pattern",
    "substitution": "substitution",
    "spacing": "spacing",
    "bracket-placeholder": "bracket_placeholder",
    "template-placeholder": "template_placeholder",
    "angle-placeholder": "angle_placeholder",
    "link-parameter": "link_parameter",
    "link-syntax": "link_syntax",
    "link-target": "link_target",
    "missing-sources": "missing_sources",
    "source-entries": "source_entries",
    "source-identifiers": "identifiers",
    "footnotes": "footnotes",
    "statistic": "statistic",
    "empty-toc": "empty_toc",
    "page-chrome": "page_chrome",
    "competing-titles": "competing_titles",
    "empty-section": "empty_section",
    "keyword-stuffing": "keyword_stuffing",
    "vague-attribution": "vague_attribution",
    "online-link": "online_link",
    "source-claim": "source_claim",
    "suppression-comment": "suppression_comment",
}


# link-syntax defects whose fix writes the link the author meant
LINK_SYNTAX_FIXABLE = ("reversed", "spaced", "extra-bracket")


def check_traits(check: str, options: dict) -> dict:
    """What a check type's ``Check`` says of itself for these options (``name``, ``fixable``,
    ``fix_safety``, ``scope``, ``online``), known without importing its module or compiling its
    patterns: what listing and explaining rules need (tests/test_startup.py checks that this
    table and the built checks agree for every packaged rule)."""
    fixable = {
        "link-parameter": True, "spacing": True, "substitution": True,
        "link-syntax": options.get("defect") in LINK_SYNTAX_FIXABLE,
        "link-target": options.get("defect") == "scheme-typo",
        "online-link": options.get("verdict") == "redirected",
        "pattern": options.get("fix") is not None,
    }.get(check, False)
    unsafe = check in ("link-syntax", "link-target", "online-link")
    return {"name": check, "fixable": fixable, "fix_safety": "unsafe" if unsafe else "safe",
            "scope": "document" if check == "missing-sources" else "span",
            "online": check in ("online-link", "source-claim")}


class OptionError(ValueError):
    """A rule option that is well-typed but unusable (e.g. a regex that does not compile).

    ``path`` is the option's path inside ``options`` (e.g. ``["patterns", 2]``)."""

    def __init__(self, path: list, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


def check_class(name: str):
    module = importlib.import_module(f"artlint.checks.{CHECK_TYPES[name]}")
    return module.Check


@lru_cache(maxsize=None)
def options_schema(name: str) -> dict:
    from importlib import resources  # only to validate a user's rule

    text = resources.files("artlint.checks").joinpath(f"{CHECK_TYPES[name]}.schema.json").read_text("utf-8")
    return json.loads(text)
