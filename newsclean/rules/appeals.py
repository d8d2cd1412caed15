"""Donation, membership, subscription and paywall appeals."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..rule import Finding, Rule
from ._util import covered, distinct, next_nonblank, prev_nonblank, quote_hits

#: Lines longer than this are article prose, whatever phrases they hold.
MAX_APPEAL_CHARS = 700
#: How far (in lines) an opener ("Dear readers,") may stand before the appeal.
OPENER_REACH = 5
#: Lines between two appeal lines that still make one block.
GAP = 2


def _block(
    ctx: Context, hits_group: str, strong_chars: int, single_hit_chars: int = 0, prefix_group: str = ""
) -> Iterator[Finding]:
    """Appeal blocks made of lines with ``hits_group`` phrases.

    A line is a candidate when it has a phrase and is at most MAX_APPEAL_CHARS
    long.  Candidates no more than GAP lines apart form a block.  A block is an
    appeal when one line holds two different phrases, or a phrase covers much of a
    short line (a button or a one-line call to action), or the block has two
    candidate lines with two different phrases between them.  The block then
    extends up to an opener ("Dear readers,", "A message from ...:") and down over
    its buttons ("Continue", "Remind me later").
    """
    lines = ctx.doc.lines
    sizes = ctx.sizes
    cands = [i for i in ctx.lines_with(hits_group) if sizes[i] <= MAX_APPEAL_CHARS]
    calls = {i for i in ctx.lines_in_group(prefix_group, ("prefix",)) if sizes[i] <= 60} if prefix_group else set()
    if calls:
        cands = sorted(set(cands) | calls)
    if not cands:
        return
    blocks: list[list[int]] = [[cands[0]]]
    for i in cands[1:]:
        if i - blocks[-1][-1] <= GAP + 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    for block in blocks:
        why = []
        strong = False
        for i in block:
            hs = ctx.hits(i, hits_group)
            if i in calls:
                strong = True
                why.append(f'short line {ctx.line_no(i)} is the call "{ctx.excerpt(i)}"')
            elif not hs:
                continue
            elif sizes[i] <= single_hit_chars:
                strong = True
                why.append(f"line {ctx.line_no(i)} has {quote_hits(ctx, i, hs)}")
            elif distinct(hs) >= 2:
                strong = True
                why.append(f"line {ctx.line_no(i)} has {quote_hits(ctx, i, hs)}")
            elif sizes[i] <= strong_chars and covered(hs) * 3 >= sizes[i]:
                strong = True
                why.append(f"short line {ctx.line_no(i)} is the call {quote_hits(ctx, i, hs)}")
        if not strong:
            short = [i for i in block if sizes[i] <= 300 and ctx.hits(i, hits_group)]
            # lines that only repeat one word ("donate", "steady") are an article on
            # the subject, not an appeal: an appeal says it in more than one way
            phrases = {h.entry.phrase for i in short for h in ctx.hits(i, hits_group)}
            if len(short) >= 2 and len(phrases) >= 2:
                strong = True
                why.append(
                    f"{len(block)} appeal lines: "
                    + "; ".join(quote_hits(ctx, i, ctx.hits(i, hits_group), 1) for i in block[:3])
                )
        if not strong:
            continue
        first, last = block[0], block[-1]
        # walk up to an opener, over lines no longer than an appeal paragraph
        j = first
        for _ in range(OPENER_REACH):
            j = prev_nonblank(ctx, j)
            if j < 0 or sizes[j] > MAX_APPEAL_CHARS:
                break
            groups = ctx.line_groups(j) | set(ctx.prefix_groups(j))
            if "appeal_opener" in groups:
                first = j
                why.append(f'opened by "{ctx.excerpt(j)}"')
                k = prev_nonblank(ctx, j)  # "A message from X:" above "Dear readers,"
                if k >= 0 and "appeal_opener" in set(ctx.prefix_groups(k)) | ctx.line_groups(k):
                    first = k
                break
        # walk down over buttons and dismissals
        j = last
        buttons = []
        while True:
            k = next_nonblank(ctx, j)
            if k >= ctx.n or sizes[k] > 60:
                break
            groups = ctx.line_groups(k)
            if not groups & {"appeal_button", "nav"}:
                break
            buttons.append(lines[k].strip())
            j = last = k
        if buttons:
            why.append("buttons " + ", ".join(f'"{b}"' for b in buttons[:4]))
        yield Finding(first, last, "; ".join(why))


class DonationAppeal(Rule):
    """Removes donation, membership and subscription appeals with their buttons.

    Why: an appeal ("Your support, no matter how small, makes a world of
    difference", "Unterstützen Sie unabhängigen Journalismus") addresses the reader
    on the outlet's behalf; it is not part of the article.

    How: lines with appeal phrases from the lexicon, no longer than a paragraph,
    form blocks.  A block is removed when a line holds two appeal phrases, a
    short line is mostly an appeal phrase ("Donate now"), or two appeal lines with
    different phrases stand together (two lines that only repeat "donate" are an
    article about donating), and a short line that starts with a call
    ("Unterstütze X", "Donate to X") is one.  The block grows up to its salutation ("Dear readers,", "Liebe
    Leserinnen und Leser") and down over its buttons and dismissals ("Continue",
    "Not ready to support today?", "Remind me later").  A single mention of
    donating inside a long article paragraph is kept.
    """

    code = "A101"
    name = "donation-appeal"
    category = "appeal"
    languages = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")
    examples_remove = (
        "Rada miasta przyjęła budżet.\nCzytasz właśnie materiał przygotowany przez naszą redakcję. Wesprzyj nas darowizną lub przekaż nam 1,5% podatku.\n",
        "The council approved the budget on Monday.\nDear readers,\nWe rely on readers like you. "
        "Your support, no matter how small, makes a world of difference. Please support us monthly.\n"
        "Continue\nRemind me later\n",
        "Der Stadtrat hat den Haushalt beschlossen.\nUnterstützen Sie unabhängigen Journalismus: Jetzt spenden!\n",
        "Le conseil a voté le budget.\nSoutenez notre journalisme indépendant : faites un don.\n",
        "El ayuntamiento aprobó el presupuesto.\nApoya el periodismo independiente. Haz una donación.\n",
    )
    examples_keep = (
        "De steun voor het kabinet daalt, blijkt uit een peiling; de steun voor de oppositie stijgt.\n",
        "O governo espera que o presidente apoie a proposta e assine o decreto ainda nesta semana, disse o ministro.\n",
        "The charity said donations rose by 12 percent last year, and volunteers asked residents to "
        "donate blood at the town hall during the week of the flood, when the hospital ran short.\n",
        "Die Spendenbereitschaft der Deutschen ist im vergangenen Jahr gestiegen, teilte der Verband mit.\n",
        "Doctors asked residents to donate blood after the crash.\n"
        "Those who donate before Friday will be invited back in the spring, the hospital said.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        yield from _block(ctx, "appeal", strong_chars=90, prefix_group="appeal_prefix")


class PaywallPrompt(Rule):
    """Removes paywall and subscription prompts.

    Why: "To continue reading, subscribe", "Bereits Abonnent? Hier anmelden",
    "Pour lire la suite, abonnez-vous" stand where the article is cut off; they are
    the outlet's sales text, not the article.

    How: the same block logic as donation-appeal over the paywall phrases of the
    lexicon, which are more specific: one paywall phrase on a line of at most 200
    characters is enough, longer lines need two; buttons after the block go with
    it.
    """

    code = "A102"
    name = "paywall-prompt"
    category = "appeal"
    languages = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "ru", "uk")
    examples_remove = (
        "El alcalde habló primero.\nPara seguir leyendo, suscríbete. ¿Ya eres suscriptor? Inicia sesión.\n",
        "The mayor spoke first.\nTo continue reading, subscribe now. Already a subscriber? Log in.\n",
        "Der Bürgermeister sprach zuerst.\nUm weiterzulesen, jetzt gratis testen. Bereits Abonnent?\n",
        "Le maire a parlé.\nPour lire la suite, abonnez-vous. Déjà abonné ?\n",
    )
    examples_keep = (
        "Para seguir leyendo a sus autores favoritos, muchos lectores recurren a las bibliotecas públicas, según la encuesta.\n",
        "Les syndicats espèrent débloquer la situation ; pour débloquer les négociations, le ministre a proposé une réunion.\n",
        "Subscribers of the streaming service said unlimited access was the main reason, the survey "
        "of 2,000 households found, while others cited the free trial and the price.\n",
    )

    def detect(self, ctx: Context) -> Iterator[Finding]:
        yield from _block(ctx, "paywall", strong_chars=90, single_hit_chars=200)


RULES = (DonationAppeal, PaywallPrompt)
