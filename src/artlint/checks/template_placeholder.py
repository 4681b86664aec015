"""``{{link}}``, ``{{ source_url }}``, ``{{AUTHOR}}``: template variables nobody filled in, and
(with ``format_fields``) Python format fields such as ``{total_records:,}``.

Syntax that the site's generator resolves at build time (Hugo shortcodes, Liquid/Jinja objects
such as ``{{ site.baseurl }}`` or anything with a filter) is configured per engine and skipped.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks import OptionError
from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document

_EXPRESSION = re.compile(r"\{\{(?!\{)[^{}\n]{0,200}\}\}")
# "{total_records:,}", "{new_records_this_week}": a Python format field a report generator never
# filled. Only a snake_case name or one with a conversion or format spec, and never after a word,
# a backslash or a math sign ("x_{i}", "\\frac{a}{b}"), nor after a slash: a route's parameter
# ("/eth/v1/beacon/states/{state_id}/validators") is the API's syntax; kramdown's "{: .note}" and attribute
# lists ("{#id .class}") do not start with a name, and MDX expressions are not prose.
_FORMAT_FIELD = re.compile(
    r"\{(?<![\w\\$^_{/]\{)(?:[a-z][a-z0-9]++(?:_[a-z0-9]++)++(?:![rsa])?+(?::[-<>^=+ 0#,._%\w]{1,20}+)?+"
    r"|[a-z]\w*+(?:![rsa]|:[-<>^=+ 0#,._%\w]{1,20}+))\}(?!\})"
)


class Check:
    name = "template-placeholder"

    def __init__(self, options: dict) -> None:
        syntax = options.get("engine_syntax", {})
        patterns: list[str] = []
        for i, engine in enumerate(options.get("engines", [])):
            if engine not in syntax:
                raise OptionError(["engines", i], f"no engine_syntax for {engine!r} (known: {', '.join(sorted(syntax))})")
            patterns.extend(syntax[engine])
        for engine, regexes in syntax.items():
            compile_alternatives(regexes, "engine_syntax") if regexes else None
        self.resolved = compile_alternatives(patterns, "engine_syntax") if patterns else None
        self.format_fields = options.get("format_fields", False)

    def run(self, doc: Document) -> Iterator[Finding]:
        for m in doc.scan(_EXPRESSION):
            expr = doc.text[m.start() : m.end()]
            if self.resolved and self.resolved.fullmatch(expr):
                continue
            yield Finding(m.start(), m.end(), args={"name": expr[2:-2].strip()})
        if self.format_fields and "{" in doc.prose:
            for m in doc.scan(_FORMAT_FIELD):
                yield Finding(m.start(), m.end(), args={"name": m.group()[1:-1]})
