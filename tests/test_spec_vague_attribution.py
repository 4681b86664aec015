"""RULES.md "Beyond the five", `style`: vague attribution with no named source."""

from __future__ import annotations

import pytest

from conftest import RULES_BY_ID, lint
from artlint.engine import lint_file

RULE = "vague-attribution"


def flagged(text: str, **kw) -> list[str]:
    return [d.match for d in lint(text, [RULE], **kw) if d.rule == RULE]


FLAG = [
    ("Experts say most companies underestimate how many AI systems they already use.", "Experts say"),
    ("Studies show that the cost of integrating solar rises sharply.", "Studies show"),
    ("Reports suggest that some vessels have been allowed through the strait unharmed.", "Reports suggest"),
    ("For now, analysts believe the rally will fade.", "analysts believe"),
    ("Meanwhile, research shows that four-day weeks raise output.", "research shows"),
    ("It is widely believed that the reform will pay for itself.", "It is widely believed"),
    ("Many economists have warned that the deficit will widen.", "Many economists have warned"),
    ("Studies have shown that the policy works.", "Studies have shown"),
    ("Some say the merger was rushed.", "Some say"),
    ("The plan is popular, according to experts.", "according to experts"),
    ("Analysts believe the subsidy favours incumbents.", "Analysts believe"),
    # capitals elsewhere in the sentence are not a source: they must be the subject or follow a cue
    ("Reports suggest that Chinese customs officials have slowed approvals, a quieter form of leverage "
     "that is much harder to challenge at the WTO.", "Reports suggest"),
]


@pytest.mark.parametrize("text, match", FLAG, ids=[m for _, m in FLAG])
def test_flags_vague_attribution(text, match):
    assert flagged(text) == [match]


def test_diagnostic_fields():
    (d,) = [d for d in lint("Experts say the squeeze will persist.", [RULE]) if d.rule == RULE]
    assert d.category == "style" and d.severity == "warning" and d.column == 1
    assert "Experts say" in d.message


def test_french():
    text = "---\nlang: fr\n---\n\nLes experts estiment que la réforme ne suffira pas.\n"
    assert flagged(text) == ["Les experts estiment"]


QUIET = [
    # critics voice opinions, which need no source
    "Critics say the structural focus on pensions sharpens the harder question.",
    # words between the crowd and the verb name it
    "Experts at the Kiel Institute for the World Economy say the diversion is visible in German trade data.",
    # a named subject of the verb
    "JOGMEC data show that Japan cut its reliance on Chinese rare earths.",
    "New Harvard research shows that four-day weeks raise output.",
    "Goldman Sachs analysts say the rally will fade.",
    # a back-reference to a named source
    "Mining is more dispersed: the same report shows the top producers accounting for most output.",
    # link, footnote marker, parenthetical citation, "according to" + name
    "Studies show that the cost rises sharply ([Heptonstall et al.](https://doi.org/10.1016/j.enpol.2016.12.010)).",
    "Studies show that the cost rises sharply.[^1]\n\n[^1]: UKERC, *The costs and impacts of intermittency*, 2017.",
    "Studies show that the cost rises sharply [3].",
    "Studies show that the cost rises sharply (Heptonstall, 2017).",
    "Analysts say the rally will fade, according to a Reuters poll.",
    "In a study published in Nature, researchers found that most reefs had bleached.",
    "The trial ran for two years, and the researchers found no effect.",
    # the same words that are not attribution
    "The analysts' report is due on Friday.",
    "Research and development spending is up.",
]


@pytest.mark.parametrize("text", QUIET)
def test_quiet_when_a_source_is_named(text):
    assert flagged(text) == []


def test_a_first_word_is_a_name_when_the_article_writes_it_as_one_elsewhere():
    assert flagged("Harvard research shows that four-day weeks raise output.") == ["research shows"]
    assert flagged("Harvard research shows that four-day weeks raise output. "
                   "The trial ran at Harvard and Yale.") == []


def test_quiet_in_headings_quotes_and_source_sections():
    assert flagged("## What experts say\n\nThe section collects named sources.") == []
    assert flagged("“Experts say a lot of things,” she said.") == []
    assert flagged("The plan was approved.\n\n## Further reading\n\n- Experts say: a primer (Penguin, 2020)\n") == []
    assert flagged("What Analysts Are Saying\n\nThe plan was approved.\n", format="text") == []


def test_one_finding_per_sentence():
    assert flagged("Experts say and studies show that it works.") == ["Experts say"]


# One idea of support: a sentence with both a vague phrase and a figure is sourced for both
# rules or for neither (the shared definition in src/artlint/checks/attribution.yaml).
BOTH = [
    ("Analysts say revenue rose 12% in the quarter.", True),
    ("Studies show that 58% of Britons said prices rose.", True),
    ("Experts estimate that 40% of firms will miss the deadline.", True),
    ("Analysts say revenue rose 12%, according to a Reuters poll.", False),
    ("Studies show that prices rose 12% [3].", False),
    ("Studies show that prices rose 12% (Heptonstall, 2017).", False),
    ("Experts say prices rose 12%, the Office for National Statistics said.", False),
]


@pytest.mark.parametrize("text, unsourced", BOTH)
def test_shares_its_idea_of_support_with_the_statistic_rule(text, unsourced):
    rules = {d.rule for d in lint(text, [RULE, "unsupported-statistic"])}
    assert (RULE in rules) is unsourced
    assert ("unsupported-statistic" in rules) is unsourced


def test_a_rules_own_attribution_option_replaces_only_its_keys():
    from artlint.checks.vague_attribution import Check
    from artlint.document import parse_document

    text = "Experts say it works, as per the Kiel Institute."
    doc = parse_document(text, "a.md")
    plain = Check(RULES_BY_ID[RULE].options)
    assert [f for f in plain.run(parse_document(text, "a.md"))]
    widened = Check({**RULES_BY_ID[RULE].options, "attribution": {"source_cues": ["per"]}})
    assert list(widened.run(doc)) == []
    # the other shared keys are still there: a footnote marker and a named verb subject still cite
    assert list(widened.run(parse_document("Experts say it works [2].", "a.md"))) == []
    assert list(widened.run(parse_document("Experts say it works, the IMF estimates.", "a.md"))) == []


def test_bad_regex_is_an_option_error():
    from artlint.checks import OptionError
    from artlint.checks.vague_attribution import Check

    with pytest.raises(OptionError) as err:
        Check({"phrases": ["experts say", "(broken"]})
    assert err.value.path == ["phrases", 1]


def test_schema_is_valid_and_closed():
    from jsonschema import Draft202012Validator
    from artlint.checks import options_schema

    schema = options_schema("vague-attribution")
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert validator.is_valid(RULES_BY_ID[RULE].options)
    assert not validator.is_valid({**RULES_BY_ID[RULE].options, "bogus": True})


# ---- corpus ------------------------------------------------------------------------------

EXPECTED = {
    "energy-transition.md": {33},
    "ai-act-compliance.md": {19},
    "critical-minerals-longread.md": {44},
    "red-sea-shipping.txt": {32},
    "food-inflation.txt": {13},
    "seed-india-japan.txt": set(),
    "reforme-retraites.md": set(),
    "chip-subsidies.txt": set(),
    "glp1-obesity-drugs.md": set(),
    "dotnet-upgrade-howto.md": set(),
    "opinion-boring-infrastructure.txt": set(),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_corpus_vague_attribution_lines(corpus_dir, case):
    lines = {d.line for d in lint_file(corpus_dir / case, [RULES_BY_ID[RULE]])}
    assert lines == EXPECTED[case]
