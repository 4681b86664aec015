"""Vague attribution: "experts say", "studies show", "it is widely believed" in a sentence that
names no source (no link, footnote marker, parenthetical citation, "according to" a name, or
named subject of a sourcing verb: "JOGMEC data show" is fine).

The phrases are data (the rule's ``phrases``, with ``{{vocabulary}}`` references); what counts
as naming a source is shared with the statistic check (``_attribution``).
"""

from __future__ import annotations

from typing import Iterator

from artlint.checks._attribution import Attribution, Scope, check_fragments, compile_list, list_scanner
from artlint.diagnostics import Finding
from artlint.document import Document


class Check:
    name = "vague-attribution"

    def __init__(self, options: dict) -> None:
        vocabulary = options.get("vocabulary", {})
        fragments = options.get("fragments", {})
        check_fragments(vocabulary, fragments)
        self.phrases = list_scanner(options["phrases"], "phrases", vocabulary, fragments)
        self.exceptions = compile_list(options.get("exceptions", []), "exceptions", vocabulary, fragments)
        self.scope = Scope(options, ("paragraph", "list_item"))
        self.attribution = Attribution(options.get("attribution", {}))

    def run(self, doc: Document) -> Iterator[Finding]:
        skipped, in_scope = self.scope.read(doc)
        sources = self.attribution.bind(doc, skipped)
        sentences = doc.sentences
        for i, sentence, masked in in_scope:
            offset = sentence.block.start
            for m in self.phrases(masked, sentence.start - offset, sentence.end - offset):
                if m.end() <= m.start():
                    continue
                if self.exceptions is not None and self.exceptions.fullmatch(m.group(0)):
                    continue
                if not sources.supports(sentences, i, next_sentence=False):
                    yield Finding(offset + m.start(), offset + m.end())
                break
