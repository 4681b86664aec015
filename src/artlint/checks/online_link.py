"""Online link verdicts (``--check-links``): report what ``artlint.links`` found for each link.

Offline this check finds nothing: the online phase of ``artlint check --check-links`` fetches
every external link once per run, then runs the rules of this type over each document with
``doc.online_link_results`` set to one ``LinkOutcome`` per link (span of the URL, verdict,
message fields, fix). Going through the ordinary rule machinery means these rules are listed,
documented, selected, ignored, re-graded and suppressed like every other rule.

``verdict``: ``dead`` (404/410, host not found), ``unverified`` (timeouts, errors, sites that
block bots), ``redirected`` (a permanent redirect; the fix is the new address) or
``missing-anchor`` (the page has no such ``#fragment``; only with ``check-fragments``).
"""

from __future__ import annotations

from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document


class Check:
    name = "online-link"
    online = True  # needs the network: its rule examples are tested by tests/test_links_rules.py
    fix_safety = "unsafe"  # redirected-link: the fix changes where the link goes

    def __init__(self, options: dict) -> None:
        self.verdict = options["verdict"]
        self.fixable = self.verdict == "redirected"

    def run(self, doc: Document) -> Iterator[Finding]:
        for outcome in getattr(doc, "online_link_results", ()):
            if outcome.verdict == self.verdict:
                yield Finding(outcome.start, outcome.end, args=dict(outcome.args), fix=outcome.fix)
