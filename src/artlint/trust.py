"""Which configs may set security settings.

A stranger's pull request may add files, and configs next to them: a nested ``.artlint.toml``
in a folder it adds. What such a config says about its own files' style is harmless; what it
says about where artlint may connect, how long it may wait and where it writes is not. So:

* The lifts a config sets (``allow-private-hosts``, a host's ``allow-private``) cover only the
  files it governs (``links.settings.PrivateAccess``), never the whole run.
* The root config (the one that governs the folder artlint runs in, or ``--config``) or the
  command line can forbid nested configs to set security settings at all:
  ``nested-security = "forbid"``, ``--nested-security forbid``. Then a nested config lifts
  nothing, and the settings that bound the run or say where it writes (``budget``, the
  timeouts, ``cache-dir``) are the root config's (or the defaults) for its files too. A nested
  config that sets one gets one warning line naming it and the keys ignored; the rest of it is
  used. Only the root config's ``nested-security`` counts.
"""

from __future__ import annotations

from dataclasses import replace

from artlint.config import Config

ALLOW, FORBID = "allow", "forbid"
LIFT_KEYS = ("allow-private-hosts",)  # [links] keys that lift the private-address guard
HOST_LIFT_KEYS = ("allow-private",)  # ... in [links.hosts."PATTERN"]
RUN_KEYS = ("budget", "request-timeout", "timeout", "connect-timeout", "cache-dir")  # bound the run, say where it writes


def policy(command_line: str | None, root: Config | None) -> str:
    """``allow`` or ``forbid``: the command line's word, else the root config's, else allow."""
    if command_line:
        return command_line
    return (root.nested_security if root is not None else None) or ALLOW


def security_keys(config: Config) -> list[str]:
    """The security settings ``config`` sets, as written (``links.allow-private-hosts``)."""
    links = config.links or {}
    found = [config.key(f"links.{key}") for key in (*LIFT_KEYS, *RUN_KEYS) if key in links]
    for pattern, table in (links.get("hosts") or {}).items():
        found += [config.key(f'links.hosts."{pattern}".{key}') for key in HOST_LIFT_KEYS if key in table]
    if config.nested_security is not None:
        found.append(config.key("nested-security"))
    return found


def under_root(config: Config, root: Config | None) -> Config:
    """``config`` without lifts, with the root config's run-bounding settings (or none: the
    defaults)."""
    links = {k: v for k, v in (config.links or {}).items() if k not in (*LIFT_KEYS, *RUN_KEYS)}
    if "hosts" in links:
        links["hosts"] = {pattern: {k: v for k, v in table.items() if k not in HOST_LIFT_KEYS}
                          for pattern, table in links["hosts"].items()}
    trusted = root.links if root is not None else {}
    links.update({key: trusted[key] for key in RUN_KEYS if key in trusted})
    if "cache-dir" in trusted:  # relative to the root config's folder, not this one's
        links["cache-dir"] = str((root.root / trusted["cache-dir"]).resolve())
    return replace(config, links=links, nested_security=None)


def vetted(config: Config, root: Config | None, command_line: str | None) -> tuple[Config, str | None]:
    """A config as the run may use it, and the warning to give (None: none). The root config
    is used as it is, and every config when nested configs are allowed security settings."""
    if root is not None and config.path == root.path:
        return config, None
    if policy(command_line, root) != FORBID:
        return config, None
    keys = security_keys(config)
    warning = None
    if keys:
        where = "--nested-security forbid" if command_line else f'nested-security = "forbid" in {root.source}'
        warning = (f"{config.source}: {', '.join(keys)} ignored: a nested config may not set security "
                   f"settings ({where})")
    return under_root(config, root), warning
