"""Rules as data: load one YAML file per rule, validate it against the shipped JSON Schemas,
and bind it to its check type."""

from artlint.ruleset.loader import Rule, RuleError, builtin_rules_dir, load_rule_file, load_rules

__all__ = ["Rule", "RuleError", "builtin_rules_dir", "load_rule_file", "load_rules"]
