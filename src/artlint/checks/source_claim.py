"""Does the source say so? (``--verify-sources``): report what ``artlint.verify`` found for
each figure that cites a web source.

Offline this check finds nothing: the verification phase of ``artlint check --verify-sources``
reads every cited source once per run, then runs the rules of this type over each document with
``doc.source_claim_results`` set to one ``verify.runner.ClaimOutcome`` per figure. ``verdict``:
``supported`` (the source states the figure: the passage is the evidence),
``figure-not-in-source`` (the source is readable and does not state it) or
``source-unreadable`` (a paywall, a page that needs JavaScript, a scanned PDF...).
"""

from __future__ import annotations

from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document


class Check:
    name = "source-claim"
    online = True  # needs the network: its examples are not run offline

    def __init__(self, options: dict) -> None:
        self.verdict = options["verdict"]

    def run(self, doc: Document) -> Iterator[Finding]:
        for outcome in getattr(doc, "source_claim_results", ()):
            if outcome.verdict == self.verdict:
                yield Finding(outcome.start, outcome.end, args=dict(outcome.args))
