"""What checks produce (``Finding``: offsets into the document) and what users see
(``Diagnostic``: the JSON contract, 1-based positions into the original file)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

CATEGORIES = ("placeholder", "link", "source", "spacing", "statistic", "boilerplate", "structure", "style")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One match of a check: a span of ``Document.text`` and what to say about it."""

    start: int
    end: int
    args: dict = field(default_factory=dict, hash=False, compare=False)  # fills the rule's message
    fix: str | None = None  # replacement text for the span, when the fix is safe
    message: str | None = None  # overrides the rule's message when the check knows better


@dataclass
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    match: str
    fix: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)
