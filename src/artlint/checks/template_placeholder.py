"""``{{link}}``, ``{{ source_url }}``, ``{{AUTHOR}}``: template variables nobody filled in.

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

    def run(self, doc: Document) -> Iterator[Finding]:
        for m in doc.scan(_EXPRESSION):
            expr = doc.text[m.start() : m.end()]
            if self.resolved and self.resolved.fullmatch(expr):
                continue
            yield Finding(m.start(), m.end(), args={"name": expr[2:-2].strip()})
