"""The VS Code extension (editors/vscode) builds and packages into a .vsix with its files: npm
installs its dependencies and ``@vscode/vsce package`` packs it, in a copy in a temporary
folder (the working tree gets no node_modules). Skipped where npm is not installed."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[1] / "editors" / "vscode"


@pytest.mark.slow
def test_the_extension_packages_into_a_vsix_holding_its_files(tmp_path):
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    copy = tmp_path / "vscode"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "*.vsix", "package-lock.json"))
    subprocess.run(["node", "--check", "extension.js"], cwd=copy, check=True, timeout=60)
    subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=copy, check=True, timeout=600,
                   capture_output=True)
    proc = subprocess.run(["npx", "--no-install", "vsce", "package"], cwd=copy, capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (vsix,) = copy.glob("*.vsix")
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = archive.read("extension/package.json").decode("utf-8")
    assert {"extension/package.json", "extension/extension.js", "extension/readme.md", "extension/LICENSE.txt",
            "extension/node_modules/vscode-languageclient/node.js"} <= names
    assert not any(name.startswith("extension/.gitignore") for name in names)
    assert '"artlint.path"' in manifest and '"onLanguage:markdown"' in manifest
