"""Which files a run lints: folders are walked (sorted, excluded folders pruned), files named on
the command line are linted whatever their extension unless excluded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from artlint.config import Config


def iter_files(path: Path, config: Config) -> Iterator[Path]:
    if not path.is_dir():
        if not config.is_excluded(path) or not path.exists():
            yield path
        return
    if config.is_excluded(path) and path.resolve() != config.root.resolve() and path != Path("."):
        return
    for folder, dirs, files in os.walk(path):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not config.is_excluded(base / d))
        for name in sorted(files):
            file = base / name
            if config.is_included(file) and not config.is_excluded(file):
                yield file
