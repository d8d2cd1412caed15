"""The learned body segmenter: line features, a model stored as data, Viterbi decoding.

- :mod:`.features`: lines -> a feature matrix (language-independent first);
- :mod:`.model`: the model as plain JSON data (load, save, emission scores);
- :mod:`.decode`: Viterbi over the states before / body / inside / after / comments;
- :mod:`.train`: labelled pages -> model (needs the ``[train]`` extra; never imported by
  ``import newsclean``).

The rule that runs it is :class:`newsclean.rules.segmenter.BodySegmenter` (``M101``).
"""

from .decode import STATES, viterbi
from .features import FEATURES, line_features
from .model import Model, default_model, load_model

__all__ = ["STATES", "FEATURES", "Model", "default_model", "line_features", "load_model", "viterbi"]
