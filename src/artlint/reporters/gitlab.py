"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``), the
Code Climate subset GitLab reads: a JSON array of issues with ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (``path``, ``lines.begin``).

The fingerprint is the one baselines use (rule and matched text, counted among identical ones;
not the line number) hashed with the path, so GitLab sees a finding as unchanged when lines move
above it or its line is edited elsewhere."""

from __future__ import annotations

import hashlib
import json

from artlint.baseline import fingerprints
from artlint.reporters import FileResult, Reporter

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabReporter(Reporter):
    def write_all(self, results: list[FileResult], files_checked: int) -> None:
        document_rules = {r.id for r in self.rules if r.document_level}
        issues = []
        for result in results:
            prints = fingerprints(result.diagnostics, result.lines, document_rules)
            for d, fp in zip(result.diagnostics, prints):
                digest = hashlib.md5(f"{d.path}\0{d.rule}\0{fp}".encode("utf-8"), usedforsecurity=False)
                issues.append({
                    "type": "issue",
                    "description": d.message,
                    "check_name": d.rule,
                    "fingerprint": digest.hexdigest(),
                    "severity": SEVERITIES[d.severity],
                    "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
                })
        self.out.write(json.dumps(issues, ensure_ascii=False, indent=2))
        self.out.write("\n")
