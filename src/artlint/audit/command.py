"""The ``artlint audit`` command's run: inputs, engine, JSON Lines out, summary on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from artlint.config import Config, ConfigError
from artlint.diagnostics import SEVERITY_RANK
from artlint.ruleset import RuleError

from . import audit_sources
from .engines import EngineUnavailable
from .inputs import ManifestError, Source, collect, is_url
from .records import INTERNAL_ERROR, Linters

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _say(message: str) -> None:
    click.echo(f"artlint: {message}", err=True)


def _config_start(targets: list[str], manifests: list[str]) -> Path:
    """Where the configuration is searched from: the first local target's folder, else here."""
    for target in [*manifests, *targets]:
        if is_url(target):
            continue
        path = Path(target)
        while not path.exists() and path != path.parent and str(path) not in ("", "."):
            path = path.parent  # a glob, or a missing file
        return path if path.is_dir() else path.parent
    return Path(".")


def _by_config(workspace, default: Config, sources: list[Source]) -> tuple[Linters, list[Source]]:
    """Each config's linter, and each source with the index of its own (a local file's nearest
    config; a URL's, the one found from the first target)."""
    configs: dict[int, int] = {}
    linters = []

    def index(config: Config) -> int:
        if id(config) not in configs:
            configs[id(config)] = len(linters)
            linters.append(workspace.linter_for(config))
        return configs[id(config)]

    index(default)
    placed = [s._replace(config=index(workspace.config_for(Path(s.location).parent) if s.kind == "path" else default))
              for s in sources]
    return Linters(linters), placed


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def run(targets: list[str], output_path: Path | None, engine: str, scheduler: str | None, jobs: int | None,
        chunk: int | None, manifests: list[str], select: list[str] | None, ignore: list[str],
        fail_on: str | None, config_path: Path | None, timeout: float, html_path: Path | None, *,
        extend_select: list[str] = (), use_cache: bool = True, respect_gitignore: bool = True,
        sitemaps: list[str] = (), feeds: list[str] = (), allow_private: bool = False,
        budget: float | None = None, verify_sources: bool = False) -> int:
    """The exit status: 0 no findings at or above the fail level, 1 findings (or files that could
    not be audited), 2 a usage or configuration error, a check that crashed, or nothing could be
    audited."""
    if not targets and not manifests and not sitemaps and not feeds:
        _say("error: give a folder, a glob, a file, a manifest, a --sitemap or a --feed to audit")
        return EXIT_ERROR
    from artlint.pipeline import Workspace

    workspace = Workspace(config_path, select, ignore, extend_select, use_cache=use_cache,
                          respect_gitignore=respect_gitignore, say=_say)
    try:
        config = workspace.config_for(_config_start(targets, manifests))  # for URLs, and the defaults
        sources, notes = collect(targets, workspace.config_for, manifests, workspace.gitignore())
        linters, sources = _by_config(workspace, config, sources)
    except (ConfigError, RuleError, ManifestError) as exc:
        _say(f"error: {exc}")
        return EXIT_ERROR
    for note in notes:
        _say(note)
    from artlint.audit.pages import fetch_pages

    sources = fetch_pages(sources, list(sitemaps), list(feeds), config, allow_private=allow_private,
                          timeout=timeout, budget=budget, say=_say, no_cache=not use_cache)
    if verify_sources or config.verify_sources:
        from artlint.audit.verify import verified

        sources = verified(sources, linters, allow_private=allow_private, no_cache=not use_cache, say=_say)
    if not sources:
        _say("error: nothing to audit")
        return EXIT_ERROR
    from artlint.pipeline.cached import CachedResults

    if jobs is None:
        from artlint.parallel import default_jobs

        jobs = config.jobs or default_jobs()
    levels = [SEVERITY_RANK[fail_on or linter.config.fail_on] for linter in linters]
    level_of = {s.path: levels[s.config] for s in sources}
    keep = html_path is not None
    kept: list[dict[str, Any]] = []
    failing = crashed = False
    summary: dict[str, Any] = {}
    try:
        out: IO[str] = (open(output_path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
                        if output_path else sys.stdout)
    except OSError as exc:
        _say(f"error: {output_path}: cannot write the output: {exc.strerror or exc}")
        return EXIT_ERROR
    try:
        for record in audit_sources(sources, linters, engine=engine, jobs=jobs, scheduler=scheduler, chunk=chunk,
                                    timeout=timeout, cached=CachedResults(workspace.result_cache_for,
                                                                          workspace.linter_for)):
            kind = record["type"]
            if kind == "summary":
                summary = record
            elif kind == "file" and record["status"] != "ok":
                _say(f"{record['path']}: {record['message']}")
                failing = True
                crashed |= (record["message"] or "").startswith(INTERNAL_ERROR)
            elif kind == "diagnostic" and SEVERITY_RANK.get(record["severity"], 0) >= level_of[record["path"]]:
                failing = True
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if keep:
                kept.append(record)
    except EngineUnavailable as exc:
        _say(f"error: {exc}")
        return EXIT_ERROR
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    _report(summary, output_path)
    if html_path is not None:
        from artlint.audit.html import write_html

        try:
            write_html(kept, html_path)
        except OSError as exc:
            _say(f"error: {html_path}: cannot write the report: {exc.strerror or exc}")
            return EXIT_ERROR
        _say(f"wrote the HTML report to {html_path}")
    if summary.get("files_ok", 0) == 0:
        _say("error: nothing could be audited")
        return EXIT_ERROR
    if crashed:  # a bug in a check, not a finding
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _report(summary: dict[str, Any], output_path: Path | None) -> None:
    files, seconds = summary["files"], summary["seconds"]
    failed = f", {summary['files_failed']:,} failed" if summary["files_failed"] else ""
    severity = ", ".join(f"{n:,} {s}" for s, n in summary["by_severity"].items())
    rate = f" ({files / seconds:,.0f} files/s)" if seconds > 0 else ""
    _say(f"audited {_plural(files, 'file')} ({summary['files_ok']:,} ok{failed}): "
         f"{_plural(summary['diagnostics'], 'diagnostic')} ({severity}) in {seconds:.2f} s{rate}, "
         f"{summary['engine']} engine, {_plural(summary['workers'], 'worker')}")
    if summary["by_category"]:
        top = ", ".join(f"{c} {n:,}" for c, n in sorted(summary["by_category"].items(), key=lambda kv: -kv[1]))
        _say(f"by category: {top}")
    if output_path is not None:
        _say(f"wrote {output_path}")
