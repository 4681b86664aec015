"""What the command line says about online checks (``LinkArgs``): a module of its own, so that
a run that checks nothing online does not import the link checker to read it."""

from __future__ import annotations

from artlint.records import dataclass


@dataclass
class LinkArgs:
    """The command line's say: ``--check-links/--no-check-links``, ``--jobs-links``,
    ``--no-cache``, ``--allow-private-hosts``, ``--nested-security`` (None/False: the config
    decides)."""

    check_links: bool | None = None
    jobs: int | None = None
    no_cache: bool = False
    allow_private_hosts: bool = False
    nested_security: str | None = None  # "allow" | "forbid" (artlint.trust)
    verify_sources: bool | None = None  # --verify-sources (artlint.verify)
