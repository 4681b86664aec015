"""``--format sarif``: one SARIF 2.1.0 log (GitHub code scanning, Azure DevOps, IDE viewers).

The rules that ran are listed in ``tool.driver.rules`` with their description and their whole
help text (examples and options too); a ``helpUri`` only when the config's ``docs-url`` says
where the rule reference is published; each result points at its rule by id and index, carries its
region (1-based lines and columns counted in Unicode code points, ``columnKind``
``unicodeCodePoints``, the end column exclusive as SARIF defines it), a stable
``partialFingerprints`` entry (the same fingerprint baselines use) and, when the finding has an
automatic fix, a ``fixes`` entry that replaces the region."""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from artlint import __version__
from artlint.baseline import fingerprints
from artlint.diagnostics import Diagnostic
from artlint.reporters import FileResult, Reporter

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"

_SYNTHETIC = {  # diagnostics the command itself emits, with no rule file behind them
    "unreadable-file": "The file could not be read: missing, not UTF-8, or binary.",
}


def _artifact(path: str) -> dict:
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _region(d: Diagnostic, snippet: bool = True) -> dict:
    region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
    if snippet and d.match:
        region["snippet"] = {"text": d.match}
    return region


def _fix(d: Diagnostic) -> dict:
    if d.fix == "":
        what = f"Delete {d.match!r}"
    else:
        what = f"Replace {d.match!r} with {d.fix!r}"
    return {
        "description": {"text": what},
        "artifactChanges": [{
            "artifactLocation": _artifact(d.path),
            "replacements": [{"deletedRegion": _region(d, snippet=False), "insertedContent": {"text": d.fix}}],
        }],
    }


def rule_descriptor(rule) -> dict:
    from artlint.docs import rule_markdown, rule_summary, rule_text, rule_url

    url = rule_url(rule)
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule_summary(rule)},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule_text(rule), "markdown": rule_markdown(rule, level=1)},
        **({"helpUri": url} if url else {}),
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"category": rule.category, "tags": [rule.category], "fixable": rule.fixable,
                       **({"fixSafety": rule.fix_safety} if rule.fixable else {})},
    }


class SarifReporter(Reporter):
    def write_all(self, results: list[FileResult], files_checked: int) -> None:
        descriptors: list[dict] = []
        index: dict[str, int] = {}
        for rule in sorted(self.rules, key=lambda r: r.id):
            if rule.id not in index:
                index[rule.id] = len(descriptors)
                descriptors.append(rule_descriptor(rule))
        document_rules = {r.id for r in self.rules if r.document_level}
        out_results = []
        for result in results:
            prints = fingerprints(result.diagnostics, result.lines, document_rules)
            for d, fp in zip(result.diagnostics, prints):
                if d.rule not in index:
                    index[d.rule] = len(descriptors)
                    text = _SYNTHETIC.get(d.rule, d.rule)
                    descriptors.append({"id": d.rule, "name": d.rule, "shortDescription": {"text": text},
                                        "properties": {"category": d.category, "tags": [d.category]}})
                item = {
                    "ruleId": d.rule,
                    "ruleIndex": index[d.rule],
                    "level": LEVELS[d.severity],
                    "message": {"text": d.message},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact(d.path),
                                                        "region": _region(d)}}],
                    "partialFingerprints": {"artlint/v2": fp},
                    "properties": {"category": d.category},
                }
                if d.fix is not None:
                    item["fixes"] = [_fix(d)]
                out_results.append(item)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "artlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": descriptors,
                }},
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": out_results,
            }],
        }
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2))
        self.out.write("\n")
