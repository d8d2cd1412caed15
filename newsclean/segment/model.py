"""The segmenter model as plain data: a JSON file, loaded once per process.

Format (``"format": "newsclean-segmenter"``, ``"format_version": 1``)::

    {
      "format": "newsclean-segmenter", "format_version": 1,
      "name": "segmenter-v1",              # shown in explanations and the model card
      "features": [...],                  # names, in column order (must equal FEATURES)
      "states": ["before", "body", "inside", "after", "comments"],
      "mean": [...], "scale": [...],      # standardisation of each feature (then clipped to +-6)
      "coef": [[...], ...],               # one row of weights per state (S x F)
      "intercept": [...],                 # one per state
      "log_prior": [...],                 # log share of each state in the training lines
      "start": [...], "transitions": [[...], ...],   # log-probabilities (S, S x S)
      "body_bias": {"safe": b, "safe/page": b, "default": b, ...},   # per preset, text / whole page
      "training": {...}                   # what it was trained on; informative only
    }

A state the training data never showed (the shipped model has no labelled reader
comments) has ``-1e9`` as its intercept and start/transition scores: it is never
chosen.  The emission score of state ``s`` for a line with features ``x`` is the
multinomial logistic regression's ``log p(s|x) - log_prior[s]``; the preset's
``body_bias`` is added to the body state's score (the cost of losing body).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..config import ConfigError
from .decode import STATES
from .features import FEATURES

FORMAT = "newsclean-segmenter"
FORMAT_VERSION = 1
#: The model shipped inside the package.
DEFAULT_MODEL = "segmenter-v1.json"
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

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "model") -> Model:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelError(f'{source}: not a newsclean segmenter model (no "format": "{FORMAT}")')
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{source}: model format version {data.get('format_version')!r}; this newsclean reads {FORMAT_VERSION}"
            )
        if tuple(data.get("features", ())) != FEATURES:
            raise ModelError(f"{source}: the model's features are not the ones this newsclean computes")
        if tuple(data.get("states", ())) != STATES:
            raise ModelError(f"{source}: the model's states must be {list(STATES)}")
        try:
            arrays = hmm_arrays(data, len(FEATURES))
            bias = {str(k): float(v) for k, v in data["body_bias"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{source}: malformed model: {exc}") from None
        if not all(np.isfinite(arrays[k]).all() for k in ("mean", "scale", "coef")) or (arrays["scale"] == 0).any():
            raise ModelError(f"{source}: malformed model: weights must be finite and scales non-zero")
        return cls(
            name=str(data.get("name", source)), body_bias=bias, training=dict(data.get("training", {})), **arrays
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

    def emissions(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, probabilities)`` of each state for each row of ``X``: the
        scores are ``log p(s|x) - log prior(s)``, for Viterbi."""
        return emissions(self, X)


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


def hmm_arrays(data: dict[str, Any], n_features: int) -> dict[str, np.ndarray]:
    """The standardisation, emission weights, prior and transitions of a model file's
    JSON object, shaped for ``n_features`` features and the five states (KeyError,
    TypeError or ValueError when they are missing or misshapen)."""
    s, f = len(STATES), n_features
    return {
        "mean": np.asarray(data["mean"], dtype=np.float64).reshape(f),
        "scale": np.asarray(data["scale"], dtype=np.float64).reshape(f),
        "coef": np.asarray(data["coef"], dtype=np.float64).reshape(s, f),
        "intercept": np.asarray(data["intercept"], dtype=np.float64).reshape(s),
        "log_prior": np.asarray(data["log_prior"], dtype=np.float64).reshape(s),
        "start": np.asarray(data["start"], dtype=np.float64).reshape(s),
        "transitions": np.asarray(data["transitions"], dtype=np.float64).reshape(s, s),
    }


def hmm_lists(model: Any) -> dict[str, Any]:
    """The inverse of :func:`hmm_arrays`: ``model``'s standardisation, weights, prior
    and transitions as (nested) lists rounded by :func:`_round`, for its JSON file."""

    def r(a: np.ndarray) -> Any:
        return [_round(x) for x in a.tolist()] if a.ndim == 1 else [r(row) for row in a]

    return {name: r(getattr(model, name)) for name in HMM_ARRAYS}


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
