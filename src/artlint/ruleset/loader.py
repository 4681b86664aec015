from __future__ import annotations

import json
import sys
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from artlint import rule_cache
from artlint.checks import CHECK_TYPES, OptionError, check_class, check_traits, options_schema
from artlint.checks._regex import packaged_rule, user_rule
from artlint.diagnostics import Finding
from artlint.records import dataclass

# Seconds a user's rule may spend on one document before its regexes stop (config regex-timeout).
DEFAULT_REGEX_TIMEOUT = 1.0


class RuleError(Exception):
    """A rule file artlint cannot use. The message is one line: file, field path, reason."""


@dataclass
class Rule:
    """A rule: what its file says, and its check (built on first use for a packaged rule)."""

    id: str
    category: str
    severity: str
    message: str
    description: str
    check: str
    options: dict
    examples: dict
    path: str
    formats: tuple[str, ...] = ("markdown", "text", "html")
    languages: tuple[str, ...] = ()
    skip_languages: tuple[str, ...] = ()
    enabled: bool = True
    checker: Any = field(default=None, repr=False)
    # Time limit per document for a rule with user-written regexes (from a rule folder of the
    # config, or rule-options); None for the packaged rules, whose regexes are linear.
    timeout: float | None = None
    # The ids of every rule loaded with this one (selected or not): the names a suppression
    # comment may use (the suppression-comment check reports any other).
    ruleset_ids: frozenset = field(default=frozenset(), repr=False, compare=False)
    # Where the rule reference is published (config docs-url); None: no link is given anywhere.
    docs_url: str | None = field(default=None, repr=False, compare=False)

    @property
    def fixable(self) -> bool:
        return bool(getattr(self.checker, "fixable", False))

    @property
    def fix_safety(self) -> str | None:
        """``safe`` (applied by ``--fix``), ``unsafe`` (only with ``--unsafe-fixes``), or None."""
        return getattr(self.checker, "fix_safety", "safe") if self.fixable else None

    @property
    def document_level(self) -> bool:
        """A finding about the whole article rather than a span of it (``no-sources``)."""
        return getattr(self.checker, "scope", "span") == "document"

    def applies_to(self, doc) -> bool:
        if doc.format not in self.formats:
            return False
        if self.languages and doc.lang not in self.languages:
            return False
        return doc.lang not in self.skip_languages

    def run(self, doc) -> Iterable[Finding]:
        return self.checker.run(doc)

    def with_options(self, overrides: dict, source: str) -> "Rule":
        """A copy with some options replaced (config ``rule-options``), validated again."""
        options = {**self.options, **overrides}
        if ("patterns" in overrides or "tokens" in overrides) and "requires" not in overrides:
            # the rule file's "requires" names strings its own patterns match: new patterns void it
            options.pop("requires", None)
        _validate(options, options_schema(self.check), source, prefix=f"rule-options.{self.id}")
        timeout = DEFAULT_REGEX_TIMEOUT if self.timeout is None else self.timeout  # options from a user
        return _bind(Rule(**{**self.__dict__, "options": options, "checker": None, "timeout": timeout}), source)


def builtin_rules_dir() -> Path:
    packaged = Path(__file__).resolve().parents[1] / "rules"  # as installed (importlib.resources would say the same)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"  # a source checkout


@lru_cache(maxsize=1)
def _rule_schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("artlint.ruleset").joinpath("rule.schema.json").read_text("utf-8"))


def _field_path(parts: Iterable, prefix: str = "") -> str:
    out = prefix
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _validate(instance: Any, schema: dict, source: str, prefix: str = "") -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(schema).iter_errors(instance))
    if error is not None:
        raise RuleError(f"{source}: {_field_path(error.absolute_path, prefix)}: {error.message}")


class _LazyChecker:
    """A packaged rule's check, built (its patterns compiled, its module imported) on first use:
    a run whose files all come from the result cache compiles nothing. Packaged options are
    valid (tests/test_startup.py and the rule examples check them)."""

    __slots__ = ("_check", "_options", "_bound")

    def __init__(self, check: str, options: dict) -> None:
        self._check = check
        self._options = options
        self._bound = None

    def __getattr__(self, name: str):
        if self._bound is None:
            if name in _TRAITS:  # what a listing asks: answered without building the check
                return check_traits(self._check, self._options)[name]
            self._bound = _packaged_checker(self._check, self._options)
        return getattr(self._bound, name)


_TRAITS = frozenset({"name", "fixable", "fix_safety", "online"})


# Packaged checks already built in this process, by check type and options. A check keeps no
# state between documents, so a process that runs again (an editor server, watch mode, click's
# runner in the tests) reuses them instead of compiling the same patterns once per run.
_PACKAGED_CHECKERS: dict[tuple[str, str], Any] = {}


def _packaged_checker(check: str, options: dict):
    key = (check, json.dumps(options, sort_keys=True, default=str))
    checker = _PACKAGED_CHECKERS.get(key)
    if checker is None:
        with packaged_rule():  # its regexes are compiled when a document first needs them
            checker = _PACKAGED_CHECKERS[key] = check_class(check)(options)
    return checker


# A rule file's size with its YAML aliases expanded: a small file whose aliases nest ("billion
# laughs"), or that repeats one long string 99,000 times, must be refused before anything walks
# it (a schema error message alone would print the whole expansion). Counted in characters:
# each string by its length, each other value as one; the packaged rules are 2 to 25 thousand.
_MAX_EXPANDED = 2_000_000


def _expanded_size(data: Any, limit: int) -> int:
    """The size of ``data`` with every alias expanded (strings by their length, other values as
    one), or a number above ``limit``. An alias is a reference to the same object, so a
    container's size is computed once and counted wherever it is referenced."""
    sizes: dict[int, int] = {}

    def size(node: Any, depth: int) -> int:
        if isinstance(node, str):
            return len(node) + 1
        if not isinstance(node, (dict, list)):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > 200:  # a recursive alias (a list that holds itself)
            return limit + 1
        sizes[key] = limit + 1  # a cycle back to this node counts as too large
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        total = 1
        for child in children:
            total += size(child, depth + 1)
            if total > limit:
                break
        sizes[key] = total
        return total

    return size(data, 0)


def _bind(rule: Rule, source: str) -> Rule:
    try:
        if rule.timeout is None:
            rule.checker = check_class(rule.check)(rule.options)
        else:
            with user_rule():  # its regexes run with a time limit
                rule.checker = check_class(rule.check)(rule.options)
    except OptionError as exc:
        raise RuleError(f"{source}: {_field_path(exc.path, 'options')}: {exc.reason}") from None
    return rule


# Packaged rule files already parsed in this process, by path, size and modification time: each
# run loads all of them, and parsing the YAML was most of the cost of a run in a warm process.
# Read only (nothing changes a rule's options or examples in place).
_PACKAGED_DATA: dict[tuple[str, int, int], Any] = {}


def _packaged_data(path: Path):
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _PACKAGED_DATA:
        text = path.read_text(encoding="utf-8")
        # parsed once and kept in the rule cache, by the file's name and text (yaml not even imported)
        _PACKAGED_DATA[key] = rule_cache.recall("rule-file", [path.name, text], lambda: parse_yaml(text),
                                                encode=_as_json)
    return _PACKAGED_DATA[key]


def _as_json(data: Any) -> Any:
    """``data`` as the rule cache keeps it (a copy: what the rules hold never reaches the file),
    or None (not kept) when JSON would not give it back the same (a date, a number as a key)."""
    kept = json.loads(json.dumps(data, default=str))
    return kept if kept == data else None


def parse_yaml(text: str) -> Any:
    """YAML as the packaged rules are read: safe (never constructs Python objects), in C where
    PyYAML has it; yaml is imported only when a file has to be parsed."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # never constructs Python objects
    return yaml.load(text, Loader=loader)


def _read_rule_file(path: Path, packaged: bool) -> Any:
    """A rule file's data; a RuleError naming the file when it cannot be read or parsed."""
    source = str(path)
    try:
        return _packaged_data(path) if packaged else parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{source}: cannot read rule file: {exc}") from None
    except Exception as exc:
        yaml = sys.modules.get("yaml")  # imported by the parse that failed
        if yaml is None or not isinstance(exc, yaml.YAMLError):
            raise
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise RuleError(f"{source}: invalid YAML: {where}{exc.problem}") from None
        raise RuleError(f"{source}: invalid YAML: {exc}") from None


def load_rule_file(path: Path, validate: bool = True, timeout: float | None = None) -> Rule:
    """One rule file. ``validate=False`` (the packaged rules, which tests/test_startup.py validates
    against the schemas) skips jsonschema, so that a run without a config never imports it.
    ``timeout``: a user's rule, whose regexes stop after that many seconds on one document."""
    source = str(path)
    data = _read_rule_file(path, packaged=not validate)
    if not isinstance(data, dict):
        raise RuleError(f"{source}: a rule file must be a mapping of fields (id, category, ...), "
                        f"not {type(data).__name__}")
    # (a packaged file is trusted as its schema is: tests/test_startup.py checks its size too)
    if validate and _expanded_size(data, _MAX_EXPANDED) > _MAX_EXPANDED:
        raise RuleError(f"{source}: too large once its YAML aliases (*name) are expanded (more than "
                        f"{_MAX_EXPANDED:,} characters): a rule file is a few fields")
    if validate:
        _validate(data, _rule_schema(), source)
    if data["check"] not in CHECK_TYPES:
        known = ", ".join(sorted(CHECK_TYPES))
        raise RuleError(f"{source}: check: unknown check type {data['check']!r} (known: {known})")
    options = data.get("options", {})
    if validate:
        _validate(options, options_schema(data["check"]), source, prefix="options")
    rule = Rule(
        id=data["id"], category=data["category"], severity=data["severity"], message=data["message"],
        description=data["description"].strip(), check=data["check"], options=options,
        examples=data["examples"], path=source,
        formats=tuple(data.get("formats", ("markdown", "text", "html"))),
        languages=tuple(data.get("languages", ())), skip_languages=tuple(data.get("skip_languages", ())),
        enabled=data.get("enabled", True), timeout=timeout,
    )
    if not validate:
        rule.checker = _LazyChecker(rule.check, options)
        return rule
    return _bind(rule, source)


def load_rules(folders: Iterable[Path]) -> list[Rule]:
    """Load every ``*.yaml``/``*.yml`` rule in the folders, in order; ids must be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    builtin = builtin_rules_dir().resolve()
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder does not exist")
        packaged = folder.resolve() == builtin
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            rule = load_rule_file(path, validate=not packaged,
                                  timeout=None if packaged else DEFAULT_REGEX_TIMEOUT)
            if rule.id in seen:
                raise RuleError(f"{path}: id: duplicate rule id {rule.id!r} (also in {seen[rule.id]})")
            seen[rule.id] = str(path)
            rules.append(rule)
    ids = frozenset(seen)
    for rule in rules:
        rule.ruleset_ids = ids
    return rules
