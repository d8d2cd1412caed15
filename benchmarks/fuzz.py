#!/usr/bin/env python3
"""Fuzz newsclean's guarantees on random documents, for a number of examples or a time.

Each example is a random document (prose, boilerplate lines, comment-thread shapes,
table rows, arbitrary Unicode with lone surrogates, mixed LF / CRLF / CR endings,
with or without a final newline), cleaned in one preset (they rotate).  Checked:

- ``explain`` and ``clean`` never raise, and ``clean(x) == explain(x).text``;
- the kept lines are a subsequence of the input's lines (byte for byte);
- idempotence: ``clean(clean(x)) == clean(x)``;
- every removal quotes the input: ``x[r.start:r.end] == r.text``;
- every ``--html-every``-th example also goes through ``explain_html`` (the same
  document as ``<p>`` elements): no exception but ``NotHTMLError``, removals quote
  ``extracted``, kept lines are lines of ``extracted``, and the text rules leave
  the result as it is (``clean(ex.text) == ex.text``).

    python benchmarks/fuzz.py --examples 100000 --seed 1
    python benchmarks/fuzz.py --seconds 600

It prints the count of examples and every failure (the seed, the preset and the
input's repr, so a failure can be replayed), and exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import html as html_lib
import random
import re
import sys
import time
import traceback

import newsclean

PRESETS = ("safe", "default", "aggressive")
ENDINGS = ("\n", "\n", "\n", "\r\n", "\r")
BOILERPLATE = [
    "Share this article", "Comments", "3 Comments", "941 comments", "Related", "Navigation", "  \u2022 \u00a0",
    "Photo: AP", "Leave a reply", "Reply", "Sign up for our newsletter", "Lesen Sie auch: Mehr Glück",
    "Remind me later", "Continue", "Dear readers,", "Kommentare", "Anzeige", "Liebe Grüße", "Hallo Marie!",
    "Danke für den tollen Beitrag!", "Thank you for the lovely comment!", "john_doe says:", "Anna says:",
    "March 5, 2020 at 3:12 pm", "05.03.2020, 14:33 Uhr", "Home \u203a News \u203a Politics", "23.10.2018",
    "Category: News", "Your support, no matter how small, makes a difference. Please donate.",
    "\u00a9 2020 Example Media. All rights reserved.", "2020-08-01 18:00:00+00 \u2502 200 \u2502 4084", "*,",
    "Makali wrote:", "> the quoted line", "\u201cThank you for calling,\u201d he said stiffly.", "lol this again",
    "Kay", "Amanda", "Cheers", "@anna you are right", "MORE ON THE TOPIC:", "0 Kommentare", "Hallo!",
]
PROSE = [
    "The council met on Monday to discuss the budget for the coming year.",
    "It will vote on the plan in June, after a public hearing.",
    "Critics said the plan was rushed; supporters called it overdue.",
    "Die neue Brücke wurde am Montag eröffnet und kostete 40 Millionen Euro.",
    "Le nouveau pont a été inauguré lundi.",
    "short line",
    "",
    "",
]
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:!?*-#|/\\\"'()[]<>&@\t"
    "\u00e4\u00f6\u00fc\u00df\u00e9\u00e8\u00e7\u00f1\u0131\u0130\u00a0\u00ad\u2019\u201c\u201d\u201e\u2013\u2014"
    "\u2022\u203a\u00bb\u2502\u2028\u2029\x0b\x0c\x85\x00\u200b\ufeff\u0410\u0436\u4e2d\u0627\U0001f600"
    "\ud83d\ude00\udfff\ud800"
)


def random_line(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(BOILERPLATE)
    if r < 0.7:
        return rng.choice(PROSE)
    if r < 0.8:
        # a line of boilerplate or prose with random characters mixed in
        base = rng.choice(BOILERPLATE + PROSE)
        k = rng.randrange(len(base) + 1)
        return base[:k] + "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 4))) + base[k:]
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))


def random_document(rng: random.Random) -> str:
    n = rng.choice((0, 1, 2, 3, 5, 8, 12, 20, 30, 40, 60))
    if rng.random() < 0.2:  # runs of one line: many markers, many short lines
        line = random_line(rng)
        parts = [rng.choice(PROSE) + "\n" for _ in range(rng.randrange(0, 4))]
        parts += [line + rng.choice(ENDINGS) for _ in range(n)]
    else:
        parts = [random_line(rng) + rng.choice(ENDINGS) for _ in range(n)]
    text = "".join(parts)
    if text and rng.random() < 0.3:
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return text


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split(text: str) -> list[str]:
    """Lines with their endings, as newsclean splits them (LF, CRLF, CR only)."""
    return _LINES.findall(text)


def kept_lines_are_input_lines(source: str, out: str) -> bool:
    """Every output line is an input line, in order (the last one may have lost
    its ending when the input had no final newline)."""
    ins = split(source)
    outs = split(out)
    k = 0
    for n, line in enumerate(outs):
        last = n == len(outs) - 1
        while k < len(ins) and not (ins[k] == line or (last and ins[k].rstrip("\r\n") == line)):
            k += 1
        if k == len(ins):
            return False
        k += 1
    return True


def check_text(text: str, preset: str) -> list[str]:
    """The guarantees of ``clean``/``explain`` on ``text``; the failures found."""
    problems = []
    ex = newsclean.explain(text, preset=preset)
    out = ex.text
    if newsclean.clean(text, preset=preset) != out:
        problems.append("clean(x) != explain(x).text")
    if not kept_lines_are_input_lines(text, out):
        problems.append("kept lines are not a subsequence of the input's lines")
    for r in ex.removals:
        if text[r.start : r.end] != r.text:
            problems.append(f"removal {r.code} {r.lines} does not quote the input")
    again = newsclean.clean(out, preset=preset)
    if again != out:
        problems.append(f"not idempotent: the second clean removed {len(out) - len(again)} more characters")
    return problems


def check_html(text: str, preset: str) -> list[str]:
    """The guarantees of ``explain_html``/``clean_html`` on ``text`` as paragraphs."""
    page = "<html><body><article>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in split(text)) + "</article></body></html>"
    problems = []
    try:
        ex = newsclean.explain_html(page, preset=preset)
    except newsclean.NotHTMLError:
        return problems
    if newsclean.clean_html(page, preset=preset) != ex.text:
        problems.append("clean_html(x) != explain_html(x).text")
    for r in ex.removals:
        if ex.extracted[r.start : r.end] != r.text:
            problems.append(f"html removal {r.code} {r.lines} does not quote the extracted text")
    if not kept_lines_are_input_lines(ex.extracted, ex.text):
        problems.append("html: kept lines are not a subsequence of the extracted lines")
    if newsclean.clean(ex.text, preset=preset) != ex.text:
        problems.append("html: the text rules change the result again")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=None, help="stop after N examples")
    ap.add_argument("--seconds", type=float, default=None, help="stop after S seconds")
    ap.add_argument("--seed", type=int, default=0, help="seed of the first example (example k uses seed+k)")
    ap.add_argument("--html-every", type=int, default=50, help="also check HTML mode on every N-th example (0: never)")
    ap.add_argument("--max-failures", type=int, default=20, help="stop after this many failing examples")
    args = ap.parse_args(argv)
    if args.examples is None and args.seconds is None:
        args.examples = 10_000
    t0 = time.perf_counter()
    count = html_count = 0
    failures: list[str] = []
    k = 0
    while True:
        if args.examples is not None and count >= args.examples:
            break
        if args.seconds is not None and time.perf_counter() - t0 >= args.seconds:
            break
        seed = args.seed + k
        k += 1
        rng = random.Random(seed)
        text = random_document(rng)
        preset = PRESETS[seed % 3]
        try:
            problems = check_text(text, preset)
            if args.html_every and seed % args.html_every == 0:
                html_count += 1
                problems += check_html(text, preset)
        except Exception:  # noqa: BLE001 - a crash is a failure to report, not to hide
            problems = ["raised: " + " | ".join(traceback.format_exc().strip().splitlines()[-3:])]
        count += 1
        if problems:
            failures.append(f"seed={seed} preset={preset} {problems} input={text!r}"[:2000])
            if len(failures) >= args.max_failures:
                break
    dt = time.perf_counter() - t0
    print(f"examples: {count} (HTML mode on {html_count} of them), seeds {args.seed}..{args.seed + k - 1}, {dt:.1f} s")
    print(f"failures: {len(failures)}")
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
