"""A one-line progress bar on stderr, only when stderr is a terminal."""

from __future__ import annotations

import shutil
import time
from typing import IO


class ProgressBar:
    def __init__(self, stream: IO[str], interval: float = 0.1, label: str = "Checking links") -> None:
        self.label = label
        try:
            self.enabled = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.enabled = False
        self.stream = stream
        self.interval = interval
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, host: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < self.interval:
            return
        self._last = now
        width = max(40, shutil.get_terminal_size((80, 24)).columns - 1)
        bar_width = 20
        filled = bar_width * done // max(total, 1)
        line = f"{self.label} [{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total}  {host}"
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
