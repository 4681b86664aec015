"""Command-line pieces of online link checking: the ``check`` options and ``artlint cache``."""

from __future__ import annotations

import functools
from pathlib import Path

import click

_OPTIONS = [
    click.option("--check-links/--no-check-links", "check_links", default=None,
                 help="Fetch every external http(s) link and report dead, unverified and permanently "
                      "redirected ones [default: the config's check-links, else off]."),
    click.option("--verify-sources/--no-verify-sources", "verify_sources", default=None,
                 help="Fetch the sources that figures cite and report figures a source does not state "
                      "[default: the config's verify-sources, else off]."),
    click.option("--jobs-links", "jobs_links", type=click.IntRange(1, 256), default=None, metavar="N",
                 help="Link requests in flight at once, over all hosts [default: 64; at most 2 per host]."),
    click.option("--no-cache", "no_cache", is_flag=True,
                 help="Use no cache: lint every file again and check every link again (the result "
                      "and link caches are neither read nor written)."),
    click.option("--allow-private-hosts", "allow_private_hosts", is_flag=True,
                 help="Let --check-links connect to loopback, private and reserved addresses "
                      "(refused by default, so that links cannot probe the internal network)."),
    click.option("--nested-security", "nested_security", type=click.Choice(["allow", "forbid"]), default=None,
                 help="May configs below the root config set security settings (allow-private-hosts, a host's "
                      "allow-private, budget, timeouts, cache-dir)? forbid: they are ignored with a warning "
                      "[default: the root config's nested-security, else allow]."),
]


def cache_dir_option(help: str):
    """``--cache-dir`` (or ``ARTLINT_CACHE_DIR``): the folder of the result and link caches, for
    ``check`` and ``cache clear`` alike."""
    return click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        envvar="ARTLINT_CACHE_DIR", show_envvar=True,
                        help=f"{help} [default: .artlint_cache next to the config].")


def link_options(command):
    """Add the online-link options to a click command; they reach it as one ``links`` argument."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from artlint.links.args import LinkArgs  # imported only when a command runs

        kwargs["links"] = LinkArgs(check_links=kwargs.pop("check_links"), jobs=kwargs.pop("jobs_links"),
                                   no_cache=kwargs.pop("no_cache"),
                                   allow_private_hosts=kwargs.pop("allow_private_hosts"),
                                   nested_security=kwargs.pop("nested_security"),
                                   verify_sources=kwargs.pop("verify_sources"))
        return command(*args, **kwargs)

    for option in reversed(_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


@click.group(name="cache")
def cache_command() -> None:
    """Manage artlint's caches (.artlint_cache/): lint results, built rules, link results, fetched pages and sources."""


@cache_command.command(name="clear")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Use this config file (its cache-dir) instead of searching for one.")
@cache_dir_option("Clear the caches in this folder (the one given to `check --cache-dir`)")
def cache_clear(config_path, cache_dir) -> None:
    """Forget every cached lint and link result, page and source: the next run lints every file
    and fetches every link, page and source again."""
    import sqlite3

    from artlint import result_cache, rule_cache, sqlite_store
    from artlint.config import ConfigError, load_config
    from artlint.links.cache import CacheError, clear_cache
    from artlint.links.settings import settings_from_config
    from artlint.pipeline import Overrides

    try:
        config = Overrides(cache_dir=cache_dir).apply(load_config(config_path, Path(".")))
        settings = settings_from_config(config)
        results = result_cache.clear(settings.cache_dir)
        removed = clear_cache(settings.cache_dir)
        kept = {what: sqlite_store.delete_all(settings.cache_dir / name, table)
                for what, name, table in (("page", "pages.sqlite3", "pages"), ("source", "sources.sqlite3", "sources"))}
        rules = rule_cache.clear(settings.cache_dir)
    except OSError as exc:
        click.echo(f"artlint: error: cannot clear the rule cache in {settings.cache_dir}: {exc}", err=True)
        raise SystemExit(2) from None
    except sqlite3.Error as exc:
        click.echo(f"artlint: error: cannot clear the result cache in {settings.cache_dir}: {exc}", err=True)
        raise SystemExit(2) from None
    except (ConfigError, CacheError) as exc:
        click.echo(f"artlint: error: {exc}", err=True)
        raise SystemExit(2) from None
    if results is not None:
        click.echo(f"Cleared the result cache in {settings.cache_dir} ({results} "
                   f"result{'s' if results != 1 else ''} removed).")
    if removed is None:
        click.echo(f"No link cache in {settings.cache_dir}.")
    else:
        click.echo(f"Cleared the link cache in {settings.cache_dir} ({removed} "
                   f"result{'s' if removed != 1 else ''} removed).")
    if rules:
        click.echo(f"Cleared the rule cache in {settings.cache_dir} (the rules are built afresh on the next run).")
    for what, count in kept.items():  # the fetched pages (audit, check URL) and sources (--verify-sources)
        if count is not None:
            click.echo(f"Cleared the {what} cache in {settings.cache_dir} ({count} "
                       f"{what}{'s' if count != 1 else ''} removed).")
