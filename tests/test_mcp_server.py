"""``artlint mcp``: the installed command as an MCP server over stdio, driven by the official SDK's
client (one server for the module), as a writing assistant would use it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

pytest.importorskip("mcp")

from anyio.from_thread import start_blocking_portal
from conftest import CORPUS, REPO, artlint_exe
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from runcli import run_runner, write

DRAFT = "# Trade\n\nSee [INTERNAL_LINK:x] on the weight .\n"
TOOLS = {"lint_text", "lint_files", "fix_text", "explain_rule"}


@asynccontextmanager
async def _connected(folder: Path):
    params = StdioServerParameters(command=artlint_exe(), args=["mcp"], cwd=str(folder))
    async with stdio_client(params) as (read, send), ClientSession(read, send) as session:
        await session.initialize()
        yield session


class Client:
    """Calls into the one server of this module, from the synchronous tests."""

    def __init__(self, portal, session, folder: Path) -> None:
        self.portal, self.session, self.folder = portal, session, folder

    def tools(self):
        return self.portal.call(self.session.list_tools).tools

    def call(self, name: str, **arguments) -> tuple[bool, str, dict | None]:
        """(is it an error, its text, its structured content)."""
        result = self.portal.call(self.session.call_tool, name, arguments)
        is_error = getattr(result, "is_error", getattr(result, "isError", None))
        structured = getattr(result, "structured_content", getattr(result, "structuredContent", None))
        return bool(is_error), "".join(c.text for c in result.content), structured

    def answer(self, name: str, **arguments) -> dict:
        is_error, text, structured = self.call(name, **arguments)
        assert not is_error, text
        assert json.loads(text) == structured  # the text and the structured content say the same
        return structured


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mcp-project")
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(_connected(folder)) as session:
        yield Client(portal, session, folder)


def test_the_four_tools_are_listed_with_descriptions_that_say_when_to_call_them(server):
    tools = {tool.name: tool for tool in server.tools()}
    assert set(tools) == TOOLS
    assert all(len(tool.description) > 80 for tool in tools.values())
    assert "before returning" in tools["lint_text"].description
    schema = getattr(tools["lint_text"], "input_schema", None) or tools["lint_text"].inputSchema  # SDK 2, SDK 1
    assert {"text", "file_name"} <= set(schema["properties"]) and schema["required"] == ["text"]


def test_lint_text_gives_each_finding_with_its_exact_position_and_match(server):
    findings = server.answer("lint_text", text=DRAFT)["findings"]
    placeholder = next(f for f in findings if f["rule"] == "unresolved-link-placeholder")
    assert (placeholder["line"], placeholder["column"], placeholder["end_line"], placeholder["end_column"]) == (3, 5, 3, 22)
    assert placeholder["match"] == "[INTERNAL_LINK:x]" and placeholder["severity"] == "error"
    assert placeholder["path"] == "<text>"
    assert [f["rule"] for f in findings] == ["unresolved-link-placeholder", "space-before-punctuation"]


def test_fix_text_fixes_what_it_can_and_returns_what_remains(server):
    fixed = server.answer("fix_text", text=DRAFT)
    assert fixed["text"] == "# Trade\n\nSee [INTERNAL_LINK:x] on the weight.\n"
    assert fixed["fixed"] == 1
    assert [f["rule"] for f in fixed["findings"]] == ["unresolved-link-placeholder"]
    assert server.answer("lint_text", text=fixed["text"])["findings"] == fixed["findings"]


def test_explain_rule(server):
    rule = server.answer("explain_rule", rule_id="unresolved-link-placeholder")
    assert (rule["id"], rule["category"], rule["severity"]) == ("unresolved-link-placeholder", "placeholder", "error")
    assert rule["description"] and rule["bad_examples"] and rule["good_examples"]


def test_errors_are_tool_errors_and_the_server_goes_on(server):
    is_error, text, _ = server.call("explain_rule", rule_id="unresolved-link-placeholders")
    assert is_error and "unresolved-link-placeholders" in text
    is_error, text, _ = server.call("lint_files", paths=["missing.md"])
    assert is_error and "missing.md" in text and "no such file" in text
    write(server.folder, "broken.md", b"Bad \xff byte.\n")
    is_error, text, _ = server.call("lint_files", paths=["broken.md"])
    assert is_error and "broken.md" in text
    write(server.folder, "fine.md", "# Fine\n\nText.\n")
    answer = server.answer("lint_files", paths=["broken.md", "fine.md"])  # one unreadable among others
    assert [(f["path"], f["rule"]) for f in answer["findings"]] == [("broken.md", "unreadable-file")]
    assert answer["files_checked"] == 1 and any("broken.md" in note for note in answer["notes"])
    assert server.answer("lint_text", text="Fine.\n")["findings"] == []


def test_lint_files_walks_folders_as_check_does(server):
    write(server.folder, "articles/a.md", "# A\n\nStray , comma.\n")
    write(server.folder, "articles/b.md", "# B\n\nClean.\n")
    write(server.folder, "articles/notes.bin", "Stray , comma.\n")  # not an article
    answer = server.answer("lint_files", paths=["articles"])
    assert answer["files_checked"] == 2
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in answer["findings"]] == \
        [(str(Path("articles/a.md")), 3, 6, "space-before-punctuation")]


def test_a_file_name_picks_the_format_and_the_nearest_config_which_is_reread(server):
    write(server.folder, "quiet/.artlint.toml", 'ignore = ["spacing"]\n')
    governed = server.answer("lint_text", text=DRAFT, file_name="quiet/draft.md")["findings"]
    assert [f["rule"] for f in governed] == ["unresolved-link-placeholder"]
    assert governed[0]["path"] == "quiet/draft.md"
    write(server.folder, "quiet/.artlint.toml", 'ignore = ["placeholder"]\n')
    governed = server.answer("lint_text", text=DRAFT, file_name="quiet/draft.md")["findings"]
    assert [f["rule"] for f in governed] == ["space-before-punctuation"]
    fenced = "# T\n\nIntro.\n\n```\nthe weight .\n```\n"  # code in Markdown; prose in plain text
    assert server.answer("lint_text", text=fenced, file_name="note.md")["findings"] == []
    as_text = server.answer("lint_text", text=fenced, file_name="note.txt")["findings"]
    assert ("space-before-punctuation", "note.txt") in [(f["rule"], f["path"]) for f in as_text]


def test_lint_text_of_a_corpus_article_equals_check(server):
    article = CORPUS / "seed-india-japan.txt"
    if not article.is_file():
        pytest.skip(f"{article} is not there")
    text = article.read_bytes().decode("utf-8-sig")
    findings = server.answer("lint_text", text=text, file_name=str(article))["findings"]
    checked = run_runner("check", "--no-cache", "--format", "json", str(article), cwd=server.folder).json()
    assert findings, "the seed article has findings"
    assert [{**f, "path": None} for f in findings] == [{**f, "path": None} for f in checked]


def test_without_the_sdk_it_says_how_to_install_it(tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "mcp" or m.startswith("mcp.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "mcp", None)
    result = run_runner("mcp", cwd=tmp_path)
    assert result.code == 2
    assert result.err.count("\n") == 1 and 'pip install ".[mcp]"' in result.err


def test_the_readme_client_entries_print_json_that_names_the_installed_command():
    """The README's ``cat <<EOF`` snippets, run by bash in the clone, print the entries to paste."""
    section = (REPO / "README.md").read_text("utf-8").split("## For writing assistants", 1)[1].split("\n## ", 1)[0]
    snippets = [block for block in re.findall(r"```bash\n(.*?)```", section, re.DOTALL) if block.startswith("cat <<EOF")]
    assert len(snippets) == 2
    for snippet in snippets:
        printed = subprocess.run(["bash", "-c", snippet], cwd=REPO, capture_output=True, text=True, check=True).stdout
        (entry,) = next(iter(json.loads(printed).values())).values()
        assert entry["command"] == str(REPO / ".venv/bin/artlint") and entry["args"] == ["mcp"]
