"""Real articles that none of us wrote (tests/realworld/, provenance in SOURCES.md), labelled
blind in the five mission categories. The floors pin what artlint scores today, so a change
that loses findings or raises false alarms on real writing fails here. ``dev/`` is the part we
tune against; ``heldout/`` is never looked at while changing rules, and has floors of its own."""

from __future__ import annotations


import pytest

from artlint.api import Linter
from conftest import REPO
from realworld_scoring import FIVE, Labels, lint_cases, predictions, score
from test_positions import check_positions

REALWORLD = REPO / "tests" / "realworld"
SETS = ("dev", "heldout")

# (precision, recall) floors per set and category: issue 12's bar (0.95, 0.90) where artlint
# meets it, else what it scored when the floors were last set. A set joining or leaving a folder
# makes a new measure, so the floors are reset then; a change to artlint never lowers a floor:
# raise them when it gets better. Each set's first blind score, and what studying it taught, are in
# SOURCES.md; the README keeps the table.
# ``heldout/`` is corpus-v, corpus-w, corpus-x, corpus-ad, corpus-ag, corpus-aj, corpus-ak, corpus-ap,
# corpus-aq, corpus-bg, corpus-bi, corpus-bj, corpus-bl, corpus-bm, corpus-bo, corpus-bu, corpus-bv,
# corpus-bw, corpus-bx, corpus-bz, corpus-ca, corpus-cc, corpus-cd, corpus-ce, corpus-cf, corpus-cj,
# corpus-cl, corpus-cm, corpus-cp, corpus-cw, corpus-cx, corpus-cz, corpus-da, corpus-db and
# corpus-dd (351 articles), never studied. Its floors were set on 2026-12-08 (stop 52) when
# corpus-cr, corpus-cs, corpus-ct, corpus-cu, corpus-cy and corpus-dc left it for dev/ and
# corpus-cw to corpus-dd joined it (the totals read once, at the end of the stop): placeholder
# 0.981 / 0.898 (corpus-da's three blind misses), link 0.931 / 0.931, source 0.926 / 0.897,
# spacing 1.000 / 0.943 (one blind miss each in corpus-db and an older set, of 35), statistic
# 0.855 / 0.859. At stop 51 it read placeholder 0.974 / 0.927, link 0.931 / 0.931, source 0.851 /
# 0.891 (corpus-cu's 22 blind false alarms), spacing 1.000 / 0.982, statistic 0.839 / 0.839.
# With the six sets studied at stop 52, dev read statistic 0.887 / 0.908 (from 0.893 / 0.915 at
# stop 51): their 42 articles keep 21 statistic false alarms (26 blind; a writing assistant's
# continuation that repeats its article's first half unlabelled, a research summary's attributions
# to a named trial or review) and 19 misses (26 blind; importance rankings, small bare counts), so dev's
# statistic floors came down to 0.885 / 0.905; no rule change lowered a score on a fixed set.
# Earlier floors and what each study taught are in SOURCES.md and the README.
# ``dev/`` stays below the bar in statistic precision (generated memos' own arithmetic and an
# index's own results, simulation settings, figures told through examples). At stop 41:
# statistic 0.888 / 0.896, source 0.946 / 0.946; at stop 42 source met the bar (0.954 / 0.946: a
# saved wiki page's footer ends its references) and statistic recall did (0.888 / 0.900), and with
# corpus-bf: link 0.939 / 0.984, source 0.950 / 0.946, statistic 0.884 / 0.8995; its study (the ids of
# kramdown's attribute lists, a bold label alone introducing a Sources list, figures read off the
# article's own chart, thresholds written as comparisons, "the 7th country to") brought link to
# 0.984 / 0.984, source to 0.954 / 0.946 and statistic to 0.887 / 0.901.
FLOORS = {
    "dev": {**{c: (0.95, 0.90) for c in FIVE}, "statistic": (0.885, 0.905)},
    "heldout": {
        "placeholder": (0.97, 0.89),
        "link": (0.93, 0.93),
        "source": (0.92, 0.89),
        "spacing": (0.95, 0.94),
        "statistic": (0.85, 0.85),
    },
}

# Findings allowed on the clean, well-sourced articles (issue 12 asks for none): none since
# 2026-12-05. dev/'s last on an older set, "deliver on millions of people's needs" on a clean
# corpus-aa article, went that morning when a bare order of millions or billions became a crowd;
# corpus-an's two on its clean generated report (a vote's "$500 million" and "(86% of voters in
# favor)", each followed by a list item that is only a link to the record) went when such an item
# became the paragraph's citation; held-out corpus-aj's one, never looked at, went with the same
# morning's changes. corpus-au brought one to heldout/ when it joined (2026-12-06); it left for dev/
# later that morning, where its study removed it ("In particular, they surveyed …" after a sentence
# naming the researchers); corpus-aw and corpus-ax brought none, nor did corpus-bg, corpus-bi, corpus-bj, corpus-bl,
# corpus-bm, the sets of stop 40, corpus-bn to corpus-bv, and those of stop 41, corpus-bw to corpus-bz.
# corpus-be's two clean generated briefings had 9 statistic false alarms in heldout/ from stop 37;
# at stop 41 the set left for dev/ and its study removed them (each item's "🔗 https://…" line,
# left after its paragraph's last sentence, cites it).
CLEAN_FALSE_ALARMS = {"dev": 0, "heldout": 0}


@pytest.fixture(scope="module")
def scored():
    out = {}
    for name in SETS:
        folder = REALWORLD / name
        labels = Labels.load(folder / "labels.jsonl")
        diagnostics = lint_cases(folder, sorted(labels.complete), Linter.from_config(start=folder))
        found = predictions(diagnostics)
        out[name] = (labels, found, score(found, labels), diagnostics)
    return out


def test_the_corpus_is_big_and_varied_enough():
    cases = [p for name in SETS for p in (REALWORLD / name).iterdir() if p.suffix in {".md", ".txt"}]
    sources = (REALWORLD / "SOURCES.md").read_text("utf-8")
    assert len(cases) >= 40
    for path in cases:
        written = (f"`{path.name}`", f"`{path.parent.name}/{path.name}`")
        assert any(form in sources for form in written), f"{path.name} has no provenance"
    heldout = [p for p in cases if p.parent.name == "heldout"]
    assert 0.25 <= len(heldout) / len(cases) <= 0.4  # about a third


def test_every_article_is_labelled():
    for name in SETS:
        folder = REALWORLD / name
        labelled = set(Labels.load(folder / "labels.jsonl").complete)
        on_disk = {p.name for p in folder.iterdir() if p.suffix in {".md", ".txt"}}
        assert labelled == on_disk, name


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("category", FIVE)
def test_category_floor(scored, name, category):
    result = scored[name][2]
    tally = result.tallies[category]
    precision_floor, recall_floor = FLOORS[name][category]
    # the held-out set's errors are not printed: a failing run must not show what nobody may study
    wrong = ([k for k in result.false_alarms + result.misses if k[2] == category] if name != "heldout"
             else "(held out: not shown)")
    assert tally.precision >= precision_floor and tally.recall >= recall_floor, (
        f"{name}/{category}: precision {tally.precision:.3f} recall {tally.recall:.3f}; "
        f"false alarms and misses: {wrong}\n{result.table()}"
    )


@pytest.mark.parametrize("name", SETS)
def test_clean_articles_get_no_findings_in_the_five_categories(scored, name):
    labels, found, *_ = scored[name]
    labelled_cases = {k[0] for k in labels.positives | labels.optional} | {k[0] for k in labels.document_level}
    clean = set(labels.complete) - labelled_cases
    assert clean, "the corpus keeps some clean, well-sourced articles"
    false_alarms = sorted(k for k in found if k[0] in clean)
    assert len(false_alarms) <= CLEAN_FALSE_ALARMS[name], (
        false_alarms if name != "heldout" else f"{len(false_alarms)} (held out: not shown)")


@pytest.mark.parametrize("name", SETS)
def test_positions_are_exact_on_real_articles(scored, name):
    diagnostics = [d.to_dict() for d in scored[name][3]]
    assert diagnostics
    check_positions(diagnostics, REALWORLD / name)
