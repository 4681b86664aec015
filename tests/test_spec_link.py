"""RULES.md §2 `link` (offline part): every Flag and Quiet bullet, the shared corpus, and
relative links resolved against a real folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint


def link_findings(text: str, *, format: str = "markdown", path: str | None = None):
    return [d for d in lint(text, ["link"], format=format, path=path) if d.category == "link"]


def rules_of(text: str, **kw) -> list[str]:
    return [d.rule for d in link_findings(text, **kw)]


# ---- Flag (offline, always) ------------------------------------------------------------------
FLAG = [
    # reversed syntax; a space between the parts
    ("reversed", "The full regulation is at (Critical Raw Materials Act)[https://eur-lex.europa.eu/eli/reg/2024/1252/oj].",
     "reversed-link-syntax"),
    ("spaced", "The Treasury's [sourcing guidance] (https://home.treasury.gov/news/press-releases/jy1939) says so.",
     "space-in-link-syntax"),
    # empty target, "#" target, empty text
    ("empty-target", "The [AI Office]() has promised guidance.", "empty-link-target"),
    ("hash-target", "Read the [FAQ](#).", "empty-link-target"),
    ("empty-text", "The tool lives on GitHub [](https://github.com/dotnet/upgrade-assistant).", "empty-link-text"),
    # scheme typos
    ("htp", "The [docs](htp://learn.microsoft.com/en-us/dotnet/) list every option.", "link-scheme-typo"),
    ("htps", "The [docs](htps://learn.microsoft.com/en-us/dotnet/) list every option.", "link-scheme-typo"),
    ("http-no-colon", "The [desk](http//ai-act-service-desk.ec.europa.eu/en) answers.", "link-scheme-typo"),
    ("https-one-slash", "The [programme](https:/www.worldbank.org/en/topic) helps.", "link-scheme-typo"),
    ("http-three-slashes", "Its [website](http:///www.redwoodmaterials.com) explains.", "link-scheme-typo"),
    ("hhttps", "See the [plan](hhttps://energy.ec.europa.eu/topics/infrastructure).", "link-scheme-typo"),
    ("typo-in-definition", "See the [plan][p].\n\n[p]: htps://energy.ec.europa.eu/plan", "link-scheme-typo"),
    ("typo-in-autolink", "See <htps://energy.ec.europa.eu/plan>.", "link-scheme-typo"),
    # a target with spaces inside; unbalanced brackets or parentheses
    ("spaces", "The [recycling report](https://www.iea.org/reports/recycling of critical minerals) argues.",
     "link-target-with-spaces"),
    ("unclosed", "Start with the [USGS summary](https://pubs.usgs.gov/periodicals/mcs2024/mcs2024.pdf",
     "unclosed-link-target"),
    ("unbalanced-parens", "See the [overview](https://learn.microsoft.com/ms178472(v=vs.100) first.",
     "unclosed-link-target"),
    # a bare domain with no scheme
    ("bare-domain", "The scheme is run by [DPIIT](dpiit.gov.in).", "link-without-scheme"),
    ("bare-www", "[Ember](www.ember-climate.org) keeps a running tracker.", "link-without-scheme"),
    ("bare-domain-path", "Le texte est sur [Légifrance](legifrance.gouv.fr/loda/id/JORFTEXT000047445077).",
     "link-without-scheme"),
    ("email-without-mailto", "Write to the [press office](press@ec.europa.eu).", "link-without-scheme"),
    # a host that cannot be real
    ("host-no-dot", "The template is at [this link](https://intranet/ai-register).", "invalid-link-host"),
    ("host-underscore", "Our [database](https://projects.minerals_brief.com/stalled) is updated monthly.",
     "invalid-link-host"),
    ("host-trailing-hyphen", "The JRC's [AI Watch](https://ai-watch-.jrc.ec.europa.eu/) publishes reports.",
     "invalid-link-host"),
    ("host-leading-hyphen", "See [the site](https://-watch.jrc.ec.europa.eu/).", "invalid-link-host"),
    ("host-digit-tld", "The [scoreboard](https://rmis.jrc.2024/scoreboard) tracks progress.", "invalid-link-host"),
    # localhost, 127.0.0.1, example.com/.org/.net in a published article
    ("localhost", "Preview: [download](http://localhost:4000/drafts/checklist.pdf)", "non-public-link-host"),
    ("loopback-ip", "Dashboard: [sailings](http://127.0.0.1:8050/red-sea/sailings).", "non-public-link-host"),
    ("private-ip", "Raw data on the [shared drive](http://192.168.1.20/reports).", "non-public-link-host"),
    ("example-com", "Providers must [register here](https://example.com/eu-database).", "non-public-link-host"),
    ("example-org", "See [the portal](https://www.example.org/portal).", "non-public-link-host"),
    ("example-net", "See [the portal](http://example.net/).", "non-public-link-host"),
    # a reference link whose definition does not exist
    ("undefined-ref", "This appeared in our [grid study][nrel-grid].", "undefined-link-reference"),
    ("undefined-collapsed", "See the [grid study][] for details.", "undefined-link-reference"),
    # beyond the bullets: fragments and local files
    ("unmatched-fragment", "See the [table](#capacity-by-country).\n\n## Capacity by region\n\nText.",
     "unmatched-link-fragment"),
    ("file-url", "The [draft](file:///C:/Users/anna/Documents/figures.xlsx) is final.", "missing-link-file"),
]


@pytest.mark.parametrize("text, rule", [pytest.param(t, r, id=i) for i, t, r in FLAG])
def test_flag(text, rule):
    assert rules_of(text) == [rule]


FLAG_TEXT = [
    ("bare-htps", "3. European Chips Act – htps://commission.europa.eu/strategy-and-policy/european-chips-act_en",
     "link-scheme-typo"),
    ("bare-loopback", "⁴ Sailings dashboard (internal) – http://127.0.0.1:8050/red-sea/sailings", "non-public-link-host"),
    ("bare-http-no-colon", "Source: http//www.nist.gov/chips", "link-scheme-typo"),
    ("bare-bad-host", "Source: https://www.nist_gov.org/chips", "invalid-link-host"),
]


@pytest.mark.parametrize("text, rule", [pytest.param(t, r, id=i) for i, t, r in FLAG_TEXT])
def test_flag_plain_text(text, rule):
    assert rules_of("Title\n\n" + text, format="text") == [rule]


def test_reversed_and_spaced_links_have_safe_fixes():
    reversed_, = link_findings("See (the act)[https://eur-lex.europa.eu/eli/reg/2024/1252/oj].")
    assert reversed_.fix == "[the act](https://eur-lex.europa.eu/eli/reg/2024/1252/oj)"
    spaced, = link_findings("See [the act] (https://eur-lex.europa.eu/x).")
    assert spaced.fix == "[the act](https://eur-lex.europa.eu/x)"
    typo, = link_findings("See [the act](hhttps://eur-lex.europa.eu/x).")
    assert typo.fix == "https://eur-lex.europa.eu/x" and typo.match == "hhttps://eur-lex.europa.eu/x"


def test_one_finding_per_defect():
    # Reversed, and its target lacks a scheme: both are wrong, each is reported once.
    assert sorted(rules_of("Data from (Ember)[www.ember-climate.org].")) == [
        "link-without-scheme", "reversed-link-syntax"]
    # An unclosed target with a scheme typo: two defects, two rules, one finding each.
    found = rules_of("See the [plan](htps://energy.ec.europa.eu/plan")
    assert sorted(found) == ["link-scheme-typo", "unclosed-link-target"]
    # A typo'd scheme and a bad host: the target gets one verdict, not two.
    assert rules_of("See [x](htp://intranet/x).") == ["link-scheme-typo"]


# ---- Quiet ---------------------------------------------------------------------------------
QUIET = [
    ("valid-https", "See the [IEA report](https://www.iea.org/reports/renewables-2023) and https://mnre.gov.in/."),
    ("valid-http-port-user", "[a](http://www.x.org:8080/a_b) [b](https://user@host.org/p?q=1#frag)"),
    ("mailto", "Questions? [Email the docs team](mailto:docs@shopstack.dev) or <press@x.org>."),
    ("other-schemes", "[call](tel:+441234567) [files](ftp://files.x.org/a) [js](javascript:void(0))"),
    ("balanced-parens", "The [page life-cycle](https://learn.microsoft.com/en-us/previous-versions/aspnet/ms178472(v=vs.100))."),
    ("doi-parens", "[Davies et al.](https://doi.org/10.1016/S0140-6736(21)00213-0) and https://en.wikipedia.org/wiki/Foo_(bar)."),
    ("idn", "[a](https://bücher.de) [b](https://xn--bcher-kva.de) [c](https://www.x.org.)"),
    ("public-ip", "Google's resolver [8.8.8.8](https://8.8.8.8/) answers most lookups."),
    ("look-alike-domains", "[a](https://examples.com/x) [b](https://my-example.com/x) [c](https://http.cat/404)"),
    ("title", "[x](https://www.x.org \"The title\") and [y](<https://x.org/a b>)."),
    ("fragment-matches", "See the [table below](#capacity-by-region).\n\n## Capacity by region\n\nText."),
    ("fragment-github-slug", "- [Q&A](#qa-the-basics)\n- [Why](#why-it-matters)\n- [Again](#why-it-matters-1)\n- [Top](#top)\n\n"
     "## Q&A: the basics\n\n## Why *it* matters\n\n## Why it matters\n"),
    ("fragment-html-anchor", "See [the data](#data).\n\n<a id=\"data\"></a>\n\nText."),
    # a heading's character references are the characters shown: its id is made from them
    ("fragment-character-references", "- [legal](#qué-necesita-saber-el-equipo-legal)\n- [fr](#que-doit-savoir-l&eacute;quipe)\n\n"
     "## ¿Qu&eacute; necesita saber el equipo legal?\n\n## Que doit savoir l'&eacute;quipe\n"),
    # a code span shows its angle brackets, so the heading's id holds what is in them
    ("fragment-code-span-brackets", "- [yanked](#cargo-update-precise-yanked)\n- [b](#a-b)\n\n"
     "## `cargo update --precise <yanked>`\n\n## a <span>b</span>\n"),
    ("fragment-footnote", "See [note 1](#fn-1).[^1]\n\n[^1]: A note."),
    ("relative-without-folder", "See [our piece](energy-transition.md), [data](data/x.csv) and [about](/about/)."),
    ("defined-reference", "See the [ENTSO-E plan][entsoe] and the [Plan][].\n\n[entsoe]: https://tyndp.entsoe.eu/\n[plan]: https://x.org/"),
    ("shortcut-brackets", "He said [sic] that [1] and [the figures] were wrong [1][2]."),
    ("aside-before-brackets", "Output fell (see below)[1] and (2019)[a]."),
    ("bracket-before-parens", "The minister said [sic] (in 2019) that [emphasis added] (p. 4)."),
    ("code-span", "Never write `[text](htp://x.org)`, `(text)[https://x.org]` or `http://localhost:5000`."),
    ("code-fence", "Run this:\n\n```\ncurl http://localhost:5000/api\nopen [x](htp://x)\n```\n"),
    ("placeholders", "The scheme is run by the DPIIT [[External Link: https://dpiit.gov.in/]]. "
     "See [INTERNAL_LINK:indo-pacific-supply-chain-resilience]."),
    ("scheme-mention", "URLs start with https:// and HTTP/2 is a protocol."),
    ("task-list", "- [ ] (https://x.org) review\n- [x] (https://y.org) done"),
    ("template-syntax", "[a]({{ site.baseurl }}/about) [b]({% post_url 2020-01-01-x %})"),
    ("image-no-alt", "![](https://www.iea.org/chart.png)"),
    ("bare-www-in-prose", "Ember (www.ember-climate.org) keeps a running tracker."),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in QUIET])
def test_quiet(text):
    assert link_findings(text) == []


def test_quiet_plain_text_placeholders_and_urls():
    text = ("Title\n\nThe scheme is run by the DPIIT [[External Link: https://dpiit.gov.in/]].\n\n"
            "Sources: https://www.state.gov/indo-pacific-economic-framework/ and www.meti.go.jp.\n")
    assert link_findings(text, format="text") == []


# ---- relative links against a real folder ----------------------------------------------------
def test_relative_links_resolve_against_the_article_folder(tmp_path: Path):
    (tmp_path / "posts" / "sub").mkdir(parents=True)
    (tmp_path / "posts" / "pretty").mkdir()
    (tmp_path / "posts" / "pretty" / "index.md").write_text("x", encoding="utf-8")
    (tmp_path / "posts" / "other.md").write_text("x", encoding="utf-8")
    (tmp_path / "posts" / "sub" / "data.csv").write_text("x", encoding="utf-8")
    (tmp_path / "posts" / "my file.pdf").write_text("x", encoding="utf-8")
    (tmp_path / "up.md").write_text("x", encoding="utf-8")
    article = tmp_path / "posts" / "article.md"
    existing = ("See [other](other.md), [other section](other.md#intro), [as html](other.html), "
                "[data](sub/data.csv), [data2](./sub/data.csv?v=2), [up](../up.md), [pretty](pretty/), "
                "[encoded](my%20file.pdf) and [root](/about/).\n")
    article.write_text(existing, encoding="utf-8")
    assert link_findings(existing, path=str(article)) == []

    missing = "See [gone](energy-transitoin.md), ![chart](img/chart.png) and [dir](../nowhere/).\n"
    article.write_text(missing, encoding="utf-8")
    found = link_findings(missing, path=str(article))
    assert [(d.rule, d.match) for d in found] == [
        ("missing-link-file", "energy-transitoin.md"),
        ("missing-link-file", "img/chart.png"),
        ("missing-link-file", "../nowhere/"),
    ]
    assert all(d.severity == "warning" for d in found)

    # A publishing pipeline's token opening the target is filled in when the site is built; a
    # percent-encoded name is still a file's.
    text = ('<a href="%LINK%?currency=GBP&market=forex">Trade it</a>, [guide](%BASE_URL%/guide.html), '
            "[dash](%E2%80%94.md).\n")
    article.write_text(text, encoding="utf-8")
    assert [(d.rule, d.match) for d in link_findings(text, path=str(article))] == [("missing-link-file", "%E2%80%94.md")]

    # An existing file whose name looks like a domain is a file; a missing one is a domain.
    (tmp_path / "posts" / "notes.in").write_text("x", encoding="utf-8")
    text = "See [notes](notes.in) and [DPIIT](dpiit.gov.in).\n"
    article.write_text(text, encoding="utf-8")
    assert [d.rule for d in link_findings(text, path=str(article))] == ["link-without-scheme"]


def test_zola_internal_links_resolve_against_the_content_folder(tmp_path: Path):
    # "@/blog/post.md" is Zola's link to a page by its path in content/, from any article below it.
    (tmp_path / "content" / "blog" / "2026-q1").mkdir(parents=True)
    (tmp_path / "content" / "blog" / "2025-q4").mkdir()
    (tmp_path / "content" / "blog" / "2025-q4" / "index.md").write_text("x", encoding="utf-8")
    (tmp_path / "content" / "outreach.md").write_text("x", encoding="utf-8")
    article = tmp_path / "content" / "blog" / "2026-q1" / "index.md"
    text = ("See the [last report](@/blog/2025-q4/index.md), [outreach](@/outreach.md#dates) "
            "and [a lost one](@/blog/2025-q3/index.md).\n")
    article.write_text(text, encoding="utf-8")
    assert [(d.rule, d.match) for d in link_findings(text, path=str(article))] == [
        ("missing-link-file", "@/blog/2025-q3/index.md")]
    # outside a content/ folder there is nothing to resolve it against
    elsewhere = tmp_path / "notes.md"
    elsewhere.write_text(text, encoding="utf-8")
    assert link_findings(text, path=str(elsewhere)) == []


def test_links_written_from_a_pretty_url_resolve_from_the_page_s_own_folder(tmp_path: Path):
    # Jekyll and Hugo publish "guides/building.md" at "/building/": "../legal/" there is the
    # sibling "guides/legal.md". A link that is missing either way is still reported.
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "legal.md").write_text("x", encoding="utf-8")
    article = tmp_path / "guides" / "building.md"
    text = "See the [legal guide](../legal/#licences) and the [lost guide](../lost/).\n"
    article.write_text(text, encoding="utf-8")
    assert [d.match for d in link_findings(text, path=str(article))] == ["../lost/"]


def test_a_scheme_followed_by_digits_is_no_host_and_port(tmp_path: Path):
    # "mailto:18F@…" and "tel:1-800-…" are not a host "mailto" with a port: no file to look for.
    article = tmp_path / "contact.md"
    text = "[Email 18F](mailto:18F@gsa.gov), [call](tel:1-800-985-3059) or [dial](tel:5551234).\n"
    article.write_text(text, encoding="utf-8")
    assert link_findings(text, path=str(article)) == []


def test_relative_links_are_not_checked_without_a_file():
    text = "See [gone](energy-transitoin.md) and [data](sub/data.csv).\n"
    assert link_findings(text, path="<string>") == []
    assert link_findings(text, path="no/such/dir/article.md") == []


# ---- the shared corpus ---------------------------------------------------------------------
CORPUS_EXPECTED = {
    "energy-transition.md": {43: "link-scheme-typo", 62: "link-without-scheme", 67: "undefined-link-reference"},
    "dotnet-upgrade-howto.md": {32: "link-scheme-typo", 34: "empty-link-text", 107: "empty-link-target"},
    "reforme-retraites.md": {35: "link-without-scheme"},
    "critical-minerals-longread.md": {
        52: "space-in-link-syntax", 58: "reversed-link-syntax", 60: "invalid-link-host", 72: "link-scheme-typo",
        74: "invalid-link-host", 82: "link-scheme-typo", 84: "link-target-with-spaces", 90: "unclosed-link-target",
    },
    "ai-act-compliance.md": {
        23: "invalid-link-host", 27: "undefined-link-reference", 29: "empty-link-target", 46: "non-public-link-host",
        62: "link-scheme-typo", 64: "invalid-link-host", 68: "non-public-link-host",
    },
    "chip-subsidies.txt": {62: "link-scheme-typo"},
    "red-sea-shipping.txt": {55: "non-public-link-host"},
    "glp1-obesity-drugs.md": {},
    "seed-india-japan.txt": {},
    "food-inflation.txt": {},
    "opinion-boring-infrastructure.txt": {},
}


@pytest.mark.parametrize("case", sorted(CORPUS_EXPECTED))
def test_corpus(corpus_dir: Path, case: str):
    path = corpus_dir / case
    text = path.read_text(encoding="utf-8-sig")
    fmt = "markdown" if case.endswith(".md") else "text"
    found = link_findings(text, format=fmt, path=str(path))
    assert {d.line: d.rule for d in found} == CORPUS_EXPECTED[case]
    assert len(found) == len(CORPUS_EXPECTED[case]), [(d.line, d.rule, d.match) for d in found]


# ---- issue 12: reversed links that wrap or sit next to code; empty reference targets ----------
POSITIONED = [
    # (id, format, text, rule, (line, column), match)
    ("reversed-wrapped", "markdown", "# T\n\nSee (the IEA's\nreport)[https://iea.org/x] now.\n",
     "reversed-link-syntax", (3, 5), "(the IEA's\nreport)[https://iea.org/x]"),
    ("reversed-wrapped-text", "text", "T\n\nSee (the IEA's\nreport)[https://iea.org/x] now.\n",
     "reversed-link-syntax", (3, 5), "(the IEA's\nreport)[https://iea.org/x]"),
    ("reversed-wrapped-list", "markdown", "# T\n\n- See (the IEA's\n  report)[https://iea.org/x] now.\n",
     "reversed-link-syntax", (3, 7), "(the IEA's\n  report)[https://iea.org/x]"),
    ("reversed-wrapped-quote", "markdown", "# T\n\n> See (the IEA's\n> report)[https://iea.org/x] now.\n",
     "reversed-link-syntax", (3, 7), "(the IEA's\n> report)[https://iea.org/x]"),
    ("reversed-after-code", "markdown", "# T\n\nRun `pip install artlint`(the docs)[https://pypi.org/p/artlint] now.\n",
     "reversed-link-syntax", (3, 26), "(the docs)[https://pypi.org/p/artlint]"),
    ("reversed-before-code", "markdown", "# T\n\nRead (the docs)[https://pypi.org/p/artlint] `artlint check` now.\n",
     "reversed-link-syntax", (3, 6), "(the docs)[https://pypi.org/p/artlint]"),
    ("reversed-code-inside", "markdown", "# T\n\nRead (the `f()` docs)[https://x.org/f] now.\n",
     "reversed-link-syntax", (3, 6), "(the `f()` docs)[https://x.org/f]"),
    ("reversed-wrapped-code", "markdown", "# T\n\nSee (the\n`pip` docs)[https://pip.pypa.io] now.\n",
     "reversed-link-syntax", (3, 5), "(the\n`pip` docs)[https://pip.pypa.io]"),
    ("reference-empty-definition", "markdown", "# T\n\nSee [the report][r] now.\n\n[r]: <>\n",
     "empty-link-target", (3, 5), "[the report][r]"),
    ("reference-hash-definition", "markdown", "# T\n\nSee [the report][r] now.\n\n[r]: #\n",
     "empty-link-target", (3, 5), "[the report][r]"),
    ("collapsed-hash-definition", "markdown", "# T\n\nSee [the report][] now.\n\n[the report]: #\n",
     "empty-link-target", (3, 5), "[the report][]"),
    ("shortcut-empty-definition", "markdown", "# T\n\nSee [the report] now.\n\n[the report]: <>\n",
     "empty-link-target", (3, 5), "[the report]"),
]


@pytest.mark.parametrize("fmt, text, rule, position, match", [pytest.param(*c[1:], id=c[0]) for c in POSITIONED])
def test_flag_at_exact_position(fmt, text, rule, position, match):
    found = link_findings(text, format=fmt)
    assert [(d.rule, (d.line, d.column), d.match) for d in found] == [(rule, position, match)]


def test_wrapped_reversed_link_fix_keeps_the_line_break_and_the_message_reads_on_one_line():
    found, = link_findings("# T\n\n> See (the IEA's\n> report)[https://iea.org/x] now.\n")
    assert found.fix == "[the IEA's\n> report](https://iea.org/x)"
    assert "[the IEA's > report](https://iea.org/x)" in found.message


def test_every_use_of_an_empty_definition_is_reported():
    text = "# T\n\nSee [the report][r], and [again][r].\n\nLater, [the report][r].\n\n[r]: #\n"
    assert [(d.line, d.match) for d in link_findings(text)] == [(3, "[the report][r]"), (3, "[again][r]"), (5, "[the report][r]")]


QUIET_ISSUE_12 = [
    ("unused-empty-definition", "# T\n\nNo link here.\n\n[r]: <>\n"),
    ("reference-with-target", "# T\n\nSee [the report][r].\n\n[r]: https://iea.org/x\n"),
    ("reference-with-fragment", "# T\n\nSee [the table][t].\n\n## Capacity\n\nText.\n\n[t]: #capacity\n"),
    ("aside-over-two-lines", "# T\n\nOutput fell (see\nbelow)[1] in the quarter.\n"),
    ("reversed-in-code-span", "# T\n\nNever write `(the\ndocs)[https://x.org]` in Markdown.\n"),
    ("parenthesis-then-new-paragraph", "# T\n\nOutput fell (see below).\n\n[https://x.org]\n"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in QUIET_ISSUE_12])
def test_quiet_issue_12(text):
    assert link_findings(text) == []


@pytest.mark.parametrize("text, match", [
    ("[Aylin Caliskan]((https://faculty.washington.edu/aylin/)), a professor.",
     "(https://faculty.washington.edu/aylin/)"),
    ("Reported (see [this JCT analysis]([draft and not local](https://www.jct.gov/x/)) of the Act).",
     "[draft and not local](https://www.jct.gov/x/)"),
])
def test_an_address_wrapped_in_brackets_or_in_another_link_is_one_finding(text, match):
    found = link_findings(text)
    assert [(d.rule, d.match) for d in found] == [("link-without-scheme", match)]
    assert text[found[0].column - 1 : found[0].end_column - 1] == match
