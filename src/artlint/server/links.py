"""Online-link verdicts in the editor (``dead-link``, ``redirected-link``...), which need the
network: an editor must never fetch a URL per keystroke.

``checkLinks`` (initializationOptions or workspace settings):

- ``"cache"`` (the default): the verdicts the link cache already holds (``artlint check
  --check-links`` wrote them; dead links as last found) are shown; nothing is fetched.
- ``"on"``: also, when a document is opened or saved, the links the cache does not know are
  checked online in the background, as ``artlint check --check-links`` checks them (same
  settings, guard and cache), and the document is linted again from the cache.
- ``"off"``: no online-link verdicts at all.

The verdicts become diagnostics through the online-link rules, as in ``links.runner``."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from artlint.config import Config
from artlint.diagnostics import Diagnostic
from artlint.document import format_for
from artlint.engine import lint_document, parsed_document
from artlint.ruleset import Rule

MODES = ("cache", "on", "off")


def online_rules(rules: list[Rule]) -> list[Rule]:
    return [r for r in rules if getattr(r.checker, "name", "") == "online-link"]


class CachedLinks:
    """Verdicts read from each project's link cache (opened once, never created here)."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self.warn = warn
        self._caches: dict[Path, object] = {}
        self._settings: dict[int, tuple[Config, object]] = {}

    def _settings_of(self, config: Config):
        from artlint.links.settings import settings_from_config

        held = self._settings.get(id(config))
        if held is None or held[0] is not config:
            held = self._settings[id(config)] = (config, settings_from_config(config))
        return held[1]

    def _cache(self, settings):
        from artlint.links.cache import LinkCache, cache_file, producer_of

        folder = Path(settings.cache_dir)
        if folder not in self._caches:
            if not cache_file(folder).is_file():
                return None  # no check has run here yet: nothing to show, and no file to create
            self._caches[folder] = LinkCache(folder, settings.max_age, settings.max_age_unverified,
                                             producer_of(settings), self.warn)
        return self._caches[folder]

    def diagnostics(self, text: str, path: Path, config: Config, rules: list[Rule]) -> list[Diagnostic]:
        """The online-link findings of a text, from what the cache knows."""
        from artlint.links.cache import CacheError
        from artlint.links.collect import collect_links
        from artlint.links.runner import outcomes
        from artlint.links.settings import access_from_config

        online = online_rules(rules)
        if not online:
            return []
        settings = self._settings_of(config)
        if not settings.cache:
            return []
        cache = self._cache(settings)
        if cache is None:
            return []
        doc = parsed_document(text, str(path), format=format_for(str(path)), lang=config.language,
                              fields=config.front_matter_fields)
        found = collect_links(doc, settings)
        if not found:
            return []
        want: dict[str, bool] = {}
        for occ in found:
            want[occ.key] = want.get(occ.key, False) or (settings.check_fragments and bool(occ.fragment))
        try:
            results = cache.recorded(want, access_from_config(config).everywhere)
        except CacheError as exc:
            self.warn(str(exc))
            return []
        doc.online_link_results = outcomes(found, results, settings)
        return lint_document(doc, online, text)

    def forget(self) -> None:
        """Configs were reloaded: their settings (and maybe cache folders) may have changed."""
        for cache in self._caches.values():
            cache.close()
        self._caches.clear()
        self._settings.clear()


def check_online(text: str, path: Path, config: Config, rules: list[Rule]) -> str:
    """Check a document's links online as ``artlint check --check-links`` would, storing the
    verdicts in the link cache; what it had to say (warnings) as text. Blocks: run it in a thread."""
    from artlint.links.args import LinkArgs
    from artlint.links.runner import OnlineLinks
    from artlint.reporters import FileResult

    err = io.StringIO()
    online = OnlineLinks(LinkArgs(check_links=True), err=err)
    online.add(FileResult(str(path)), text, path, config, rules, level=0)
    online.check()
    return err.getvalue()
