"""The first step of a run: the files to lint, each with the config that governs it.

Paths are taken in the order given: ``-`` is standard input (once), a file is linted whatever
its extension unless a configured ``exclude`` names it, a folder is walked (``discovery``),
and a path that does not exist is kept so the lint step can report it in its place. Each file
is listed once, however many of the paths lead to it. A symbolic link out of the path it was
found under is skipped with one line (``discovery.Links``) unless ``follow_links``. The rules
of every config met are loaded here, so a config or rule-file error stops the run before any
file is read."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Callable

from artlint.config import Config
from artlint.discovery import Links, iter_files, linted_root
from artlint.records import dataclass

from .workspace import Workspace

FILE, STDIN, MISSING, URL = "file", "stdin", "missing", "url"


@dataclass
class Target:
    """One thing to lint: a file, standard input, a web page, or a path that does not exist."""

    kind: str
    display: str  # the name diagnostics carry
    file: Path  # the file (for stdin: the name it stands for)
    config: Config | None = None
    data: bytes | None = None  # standard input's bytes, a web page's
    format: str | None = None  # a web page's format, by its media type (else by its name)
    reason: str | None = None  # why a missing path cannot be read
    root: Path | None = None  # the resolved folder it was found under: --fix writes nowhere else


@dataclass
class Targets:
    """What a run lints, in order, and how many files it met and skipped finding them."""

    items: list[Target] = field(default_factory=list)
    found: int = 0  # files met, before duplicates and excludes
    skipped: int = 0  # named, but excluded by the config (not an error: pre-commit passes them)


def find_targets(paths: list[Path | str], workspace: Workspace, *, read_stdin: Callable[[], bytes],
                 stdin_filename: str | None = None, say: Callable[[str], None] = lambda _m: None,
                 follow_links: bool = False, fetch_pages: Callable | None = None) -> Targets:
    """The targets of ``paths`` (http(s) URLs are strings), in order. ``fetch_pages``: URLs ->
    their ``pages.Page`` (``artlint.pages``). Raises ``ConfigError`` and ``RuleError``."""
    out = Targets()
    seen: set[Path] = set()
    gitignore = workspace.gitignore()
    for arg in paths:
        if isinstance(arg, str):
            _add_url(out, arg, workspace)
        elif str(arg) == "-":
            _add_stdin(out, workspace, read_stdin, stdin_filename)
        elif not arg.exists():
            reason = "broken symbolic link" if arg.is_symlink() else "no such file or directory"
            out.items.append(Target(MISSING, str(arg), arg, reason=reason))
        else:
            _add_path(out, arg, workspace, seen, gitignore, say, follow_links)
    urls = [t for t in out.items if t.kind == URL]
    if urls and fetch_pages is not None:
        _fetch(urls, fetch_pages, urls[0].config)
    return out


def _add_url(out: Targets, url: str, workspace: Workspace) -> None:
    if any(t.kind == URL and t.display == url for t in out.items):
        return
    config = workspace.config_for(Path("."))
    workspace.rules_for(config)
    out.found += 1
    out.items.append(Target(URL, url, Path(url.rsplit("/", 1)[-1] or "index"), config))


def _fetch(targets: list[Target], fetch_pages: Callable, config: Config) -> None:
    """Each URL target with its page's bytes and format, or missing with the reason."""
    pages = fetch_pages([t.display for t in targets], config)
    for target in targets:
        page = pages[target.display]
        if page.text is None:
            target.kind, target.reason = MISSING, f"cannot fetch: {page.error}"
        else:
            target.data, target.format = page.text.encode("utf-8"), page.format


def _add_stdin(out: Targets, workspace: Workspace, read_stdin, stdin_filename: str | None) -> None:
    if any(t.kind == STDIN for t in out.items):
        return
    data = read_stdin()
    display = stdin_filename or "<stdin>"
    named = Path(display)
    config = workspace.config_for(named.parent if stdin_filename else Path("."))
    out.found += 1
    if stdin_filename and config.is_excluded_by_user(named):
        out.skipped += 1
        return
    workspace.rules_for(config)
    out.items.append(Target(STDIN, display, named, config, data=data))


def _skipped_link(say: Callable[[str], None]):
    def report(link: Path, target: Path, root: Path) -> None:
        say(f"{link}: symbolic link to {target}, outside {root}; skipped (--follow-links lints it)")
    return report


def _add_path(out: Targets, arg: Path, workspace: Workspace, seen: set[Path], gitignore, say,
              follow_links: bool) -> None:
    before = out.found
    root = linted_root(arg)
    links = Links(root, follow=follow_links, report=_skipped_link(say))
    for file in iter_files(arg, workspace.config_for, gitignore, links):
        out.found += 1
        try:
            key = workspace.resolved(file)
        except (OSError, RuntimeError):  # a symbolic link loop: reading it says so
            key = file.absolute()
        if key in seen:
            continue
        seen.add(key)
        config = workspace.config_for(file.parent)
        workspace.rules_for(config)  # a config or rule error stops the run before any file is read
        out.items.append(Target(FILE, str(file), file, config, root=root))
    if out.found == before:
        if arg.is_dir():
            include = ", ".join(workspace.config_for(arg).include)
            say(f"{arg}: no files to lint in this folder (include: {include})")
        else:
            out.skipped += 1
