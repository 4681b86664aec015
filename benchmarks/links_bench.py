#!/usr/bin/env python3
"""Benchmark `artlint check --check-links` against linkinator and markdown-link-check.

Not a test (the test suite never runs it). Everything stays on this machine: a local HTTP server
listens on 50 loopback addresses (127.0.0.1 … 127.0.0.50, one "host" each) and serves 500 unique
URLs with 50 ms latency:

    345 answer 200            48 redirect (24 × 301, 12 × 308, 12 × 302) to a page that answers 200
     44 answer 404            21 answer 500, always
     25 answer 429 (Retry-After: 1), always        17 hang for 15 s (then answer 200)

They are linked from 100 Markdown files (inline links, reference definitions, autolinks, bare
URLs), 200 of them a second time in another file. Each tool checks the same folder in the same
run, with its default settings (artlint needs --allow-private-hosts to reach loopback addresses):

    artlint check --check-links --allow-private-hosts   (cold cache, then the same again, warm)
    linkinator "DIR/**/*.md" --markdown --format json
    markdown-link-check DIR

and the script prints wall times, ratios against linkinator and how each tool classified each
kind of URL. The Node tools are installed with `npm install --prefix benchmarks/.cache` (never
committed: the folder ignores itself). Usage:

    .venv/bin/python benchmarks/links_bench.py [--skip-node] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
HOSTS = [f"127.0.0.{i}" for i in range(1, 51)]
KINDS = {"ok": 345, "301": 24, "308": 12, "302": 12, "404": 44, "500": 21, "429": 25, "hang": 17}
LATENCY = 0.05
HANG = 15.0
TOOL_LIMIT = 900  # seconds: a tool still running then is stopped and reported as such


# ---- the server ------------------------------------------------------------------------------
class Server:
    """A small asyncio HTTP/1.1 server (keep-alive, HEAD and GET) on every address in HOSTS."""

    def __init__(self, plan: dict[tuple[str, str], str], port: int) -> None:
        self.plan = plan  # (host, path) -> kind
        self.port = port
        self.log: list[tuple[str, str, str]] = []  # (host, method, path)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.servers: list = []

    def start(self) -> None:
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("the benchmark server did not start")

    def stop(self) -> None:
        async def close():
            for s in self.servers:
                s.close()
            for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
                task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def boot():
            for host in HOSTS:
                self.servers.append(await asyncio.start_server(self._client, host, self.port, backlog=512))
            self.ready.set()

        self.loop.run_until_complete(boot())
        self.loop.run_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    break
                method, target, *_ = line.decode("latin-1").split()
                close = False
                while True:
                    header = await reader.readline()
                    if header in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = header.decode("latin-1").partition(":")
                    if name.strip().lower() == "connection" and value.strip().lower() == "close":
                        close = True
                path = target.split("?")[0]
                self.log.append((host, method, path))
                status, headers, body = await self._answer(host, path)
                head = [f"HTTP/1.1 {status} {_PHRASES.get(status, 'Status')}",
                        f"Content-Length: {len(body)}", "Content-Type: text/html; charset=utf-8"]
                head += [f"{k}: {v}" for k, v in headers.items()]
                head.append("Connection: close" if close else "Connection: keep-alive")
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
                if method != "HEAD":
                    writer.write(body)
                await writer.drain()
                if close:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, ValueError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _answer(self, host: str, path: str) -> tuple[int, dict, bytes]:
        await asyncio.sleep(LATENCY)
        kind = self.plan.get((host, path))
        page = f"<html><body><h1 id='top'>{path}</h1><p>Served by the benchmark.</p></body></html>".encode()
        if path.startswith("/new/"):
            return 200, {}, page
        if kind is None:
            return 404, {}, b"not in the plan"
        if kind == "ok":
            return 200, {}, page
        if kind in ("301", "308", "302"):
            return int(kind), {"Location": f"http://{host}:{self.port}/new{path}"}, b""
        if kind == "404":
            return 404, {}, b"<html><body>Not found</body></html>"
        if kind == "500":
            return 500, {}, b"<html><body>Internal error</body></html>"
        if kind == "429":
            return 429, {"Retry-After": "1"}, b"<html><body>Slow down</body></html>"
        if kind == "hang":
            await asyncio.sleep(HANG)
            return 200, {}, page
        raise AssertionError(kind)


_PHRASES = {200: "OK", 301: "Moved Permanently", 302: "Found", 308: "Permanent Redirect", 404: "Not Found",
            429: "Too Many Requests", 500: "Internal Server Error"}


def free_port() -> int:
    """A port free on every benchmark address."""
    for _ in range(50):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        try:
            for host in HOSTS:
                t = socket.socket()
                t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                t.bind((host, port))
                t.close()
            return port
        except OSError:
            continue
    raise RuntimeError("no port free on all benchmark addresses")


# ---- the articles --------------------------------------------------------------------------------
def make_plan(port: int, seed: int = 7) -> dict[str, str]:
    """URL -> kind, 500 unique URLs, 10 per host."""
    rng = random.Random(seed)
    kinds = [k for k, n in KINDS.items() for _ in range(n)]
    rng.shuffle(kinds)
    words = ("energy trade chips grid shipping rates minerals outlook policy report data tariffs "
             "ports solar lithium copper budget census").split()
    plan = {}
    for i, kind in enumerate(kinds):
        host = HOSTS[i % len(HOSTS)]
        slug = f"{rng.choice(words)}-{rng.choice(words)}-{i:03d}"
        plan[f"http://{host}:{port}/articles/{slug}"] = kind
    return plan


def write_articles(folder: Path, urls: list[str], seed: int = 11) -> dict[str, int]:
    rng = random.Random(seed)
    files: list[list[str]] = [[] for _ in range(100)]
    for i, url in enumerate(urls):
        files[i % 100].append(url)
    for url in rng.sample(urls, 200):  # 200 URLs appear a second time, in another file
        j = rng.randrange(100)
        while url in files[j]:
            j = rng.randrange(100)
        files[j].append(url)
    occurrences = Counter()
    for n, links in enumerate(files):
        body, refs = [f"# Article {n}", "", "An analysis with sources."], []
        for k, url in enumerate(links):
            occurrences[url] += 1
            style = (n + k) % 4
            if style == 0:
                body.append(f"The [figures for {k}]({url}) were revised in the second quarter.")
            elif style == 1:
                body.append(f"See the [background][ref{k}] for the methodology.")
                refs.append(f"[ref{k}]: {url}")
            elif style == 2:
                body.append(f"Primary source: <{url}>")
            else:
                body.append(f"Data: {url} (retrieved in May).")
            body.append("")
        (folder / f"article-{n:03d}.md").write_text("\n".join(body + [""] + refs) + "\n", encoding="utf-8")
    return occurrences


# ---- the tools -----------------------------------------------------------------------------------
def node_tools() -> dict[str, Path]:
    bin_dir = CACHE / "node_modules" / ".bin"
    wanted = {"linkinator": bin_dir / "linkinator", "markdown-link-check": bin_dir / "markdown-link-check"}
    if not all(p.exists() for p in wanted.values()):
        if not shutil.which("npm"):
            raise SystemExit("npm is needed for the comparison (or use --skip-node)")
        CACHE.mkdir(exist_ok=True)
        (CACHE / ".gitignore").write_text("*\n")
        subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--silent",
                        "linkinator", "markdown-link-check"], check=True)
    return wanted


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess | None]:
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TOOL_LIMIT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return time.monotonic() - started, None
    return time.monotonic() - started, proc


def artlint_verdicts(out: str) -> dict[str, str]:
    names = {"dead-link": "dead", "unverified-link": "unverified", "redirected-link": "redirected"}
    return {d["match"]: names[d["rule"]] for d in json.loads(out) if d["rule"] in names}


def linkinator_verdicts(out: str) -> dict[str, str]:
    verdicts = {}
    for link in json.loads(out)["links"]:
        if link.get("parent") and link["state"] == "BROKEN":
            verdicts[link["url"]] = f"broken {link.get('status')}"
    return verdicts


def mlc_verdicts(out: str) -> dict[str, str]:
    verdicts = {}
    for m in re.finditer(r"\[✖\] (\S+) → Status: (\d+)", out):
        verdicts[m.group(1)] = f"broken {m.group(2)}"
    return verdicts


# What a trustworthy checker says about each kind (None: nothing).
EXPECTED = {"ok": None, "302": None, "301": "redirected", "308": "redirected", "404": "dead",
            "500": "unverified", "429": "unverified", "hang": "unverified"}


def tally(plan: dict[str, str], verdicts: dict[str, str]) -> dict[str, Counter]:
    out: dict[str, Counter] = defaultdict(Counter)
    for url, kind in plan.items():
        out[kind][verdicts.get(url, "-")] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-node", action="store_true", help="only run artlint")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    artlint = Path(sys.executable).parent / "artlint"
    if not artlint.exists():
        artlint = Path(shutil.which("artlint") or "artlint")
    tools = {} if args.skip_node else node_tools()

    port = free_port()
    plan = make_plan(port)
    server = Server({(u.split("/")[2].split(":")[0], "/" + u.split("/", 3)[3]): k for u, k in plan.items()}, port)
    server.start()
    work = Path(tempfile.mkdtemp(prefix="artlint-links-bench-"))
    try:
        docs = work / "articles"
        docs.mkdir()
        occurrences = write_articles(docs, list(plan))
        (work / ".artlint.toml").write_text('[links]\ncache-dir = "cache"\n', encoding="utf-8")
        runs: dict[str, dict] = {}

        def run(name: str, cmd: list[str], parse) -> None:
            before = len(server.log)
            seconds, proc = timed(cmd, work)
            requests = len(server.log) - before
            if proc is None:
                runs[name] = {"seconds": seconds, "requests": requests, "verdicts": {}, "finished": False}
            else:
                runs[name] = {"seconds": seconds, "requests": requests, "verdicts": parse(proc.stdout),
                              "finished": True, "stderr": proc.stderr[-400:]}
            print(f"{name:<26} {seconds:7.2f} s  {requests:5d} requests", file=sys.stderr)

        base = [str(artlint), "check", "--check-links", "--allow-private-hosts", "--format", "json",
                "--select", "dead-link,unverified-link,redirected-link", "articles"]
        run("artlint (cold cache)", base, artlint_verdicts)
        run("artlint (warm cache)", base, artlint_verdicts)
        if tools:
            run("linkinator", [str(tools["linkinator"]), "articles/**/*.md", "--markdown", "--format", "json"],
                linkinator_verdicts)
            run("markdown-link-check", [str(tools["markdown-link-check"]), "articles"], mlc_verdicts)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    reference = runs.get("linkinator", {}).get("seconds")
    print(f"\n500 unique URLs on 50 hosts, {sum(occurrences.values())} links in 100 files, "
          f"{LATENCY * 1000:.0f} ms latency, hangs of {HANG:.0f} s\n")
    print("| tool | wall time | vs linkinator | requests |")
    print("| --- | --- | --- | --- |")
    for name, r in runs.items():
        ratio = f"{r['seconds'] / reference:.2f}×" if reference else "–"
        done = "" if r["finished"] else " (stopped)"
        print(f"| {name} | {r['seconds']:.1f} s{done} | {ratio} | {r['requests']} |")
    print("\nWhat each tool said, by kind of URL (count of URLs per answer; '-' = not reported):\n")
    kinds = list(KINDS)
    print("| tool | " + " | ".join(kinds) + " |")
    print("| --- |" + " --- |" * len(kinds))
    summary = {}
    for name, r in runs.items():
        t = tally(plan, r["verdicts"])
        summary[name] = {k: dict(v) for k, v in t.items()}
        cells = [", ".join(f"{n} {v}" for v, n in t[k].most_common()) for k in kinds]
        print(f"| {name} | " + " | ".join(cells) + " |")
    cold = runs["artlint (cold cache)"]
    correct = sum(1 for u, k in plan.items() if cold["verdicts"].get(u) == EXPECTED[k])
    warm = runs["artlint (warm cache)"]
    print(f"\nartlint: {correct}/500 URLs classified as expected; warm run {warm['seconds']:.2f} s = "
          f"{100 * warm['seconds'] / cold['seconds']:.1f}% of the cold run, {warm['requests']} requests "
          f"(the {KINDS['404']} dead links are checked again on every run).")
    for name in ("artlint (cold cache)", "artlint (warm cache)"):
        m = re.search(r"Links: .*", runs[name].get("stderr", ""))
        if m:
            print(f"{name}: {m.group(0)}")
    if args.json:
        args.json.write_text(json.dumps({
            "runs": {n: {k: v for k, v in r.items() if k != "verdicts"} for n, r in runs.items()},
            "verdicts": summary, "artlint_correct": correct}, indent=2))
    return 0 if correct == 500 else 1


if __name__ == "__main__":
    sys.exit(main())
