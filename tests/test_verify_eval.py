"""The verification evaluation set (tests/verify_eval/) is whole, and ``--verify-sources``'s
per-figure verdict scores on it no worse than it does today (benchmarks/verify_eval.py prints
the confusion table and the errors)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from verify_eval import EVAL_DIR, Evaluation, evaluate, load_pairs  # noqa: E402 - the benchmark's own evaluation

CONTENT_TYPES = {"text/html", "text/plain", "text/markdown", "text/csv", "application/pdf"}
PROVENANCE = {"repo", "path", "commit", "licence"}

# Floors at what artlint scores on 2026-12-03 (afternoon) on all 140 pairs. Round 1 (85 pairs) was
# looked at to find the first fixes; round 2 (43 pairs from two new collections, GOV.UK HTML pages
# and Rust survey posts, their verdicts decided before artlint ran on them) first measured what that
# tuning generalises to: precision 0.72, recall 1.00. Both rounds were then looked at for general
# fixes (the passage's sentence as well as the figure's own words; a figure another one of its
# passage measures more closely is not a candidate; years and acronyms are words; a table's share
# as a fraction is a percentage; "from X to Y" is a change). Round 3 (12 pairs, Go survey posts,
# decided before running) then measured those: 0.83 / 0.83, and showed one parser fault (a year
# swallowed the next figure), fixed: 0.86 / 1.00. Over all 140: 66 of the 73 figures it flags are
# truly missing (0.90), 66 of the 72 missing figures are flagged (0.92), 44 of 47 near misses.
# Raise the floors as it improves; a new round of pairs is the honest measure of each fix.
# These floors hold on the 140 pairs of rounds 1 to 3 they were set on; round 4 has its own below.
# Raised with the fixes found looking at rounds 1 to 4 (the comma between two figures, the earlier
# value of a comparison, a fraction in words a figure in digits gives, a precise figure repeated,
# "respectively", a two-word name's initials, a number before a comma): on rounds 1 to 3, 66 of the
# 69 figures flagged are truly missing (0.96), 66 of the 72 missing are flagged (0.92); as check
# runs 63 of 65 (0.97) and 63 of 72 (0.875); 58 of the 61 near misses of rounds 1 to 4.
# With the fixes found studying round 6, one missing figure more is flagged (n44): 67 of 70, 67 of 72;
# as check runs 64 of 66, 64 of 72.
TUNED_ROUNDS = (1, 2, 3)
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.93
NEAR_MISS_FLOOR = 0.94  # of rounds 1 to 5's near misses (84 of 89 with the fixes from round 6)
NEAR_MISS_FLOOR_ROUNDS_1_TO_4 = 0.95
# As check runs, the figure is the statistic rule's: it does not see 13 of the figures (degrees
# Celsius, "500m", "30 hours", "6 months", a quoted "about 1.5 million tonnes"), so 4 missing figures
# are never checked: precision 63/69, recall 63/72.
AS_CHECK_PRECISION_FLOOR = 0.96
AS_CHECK_RECALL_FLOOR = 0.88
# The second round alone (the pairs not looked at before the first round's tuning)
ROUND_2_PRECISION_FLOOR = 0.95
ROUND_2_RECALL_FLOOR = 0.95  # 22 of 23 with the fixes from round 6 (n44 now flagged)
# Round 4 (34 pairs: Nim community survey results and State of Clojure posts, each checked against an
# earlier post; verdicts decided and committed before artlint first ran on them). Pinned at that
# first, untuned measure: 18 of the 24 figures it flags are truly missing (0.75), 18 of the 20
# missing figures flagged (0.90); as check runs 18 of 22 (0.81), 18 of 20 (0.90). Raised with the fixes
# found looking at it (so no longer an honest measure; round 5 is): 20 of 21 (0.95) and 20 of 20, both
# views.
ROUND_4_PRECISION_FLOOR = 0.95
ROUND_4_RECALL_FLOOR = 1.00
ROUND_4_AS_CHECK_PRECISION_FLOOR = 0.95
ROUND_4_AS_CHECK_RECALL_FLOOR = 1.00
# All 174 pairs of rounds 1 to 4 (not a later round's): 86 of 90 (0.96), 86 of 92 (0.93); as check
# runs 83 of 86 (0.97), 83 of 92 (0.90). With the fixes from round 6: 87 of 91, 87 of 92 (0.95); as
# check runs 84 of 87, 84 of 92 (0.91).
ROUNDS_1_TO_4 = (1, 2, 3, 4)
ALL_PRECISION_FLOOR = 0.95
ALL_RECALL_FLOOR = 0.94
ALL_AS_CHECK_PRECISION_FLOOR = 0.96
ALL_AS_CHECK_RECALL_FLOOR = 0.91
# Round 5 (68 pairs: Julia User & Developer Survey posts against the results slides, PDFs of bar charts;
# two companion CRS Insights on the IRA residential energy credits against each other; a CRS staffing
# table; verdicts decided and committed before artlint first ran on them). Pinned at that first,
# untuned measure: 29 of the 38 figures it flags are truly missing (0.76), 29 of the 32 missing
# figures flagged (0.91); as check runs the same (the statistic rule sees every round-5 figure).
# Then measured again with the fixes drawn from rounds 1 to 4 (which never saw round 5): 28 of 37
# (0.76), 28 of 32 (0.88), both views; one missing figure more passed (n94). Pinned there, then raised
# with the fixes found looking at round 5 (a PDF chart's run of bare figures and its labels, a chart's
# axis, labels and figures under a title, a table read as a chart with its rows' years, numbers parted
# only by a space, "+/-" margins, a figure run into a word, a precise count read with the sentences
# beside it, no figure read from the tail of a number, a subgroup's figure): 30 of 30 (1.00) and 30 of
# 32 (0.94), both views. No longer an honest measure: round 6, collected blind, is.
ROUND_5_PRECISION_FLOOR = 1.00
ROUND_5_RECALL_FLOOR = 0.93
ROUND_5_AS_CHECK_PRECISION_FLOOR = 1.00
ROUND_5_AS_CHECK_RECALL_FLOOR = 0.93
# All 242 pairs of rounds 1 to 5, with the fixes from round 5: 116 of 120 (0.97), 116 of 124 (0.94); as
# check runs 113 of 116 (0.97), 113 of 124 (0.91). With the fixes from round 6: 117 of 121, 117 of 124;
# as check runs 114 of 117, 114 of 124.
ALL_242_PRECISION_FLOOR = 0.96
ALL_242_RECALL_FLOOR = 0.94
ALL_242_AS_CHECK_PRECISION_FLOOR = 0.97
ALL_242_AS_CHECK_RECALL_FLOOR = 0.91
# Round 6 (71 pairs: ONS statistical bulletins of 2014, Markdown, and the ONS Economic Review as an
# HTML page, each checked against sentences of other bulletins that quote or revise their figures;
# verdicts decided and committed before artlint first ran on them, collected while round 5 was
# being studied). Its first measure, the honest one of the fixes from round 5: 33 of the 44 figures
# flagged are truly missing (0.75), 33 of the 40 missing flagged (0.825), both views. Then studied
# (every error's cause) and raised with the general fixes found (a quarter or month that differs, a
# change's frame or a lone period saying nothing of what a figure measures, rose vs fell and
# above vs below, a difference after its level, "between X and Y", figures given respectively for
# times named after them, the time a figure is compared with, a spelled-out name as one word,
# revising/estimating/rounding words, the value a figure follows, an estimate since revised, another
# figure's subject): 39 of 43 (0.91), 39 of 40 (0.975), both views. No longer an honest measure:
# round 7, collected blind, is.
ROUND_6_PRECISION_FLOOR = 0.90
ROUND_6_RECALL_FLOOR = 0.97
NEAR_MISS_FLOOR_ALL = 0.95  # every round's, round 6 included: 97 of 106 at round 6's first measure, 101 after its study
# All 313 pairs of rounds 1 to 6, with the fixes from round 6: 156 of 164 (0.95), 156 of 164 (0.95); as
# check runs 153 of 160 (0.96), 153 of 164 (0.93)
ALL_313_PRECISION_FLOOR = 0.95
ALL_313_RECALL_FLOOR = 0.95
ALL_313_AS_CHECK_PRECISION_FLOOR = 0.95
ALL_313_AS_CHECK_RECALL_FLOOR = 0.93
# Round 7 (60 pairs: White House statements and articles of 2023 to 2026 against the BLS releases they
# restate, two CPI PDFs and an Employment Situation in Markdown; verdicts decided and committed before
# artlint first ran on them, collected blind). Pinned at its first measure, the honest one of the fixes
# from round 6: 26 of the 52 figures flagged are truly missing (0.50), 26 of the 29 missing flagged
# (0.90), both views (round7-first-measure.txt). Every false alarm is a figure stated in a PDF table row.
# Then studied and raised with the general fixes found (a PDF table's rows read under their columns'
# headings, a fall one value two ways, a sign flip a mismatch, negative figures' tolerance): 26 of 34
# flagged are truly missing (0.76; as check runs 26 of 33, 0.79), 26 of 29 missing flagged (0.90), 19 of
# its 22 near misses caught as at first. No longer an honest measure: round 8, collected blind, is.
# With PDFs read by PDFium rather than pypdf (2026-12-07), one false alarm fewer (s162: a CPI row pypdf
# broke in two): 27 of 34 flagged truly missing (0.79), as check runs 27 of 33 (0.82); every other row the same.
ROUND_7_PRECISION_FLOOR = 0.79
ROUND_7_AS_CHECK_PRECISION_FLOOR = 0.81
ROUND_7_RECALL_FLOOR = 0.89
BLIND_ROUNDS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
# Round 8 (46 pairs: CBO's Premium Growth Model annual reports of 2025 and 2026, HTML, each against the
# other; GAO statements of March 2026 against the report and the testimony they restate, Markdown; two
# companion GAO energy reports of 2006-07 against each other, PDFs; verdicts decided and committed before
# artlint first ran on them, collected blind while round 7 was studied). Pinned at its first measure,
# the honest one of the fixes from round 7: 23 of 28 flagged truly missing (0.82), 23 of 24 missing flagged (0.96); as
# check runs 19 of 20 (0.95) and 19 of 24 (0.79) (round8-first-measure.txt). Then studied and raised with
# the general fixes found (numbers listed with one unit after the last, "percentage-point", an aside between
# dashes, a count's parts after a colon, a count of another kind of the same noun, an HTML table read a
# cell at a time under its own column's heading, and as check runs the counts and percentage-point changes
# of a cited sentence that the statistic rule leaves out): 24 of 24 flagged truly missing, 24 of 24 missing
# flagged, both views, all 16 near misses caught. No longer an honest measure: round 9, collected blind, is.
ROUND_8_PRECISION_FLOOR = 1.00
ROUND_8_RECALL_FLOOR = 1.00
ROUND_8_AS_CHECK_PRECISION_FLOOR = 1.00
ROUND_8_AS_CHECK_RECALL_FLOOR = 1.00
# All 419 pairs of rounds 1 to 8, with the fixes from round 8: 206 of 222 (0.93), 206 of 217 (0.95); as check
# runs 203 of 217 (0.94), 203 of 217 (0.94); 136 of 144 near misses (first measure: 205 of 226, 205 of 217; as
# check runs 198 of 213, 198 of 217)
ALL_419_PRECISION_FLOOR = 0.92
ALL_419_RECALL_FLOOR = 0.94
ALL_419_AS_CHECK_PRECISION_FLOOR = 0.93
ALL_419_AS_CHECK_RECALL_FLOOR = 0.93
# Round 9 (60 pairs: FOMC statements and implementation notes of 2008 to 2016, text, each against other
# meetings'; the Scottish Government's poverty reports of 2021 to 2023, HTML; The Opportunity Project's
# problem statements, PDFs; verdicts decided and committed before artlint first ran on them, collected
# blind while round 8 was studied). Pinned at its first measure, the honest one of the fixes from round 8:
# 22 of 25 flagged truly missing (0.88), 22 of 30 missing flagged (0.73); as check runs 20 of 27 (0.74),
# 20 of 30 (0.67) (round9-first-measure.txt). Then studied and raised with the general fixes found (a
# percentage written with a fraction, "3-1/2 percent", "1/4 to 1/2 percent", read and verified whole, exact to
# its fraction; a threshold stated from either side; an opening clause ending with the figure says what it
# measures; "just over" close above; a table row of one span of years states only that span; a multiple,
# "five-fold", is no count): 24 of 26 flagged truly missing (0.92), 24 of 30 missing flagged (0.80), 20 of its 26
# near misses caught; as check runs 25 of 31 (0.81) and 25 of 30 (0.83). No longer an honest measure: round
# 10, collected blind, is.
ROUND_9_PRECISION_FLOOR = 0.92
ROUND_9_RECALL_FLOOR = 0.80
ROUND_9_AS_CHECK_PRECISION_FLOOR = 0.80
ROUND_9_AS_CHECK_RECALL_FLOOR = 0.83
# All 479 pairs of rounds 1 to 9, with the fixes from round 9: 230 of 248 (0.93), 230 of 247 (0.93); as check
# runs 228 of 248 (0.92), 228 of 247 (0.92); 156 of 170 near misses (157 as check runs). Before them (round 9's
# first measure): 0.92 / 0.92, as check runs 0.91 / 0.90
ALL_479_PRECISION_FLOOR = 0.92
ALL_479_RECALL_FLOOR = 0.93
ALL_479_AS_CHECK_PRECISION_FLOOR = 0.91
ALL_479_AS_CHECK_RECALL_FLOOR = 0.92
# Round 10 (57 pairs: Reserve Bank of Australia statements, minutes, a press conference and speeches of
# late 2024, HTML and Markdown; an EIA Short-Term Energy Outlook, PDF; an ECB account, Markdown; verdicts
# decided and committed before artlint first ran on them, collected blind while round 9 was studied).
# Pinned at its first measure, the honest one of the fixes from round 9: 32 of 34 flagged truly missing
# (0.94), 32 of 33 missing flagged (0.97); as check runs 29 of 30 (0.97), 29 of 33 (0.88)
# (round10-first-measure.txt).
ROUND_10_PRECISION_FLOOR = 0.94
ROUND_10_RECALL_FLOOR = 0.96
ROUND_10_AS_CHECK_PRECISION_FLOOR = 0.96
ROUND_10_AS_CHECK_RECALL_FLOOR = 0.87
# Round 11 (89 pairs: CRS reports and In Focus briefs, PDF and Markdown, each against a companion; Federal
# Reserve testimonies and speeches of 2024-25, HTML and Markdown; verdicts decided and committed before artlint
# first ran on them, collected blind while earlier rounds were studied). Its first measure, the honest one of
# the fixes made meanwhile: 35 of 46 flagged truly missing (0.76), 35 of 45 missing flagged (0.78); as check
# runs 24 of 34 (0.71), 24 of 45 (0.53) (round11-first-measure.txt). Then studied and pinned with the general
# fixes found (a second sum after "and" that quantulum3 lost, items named after "respectively", two-digit
# fiscal years, a range with its unit at both ends or opened by the figure, a comparison seen from either side, the 12 months a change
# is over, a compound adjective "1.7-million-square-mile", a passage on the claim's other figure): 38 of 41
# flagged truly missing (0.93), 38 of 45 missing flagged (0.84); as check runs 27 of 31 (0.87), 27 of 45
# (0.60). No longer an honest measure: round 12, collected blind, is.
ROUND_11_PRECISION_FLOOR = 0.92
ROUND_11_RECALL_FLOOR = 0.84
ROUND_11_AS_CHECK_PRECISION_FLOOR = 0.87
ROUND_11_AS_CHECK_RECALL_FLOOR = 0.60
# All 625 pairs of rounds 1 to 11, with the fixes from round 11: 300 of 323 (0.93), 300 of 325 (0.92); as check
# runs 284 of 309 (0.92), 284 of 325 (0.87); 208 of 230 near misses. Before them (round 11's first measure):
# 0.91 / 0.91, as check runs 0.90 / 0.86
ALL_625_PRECISION_FLOOR = 0.92
ALL_625_RECALL_FLOOR = 0.92
ALL_625_AS_CHECK_PRECISION_FLOOR = 0.91
ALL_625_AS_CHECK_RECALL_FLOOR = 0.87
# Round 12 (62 pairs: USDA WASDE-664 and WASDE-665 as PDF and Markdown, FAS grain and oilseed circulars as
# PDF; verdicts decided and committed before artlint first ran on them, collected blind while round 11 was
# studied). Its first measure, the honest one of the fixes from round 11: 35 of 53 flagged truly missing (0.66),
# 35 of 35 missing flagged (1.00); as check runs 28 of 47 (0.60), 28 of 35 (0.80) (round12-first-measure.txt).
# Then studied and pinned with the general fixes found (a sum and the same price per a thing one measure, a
# pound after "per" a weight, a range stated only in its own unit): 35 of 49 (0.71), 35 of 35; as check runs
# 28 of 44 (0.64), 28 of 35 (0.80). No longer an honest measure: round 13, collected blind, is.
ROUND_12_PRECISION_FLOOR = 0.71
ROUND_12_RECALL_FLOOR = 1.00
ROUND_12_AS_CHECK_PRECISION_FLOOR = 0.63
ROUND_12_AS_CHECK_RECALL_FLOOR = 0.80
# Round 13 (43 pairs: two BLS CPI releases as HTML, each checked against the other; collected blind). Its
# first measure 0.60 / 0.96, as check runs 0.66 / 0.92 (round13-first-measure.txt); studied (HTML tables read by
# row and column, prose in <pre> read): 24 of 27 (0.89), 24 of 25 (0.96); as check runs 23 of 26, 23 of 25.
ROUND_13_PRECISION_FLOOR = 0.88
ROUND_13_RECALL_FLOOR = 0.96
ROUND_13_AS_CHECK_PRECISION_FLOOR = 0.88
ROUND_13_AS_CHECK_RECALL_FLOOR = 0.92
# Round 14 (61 pairs: the World Bank's Commodity Markets Outlook, PDF and Markdown, against the April
# edition; BLS CPI PDFs against each other; collected blind). First measure 0.68 / 0.71, as check runs 0.67 /
# 0.69 (round14-first-measure.txt); 0.67 / 0.74 with round 13's study; studied (a figure's own year or season,
# the claim's subject named, "wane" a fall): 33 of 43 (0.77), 33 of 35 (0.94); as check runs 32 of 42 (0.76),
# 32 of 35 (0.91). Its CPI figures stated only in PDF table rows are the false alarms left. Then its PDF table
# rows studied (a row read whole, with its label and its table's title, for a cell that gives the claim's value;
# inflation the index's own row): 33 of 40 (0.82), 33 of 35; as check runs 32 of 39 (0.82), 32 of 35. The 7 false
# alarms left name no month, against tables whose rows are months.
ROUND_14_PRECISION_FLOOR = 0.82
ROUND_14_RECALL_FLOOR = 0.94
ROUND_14_AS_CHECK_PRECISION_FLOOR = 0.82
ROUND_14_AS_CHECK_RECALL_FLOOR = 0.91
# All 791 pairs of rounds 1 to 14 with both studies: 393 of 443 (0.887), 393 of 420 (0.936); as check runs
# 368 of 422 (0.872), 368 of 420 (0.876). With round 14's PDF table rows studied: 393 of 440 (0.893), 393 of 420;
# as check runs 368 of 419 (0.878), 368 of 420. With a hedged claim stated by the same figure hedged in the
# source ("more than $700 billion" by "approximately $700 billion"; s228, s249): 393 of 438 (0.897), 393 of 420;
# as check runs 368 of 417 (0.882), 368 of 420.
ALL_791_PRECISION_FLOOR = 0.89
ALL_791_RECALL_FLOOR = 0.93
ALL_791_AS_CHECK_PRECISION_FLOOR = 0.88
ALL_791_AS_CHECK_RECALL_FLOOR = 0.87
# Round 15 (64 pairs: the USGS Mineral Commodity Summaries 2025, twelve chapters as text extractions and the
# rare-earths chapter as PDF and Markdown, against the 2026 edition's sentences; collected blind). Pinned at its
# first measure (round15-first-measure.txt): 28 of 32 flagged truly missing (0.875), 28 of 34 missing flagged
# (0.82); as check runs 28 of 31 (0.90), 28 of 34 (0.82). Raised with the fixes found studying it (so no longer an
# honest measure: "an estimated" is no approximator, a bare number read on to its unit, "parts per million" a unit, a
# relative clause not what a figure measures, a figure's own year not its baseline's, a figure with no year of its
# own of its passage's years): 33 of 33 (1.00), 33 of 34 (0.97), both views; n448 left.
ROUND_15_PRECISION_FLOOR = 1.00
ROUND_15_RECALL_FLOOR = 0.97
ROUND_15_AS_CHECK_PRECISION_FLOOR = 1.00
ROUND_15_AS_CHECK_RECALL_FLOOR = 0.97
# All 855 pairs of rounds 1 to 15 at round 15's first measure: 421 of 470 (0.896), 421 of 454 (0.927); as check
# runs 396 of 448 (0.884), 396 of 454 (0.872). A new composition: its recall is under the 791 pairs' floor, so these
# floors are its measured values rounded down. With round 15 studied: 426 of 471 (0.904), 426 of 454 (0.938); as
# check runs 401 of 443 (0.905), 401 of 454 (0.883) (seven supported figures of rounds 11 and 12 no longer flagged as
# check runs, their bare number now read with its unit; no pair of rounds 1 to 14 worse in either view).
ALL_855_PRECISION_FLOOR = 0.90
ALL_855_RECALL_FLOOR = 0.93
ALL_855_AS_CHECK_PRECISION_FLOOR = 0.90
ALL_855_AS_CHECK_RECALL_FLOOR = 0.88
# Round 16 (64 pairs: the US Treasury's marketable borrowing estimates, ten quarterly releases, and three of its
# borrowing advisory committee's reports, Markdown; collected blind, a publisher new to the set). Pinned at its first
# measure (round16-first-measure.txt): 34 of 35 flagged truly missing (0.97), 34 of 35 missing flagged (0.97); as
# check runs 34 of 42 (0.81), 34 of 35 (0.97): seven of the eight false alarms are the committee's "$776bln", read
# as "$776" without its unit. With "bln", "mln" and "trln" scale words of the statistic rule: as check runs 34 of 35
# (0.97), 34 of 35 (0.97); no other pair changed in either view.
ROUND_16_PRECISION_FLOOR = 0.97
ROUND_16_RECALL_FLOOR = 0.97
ROUND_16_AS_CHECK_PRECISION_FLOOR = 0.97
ROUND_16_AS_CHECK_RECALL_FLOOR = 0.97
# All 919 pairs of rounds 1 to 16 at round 16's first measure: 460 of 506 (0.909), 460 of 489 (0.941); as check runs
# 435 of 485 (0.897), 435 of 489 (0.890). A new composition: its as-check precision is under the 855 pairs' floor,
# so these floors are its measured values rounded down. With "bln" read as a scale word: as check runs 435 of 478
# (0.910), 435 of 489 (0.890).
ALL_919_PRECISION_FLOOR = 0.90
ALL_919_RECALL_FLOOR = 0.94
ALL_919_AS_CHECK_PRECISION_FLOOR = 0.91
ALL_919_AS_CHECK_RECALL_FLOOR = 0.88
# The pairs each round was collected with
ROUND_SIZES = {1: 85, 2: 43, 3: 12, 4: 34, 5: 68, 6: 71, 7: 60, 8: 46, 9: 60, 10: 57, 11: 89, 12: 62, 13: 43, 14: 61, 15: 64, 16: 64}

# (rounds, pairs, precision, recall, as check: precision, recall): each set of rounds' floors
SCORED_SETS = {
    "round 4": ((4,), 34, ROUND_4_PRECISION_FLOOR, ROUND_4_RECALL_FLOOR,
                ROUND_4_AS_CHECK_PRECISION_FLOOR, ROUND_4_AS_CHECK_RECALL_FLOOR),
    "round 5": ((5,), 68, ROUND_5_PRECISION_FLOOR, ROUND_5_RECALL_FLOOR,
                ROUND_5_AS_CHECK_PRECISION_FLOOR, ROUND_5_AS_CHECK_RECALL_FLOOR),
    "round 6": ((6,), 71, ROUND_6_PRECISION_FLOOR, ROUND_6_RECALL_FLOOR, ROUND_6_PRECISION_FLOOR, ROUND_6_RECALL_FLOOR),
    "rounds 1 to 4": (ROUNDS_1_TO_4, 174, ALL_PRECISION_FLOOR, ALL_RECALL_FLOOR,
                      ALL_AS_CHECK_PRECISION_FLOOR, ALL_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 5": ((1, 2, 3, 4, 5), 242, ALL_242_PRECISION_FLOOR, ALL_242_RECALL_FLOOR,
                      ALL_242_AS_CHECK_PRECISION_FLOOR, ALL_242_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 6": ((1, 2, 3, 4, 5, 6), 313, ALL_313_PRECISION_FLOOR, ALL_313_RECALL_FLOOR,
                      ALL_313_AS_CHECK_PRECISION_FLOOR, ALL_313_AS_CHECK_RECALL_FLOOR),
    "round 7": ((7,), 60, ROUND_7_PRECISION_FLOOR, ROUND_7_RECALL_FLOOR, ROUND_7_AS_CHECK_PRECISION_FLOOR,
                ROUND_7_RECALL_FLOOR),
    "round 8": ((8,), 46, ROUND_8_PRECISION_FLOOR, ROUND_8_RECALL_FLOOR, ROUND_8_AS_CHECK_PRECISION_FLOOR,
                ROUND_8_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 8": ((1, 2, 3, 4, 5, 6, 7, 8), 419, ALL_419_PRECISION_FLOOR, ALL_419_RECALL_FLOOR,
                      ALL_419_AS_CHECK_PRECISION_FLOOR, ALL_419_AS_CHECK_RECALL_FLOOR),
    "round 9": ((9,), 60, ROUND_9_PRECISION_FLOOR, ROUND_9_RECALL_FLOOR, ROUND_9_AS_CHECK_PRECISION_FLOOR,
                ROUND_9_AS_CHECK_RECALL_FLOOR),
    "round 10": ((10,), 57, ROUND_10_PRECISION_FLOOR, ROUND_10_RECALL_FLOOR, ROUND_10_AS_CHECK_PRECISION_FLOOR,
                 ROUND_10_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 9": ((1, 2, 3, 4, 5, 6, 7, 8, 9), 479, ALL_479_PRECISION_FLOOR, ALL_479_RECALL_FLOOR,
                      ALL_479_AS_CHECK_PRECISION_FLOOR, ALL_479_AS_CHECK_RECALL_FLOOR),
    "round 11": ((11,), 89, ROUND_11_PRECISION_FLOOR, ROUND_11_RECALL_FLOOR, ROUND_11_AS_CHECK_PRECISION_FLOOR,
                 ROUND_11_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 11": (tuple(range(1, 12)), 625, ALL_625_PRECISION_FLOOR, ALL_625_RECALL_FLOOR,
                       ALL_625_AS_CHECK_PRECISION_FLOOR, ALL_625_AS_CHECK_RECALL_FLOOR),
    "round 12": ((12,), 62, ROUND_12_PRECISION_FLOOR, ROUND_12_RECALL_FLOOR, ROUND_12_AS_CHECK_PRECISION_FLOOR,
                 ROUND_12_AS_CHECK_RECALL_FLOOR),
    "round 13": ((13,), 43, ROUND_13_PRECISION_FLOOR, ROUND_13_RECALL_FLOOR, ROUND_13_AS_CHECK_PRECISION_FLOOR,
                 ROUND_13_AS_CHECK_RECALL_FLOOR),
    "round 14": ((14,), 61, ROUND_14_PRECISION_FLOOR, ROUND_14_RECALL_FLOOR, ROUND_14_AS_CHECK_PRECISION_FLOOR,
                 ROUND_14_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 14": (tuple(range(1, 15)), 791, ALL_791_PRECISION_FLOOR, ALL_791_RECALL_FLOOR,
                       ALL_791_AS_CHECK_PRECISION_FLOOR, ALL_791_AS_CHECK_RECALL_FLOOR),
    "round 15": ((15,), 64, ROUND_15_PRECISION_FLOOR, ROUND_15_RECALL_FLOOR, ROUND_15_AS_CHECK_PRECISION_FLOOR,
                 ROUND_15_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 15": (tuple(range(1, 16)), 855, ALL_855_PRECISION_FLOOR, ALL_855_RECALL_FLOOR,
                       ALL_855_AS_CHECK_PRECISION_FLOOR, ALL_855_AS_CHECK_RECALL_FLOOR),
    "round 16": ((16,), 64, ROUND_16_PRECISION_FLOOR, ROUND_16_RECALL_FLOOR, ROUND_16_AS_CHECK_PRECISION_FLOOR,
                 ROUND_16_AS_CHECK_RECALL_FLOOR),
    "rounds 1 to 16": (tuple(range(1, 17)), 919, ALL_919_PRECISION_FLOOR, ALL_919_RECALL_FLOOR,
                       ALL_919_AS_CHECK_PRECISION_FLOOR, ALL_919_AS_CHECK_RECALL_FLOOR),
}


@pytest.fixture(scope="module")
def all_rounds():
    return evaluate()


@pytest.fixture(scope="module")
def evaluation(all_rounds):
    """The pairs of the rounds the general floors were set on."""
    return Evaluation([r for r in all_rounds.rows if r.get("round", 1) in TUNED_ROUNDS])


def test_the_set_has_enough_real_pairs_of_each_verdict():
    pairs = load_pairs()
    verdicts = [p["verdict"] for p in pairs]
    assert len(pairs) >= 60
    assert verdicts.count("supported") >= 30 and verdicts.count("not-in-source") >= 30
    assert sum(1 for p in pairs if p["near_miss"] and p["verdict"] == "not-in-source") >= 10
    assert len({p["id"] for p in pairs}) == len(pairs)


def test_the_set_holds_pairs_of_more_than_one_round_collection_and_kind_of_source():
    pairs = load_pairs()
    assert {p.get("round", 1) for p in pairs} >= {1, 2, 3, 4, 5, 6, 7, 8}
    assert {p["content_type"] for p in pairs} >= {"text/html", "application/pdf", "text/csv", "text/markdown"}
    repos = {p["source_provenance"]["repo"] for p in pairs}
    assert len(repos) >= 8
    by_repo = [sum(1 for p in pairs if p["source_provenance"]["repo"] == r) for r in repos]
    assert max(by_repo) / len(pairs) < 0.5  # no one collection is most of the set


def test_each_round_holds_the_pairs_it_was_collected_with():
    pairs = load_pairs()
    sizes = {n: sum(1 for p in pairs if p.get("round", 1) == n) for n in {p.get("round", 1) for p in pairs}}
    assert sizes == ROUND_SIZES
    for n in ROUND_SIZES:
        verdicts = [p["verdict"] for p in pairs if p.get("round", 1) == n]
        assert {"supported", "not-in-source"} <= set(verdicts), n
    for n in BLIND_ROUNDS:
        blind = [p for p in pairs if p.get("round", 1) == n]
        missing = [p for p in blind if p["verdict"] == "not-in-source"]
        assert sum(1 for p in missing if p["near_miss"]) * 3 >= len(missing), n
        assert all(p["why"].strip() and p["source_provenance"]["licence"] for p in blind), n
        assert not any(p["near_miss"] for p in blind if p["verdict"] == "supported"), n


def test_every_pair_names_its_figure_its_saved_source_and_where_both_came_from():
    for pair in load_pairs():
        assert pair["figure"] in pair["claim"], pair["id"]
        assert (EVAL_DIR / "sources" / pair["source"]).is_file(), pair["id"]
        assert pair["content_type"] in CONTENT_TYPES, pair["id"]
        assert pair["why"].strip(), pair["id"]
        for side in ("claim_provenance", "source_provenance"):
            assert PROVENANCE <= pair[side].keys(), (pair["id"], side)
            assert len(pair[side]["commit"]) == 40, (pair["id"], side)
    with open(EVAL_DIR / "pairs.jsonl", encoding="utf-8") as f:
        assert all(isinstance(json.loads(line), dict) for line in f)


def test_every_saved_source_is_readable(all_rounds):
    unreadable = [r["id"] for r in all_rounds.rows if "source-unreadable" in (r["verdict_outcome"], r["as_check"])]
    assert unreadable == []


def test_figure_not_in_source_scores_at_least_todays_precision_and_recall(evaluation):
    assert evaluation.precision >= PRECISION_FLOOR, [r["id"] for r in evaluation.errors]
    assert evaluation.recall >= RECALL_FLOOR, [r["id"] for r in evaluation.errors]


def test_as_check_runs_it_scores_at_least_todays_precision_and_recall(evaluation):
    as_check = evaluation.viewed("as_check")
    assert as_check.precision >= AS_CHECK_PRECISION_FLOOR, [r["id"] for r in as_check.errors]
    assert as_check.recall >= AS_CHECK_RECALL_FLOOR, [r["id"] for r in as_check.errors]


def test_the_second_round_scores_at_least_todays_precision_and_recall(evaluation):
    second = evaluation.of_round(2)
    assert second.precision >= ROUND_2_PRECISION_FLOOR, [r["id"] for r in second.errors]
    assert second.recall >= ROUND_2_RECALL_FLOOR, [r["id"] for r in second.errors]


@pytest.mark.parametrize("name", SCORED_SETS)
def test_each_set_of_rounds_scores_at_least_its_floors(all_rounds, name):
    rounds, pairs, precision, recall, check_precision, check_recall = SCORED_SETS[name]
    scored = Evaluation([r for r in all_rounds.rows if r.get("round", 1) in rounds])
    assert len(scored.rows) == pairs
    assert scored.precision >= precision, [r["id"] for r in scored.errors]
    assert scored.recall >= recall, [r["id"] for r in scored.errors]
    as_check = scored.viewed("as_check")
    assert as_check.precision >= check_precision, [r["id"] for r in as_check.errors]
    assert as_check.recall >= check_recall, [r["id"] for r in as_check.errors]


def test_near_misses_are_flagged(all_rounds):
    """The right number for another year, region or category must not count as support."""
    for rounds, floor in (((1, 2, 3, 4, 5, 6), NEAR_MISS_FLOOR_ALL), ((1, 2, 3, 4, 5), NEAR_MISS_FLOOR),
                          (ROUNDS_1_TO_4, NEAR_MISS_FLOOR_ROUNDS_1_TO_4)):
        near = [r for r in all_rounds.rows if r["near_miss"] and r.get("round", 1) in rounds]
        caught = [r for r in near if r["verdict_outcome"] == "figure-not-in-source"]
        assert len(caught) / len(near) >= floor, (rounds, [r["id"] for r in near if r not in caught])
