"""Check: run the selected rules over a parsed document and turn findings into diagnostics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from artlint.checks._regex import RegexTimeout, rule_deadline
from artlint.diagnostics import Diagnostic
from artlint.document import Document, UnreadableFile, parse_document, read_text
from artlint.file_probes import LintResult, answers_of
from artlint.ruleset import Rule
from artlint.suppressions import BUILTIN_NAMES, USE_KEY, SuppressionUse, Suppressions

_FIELD = re.compile(r"\{(\w+)\}")
READ_ERROR_RULE = "unreadable-file"
SUPPRESSION_CHECK = "suppression-comment"  # its rules report on the suppressions, after the others
TIMEOUT_RULE = "rule-timeout"  # a rule with user regexes ran past its time limit on a file


def format_message(template: str, fields: dict) -> str:
    return _FIELD.sub(lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), template)


class SourceMap:
    """Maps (line, column) back into the original text when line endings were normalised."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.identical = source == text
        if not self.identical:
            self.starts = [0]
            for m in re.finditer(r"\r\n|\r|\n", source):
                self.starts.append(m.end())

    def slice(self, doc: Document, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int], str]:
        a, b = doc.line_col(start), doc.line_col(end)
        if self.identical:
            return a, b, doc.text[start:end]
        s = self.starts[a[0] - 1] + a[1] - 1
        e = self.starts[b[0] - 1] + b[1] - 1
        return a, b, self.source[s:e]


def lint_document(doc: Document, rules: Iterable[Rule], source: str | None = None) -> list[Diagnostic]:
    """Run rules over a document; suppression comments are honoured. The rules of the
    suppression-comment check run last, on what the suppressions did. The list also says which
    other files the result depends on (``LintResult.file_probes``, for the result cache)."""
    srcmap = SourceMap(source if source is not None else doc.text, doc.text)
    suppress = Suppressions(doc) if doc.comments else None
    out: list[Diagnostic] = []
    ran: list[tuple[str, str]] = []
    last: list[Rule] = []
    rules = list(rules)
    for rule in rules:
        if not rule.applies_to(doc):
            continue
        if rule.check == SUPPRESSION_CHECK:
            last.append(rule)
        elif _run_rule(doc, rule, srcmap, suppress, out):
            ran.append((rule.id, rule.category))
    if last and suppress is not None:
        doc.shared[USE_KEY] = SuppressionUse(suppress, ran, known_names(rules))
        for rule in last:
            _run_rule(doc, rule, srcmap, suppress, out)
    out.sort(key=lambda d: d.sort_key)
    return LintResult(out, answers_of(doc))


def known_names(rules: list[Rule]) -> frozenset[str]:
    """Every name a suppression comment may use: the ids of all rules loaded with these (selected
    or not), their categories, and what the command itself reports."""
    ids = {r.id for r in rules}.union(*(r.ruleset_ids for r in rules))
    return frozenset(ids) | BUILTIN_NAMES


def _run_rule(doc: Document, rule: Rule, srcmap: SourceMap, suppress: Suppressions | None,
              out: list[Diagnostic]) -> bool:
    """Add one rule's unsuppressed findings to ``out``; False when it ran out of time."""
    findings = rule.run(doc)
    if getattr(rule, "timeout", None) is not None:  # user regexes: stopped after rule.timeout s
        try:
            with rule_deadline(rule.timeout):
                findings = list(findings)
        except RegexTimeout:
            out.append(timeout_error(doc.path, rule))
            return False
    for f in findings:
        (line, col), (end_line, end_col), match = srcmap.slice(doc, f.start, f.end)
        if suppress and suppress.suppressed(rule.id, rule.category, f.start, line):
            continue
        message = f.message or format_message(rule.message, {"match": match, **f.args})
        # In front matter a fix must leave the syntax and every other value as they were.
        fix = f.fix if f.fix is None or doc.allows_fix(f.start, f.end, f.fix) else None
        out.append(Diagnostic(doc.path, line, col, end_line, end_col, rule.id, rule.category,
                              rule.severity, message, match, fix))
    return True


def lint_text(source: str, rules: Iterable[Rule], path: str = "<string>", format: str | None = None,
              lang: str | None = None, fields: tuple[str, ...] | None = None) -> list[Diagnostic]:
    """``fields``: the published front-matter keys (None: the default ones)."""
    doc = parse_document(source, path, format=format, lang=lang, fields=fields)
    _last_parsed[:] = [(source, path, format, lang, fields, doc)]
    return lint_document(doc, rules, source)


_last_parsed: list = []  # what lint_text parsed last: (source, path, format, lang, fields, document)


def parsed_document(source: str, path: str, format: str | None = None, lang: str | None = None,
                    fields: tuple[str, ...] | None = None) -> Document:
    """The document for a text: the one lint_text parsed last when it is the same text (so a
    second pass over a linted file, such as --check-links, does not parse it again)."""
    if _last_parsed:
        last_source, last_path, last_format, last_lang, last_fields, doc = _last_parsed[0]
        if (last_path, last_format, last_lang, last_fields) == (path, format, lang, fields) and last_source == source:
            return doc
    return parse_document(source, path, format=format, lang=lang, fields=fields)


def timeout_error(path: str, rule: Rule) -> Diagnostic:
    return Diagnostic(path, 1, 1, 1, 1, TIMEOUT_RULE, "file", "error",
                      f"rule {rule.id!r} was stopped after {rule.timeout:g} s on this file, so its findings "
                      f"here are missing: its regexes are too slow on this text (make those in {rule.path} "
                      f"faster, or raise regex-timeout in the config)", "", None)


def read_error(path: str, reason: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, 1, 1, READ_ERROR_RULE, "file", "error", f"cannot lint: {reason}", "", None)


def lint_file(path: Path, rules: Iterable[Rule], display: str | None = None, lang: str | None = None,
              format: str | None = None, fields: tuple[str, ...] | None = None) -> list[Diagnostic]:
    """Lint one file; a file that cannot be read gives one ``unreadable-file`` diagnostic."""
    name = display or str(path)
    try:
        source = read_text(path)
    except UnreadableFile as exc:
        return [read_error(name, str(exc))]
    return lint_text(source, rules, name, format=format, lang=lang, fields=fields)
