"""RULES.md §4 spacing: every Flag and Quiet line; fixes delete exactly the whitespace."""

from __future__ import annotations

import pytest

from conftest import lint

FLAG = [
    ("It carries strategic weight .", "weight ."),
    ("India , Japan and Australia.", "India ,"),
    ("There is a reason : this one.", "reason :"),
    ("Start now ; the tool rewrites files.", "now ;"),
    ("How quickly a drone can close one !", "one !"),
    ("Does that apply to open models ?", "models ?"),
    ("The operator asks plants to switch off ( see below ).", "( see"),
    ("The operator asks plants to switch off ( see below ).", "below )"),
    ("He called it “ a shot across the bow ” instead.", "“ a"),
    ("He called it “ a shot across the bow ” instead.", "bow ”"),
]


def _apply(text: str, diags) -> str:
    lines = text.split("\n")
    for d in sorted(diags, key=lambda d: (d.line, d.column), reverse=True):
        line = lines[d.line - 1]
        lines[d.line - 1] = line[: d.column - 1] + d.fix + line[d.end_column - 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize("text, context", FLAG)
def test_flag_with_fix(text, context):
    diags = lint(text, ["spacing"])
    assert diags, text
    for d in diags:
        assert d.match.strip() == "" and d.fix == ""
    fixed = _apply(text, diags)
    assert context.replace(" ", "") in fixed.replace(" ", "") and context not in fixed
    assert lint(fixed, ["spacing"]) == []  # a second pass finds nothing


QUIET = [
    "Whole towns have learned that lesson the hard way ...",
    "The effects are legal … but not yet economic.",
    "Cells run at a .5C rate.",
    "Move the app to .NET 8 and host it on .gov domains.",
    "Rename the file .txt to .md.",
    "Run `echo .upgrade-assistant >> .gitignore` and `a , b`.",
    "```\nfind . -name x , y ;\n```",
    "See https://example.org/a , b",
    "---\ntags: [solar , storage]\n---\n\nText.",
    "<img alt=\"production by country , 2023\">",
    "- item one\n- item two\n\n1. first\n2. second",
    "| a | b |\n| :--- | ---: |\n| 1 | 2 |",
    "That was the hard part :)",
    "Not great ;) but fine.",
    "The argument is about order – look after what you have.",
    "- [ ] check the links",
]


@pytest.mark.parametrize("text", QUIET)
def test_quiet(text):
    assert lint(text, ["spacing"]) == []


@pytest.mark.parametrize("text", [
    "Un an plus tard, quels en sont les effets ?",
    "Et surtout : la réforme atteindra-t-elle son objectif ?",
    "« Nous n’avions pas d’autre choix ! »",
    "Le texte ; la loi.",
    "Quels effets\u202f? Et surtout\u00a0: rien.",
])
def test_quiet_in_french(text):
    assert lint(f"---\nlang: fr\n---\n\n{text}", ["spacing"]) == []
    assert lint(text, ["spacing"], lang="fr") == []  # config language, no front matter


@pytest.mark.parametrize("text", ["Le dispositif a été élargi , mais non.", "Le Conseil ( COR ) estime.",
                                  "Une période sans revenu d’activité ."])
def test_still_flagged_in_french(text):
    assert lint(f"---\nlang: fr\n---\n\n{text}", ["spacing"])
