"""``artlint server``: the language server, driven over stdin and stdout by a real LSP client
(pygls's, in tests/lsp_support.py) that starts the installed console script. One server serves
the whole module; each test works in a folder of its own under the server's folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, artlint_exe
from links_support import Site, write_config
from lsp_support import Editor, apply_edits, utf16_column
from lsprotocol import types

SPACED = "# Freight\n\nRates 😀 rose , then fell.\n"  # an astral character before the finding


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("editor")


@pytest.fixture(scope="module")
def editor(home):
    client = Editor([artlint_exe(), "server"], home, {"debounce": 0.05})
    yield client
    client.close()


@pytest.fixture
def folder(home, request) -> Path:
    path = home / request.node.name
    path.mkdir()
    return path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def test_opening_a_file_publishes_its_findings_with_utf16_ranges_severity_and_a_documentation_link(editor, folder):
    article = write(folder, "a.md", SPACED)
    (found,) = editor.open(article)
    line = SPACED.splitlines()[2]
    column = line.index(" ,")  # 0-based code points
    assert column != utf16_column(line, column)  # the emoji makes them differ
    assert found.range == types.Range(start=types.Position(2, utf16_column(line, column)),
                                      end=types.Position(2, utf16_column(line, column + 1)))
    assert (found.code, found.source, found.severity) == ("space-before-punctuation", "artlint",
                                                         types.DiagnosticSeverity.Warning)
    assert found.message == "Stray space before ','"
    href = found.code_description.href
    reference, anchor = href.split("#")
    assert anchor == "space-before-punctuation" and reference.startswith("file://")
    assert "\n## space-before-punctuation\n" in Path(reference[len("file://"):]).read_text("utf-8")


def test_an_edit_that_removes_the_problem_clears_the_finding(editor, folder):
    article = write(folder, "a.md", SPACED)
    assert codes(editor.open(article)) == ["space-before-punctuation"]
    line = SPACED.splitlines()[2]
    at = utf16_column(line, line.index(" ,"))
    assert editor.edit(article, (2, at), (2, at + 1), "") == []
    assert codes(editor.edit(article, (2, at), (2, at), "  ")) == ["space-before-punctuation"]


def test_a_quick_fix_applied_gives_the_fixed_text(editor, folder):
    article = write(folder, "a.md", SPACED)
    editor.open(article)
    (fix,) = [a for a in editor.code_actions(article, (2, 0), (2, 30)) if a.title.startswith("Delete")]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert apply_edits(SPACED, fix.edit.changes[article.as_uri()]) == "# Freight\n\nRates 😀 rose, then fell.\n"


def test_an_unsafe_fix_is_offered_marked_and_not_preferred(editor, folder):
    text = "# Trade\n\nRead [the outlook] (https://www.iea.org/reports/outlook-2023) first.\n"
    article = write(folder, "a.md", text)
    assert "space-in-link-syntax" in codes(editor.open(article))
    (fix,) = [a for a in editor.code_actions(article, (2, 6), (2, 8)) if a.title.startswith("Replace")]
    assert fix.title.endswith("(unsafe)") and not fix.is_preferred
    assert "[the outlook](https://www.iea.org/reports/outlook-2023)" in apply_edits(
        text, fix.edit.changes[article.as_uri()])


def test_fix_all_applies_every_safe_fix_as_check_fix_does(editor, folder):
    text = ("# Trade\n\nIndia , Japan and Korea ( see below ) agreed .\n\n"
            "Read [the outlook] (https://www.iea.org/reports/outlook-2023) first.\n")
    article = write(folder, "a.md", text)
    editor.open(article)
    (fix_all,) = editor.code_actions(article, (0, 0), (0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert fix_all.kind == "source.fixAll.artlint"
    fixed = apply_edits(text, fix_all.edit.changes[article.as_uri()])
    proc = subprocess.run([artlint_exe(), "check", "--fix", "--stdin-filename", "a.md", "-"], cwd=folder,
                          input=text.encode(), capture_output=True, check=False)
    assert fixed == proc.stdout.decode() != text
    assert "[the outlook] (https" in fixed  # the unsafe fix is left for a quick fix


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_disable_for_this_line_inserts_a_comment_that_silences_the_finding(editor, folder, name):
    text = "Freight\n\nRates 😀 rose , then fell . Again.\n"
    article = write(folder, name, text)
    assert codes(editor.open(article, language="markdown" if name.endswith(".md") else "plaintext")) == [
        "space-before-punctuation", "space-before-punctuation"]
    disables = [a for a in editor.code_actions(article, (2, 0), (2, 40)) if a.title.startswith("Disable")]
    assert [a.title for a in disables] == ["Disable space-before-punctuation for this line"]  # once per line
    (edit,) = disables[0].edit.changes[article.as_uri()]
    assert edit.new_text == " <!-- artlint-disable-line space-before-punctuation -->"
    after = apply_edits(text, [edit])
    assert editor.replace_all(article, after) == []


def test_hover_on_a_finding_shows_its_rules_description_and_examples(editor, folder):
    article = write(folder, "a.md", SPACED)
    (found,) = editor.open(article)
    hover = editor.hover(article, found.range.start.line, found.range.start.character)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "space-before-punctuation" in text and "Stray space before ','" in text
    assert "### What it flags, and why" in text and "### Flagged" in text and "### Not flagged" in text
    assert editor.hover(article, 0, 2) is None  # nothing there


def test_a_config_change_reloads_the_rules_on_a_watched_file_event(editor, folder):
    article = write(folder, "a.md", SPACED)
    assert codes(editor.open(article)) == ["space-before-punctuation"]
    before = editor.count(article.as_uri())
    config = write(folder, ".artlint.toml", 'ignore = ["space-before-punctuation"]\n')
    editor.files_changed(config)
    assert editor.wait(article.as_uri(), before) == []


def test_a_config_change_is_noticed_by_its_modification_time_without_an_event(editor, folder):
    config = write(folder, ".artlint.toml", 'ignore = ["unsupported-statistic"]\n')
    article = write(folder, "a.md", SPACED)
    assert codes(editor.open(article)) == ["space-before-punctuation"]
    config.write_text('ignore = ["space-before-punctuation"]\n# a longer file: another size\n', encoding="utf-8")
    assert editor.edit(article, (0, 0), (0, 0), "") == []


def test_a_rule_file_change_reloads_the_rules(editor, folder):
    rules = folder / "rules"
    rules.mkdir()
    write(folder, ".artlint.toml", 'rules = ["rules"]\n')
    rule = write(rules, "no-freight.yaml", _rule("Freight"))
    article = write(folder, "a.md", "# Freight\n\nShips carry cargo.\n")
    assert codes(editor.open(article)) == ["no-word"]
    before = editor.count(article.as_uri())
    rule.write_text(_rule("cargo"), encoding="utf-8")
    editor.files_changed(rule)
    (found,) = editor.wait(article.as_uri(), before)
    assert (found.code, found.range.start.line) == ("no-word", 2)
    assert found.code_description.href == rule.resolve().as_uri()  # a rule of one's own: its file


def _rule(word: str) -> str:
    return (f"id: no-word\ncategory: style\nseverity: warning\nmessage: 'No {word}'\n"
            f"description: Flags the word {word}.\ncheck: pattern\noptions:\n  patterns: ['\\b{word}\\b']\n"
            f"examples:\n  bad: ['A {word} here.']\n  good: ['Nothing here.']\n")


def test_a_broken_config_is_one_error_message_not_a_crash(editor, folder):
    config = write(folder, ".artlint.toml", "select = [\n")
    article = write(folder, "a.md", SPACED)
    assert editor.open(article) == []
    message = editor.wait_message(lambda m: str(config) in m.message)
    assert message.type == types.MessageType.Error
    shown = len(editor.messages)
    assert editor.edit(article, (0, 0), (0, 0), "") == []
    assert len(editor.messages) == shown  # the same error is not shown again at each keystroke
    editor.open(write(folder.parent, "healthy.md", SPACED))
    before = editor.count(article.as_uri())
    editor.files_changed(config)  # every open document is linted again: the healthy one between
    editor.wait(article.as_uri(), before)
    assert len(editor.messages) == shown
    config.write_text("select = []\n", encoding="utf-8")
    before = editor.count(article.as_uri())
    editor.files_changed(config)
    assert codes(editor.wait(article.as_uri(), before)) == []  # select = []: usable, and nothing runs
    config.write_text("", encoding="utf-8")
    editor.files_changed(config)
    assert codes(editor.wait(article.as_uri(), before + 1)) == ["space-before-punctuation"]


def test_the_corpus_article_gets_the_same_findings_at_the_same_positions_as_check(editor):
    source = CORPUS / "seed-india-japan.txt"
    if not source.is_file():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    published = editor.open(source, language="plaintext")
    editor.close_document(source)
    proc = subprocess.run([artlint_exe(), "check", "--format", "json", "--no-cache", str(source)],
                          capture_output=True, text=True, check=False)
    expected = json.loads(proc.stdout)
    assert expected, proc.stderr
    lines = source.read_text("utf-8").splitlines()

    def lsp(d):
        return (d["rule"], d["line"] - 1, utf16_column(lines[d["line"] - 1], d["column"] - 1), d["end_line"] - 1,
                utf16_column(lines[d["end_line"] - 1], d["end_column"] - 1), d["message"])

    got = [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message)
           for d in published]
    assert sorted(got) == sorted(lsp(d) for d in expected)


def test_link_verdicts_come_from_the_cache_unless_checking_is_turned_on(editor, folder):
    site = Site()
    try:
        site.route("/gone", 404)
        site.route("/fine", 200, "<html><body>fine</body></html>")
        write_config(folder, check_links=True, allow_private_hosts=True)
        text = f"# Links\n\nSee [the old page]({site.url('/gone')}) and [this one]({site.url('/fine')}).\n"
        article = write(folder, "a.md", text)
        proc = subprocess.run([artlint_exe(), "check", "--check-links", "a.md"], cwd=folder, capture_output=True,
                              check=False, text=True)
        assert "dead-link" in proc.stdout, proc.stdout + proc.stderr
        asked = len(site.requests())
        assert "dead-link" in codes(editor.open(article))
        assert "dead-link" in codes(editor.edit(article, (0, 0), (0, 0), "A"))
        assert len(site.requests()) == asked  # from the cache: nothing fetched while typing

        before = editor.count(article.as_uri())
        editor.configure({"artlint": {"checkLinks": "on"}})
        editor.wait(article.as_uri(), before)  # a change of settings lints the open documents again
        before = editor.count(article.as_uri())
        editor.save(article)
        editor.wait(article.as_uri(), before + 1)  # linted at once, then again once the links are checked
        assert site.hits("/gone") > 0 and len(site.requests()) > asked  # dead links are asked again

        editor.configure({"artlint": {"checkLinks": "off"}})
        before = editor.count(article.as_uri())
        assert "dead-link" not in codes(editor.wait(article.as_uri(), before))
    finally:
        editor.configure({"artlint": {"checkLinks": "cache"}})
        site.stop()


def test_the_linter_is_built_once_and_reused_for_every_edit(tmp_path, monkeypatch):
    from artlint import api
    from artlint.server.session import Session

    built = []
    real = api.load_ruleset
    monkeypatch.setattr(api, "load_ruleset", lambda config: built.append(config) or real(config))
    session = Session(say=lambda message: None, link_mode="off")
    article = tmp_path / "a.md"
    first = session.lint(article, SPACED)
    second = session.lint(article, SPACED.replace(" ,", ","))
    assert [d.rule for d in first.diagnostics] == ["space-before-punctuation"] and second.diagnostics == []
    assert second.linter is first.linter and len(built) == 1
    (tmp_path / ".artlint.toml").write_text('ignore = ["spacing"]\n', encoding="utf-8")
    third = session.lint(article, SPACED)
    assert third.diagnostics == [] and third.linter is not first.linter and len(built) == 2


def test_artlint_version_does_not_import_the_language_server(tmp_path):
    script = "import sys\nfrom artlint.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n" \
             "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', 'artlint.server'))))\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


@pytest.mark.parametrize(("encoding", "column"), [("utf-16", 7), ("utf-8", 9), ("utf-32", 6)])
def test_positions_are_counted_in_the_negotiated_encoding_both_ways(encoding, column):
    from artlint.server.positions import Lines

    text = "one\r\ntwo 😀 ,three\n"  # the comma: code point 6 of line 2 (0-based), after a CRLF
    lines = Lines(text, encoding)
    position = lines.position(2, 7)  # artlint's 1-based line 2, column 7
    assert (position.line, position.character) == (1, column)
    assert lines.offset(position) == text.index(",")
    assert lines.offset(types.Position(line=1, character=99)) == text.index("\n", 5)  # past the end: the end
    assert lines.range_of(text.index(","), text.index(",") + 1).end.character == column + 1


def test_settings_take_known_values_and_name_the_others():
    from artlint.server.settings import Settings, updated

    settings, problems = updated(Settings(), {"artlint": {"debounce": 0.5, "checkLinks": "on"}})
    assert (settings.debounce, settings.check_links, problems) == (0.5, "on", [])
    kept, problems = updated(settings, {"debounce": -1, "checkLinks": "always"})
    assert kept == settings
    assert problems == ["debounce: -1 is not a number of seconds from 0 to 10",
                        "checkLinks: 'always' is not one of cache, on, off"]
