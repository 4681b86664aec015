"""The Zed extension (editors/zed): its manifest registers artlint's language server for the
languages Zed names, its crate is what Zed compiles (a cdylib on zed_extension_api), and the
README's Zed settings name that server.

Building it needs zed_extension_api and its dependencies from crates.io. Where crates.io cannot
be reached, ARTLINT_ZED_VENDOR names a folder whose ``cargo-config.toml`` points cargo at
offline copies of them (cargo's ``--config``); without it the build tests are skipped.
ARTLINT_ZED_CARGO names another cargo command (one whose toolchain has the wasm32-wasip1
target, say); the default is ``cargo``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import REPO

EXTENSION = REPO / "editors" / "zed"
ZED_LANGUAGES = ["Markdown", "Plain Text", "HTML"]  # as Zed names them in its language list
WASM_TARGET = "wasm32-wasip1"


def manifest() -> dict:
    return tomllib.loads((EXTENSION / "extension.toml").read_text("utf-8"))


def cargo_manifest() -> dict:
    return tomllib.loads((EXTENSION / "Cargo.toml").read_text("utf-8"))


def test_the_manifest_registers_the_artlint_server_for_markdown_plain_text_and_html():
    extension = manifest()
    assert extension["schema_version"] == 1 and extension["id"] == "artlint"
    assert extension["version"] == cargo_manifest()["package"]["version"]
    (server_key,) = extension["language_servers"]
    assert server_key == "artlint"
    server = extension["language_servers"][server_key]
    assert server["languages"] == ZED_LANGUAGES
    # artlint lints an unsaved document by its languageId: "markdown" as Markdown.
    assert server["language_ids"] == {"Markdown": "markdown", "Plain Text": "plaintext", "HTML": "html"}


def test_the_crate_is_a_cdylib_on_zed_extension_api_that_runs_artlint_server():
    crate = cargo_manifest()
    assert crate["lib"]["crate-type"] == ["cdylib"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", crate["dependencies"]["zed_extension_api"])
    source = (EXTENSION / crate["lib"]["path"]).read_text("utf-8")
    # Zed looks the server's settings up by the key extension.toml gives it.
    (server_key,) = manifest()["language_servers"]
    assert f'const SERVER: &str = "{server_key}";' in source
    assert 'const PROGRAM: &str = "artlint";' in source and 'SERVER_ARGS: [&str; 1] = ["server"]' in source
    assert "zed::register_extension!(ArtlintExtension);" in source


def zed_settings_texts() -> dict[str, str]:
    """The README's Zed part and the extension's own README, which both show Zed settings."""
    readme = (REPO / "README.md").read_text("utf-8")
    return {"README.md": readme[readme.index("**Zed**"):],
            "editors/zed/README.md": (EXTENSION / "README.md").read_text("utf-8")}


@pytest.mark.parametrize("name", ["README.md", "editors/zed/README.md"])
def test_the_readme_settings_enable_the_server_the_extension_registers(name):
    text = zed_settings_texts()[name]
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    assert blocks, f"{name} shows no Zed settings"
    settings = json.loads(blocks[0])
    (server_key,) = manifest()["language_servers"]
    for language, chosen in settings["languages"].items():
        assert language in ZED_LANGUAGES
        assert chosen["language_servers"][0] == server_key and "..." in chosen["language_servers"]
    assert set(settings["lsp"][server_key]["initialization_options"]) <= {"debounce", "checkLinks"}
    # Zed starts a configured binary as given: without "server" it would not be the language server.
    for binary in re.findall(r'"binary": (\{.*?\})', text):
        assert json.loads(binary)["arguments"] == ["server"], binary


# -- building (needs the dependency sources) ----------------------------------------------------


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Runs cargo on a copy of the extension (the working tree gets no target/), offline."""
    vendor = os.environ.get("ARTLINT_ZED_VENDOR")
    if not vendor:
        pytest.skip("zed_extension_api's sources are not available: set ARTLINT_ZED_VENDOR to a folder "
                    "whose cargo-config.toml points cargo at offline copies (crates.io is out of reach)")
    config = Path(vendor) / "cargo-config.toml"
    cargo = os.environ.get("ARTLINT_ZED_CARGO", "cargo")
    if not config.is_file() or shutil.which(cargo) is None:
        pytest.skip(f"no {config}, or no {cargo} command")
    copy = tmp_path_factory.mktemp("zed") / "zed"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("target", "extension.wasm", "Cargo.lock"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([cargo, "--config", str(config), *args], cwd=copy, capture_output=True, text=True,
                              timeout=900, check=False)

    run.folder = copy
    return run


@pytest.mark.slow
def test_the_rust_unit_tests_pass(build):
    proc = build("test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"test result: ok\. [1-9]\d* passed; 0 failed", proc.stdout), proc.stdout


def wasm_sections(module: bytes) -> list[tuple[int, bytes]]:
    """A WebAssembly binary's sections as (id, contents)."""
    assert module[:8] == b"\0asm\x01\0\0\0", "not a core WebAssembly module"
    sections, at = [], 8
    while at < len(module):
        size, start = leb128(module, at + 1)
        sections.append((module[at], module[start:start + size]))
        at = start + size
    return sections


def leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        value, shift, at = value | (byte & 0x7F) << shift, shift + 7, at + 1
        if byte < 0x80:
            return value, at


def wasm_name(data: bytes, at: int) -> tuple[str, int]:
    size, start = leb128(data, at)
    return data[start:start + size].decode("utf-8"), start + size


def custom_sections(sections) -> dict[str, bytes]:
    named = {}
    for section_id, contents in sections:
        if section_id == 0:
            name, at = wasm_name(contents, 0)
            named[name] = contents[at:]
    return named


def export_names(sections) -> set[str]:
    names = set()
    for section_id, contents in sections:
        if section_id == 7:
            count, at = leb128(contents, 0)
            for _ in range(count):
                name, at = wasm_name(contents, at)
                _index, at = leb128(contents, at + 1)
                names.add(name)
    return names


@pytest.mark.slow
def test_it_builds_to_webassembly_carrying_the_extension_api_version_zed_reads(build):
    proc = build("build", "--release", "--target", WASM_TARGET)
    if proc.returncode != 0 and "may not be installed" in proc.stderr:
        pytest.skip(f"this cargo's toolchain has no {WASM_TARGET} target")
    assert proc.returncode == 0, proc.stderr
    sections = wasm_sections((build.folder / "target" / WASM_TARGET / "release" / "artlint_zed.wasm").read_bytes())
    lock = tomllib.loads((build.folder / "Cargo.lock").read_text("utf-8"))
    api = next(p["version"] for p in lock["package"] if p["name"] == "zed_extension_api")
    version = custom_sections(sections)["zed:api-version"]
    assert [int.from_bytes(version[i:i + 2], "big") for i in (0, 2, 4)] == [int(n) for n in api.split(".")]
    assert any(name.startswith("component-type:") for name in custom_sections(sections))
    assert {"init-extension", "language-server-command", "language-server-initialization-options",
            "language-server-workspace-configuration"} <= export_names(sections)
