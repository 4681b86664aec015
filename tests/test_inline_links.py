"""Links as CommonMark reads them (mistune's inline parser with positions), and the malformed
links artlint finds besides: targets decoded, spans exact."""

from __future__ import annotations

from _hypothesis_profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.document import parse_document
from mistune.helpers import parse_link

from artlint.document.inline import commonmark_links, decode, fast_parse_link, plain_links
from conftest import lint


def links_of(source: str, *kinds: str):
    return [link for link in parse_document(source, "a.md").links if not kinds or link.kind in kinds]


def test_angle_bracket_destination_with_spaces_is_one_target():
    source = '[x](<my file.md> "Title")\n'
    [link] = links_of(source)
    assert (link.kind, link.target, link.title) == ("inline", "my file.md", "Title")
    assert source[link.target_start : link.target_end] == "my file.md"
    rules = {d.rule for d in lint(source, ["link"])}
    assert "empty-link-target" not in rules and "link-target-with-spaces" not in rules


def test_escapes_and_entities_are_decoded_in_the_target_only():
    source = "[a](https://x.org/a\\_b?c=1&amp;d=2)\n"
    [link] = links_of(source)
    assert link.target == "https://x.org/a_b?c=1&d=2"
    assert source[link.target_start : link.target_end] == "https://x.org/a\\_b?c=1&amp;d=2"


def test_reference_definitions_inside_block_quotes():
    source = "> Intro.\n>\n> [ref]: https://x.org/a 'T'\n\nSee [the report][ref].\n"
    doc = parse_document(source, "a.md")
    definition = doc.reference_definitions["ref"]
    assert (definition.target, definition.title) == ("https://x.org/a", "T")
    assert source[definition.start : definition.end] == "[ref]: https://x.org/a 'T'"
    assert source[definition.target_start : definition.target_end] == "https://x.org/a"
    [use] = [link for link in doc.links if link.kind == "reference"]
    assert source[use.start : use.end] == "[the report][ref]"
    assert doc.prose[definition.start : definition.end].strip() == ""  # a definition is not prose
    assert not [d for d in lint(source, ["link"]) if d.rule == "undefined-link-reference"]


def test_reference_definitions_inside_list_items():
    source = "- Intro.\n\n  [a]: https://x.org/a\n- [b]: <https://x.org/b c>\n\nSee [one][a] and [two][b].\n"
    doc = parse_document(source, "a.md")
    found = {label: (link.target, source[link.start : link.end]) for label, link in doc.reference_definitions.items()}
    assert found == {"a": ("https://x.org/a", "[a]: https://x.org/a"),
                     "b": ("https://x.org/b c", "[b]: <https://x.org/b c>")}


def test_the_first_definition_of_a_label_wins():
    doc = parse_document("[a]\n\n[a]: /first\n[a]: /second\n", "a.md")
    assert doc.reference_definitions["a"].target == "/first"


def test_reference_kinds_and_images():
    source = "[a][r], [r][], [r] and ![i](p.png)\n\n[r]: /u\n"
    found = [(link.kind, source[link.start : link.end]) for link in links_of(source) if link.kind != "definition"]
    assert found == [("reference", "[a][r]"), ("collapsed", "[r][]"), ("shortcut", "[r]"), ("image", "![i](p.png)")]


def test_code_spans_and_html_take_precedence_over_brackets():
    assert links_of("`[a](b)` and [c`](d)`\n", "inline") == []
    assert links_of('[a <b c="](d)">\n', "inline") == []


def test_links_in_list_items_and_quotes_map_back_to_the_source():
    source = "- item [a](https://x.org/1)\n  more [b\n  c](https://x.org/2)\n\n> > [d](https://x.org/3)\n"
    found = [(source[link.start : link.end], link.target) for link in links_of(source, "inline")]
    assert found == [("[a](https://x.org/1)", "https://x.org/1"), ("[b\n  c](https://x.org/2)", "https://x.org/2"),
                     ("[d](https://x.org/3)", "https://x.org/3")]


def test_malformed_links_are_still_found():
    source = ("(text)[https://x.org/r] and [t] (https://x.org/s) and htp://x.org/b and [u](https://x.org/a b) "
              "and [v](https://x.org/open\n")
    kinds = {link.kind: source[link.start : link.end] for link in links_of(source)}
    assert kinds["reversed"] == "(text)[https://x.org/r]"
    assert kinds["spaced"] == "[t] (https://x.org/s)"
    assert kinds["bare"] == "htp://x.org/b"
    inline = [(source[link.start : link.end], link.target, link.closed) for link in links_of(source, "inline")]
    assert inline == [("[u](https://x.org/a b)", "https://x.org/a b", True),
                      ("[v](https://x.org/open", "https://x.org/open", False)]


def test_decode():
    assert decode("a\\*b&ouml;&#35;&#x41;&nosuch;\\q") == "a*bö#A&nosuch;\\q"


# ---- the plain-link fast path gives mistune's answers ------------------------------------

_PIECES = st.sampled_from(["[", "]", "(", ")", "!", "^", " ", "\n", "a", "x/y", "[t](u)", "![i](p)", "[^1]",
                           "[a b](c)", "](", "[x]", "[]()", ".", "\t", "é"])


def _parts(links):
    return [(link.kind, link.start, link.end, link.target, link.target_start, link.target_end,
             link.text_start, link.text_end) for link in links]


@settings(max_examples=examples(2), deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_plain_links_agree_with_mistune(segment):
    plain = plain_links(segment, 0)
    if plain is not None:
        assert _parts(plain) == _parts(commonmark_links(segment, int, {}, []))


def test_raw_inline_html_that_mistune_finds_is_not_prose():
    source = "See [a](https://x.org) <?php echo 1; ?> and <span\ntitle='t'>words</span>.\n"
    doc = parse_document(source, "a.md")
    assert "php" not in doc.prose and "title" not in doc.prose and "span" not in doc.prose
    assert "words" in doc.prose and len(doc.prose) == len(source)


def test_an_autolink_that_opens_before_a_code_span_wins():
    source = "A `x` and <https://x.org/`y>` here\n"
    [link] = links_of(source, "autolink")
    assert (link.target, source[link.start : link.end]) == ("https://x.org/`y", "<https://x.org/`y>")
    assert "https" not in parse_document(source, "a.md").prose


@settings(max_examples=examples(2), deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", ")", "(", "<", ">", "\\", "a", "/", "é", "&amp;", '"t"', "%20", "\x01"]),
                max_size=12).map("".join))
def test_the_fast_destination_parser_gives_mistunes_answers(rest):
    assert fast_parse_link(rest, 0) == parse_link(rest, 0)
