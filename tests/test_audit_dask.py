"""``artlint audit --engine dask`` gives what the local engine gives, on the shared corpus, with
a LocalCluster of two worker processes (skipped when Dask is not installed)."""

from __future__ import annotations

import json
import shutil

import pytest
from runcli import run_exe, run_runner

pytest.importorskip("dask.distributed", reason='Dask is an optional extra: pip install "artlint[dask]"')


def _lines(text: str) -> tuple[list[str], dict]:
    lines = text.splitlines()
    return lines[:-1], json.loads(lines[-1])


@pytest.fixture(scope="module")
def corpus(corpus_dir, tmp_path_factory):
    """The shared corpus, twice over (so that two workers get several chunks each)."""
    root = tmp_path_factory.mktemp("dask") / "corpus"
    shutil.copytree(corpus_dir, root / "a")
    shutil.copytree(corpus_dir, root / "b")
    return root


def _holding_port(port: int):
    """A socket bound to ``port`` on 127.0.0.1 (None when someone else holds it already)."""
    import socket

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", port))
        holder.listen()
    except OSError:  # already held by someone else: the same situation
        holder.close()
        return None
    return holder


def test_dask_and_local_give_the_same_records_beside_another_cluster(corpus):
    """Another Dask cluster (or another audit) holding the default HTTP port 8787 changes
    nothing: the local cluster serves on a port of its own, and shuts down quietly."""
    local = run_runner("audit", "--engine", "local", "-j", "2", "--chunk-size", "3", "corpus", cwd=corpus.parent)
    holder = _holding_port(8787)
    try:
        dask = run_exe("audit", "--engine", "dask", "-j", "2", "--chunk-size", "3", "corpus", cwd=corpus.parent)
    finally:
        if holder is not None:
            holder.close()
    assert "8787" not in dask.err
    assert local.code == dask.code == 1, dask.err
    local_records, local_summary = _lines(local.out)
    dask_records, dask_summary = _lines(dask.out)
    assert len(local_records) > 50
    assert dask_records == local_records  # byte for byte, file after file
    assert dask_summary["engine"] == "dask" and dask_summary["workers"] == 2
    assert local_summary["engine"] == "local"
    for key in ("engine", "workers", "seconds"):
        del local_summary[key], dask_summary[key]
    assert dask_summary == local_summary
    assert "Traceback" not in dask.err and "distributed" not in dask.err  # the cluster shut down quietly


def test_dask_in_process_through_the_api(corpus, monkeypatch):
    from artlint import Linter
    from artlint.audit import audit

    monkeypatch.chdir(corpus.parent)
    linter = Linter.from_config(start=corpus)
    local = list(audit(["corpus/a"], linter, engine="local", jobs=1))
    dask = list(audit(["corpus/a"], linter, engine="dask", jobs=2, chunk=4))
    assert dask[:-1] == local[:-1]
    assert dask[-1]["files"] == local[-1]["files"] and dask[-1]["workers"] == 2


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = run_runner("audit", "--scheduler", "tcp://127.0.0.1:9", "--timeout", "1", "a.md", cwd=tmp_path)
    assert result.code == 2 and "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in result.err
