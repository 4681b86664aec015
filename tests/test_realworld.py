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
# meets it, else what it scored when the floors were set. ``heldout/`` is corpus-k, corpus-n,
# corpus-s, corpus-v, corpus-w, corpus-x, corpus-ac, corpus-ad, corpus-ag, corpus-aj, corpus-ak,
# corpus-ap, corpus-aq, corpus-bb, corpus-be, corpus-bf, corpus-bg, corpus-bi and corpus-bj (262
# articles), never studied: its floors are what artlint scored on it when corpus-bd left it for
# dev/ (2026-12-06, stop 38; a new composition is a new measure): placeholder 0.979 / 0.868, link
# 0.870 / 0.940, source 0.941 / 0.837, spacing 1.00 / 0.905, statistic 0.786 / 0.848. With
# corpus-bd, when corpus-bj (scored blind first) had just joined: placeholder 0.986 / 0.895, link 0.873 / 0.941, source 0.936 / 0.833, spacing 1.00 / 0.821, statistic 0.767 /
# 0.839. Before it, with corpus-bc gone to dev/: placeholder 1.00 / 0.818, link
# 0.870 / 0.940, source 0.940 / 0.835, spacing 1.00 / 0.821, statistic 0.768 / 0.835. With
# corpus-bc, when corpus-bg and corpus-bi (each scored blind first) had just joined, source was
# 0.911 / 0.799 and statistic 0.756 / 0.830. Before that, with corpus-ba gone to dev/, link was 0.865 / 0.938,
# source 0.911 / 0.801, spacing 1.00 / 0.808, statistic 0.739 / 0.815. When corpus-be and
# corpus-bf (each scored blind first) joined it (stop 37; corpus-bf brought 7 link
# false alarms (its blind totals; never looked at)), held-out link was
# 0.849 / 0.938, source 0.909 / 0.723, statistic 0.736 / 0.821. Before them (stop 35, 247
# articles, corpus-ba to corpus-bd just joined) held-out source was 0.918 / 0.736 and statistic
# 0.757 / 0.820. ``dev/``'s statistic precision floor is not the bar either:
# 0.950 before corpus-y joined dev/ and was studied, 0.945
# with it, 0.926 when corpus-ab joined and 0.943 after its study, 0.936 with corpus-z and corpus-aa
# after theirs, 0.940 before corpus-ae and corpus-af joined, 0.929 when they did, 0.934 after their
# study; corpus-ai's generated research reports (trading levels, contract terms, scenario lists)
# brought 43 false alarms, 0.886 when it joined, 0.895 after its study, 0.915 after the evening's
# fixes with corpus-al in dev/, 0.943 after 2026-12-05's (crowds of millions, plural superlatives,
# chart levels, file sizes, restated figures; held-out statistic precision 0.81 to 0.83 with them)
# 0.941 with corpus-am joined and studied, 0.936 with corpus-an joined and studied, 0.916 when
# corpus-ao's data documentation joined and 0.942 after its study, 0.946 after 2026-12-05's afternoon
# fixes with corpus-ar joined and studied, 0.937 with corpus-as and corpus-at joined and studied
# (corpus-at's fact sheets, proposals and course notes: 27 false alarms blind, 10 after its study);
# 0.909 when corpus-au joined dev/ (2026-12-06), 0.922 after its study, 0.918 with corpus-av joined
# and studied (its generated market reports' trade setups: 28 false alarms blind, 8 after);
# 0.881 when corpus-aw to corpus-az joined dev/ (stop 35; an index's own results, a pipeline's
# chart slots, simulation settings) and 0.888 after their study;
# 0.883 / 0.897 with corpus-ba joined and studied (stop 38; a generated start-up memo's own
# arithmetic, an example's amounts), 0.882 / 0.895 with corpus-bc joined and studied, 0.881 / 0.892 with corpus-bk and
# corpus-bd joined and studied;
# dev/'s source precision went from
# 0.954 to 0.900 when corpus-am joined and back to 0.954 after its study, and from 0.941 to 0.954
# with corpus-ao's, and to 0.947 with corpus-au and corpus-av (a generated report's bare "Data
# Sources" list, read as no sources at all, twice), 0.897 when corpus-aw to corpus-az joined (a
# glossary under References, a "Citation" block, template footnotes) and 0.938 after their study
# (SOURCES.md). A set joining
# dev/ is a new measure too; a change to artlint never lowers a floor: raise them when it gets
# better.
FLOORS = {
    "dev": {**{c: (0.95, 0.90) for c in FIVE}, "source": (0.935, 0.93), "statistic": (0.88, 0.89)},
    "heldout": {
        "placeholder": (0.97, 0.86),
        "link": (0.87, 0.94),
        "source": (0.94, 0.83),
        "spacing": (0.95, 0.90),
        "statistic": (0.78, 0.84),
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
# naming the researchers); corpus-aw and corpus-ax brought none, nor did corpus-bg, corpus-bi and corpus-bj.
# Held out: 9 statistic false alarms on corpus-be's two clean generated briefings (every item
# sourced by a trailing link), measured when they joined (stop 37), not studied.
CLEAN_FALSE_ALARMS = {"dev": 0, "heldout": 9}


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
