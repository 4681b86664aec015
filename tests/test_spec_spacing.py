"""RULES.md §4 spacing: every Flag and Quiet line; fixes delete exactly the whitespace."""

from __future__ import annotations

import pytest
from _hypothesis_profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.document import parse_document
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


_FRENCH_ARTICLE = ("Avant de faire de la recherche, nous établissons un plan : il présente les objectifs de la "
                   "recherche et les questions qui sont les plus utiles pour la conception des services. "
                   "Pourquoi le faire ? Pour que toute l’équipe sache ce que nous voulons apprendre ; "
                   "le taux de réponse atteint 38,9 % dans le dernier sondage.")


@pytest.mark.parametrize("path", ["blog/plan.md", "content/en/blog/plan.md", "/home/ar/plan.md"])
def test_an_article_in_french_is_french_without_saying_so(path):
    # a CMS export or a multilingual site's page rarely carries `lang: fr`
    assert lint(_FRENCH_ARTICLE, ["spacing"], path=path) == []
    assert [d.match for d in lint(_FRENCH_ARTICLE.replace("recherche,", "recherche ,"), ["spacing"], path=path)] == [" "]


@pytest.mark.parametrize("path", ["content/fr/blog/plan.md", "site/i18n/fr-ca/plan.md", "fr/plan.md", "blog/plan.fr.md"])
def test_a_short_text_is_french_where_a_site_keeps_its_french_pages(path):
    assert lint("Et surtout : la réforme ?", ["spacing"], path=path) == []
    assert lint("Le taux atteint 38,9 % en 2023.", ["space-before-percent"], path=path) == []


@pytest.mark.parametrize("path", ["blog/plan.md", "/home/fr-team/plan.md", "docs/it/plan.md", "/srv/ar/plan.md"])
def test_a_short_text_elsewhere_is_read_in_the_default_language(path):
    assert [d.match for d in lint("Et surtout : la réforme ?", ["spacing"], path=path)] == [" ", " "]


def test_english_words_outweigh_a_french_folder():
    # a page a site has not translated yet sits in content/fr/ in English
    text = ("There is a quieter problem : we stopped noticing that the reports of the agency were late, "
            "and that the board was not told. This is the part of the story that is missing from the record.")
    assert [d.match for d in lint(text, ["spacing"], path="content/fr/blog/plan.md")] == [" "]
    assert lint(f"---\nlang: fr\n---\n\n{text}", ["spacing"], path="content/en/plan.md") == []


def test_a_declared_language_wins_over_the_words():
    assert [d.match for d in lint(f"---\nlang: en\n---\n\n{_FRENCH_ARTICLE}", ["space-before-percent"])] == [" "]


# ---- issue 12: ratios, times, emoticons, French typography, glued commas, percent, quotes ----

QUIET_TYPOGRAPHY = [
    "The final score was 3 : 1 and they won 10 : 0 at home.",
    "The session starts at 10 : 30 and ends at 12 :45.",
    "That was the hard part :) and this ;-) and that :-( and then :D again.",
    "The minister said « Non ! Pas question ; jamais » and left.",
    "The slogan « Liberté ! » came back, as did « Pourquoi ? ».",
    "Typeset by a French desk\u202f: it uses no-break spaces\u00a0; before\u202f! and\u00a0?",
    "The quote breaks off . . . and resumes . . . . then ends.",
    "Cells run at .5C, the app moved to .NET and .Net, and files come as .mp3, .DOC or .exe-Dateien.",
    "Register the .org and the .gov domains.",
    "Prices rose by 1,000 euros, or 1,5%, to €2,45 and 50,- Euro.",
    "A ,,German'' quote, a list x,y,z and 中国,日本 in Chinese.",
    "The **src,lib**: tags and cargo {publish,search,login} are names.",
    "Hello {{ name }}, the set { a, b } and {% if n > 1 %} stay as they are.",
    "The students' union said 'no', and don't forget the ' character or the ditto \" mark.",
    "| Year | Share |\n| --- | --- |\n| 2023 | 12% |\n| 2024 | \" |",
    "The argument is about order – look after what you have.",
]


@pytest.mark.parametrize("text", QUIET_TYPOGRAPHY)
def test_quiet_typography(text):
    assert lint(text, ["spacing"]) == []


@pytest.mark.parametrize("text", ["{% if n > 1 %}Exports{% endif %}", "<%= rate %> and {% if 2 %}"])
def test_quiet_template_tags_in_plain_text(text):
    assert lint(text, ["spacing"], format="text") == []


@pytest.mark.parametrize("lang", ["fr", "de", "fr-CA", "es"])
def test_space_before_percent_is_the_rule_outside_english(lang):
    assert lint(f"---\nlang: {lang}\n---\n\nLe taux atteint 38,9 % en 2023.", ["space-before-percent"]) == []


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_a_no_break_space_before_percent_is_chosen_typography(space):
    # SI and ISO style, as a research agent's report writes it ("Confidence: 96\u202f%"): a no-break
    # space is put there on purpose, unlike the stray " " LanguageTool flags in "2 %"
    assert lint(f"Confidence: 96{space}%, up from 94{space}% last week.", ["space-before-percent"]) == []


FLAG_MORE = [
    # (text, rule, the match, the text after the fix)
    ("Exports rose in India,Japan and Australia.", "missing-space-after-comma", ",",
     "Exports rose in India, Japan and Australia."),
    ("Exports rose 2 % last year.", "space-before-percent", " ", "Exports rose 2% last year."),
    ("Exports rose 7.5\t% last year.", "space-before-percent", "\t", "Exports rose 7.5% last year."),
    ("He called it ' a shot across the bow' instead.", "space-inside-brackets", " ",
     "He called it 'a shot across the bow' instead."),
    ("He called it \"a shot across the bow \" instead.", "space-inside-brackets", " ",
     "He called it \"a shot across the bow\" instead."),
    ("He called it ’ a shot’ instead.", "space-inside-brackets", " ", "He called it ’a shot’ instead."),
    ("The plants switch off { see below) at noon.", "space-inside-brackets", " ",
     "The plants switch off {see below) at noon."),
    ("India ,Japan", "space-before-punctuation", " ", None),  # and missing-space-after-comma
]


@pytest.mark.parametrize("text, rule, match, fixed", FLAG_MORE)
def test_flag_more(text, rule, match, fixed):
    diags = [d for d in lint(text, ["spacing"]) if d.rule == rule]
    assert [d.match for d in diags] == [match]
    start = diags[0].column - 1
    assert text[start : start + len(match)] == match
    if fixed is not None:
        assert _apply(text, diags) == fixed
        assert lint(fixed, ["spacing"]) == []


def test_glued_comma_after_a_stray_space_gets_both_fixes():
    text = "Trade with India ,Japan grew."
    diags = lint(text, ["spacing"])
    assert sorted(d.rule for d in diags) == ["missing-space-after-comma", "space-before-punctuation"]
    fixed = _apply(text, diags)
    assert fixed == "Trade with India, Japan grew." and lint(fixed, ["spacing"]) == []


def test_dot_glued_to_a_word_is_flagged_without_a_fix():
    diags = lint("The firm moved to .Los Angeles.", ["spacing"])
    assert [(d.rule, d.match, d.fix) for d in diags] == [("space-before-punctuation", " ", None)]
    assert "'Los'" in diags[0].message


def test_straight_quotes_pair_within_a_paragraph_only():
    # a lone quote in one paragraph does not make the next paragraph's opening quote a closing one
    text = "The ' mark.\n\nHe said ' yes' twice."
    diags = lint(text, ["space-inside-brackets"])
    assert [(d.line, d.column) for d in diags] == [(3, 10)]


_PIECES = [" ", "  ", "\t", "\u00a0", "\u202f", "\u2009", "\n", "\n\n", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]",
           "{", "}", "“", "”", "‘", "’", "«", "»", "a", "Word", "3", ":)", ";-(", "...", "e.g.", "*", "_", '"', "%",
           ".NET", ",is", "`x`", "# "]


@settings(max_examples=examples(1), deadline=None)
@given(parts=st.lists(st.sampled_from(_PIECES), max_size=40), markdown=st.booleans(), lang=st.sampled_from(["en", "fr"]))
def test_spaces_found_from_marks_and_brackets_are_the_regexes_matches(parts, markdown, lang):
    """The spacing regexes are read from the marks and brackets their matches touch (not from
    every space): the same matches as scanning the whole prose."""
    from artlint.checks.spacing import Check, _space_runs

    doc = parse_document("".join(parts), "a.md" if markdown else "a.txt", lang=lang)
    before = Check({"mode": "before-punctuation", "language_exemptions": {"fr": ";:!?"}})
    pattern = before._before(doc.lang)
    marks = before._marks(doc.lang)
    assert [m.span() for m in _space_runs(doc, pattern, marks)] == [m.span() for m in doc.scan(pattern)]
    inside = Check({"mode": "inside-brackets"})
    assert [m.span() for m in _space_runs(doc, inside.inside, inside.closers, inside.openers)] == [
        m.span() for m in doc.scan(inside.inside)]
