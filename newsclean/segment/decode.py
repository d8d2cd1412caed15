"""Viterbi decoding of a document's lines into before / body / inside / after / comments.

The emission scores come from the model (log-probabilities of each state given the
line's features, divided by the state's prior: a hybrid HMM), the transition scores
are the model's learned log-probabilities of going from one state to the next.  The
best path is what turns many noisy per-line guesses into one body span: a short body
line between two long ones stays, and a run of noise goes as a block.
"""

from __future__ import annotations

import numpy as np

#: The states, in the order of the model's columns.
STATES = ("before", "body", "inside", "after", "comments")
BEFORE, BODY, INSIDE, AFTER, COMMENTS = range(len(STATES))
#: Transitions that can never happen (the order of a page): nothing returns to
#: "before", and "after"/"comments" never lead back into the body.
FORBIDDEN = (
    (BODY, BEFORE),
    (INSIDE, BEFORE),
    (AFTER, BEFORE),
    (COMMENTS, BEFORE),
    (BEFORE, INSIDE),
    (AFTER, BODY),
    (AFTER, INSIDE),
    (COMMENTS, BODY),
    (COMMENTS, INSIDE),
    (BEFORE, AFTER),
    (BEFORE, COMMENTS),
    (INSIDE, AFTER),
    (INSIDE, COMMENTS),
)


#: Rows of the emissions turned into Python floats at a time.
_BLOCK = 1024


def viterbi(emit: np.ndarray, trans: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The likeliest state of each line.

    ``emit`` is ``(n, S)`` log-scores, ``trans`` ``(S, S)`` log-probabilities (from
    row to column), ``start`` ``(S,)`` log-probabilities of the first state.  Runs
    in O(n·S²) with S = 5; an empty document gives an empty path.
    """
    n, s = emit.shape
    if n == 0:
        return np.zeros(0, dtype=np.int8)
    back = np.zeros((n, s), dtype=np.int8)
    score = start + emit[0]
    # plain Python floats: for S = 5 they beat numpy's per-call overhead; taken a
    # block of rows at a time (all rows as lists would cost some 300 bytes a line)
    t = trans.tolist()
    cur = score.tolist()
    rng = range(s)
    for a in range(1, n, _BLOCK):
        b = min(n, a + _BLOCK)
        bk = []
        for row in emit[a:b].tolist():
            nxt = []
            ptr = []
            for j in rng:
                best_k = 0
                best = cur[0] + t[0][j]
                for k in rng:
                    v = cur[k] + t[k][j]
                    if v > best:
                        best, best_k = v, k
                nxt.append(best + row[j])
                ptr.append(best_k)
            cur = nxt
            bk.append(ptr)
        back[a:b] = np.asarray(bk, dtype=np.int8)
    path = np.zeros(n, dtype=np.int8)
    j = max(rng, key=lambda k: cur[k])
    path[-1] = j
    for i in range(n - 1, 0, -1):
        j = back[i, j]
        path[i - 1] = j
    return path
