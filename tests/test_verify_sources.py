"""Does the source say so? (issue 17): `artlint check --verify-sources` against fixture sources
served on 127.0.0.1: an HTML report and a PDF report stating figures in varied forms (prose,
a table, a footnote, other scales and wordings), a page stating a different figure, a paywall,
a page that needs JavaScript, a scanned PDF and a source slower than the budget."""

from __future__ import annotations

import json
import time

import pytest
from werkzeug import Response

from artlint.verify.quantities import quantities
from links_support import Site, run_exe, run_runner, write, write_config
from pdf_support import make_pdf

REPORT_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Critical minerals review</title></head>
<body><nav><a href="/">Home</a> Subscribe</nav><main><article>
<h1>Critical minerals review 2024</h1>
<p>Chinese refiners handled 87 per cent of global rare earth processing in 2023, up from 85 per cent
five years earlier. The review covers separation and refining capacity across all producing countries.</p>
<p>Export revenue from rare earth products reached US$4,200 million last year, the highest on record for
the sector, while import volumes stayed flat.</p>
<table><tr><th>Stage of the supply chain</th><th>Share held in China</th></tr>
<tr><td>Mining</td><td>70.4%</td></tr><tr><td>Magnet manufacturing</td><td>92%</td></tr></table>
<p>Refining capacity outside China is expected to grow slowly over the next decade, according to the
industry's own investment plans and the permits granted so far.</p>
</article></main><footer>© 2024 Minerals Review</footer></body></html>"""

DIFFERENT_HTML = """<html><head><title>Capacity report</title></head><body><article><h1>New capacity in 2023</h1>
<p>Solar accounted for 58% of new generating capacity added to the grid in 2023, ahead of wind and gas.
Wind added most of the rest, with gas plants making up a small remainder of the total capacity additions.</p>
<p>Battery storage additions doubled compared with the year before, led by large projects in Texas and California.</p>
</article></body></html>"""

PAYWALL_HTML = """<html><head><title>Subscribers only</title></head><body><article><h1>Streaming wars</h1>
<p>Subscribe to continue reading.</p></article></body></html>"""

JS_HTML = """<html><head><title>Dashboard</title><script src="/app.js"></script></head><body><div id="root"></div>
<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"""

PDF_PAGES = [
    ["Energy storage outlook", "Prepared by the agency's analysis division."],
    ["Grid-scale battery storage capacity reached 12 TWh in 2023 across member countries.",
     "Investment in storage projects totalled 4.2bn dollars over the same period."],
]


class Sources:
    def __init__(self) -> None:
        self.site = s = Site()
        s.route("/report.html", body=REPORT_HTML, content_type="text/html; charset=utf-8")
        s.route("/different.html", body=DIFFERENT_HTML, content_type="text/html; charset=utf-8")
        s.route("/paywall.html", body=PAYWALL_HTML, content_type="text/html; charset=utf-8")
        s.route("/js.html", body=JS_HTML, content_type="text/html; charset=utf-8")
        s.handle("/report.pdf", lambda req: Response(make_pdf(PDF_PAGES), content_type="application/pdf"))
        s.handle("/scanned.pdf", lambda req: Response(make_pdf([[], []], scanned=True), content_type="application/pdf"))

        def slow(request):
            time.sleep(8)
            return Response("<html><body><p>Prices rose 12% in the year.</p></body></html>", content_type="text/html")
        s.handle("/slow.html", slow)

    def url(self, path: str) -> str:
        return self.site.url(path)


@pytest.fixture(scope="module")
def sources():
    s = Sources()
    yield s
    s.site.stop()


def article(s: Sources) -> str:
    return f"""# Minerals and storage

China accounts for over 80% of global rare earth processing ([review]({s.url('/report.html')})).

China accounts for over 60% of global rare earth processing ([review]({s.url('/report.html')})).

Export revenue from rare earth products reached $4.2 billion last year ([review]({s.url('/report.html')})).

Mining accounts for about 70% of the rare earth supply chain held in China ([review]({s.url('/report.html')})).

Grid-scale battery storage capacity reached 12 TWh in 2023.[^1]

Solar accounted for 60% of new generating capacity in 2023 ([report]({s.url('/different.html')})).

Subscriptions grew 40% in a year ([story]({s.url('/paywall.html')})).

Downloads rose 25% in the quarter ([dashboard]({s.url('/js.html')})).

Output fell 30% in the year ([scan]({s.url('/scanned.pdf')})).

[^1]: [Energy storage outlook]({s.url('/report.pdf')}), the agency's report.
"""


def verified(tmp_path, s: Sources, text: str, *extra, cli=run_runner):
    write_config(tmp_path, allow_private_hosts=True, budget=6, request_timeout=3)
    write(tmp_path, "a.md", text)
    result = cli("check", "--verify-sources", "--format", "json", "a.md", *extra, cwd=tmp_path)
    found = json.loads(result.out)
    by_line = {}
    for d in found:
        if d["rule"] in ("figure-verified", "figure-not-in-source", "source-unreadable"):
            by_line.setdefault(d["line"], []).append(d)
    return result, by_line


def test_each_claim_gets_its_verdict(sources, tmp_path):
    result, by_line = verified(tmp_path, sources, article(sources))
    verdicts = {line: [d["rule"] for d in ds] for line, ds in by_line.items()}
    assert verdicts == {
        3: ["figure-verified"],  # over 80%: 87 per cent
        5: ["figure-not-in-source"],  # over 60%: 87 is not "over 60"
        7: ["figure-verified"],  # $4.2 billion: US$4,200 million
        9: ["figure-verified"],  # about 70%: the table's 70.4%
        11: ["figure-verified"],  # 12 TWh, in the PDF the footnote links
        13: ["figure-not-in-source"],  # 60%: the page says 58%
        15: ["source-unreadable"],  # paywall
        17: ["source-unreadable"],  # needs JavaScript
        19: ["source-unreadable"],  # scanned PDF
    }, result.err
    over60 = by_line[5][0]
    assert over60["match"] == "over 60%" or over60["match"] == "60%"
    assert "87 per cent" in over60["message"] and over60["severity"] == "warning"
    assert "58%" in by_line[13][0]["message"]
    pdf = by_line[11][0]
    assert "(page 2)" in pdf["message"] and "12 TWh" in pdf["message"] and pdf["severity"] == "info"
    assert "paywall" in by_line[15][0]["message"]
    assert "JavaScript" in by_line[17][0]["message"]
    assert "scanned PDF" in by_line[19][0]["message"]
    text = (tmp_path / "a.md").read_text("utf-8").split("\n")
    for ds in by_line.values():
        for d in ds:
            assert text[d["line"] - 1][d["column"] - 1:].startswith(d["match"])


def test_a_second_run_reads_the_cache_and_makes_no_request(sources, tmp_path):
    text = f"Battery storage capacity reached 12 TWh in 2023 ([outlook]({sources.url('/report.pdf')})).\n"
    first, lines = verified(tmp_path, sources, text, cli=run_exe)
    assert [d["rule"] for d in lines[1]] == ["figure-verified"], first.err
    before = sources.site.hits("/report.pdf")
    second, again = verified(tmp_path, sources, text, cli=run_exe)
    assert sources.site.hits("/report.pdf") == before
    assert again == lines and "from the cache" in second.err


def test_a_source_slower_than_the_budget_is_unreadable_and_the_run_ends(sources, tmp_path):
    text = f"Prices rose 12% in the year ([slow]({sources.url('/slow.html')})).\n"
    start = time.monotonic()
    result, lines = verified(tmp_path, sources, text)
    assert time.monotonic() - start < 6 + 30  # the budget, with a wide margin for a busy machine
    (d,) = lines[1]
    assert d["rule"] == "source-unreadable" and "could not be fetched" in d["message"]


def test_without_the_option_nothing_is_fetched(sources, tmp_path):
    write(tmp_path, "a.md", f"Prices rose 12% ([report]({sources.url('/different.html')})).\n")
    before = sources.site.hits("/different.html")
    result = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    assert sources.site.hits("/different.html") == before
    assert not [d for d in json.loads(result.out) if d["rule"].startswith(("figure-", "source-unreadable"))]


@pytest.mark.parametrize("claim,source,stated", [
    ("over 60%", "61.4 per cent", True),
    ("over 60%", "58%", False),
    ("over 60%", "87%", False),
    ("about 60%", "59.6%", True),
    ("nearly 60%", "58%", True),
    ("60%", "sixty percent", True),
    ("60%", "0.6 of", True),
    ("$4.2 billion", "US$4,200 million", True),
    ("$4.2 billion", "4.2bn dollars", True),
    ("$4.2 billion", "€4.2 billion", False),
    ("1.2 trillion yen", "1,200 billion yen", True),
    ("between 40 and 50 per cent", "45%", True),
    ("between 40 and 50 per cent", "55%", False),
    ("1,2 milliard d'euros", "€1.2 billion", True),
    ("60 pour cent", "60%", True),
    ("£2,000", "reduced from £5,000 to £2,000", True),  # a change from one value to another, not a range
    ("£3,500", "reduced from £5,000 to £2,000", False),
    ("66%", "rose from 59% in 2019 to 66% in 2020", True),  # a year does not swallow the next figure
    ("60%", "soixante pour cent des ventes", True),
    ("72%", "soixante-douze pour cent", True),
    ("€90 million", "quatre-vingt-dix millions d'euros", True),
    ("€80 million", "quatre-vingt-dix millions d'euros", False),
])
def test_figures_are_matched_as_quantities(claim, source, stated):
    (c,) = quantities(claim)
    assert any(c.accepts(q) for q in quantities(source)) is stated


# ---- the rules' own examples, their sources served locally --------------------------------------
USGS_PATH = "/periodicals/mcs2024/mcs2024-rare-earths.pdf"
USGS_PAGES = [["Rare earths, 2024", "China accounted for about 70% of world rare earth mining in 2023,",
               "and for 87 percent of rare earth processing capacity worldwide."]]
EXAMPLE_HOSTS = ("https://pubs.usgs.gov", "https://www.ft.com")


@pytest.fixture(scope="module")
def example_site():
    site = Site()
    site.handle(USGS_PATH, lambda req: Response(make_pdf(USGS_PAGES), content_type="application/pdf"))
    site.route("/content/paywalled-story", body=PAYWALL_HTML, content_type="text/html")
    yield site
    site.stop()


def _examples():
    from conftest import RULES_BY_ID

    for rule_id in ("figure-not-in-source", "source-unreadable", "figure-verified"):
        rule = RULES_BY_ID[rule_id]
        for kind in ("bad", "good"):
            for i, example in enumerate(rule.examples[kind]):
                yield pytest.param(rule_id, kind, example, id=f"{rule_id}-{kind}{i}")


@pytest.mark.parametrize("rule_id, kind, example", list(_examples()))
def test_rule_examples_with_their_sources(example_site, tmp_path, rule_id, kind, example):
    for host in EXAMPLE_HOSTS:
        example = example.replace(host, example_site.base)
    write_config(tmp_path, allow_private_hosts=True, cache=False)
    write(tmp_path, "a.md", example + "\n")
    result = run_runner("check", "--verify-sources", "--format", "json", "a.md", cwd=tmp_path)
    found = [d for d in json.loads(result.out) if d["rule"] == rule_id]
    assert bool(found) == (kind == "bad"), (result.err, found)


def test_an_old_copy_is_asked_for_again_with_its_validators(tmp_path):
    """Past max-age the source is asked for with If-None-Match: a 304 keeps what was read
    (no body sent); a changed page (a new ETag) is read again and the verdict follows it."""
    site = Site()
    state = {"etag": '"v1"', "share": "87", "conditional": 0, "full": 0}

    def page(request):
        if request.headers.get("If-None-Match") == state["etag"]:
            state["conditional"] += 1
            return Response(status=304, headers={"ETag": state["etag"]})
        state["full"] += 1
        body = (f"<html><body><article><p>Chinese refiners handled {state['share']} per cent of global rare earth "
                "processing in 2023, the review found after surveying every refinery.</p></article></body></html>")
        return Response(body, content_type="text/html", headers={"ETag": state["etag"]})

    site.handle("/review.html", page)
    try:
        text = f"China handles over 80% of global rare earth processing ([review]({site.url('/review.html')})).\n"
        write(tmp_path, "a.md", text)
        write_config(tmp_path, allow_private_hosts=True, max_age=0, check_links=False)

        def rules():
            out = json.loads(run_runner("check", "--verify-sources", "--format", "json", "a.md", cwd=tmp_path).out)
            return [d["rule"] for d in out if d["rule"].startswith(("figure-", "source-"))]

        assert rules() == ["figure-verified"] and state["full"] == 1
        assert rules() == ["figure-verified"] and (state["full"], state["conditional"]) == (1, 1)
        state["etag"], state["share"] = '"v2"', "70"
        assert rules() == ["figure-not-in-source"] and state["full"] == 2
    finally:
        site.stop()


def test_audit_records_carry_the_verdicts(sources, tmp_path):
    write_config(tmp_path, allow_private_hosts=True, check_links=False)
    write(tmp_path, "posts/a.md", f"# A\n\nChina accounts for over 80% of global rare earth processing "
                                  f"([review]({sources.url('/report.html')})).\n\nSolar accounted for 60% of new "
                                  f"generating capacity in 2023 ([report]({sources.url('/different.html')})).\n")
    result = run_runner("audit", "--verify-sources", "--allow-private-hosts", "posts", cwd=tmp_path)
    records = [json.loads(line) for line in result.out.splitlines()]
    (file,) = [r for r in records if r["type"] == "file"]
    found = {(r["line"], r["rule"]) for r in records if r["type"] == "diagnostic"}
    assert {(3, "figure-verified"), (5, "figure-not-in-source")} <= found, result.err
    assert file["counts"]["warning"] >= 1 and file["counts"]["info"] >= 1
    verified_line = next(r for r in records if r.get("rule") == "figure-verified")
    assert "87 per cent" in verified_line["message"] and verified_line["line_text"].startswith("China accounts")
    # the verdicts are this run's: a second audit without the option does not get them from the result cache
    plain = run_runner("audit", "posts", cwd=tmp_path)
    assert not [r for r in map(json.loads, plain.out.splitlines()) if r.get("rule", "").startswith("figure-")]
