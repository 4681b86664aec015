#!/usr/bin/env python3
"""Latency of ``artlint server``: how long after a one-character edit the diagnostics come back.

    python benchmarks/lsp_latency.py                      # a 2,000-word article, 300 edits
    python benchmarks/lsp_latency.py --edits 500 --article path/to/article.md

A real LSP client (pygls) starts ``artlint server`` (the console script next to this Python)
over stdin and stdout, opens the article, then types: each edit inserts or deletes one character
in the middle of the text, and the time from sending ``textDocument/didChange`` to receiving the
``publishDiagnostics`` of that version is recorded. The server's debounce is set to 0 through
``initializationOptions`` so that the figure is the lint and the round trip, not the wait an
editor adds on purpose. Prints the median, p90 and extremes, the server's CPU time per edit, and
the machine's load while it ran (on a shared machine the wall-clock figures grow with the load).

The article: the Markdown files of the shared corpus (../shared/corpus), else this repository's
examples/, joined until they hold 2,000 words (--words)."""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ARTLINT_CORPUS", REPO.parent / "shared" / "corpus"))


def article(words: int) -> str:
    """Paragraphs of the corpus's (or the examples') Markdown articles, up to ``words`` words."""
    sources = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    sources = [p for p in sources if p.name != "README.md"] or sorted((REPO / "examples").glob("*.md"))
    paragraphs: list[str] = []
    count = 0
    for source in sources:
        for paragraph in source.read_text("utf-8").split("\n\n"):
            if count >= words:
                return "\n\n".join(paragraphs) + "\n"
            paragraphs.append(paragraph.strip("\n"))
            count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(text: str, edits: int, command: list[str]) -> tuple[list[float], float]:
    """The latency of each edit, and the server's CPU seconds over all of them."""
    client = LanguageClient("lsp-latency", "1")
    published: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        waiting = published.get(params.version)
        if waiting is not None and not waiting.done():
            waiting.set_result(time.perf_counter())

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        pass

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.md"
        path.write_text(text, encoding="utf-8")
        await client.start_io(*command, cwd=folder)
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri(),
            initialization_options={"debounce": 0, "checkLinks": "off"}))
        client.initialized(types.InitializedParams())
        loop = asyncio.get_running_loop()
        uri = path.as_uri()
        published[1] = loop.create_future()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1, text=text)))
        await asyncio.wait_for(published[1], 120)
        middle = text.count("\n") // 2
        timings = []
        cpu_before = cpu_seconds(client._server.pid)
        for version in range(2, edits + 2):
            # Type "x" at the start of the middle line, then delete it: one character each time.
            at = types.Position(line=middle, character=0)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=at, end=at if version % 2 == 0 else types.Position(line=middle, character=1)),
                text="x" if version % 2 == 0 else "")
            published[version] = loop.create_future()
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            timings.append(await asyncio.wait_for(published[version], 60) - sent)
        cpu = cpu_seconds(client._server.pid) - cpu_before
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return timings, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--article", type=Path, default=None, help="lint this file instead")
    args = parser.parse_args()
    text = args.article.read_text("utf-8") if args.article else article(args.words)
    exe = Path(sys.executable).parent / "artlint"
    command = [str(exe), "server"] if exe.exists() else [sys.executable, "-m", "artlint", "server"]
    load_before = os.getloadavg()
    timings, cpu = asyncio.run(measure(text, args.edits, command))
    load_after = os.getloadavg()
    ms = [t * 1000 for t in timings]
    print(f"article: {len(text.split())} words, {len(text)} characters; {len(ms)} one-character edits")
    print(f"latency (didChange -> publishDiagnostics): median {statistics.median(ms):.1f} ms, "
          f"p90 {percentile(ms, 0.9):.1f} ms, min {min(ms):.1f} ms, max {max(ms):.1f} ms")
    if cpu:
        print(f"server CPU time per edit (lint and messages, what a busy machine cannot inflate much): "
              f"{cpu * 1000 / len(ms):.1f} ms")
    print(f"machine: {os.cpu_count()} CPUs, load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
