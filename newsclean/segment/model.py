"""The segmenter model as plain data: a JSON file, loaded once per process.

Format (``"format": "newsclean-segmenter"``, ``"format_version": 2``; a version 1
file, the same without ``"stack"``, still loads)::

    {
      "format": "newsclean-segmenter", "format_version": 2,
      "name": "segmenter-v2",              # shown in explanations and the model card
      "features": [...],                  # names, in column order (must equal FEATURES)
      "states": ["before", "body", "inside", "after", "comments"],
      "mean": [...], "scale": [...],      # standardisation of each feature (then clipped to +-6)
      "coef": [[...], ...],               # one row of weights per state (S x F)
      "intercept": [...],                 # one per state
      "log_prior": [...],                 # log share of each state in the training lines
      "start": [...], "transitions": [[...], ...],   # log-probabilities (S, S x S)
      "body_bias": {"safe": b, "safe/page": b, "default": b, ...},   # per preset, text / whole page
      "stack": {                          # optional: the second pass, for whole-page text
        "features": [...],                # STACK_FEATURES, read after the line's own
        "mean": [...], "scale": [...], "coef": [[...], ...], "intercept": [...], "log_prior": [...]
      },
      "training": {...}                   # what it was trained on; informative only
    }

With ``"stack"``, whole-page text (:func:`~newsclean.segment.features.page_like`) is
read in two passes: the weights above give each line's probabilities of the states,
and the second pass's weights read the line's features followed by
:func:`~newsclean.segment.features.stack_features` of those probabilities (what the
first pass made of the lines around it).  A scraper's text is read by the first pass
alone.

A state the training data never showed (the shipped model has no labelled reader
comments) has ``-1e9`` as its intercept and start/transition scores: it is never
chosen.  The emission score of state ``s`` for a line with features ``x`` is the
multinomial logistic regression's ``log p(s|x) - log_prior[s]``; the preset's
``body_bias`` is added to the body state's score (the cost of losing body).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..config import ConfigError
from .decode import STATES
from .features import FEATURES, STACK_FEATURES, stack_features

FORMAT = "newsclean-segmenter"
FORMAT_VERSION = 2
#: The format versions this newsclean reads (1: no second pass).
READS = (1, 2)
#: The model shipped inside the package.
DEFAULT_MODEL = "segmenter-v2.json"
#: A state that cannot happen gets this score.
IMPOSSIBLE = -1e9
#: Standardised features are clipped to +-CLIP: a line far outside anything seen in
#: training (a 50 MB line, a feature constant in a small training set) cannot swamp
#: the others.
CLIP = 6.0
#: Rows whose emissions are computed at a time (bounds the float64 temporaries).
ROW_BLOCK = 1024


class ModelError(ConfigError):
    """A segmenter model file that cannot be used; the message says which and why
    (a :class:`~newsclean.ConfigError`: the command line exits with status 2)."""


@dataclass(frozen=True, eq=False)
class Model:
    """A loaded segmenter model (see the module docs for the file format)."""

    name: str
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    log_prior: np.ndarray
    start: np.ndarray
    transitions: np.ndarray
    body_bias: dict[str, float]
    training: dict[str, Any]
    #: the second pass for whole-page text (:class:`Stage`), or None
    stack: Stage | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "model") -> Model:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f'{source}: not a newsclean segmenter model (no "format": "{FORMAT}")')
        if data.get("format_version") not in READS:
            raise ModelError(
                f"{source}: model format version {data.get('format_version')!r}; this newsclean reads "
                + " and ".join(map(str, READS))
            )
        if data.get("format_version") == 1 and "stack" in data:
            raise ModelError(f'{source}: malformed model: a "stack" needs format version 2')
        if tuple(data.get("features", ())) != FEATURES:
            raise ModelError(f"{source}: the model's features are not the ones this newsclean computes")
        if tuple(data.get("states", ())) != STATES:
            raise ModelError(f"{source}: the model's states must be {list(STATES)}")
        stack = data.get("stack")
        if stack is not None and (not isinstance(stack, dict) or tuple(stack.get("features", ())) != STACK_FEATURES):
            raise ModelError(f"{source}: the model's second-pass features are not the ones this newsclean computes")
        try:
            arrays = hmm_arrays(data, len(FEATURES))
            second = Stage.from_dict(stack) if stack is not None else None
            bias = {str(k): float(v) for k, v in data["body_bias"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: malformed model: {exc}") from None
        weights = [arrays] + ([second.__dict__] if second is not None else [])
        if not all(np.isfinite(w[k]).all() for w in weights for k in ("mean", "scale", "coef")) or any(
            (w["scale"] == 0).any() for w in weights
        ):
            raise ModelError(f"{source}: malformed model: weights must be finite and scales non-zero")
        return cls(
            name=str(data.get("name", source)),
            body_bias=bias,
            training=dict(data.get("training", {})),
            stack=second,
            **arrays,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "features": list(FEATURES),
            "states": list(STATES),
            **hmm_lists(self),
            "body_bias": {k: _round(v) for k, v in sorted(self.body_bias.items())},
            **({"stack": self.stack.to_dict()} if self.stack is not None else {}),
            "training": self.training,
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model as JSON (stable key order and rounding: the same model
        gives the same bytes)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")

    def bias(self, preset: str, page: bool = False) -> float:
        """The body bias of ``preset`` for a scraper's text, or for whole-page text
        (``page``; key ``"PRESET/page"``), falling back to the text's bias and then to
        the default preset's."""
        b = self.body_bias
        text = b.get(preset, b.get("default", 0.0))
        return b.get(f"{preset}/page", text) if page else text

    def emissions(self, X: np.ndarray, page: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, probabilities)`` of each state for each row of ``X`` (the lines
        of one document, in order): the scores are ``log p(s|x) - log prior(s)``, for
        Viterbi.  ``page``: the document is whole-page text, read in two passes when
        the model has a second (:attr:`stack`)."""
        scores, p = emissions(self, X)
        if page and self.stack is not None:
            return self.second_pass(X, p)
        return scores, p

    def second_pass(self, X: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, probabilities)`` of the second pass (:attr:`stack`, which the model
        must have), given the first pass's probabilities ``p`` of the rows of ``X``."""
        assert self.stack is not None
        return emissions(self.stack, np.hstack([X, stack_features(p)]))


@dataclass(frozen=True, eq=False)
class Stage:
    """The second pass of a stacked model: a multinomial logistic regression over a
    line's features followed by its :data:`~newsclean.segment.features.STACK_FEATURES`."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    log_prior: np.ndarray

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stage:
        return cls(**hmm_arrays(data, len(FEATURES) + len(STACK_FEATURES), STAGE_ARRAYS))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(STACK_FEATURES), **hmm_lists(self, STAGE_ARRAYS)}


def emissions(model: Any, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(scores, probabilities)`` of each state for each row of ``X`` under a
    model's multinomial logistic regression (its ``mean``, ``scale``, ``coef``,
    ``intercept`` and ``log_prior``; the text model and the HTML block model alike):
    the scores are ``log p(s|x) - log prior(s)``, for Viterbi."""
    n, s = len(X), len(model.intercept)
    scores = np.empty((n, s))
    p = np.empty((n, s))
    # a block of rows at a time: the standardised features are float64, twice the
    # size of X; taken whole they were the segmenter's peak (~500 bytes a line)
    for a in range(0, n, ROW_BLOCK):
        b = min(n, a + ROW_BLOCK)
        z = standardise(X[a:b], model.mean, model.scale) @ model.coef.T + model.intercept
        z -= z.max(axis=1, keepdims=True)
        ez = np.exp(z)
        p[a:b] = ez / ez.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore"):
            scores[a:b] = np.log(np.maximum(p[a:b], 1e-12)) - model.log_prior
    return scores, p


def standardise(X: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """``(X - mean) / scale``, clipped to ``[-CLIP, CLIP]`` (training and inference alike).

    One float64 matrix is made and then changed in place (the same operations on
    the same numbers; two temporaries of its size were a peak of ~1 KB a line)."""
    z = X - mean
    if np.result_type(z, scale) != z.dtype:  # not in place: the division widens
        return np.clip(z / scale, -CLIP, CLIP)
    z /= scale
    return np.clip(z, -CLIP, CLIP, out=z)


def _round(x: float) -> float:
    """Six significant digits: enough for the model, and stable across BLAS builds."""
    x = float(x)
    if x <= IMPOSSIBLE:
        return IMPOSSIBLE
    return float(f"{x:.6g}")


#: The arrays of a model file that :func:`hmm_arrays` reads and :func:`hmm_lists` writes.
HMM_ARRAYS = ("mean", "scale", "coef", "intercept", "log_prior", "start", "transitions")
#: The arrays of a second pass (:class:`Stage`): the emission weights, without transitions.
STAGE_ARRAYS = HMM_ARRAYS[:5]


def hmm_arrays(data: dict[str, Any], n_features: int, names: Sequence[str] = HMM_ARRAYS) -> dict[str, np.ndarray]:
    """The standardisation, emission weights, prior and transitions (``names`` of
    them) of a model file's JSON object, shaped for ``n_features`` features and the
    five states (KeyError, TypeError or ValueError when they are missing or misshapen)."""
    s, f = len(STATES), n_features
    shapes = {
        "mean": (f,),
        "scale": (f,),
        "coef": (s, f),
        "intercept": (s,),
        "log_prior": (s,),
        "start": (s,),
        "transitions": (s, s),
    }
    return {name: np.asarray(data[name], dtype=np.float64).reshape(shapes[name]) for name in names}


def hmm_lists(model: Any, names: Sequence[str] = HMM_ARRAYS) -> dict[str, Any]:
    """The inverse of :func:`hmm_arrays`: ``model``'s standardisation, weights, prior
    and transitions (``names`` of them) as (nested) lists rounded by :func:`_round`,
    for its JSON file."""

    def r(a: np.ndarray) -> Any:
        return [_round(x) for x in a.tolist()] if a.ndim == 1 else [r(row) for row in a]

    return {name: r(getattr(model, name)) for name in names}


def read_json(path: str | os.PathLike[str], what: str = "model") -> dict[str, Any]:
    """The JSON object of a model file; :class:`ModelError` says why it cannot be read."""
    p = Path(path)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{p}: cannot read {what}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{p}: not a JSON {what} file: {exc}") from None


def load_model(path: str | os.PathLike[str]) -> Model:
    """Read a model file (JSON); :class:`ModelError` says what is wrong with a bad one."""
    return Model.from_dict(read_json(path), str(Path(path)))


@lru_cache(maxsize=8)
def cached_model(path: str | None) -> Model:
    """The model at ``path`` (the shipped one for ``None``), loaded once per process."""
    if path is None:
        ref = resources.files("newsclean.segment").joinpath("data", DEFAULT_MODEL)
        return Model.from_dict(json.loads(ref.read_text(encoding="utf-8")), f"newsclean/segment/data/{DEFAULT_MODEL}")
    return load_model(path)


def default_model() -> Model:
    """The model shipped with newsclean."""
    return cached_model(None)
