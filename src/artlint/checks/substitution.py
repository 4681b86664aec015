"""Substitution check (Vale's ``substitution``): flag a form the house style replaces, and
suggest the preferred one, with a safe fix.

``swap`` maps each form (a literal word or phrase, matched as whole words; one space in it
matches one space) to what to write instead. With ``ignore_case`` a form matches in any case,
and a capitalised match gets a capitalised suggestion ("Utilise" -> "Use")."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks import OptionError
from artlint.checks._regex import compile_pattern
from artlint.diagnostics import Finding
from artlint.document import Document


class Check:
    name = "substitution"
    fixable = True
    fix_safety = "safe"  # the author chose the replacement: it changes words, never a link

    def __init__(self, options: dict) -> None:
        self.ignore_case = options.get("ignore_case", False)
        self.swap: dict[str, str] = {}
        for form, preferred in options["swap"].items():
            if not form.strip():
                raise OptionError(["swap", form], "a form to replace cannot be blank")
            self.swap.setdefault(self._key(form), preferred)
        forms = sorted(options["swap"], key=len, reverse=True)  # the longest form wins
        alternatives = "|".join(re.escape(" ".join(f.split())) for f in forms)
        self.regex = compile_pattern(rf"(?<!\w)(?:{alternatives})(?!\w)", ["swap"],
                                     re.IGNORECASE if self.ignore_case else 0)

    def _key(self, form: str) -> str:
        form = " ".join(form.split())
        return form.casefold() if self.ignore_case else form

    def _suggestion(self, match: str) -> str:
        preferred = self.swap[self._key(match)]
        if self.ignore_case and match[:1].isupper() and preferred[:1].islower():
            return preferred[:1].upper() + preferred[1:]
        return preferred

    def run(self, doc: Document) -> Iterator[Finding]:
        for m in self.regex.finditer(doc.prose, doc.body_start):
            start, end = m.span()
            if doc.text[start:end] != m.group():  # something blanked out (code, a URL) inside it
                continue
            suggestion = self._suggestion(m.group())
            yield Finding(start, end, args={"suggestion": suggestion}, fix=suggestion)
