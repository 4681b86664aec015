"""Web pages in an audit: the pages of sitemaps and feeds, and http(s) URLs named as targets,
fetched in the main process before linting (``artlint.pages``: polite, guarded, within one time
budget), so the workers lint text and never touch the network."""

from __future__ import annotations

from typing import Callable

from artlint.audit.inputs import Source
from artlint.config import Config


def _is_web(source: Source) -> bool:
    return source.kind == "url" and source.location.lower().startswith(("http://", "https://"))


def fetch_pages(sources: list[Source], sitemaps: list[str], feeds: list[str], config: Config, *,
                allow_private: bool, timeout: float, budget: float | None,
                say: Callable[[str], None], no_cache: bool = False) -> list[Source]:
    """``sources`` with each web URL fetched (a ``page`` or, when it cannot be, ``missing``),
    then the pages the sitemaps and feeds list that robots.txt allows, each once."""
    web = [s.location for s in sources if _is_web(s)]
    if not web and not sitemaps and not feeds:
        return sources
    from dataclasses import replace

    from artlint.links.settings import settings_from_config
    from artlint.pages import RobotsRules, page_fetcher, pages_listed

    settings = settings_from_config(config, allow_private=allow_private, no_cache=no_cache)
    settings = replace(settings, request_timeout=timeout, **({"budget": budget} if budget is not None else {}))
    with page_fetcher(settings, lambda message: say(f"warning: {message}")) as fetcher:
        listed = pages_listed(fetcher, sitemaps, feeds, say)
        named = set(web)
        listed = [u for u in listed if u not in named]
        allowed, disallowed = RobotsRules(fetcher).split(listed)
        for url in disallowed:
            say(f"{url}: skipped: robots.txt does not allow it")
        pages = fetcher.fetch(web + allowed)
    out = [_fetched(s, pages[s.location]) if _is_web(s) else s for s in sources]
    out += [_fetched(Source(url, "url", url), pages[url]) for url in allowed]
    return out


def _fetched(source: Source, page) -> Source:
    if page.text is None:
        return source._replace(kind="missing", message=f"cannot fetch: {page.error}")
    return source._replace(kind="page", text=page.text, format=page.format)
