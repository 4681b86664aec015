"""artlint: a content-quality linter for analysis articles."""

__version__ = "0.1.0"
