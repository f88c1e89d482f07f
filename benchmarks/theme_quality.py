"""Themes against known causes: journeymap's themes and a plain TF-IDF + NMF baseline.

Two labelled sets (``benchmarks/data/README.md``):

- ``synthetic``: the generated comments in four languages (``theme_corpus``), label =
  the cause a comment is mainly about.
- ``cfpb``: 139 real complaints from the US CFPB Consumer Complaint Database (public
  domain), label = the *Issue* the consumer chose when filing (and, coarser, the
  *Product*). The CFPB's masks for removed personal data (``XXXX``, ``XX/XX/2019``) and
  the braces it puts round amounts are stripped first, for both methods alike: a survey
  comment carries no such masks, and both methods would otherwise make a theme of them.

For each set the NMI between labels and themes is measured at the number of themes
journeymap's rule chooses and at a few fixed numbers (NMI grows with the number of
clusters, so methods are compared at the same number only). The difference between the
two methods at journeymap's number comes with a 95 % paired bootstrap interval over the
comments: the sets are small, the interval says how much of a difference is luck.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
CFPB_CSV = DATA / "cfpb_complaints.csv"
BOOTSTRAP = 2_000
FIXED_K = (4, 6, 8, 10)

# XXXX, XXXXXXXX, XX/XX/XXXX, XX/XX/2019, XX/XX/19: the CFPB's scrubbing marks.
_MASK = re.compile(r"\bX{2,}(?:/X{2,})*(?:/\d{2,4})?\b")
_SPACE = re.compile(r"\s+")


def strip_masks(text: str) -> str:
    """The consumer's words without the CFPB's masks and amount braces."""
    text = _MASK.sub(" ", text).replace("{", " ").replace("}", " ")
    return _SPACE.sub(" ", text).strip()


def load_cfpb(path: Path = CFPB_CSV) -> tuple[list[str], dict[str, list[str]]]:
    """Texts (masks stripped) and their labels by kind (``issue``, ``product``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts = [strip_masks(r["text"]) for r in rows]
    return texts, {"issue": [r["issue"] for r in rows], "product": [r["product"] for r in rows]}


def paired_nmi_difference(
    labels: Sequence[str],
    ours: Sequence[Any],
    theirs: Sequence[Any],
    *,
    resamples: int = BOOTSTRAP,
    seed: int = 0,
) -> tuple[float, float, float]:
    """NMI(labels, ours) − NMI(labels, theirs) and its 95 % paired bootstrap interval.

    Each resample draws comments with replacement and scores both clusterings on the
    same draw, so what the two share (an easy or a hard comment) cancels out.
    """
    from sklearn.metrics import normalized_mutual_info_score as nmi

    truth, a, b = (np.asarray(x, dtype=object) for x in (labels, ours, theirs))
    observed = float(nmi(truth, a) - nmi(truth, b))
    rng = np.random.default_rng(seed)
    n = len(truth)
    draws = np.empty(resamples)
    for i in range(resamples):
        pick = rng.integers(0, n, n)
        draws[i] = nmi(truth[pick], a[pick]) - nmi(truth[pick], b[pick])
    low, high = np.percentile(draws, [2.5, 97.5])
    return observed, float(low), float(high)


def baseline_themes(texts: Sequence[str], k: int) -> np.ndarray:
    """scikit-learn's TfidfVectorizer with its defaults, NMF (NNDSVDa, seed 0), argmax theme."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer().fit_transform(texts)
    model = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
    return np.asarray(model.fit_transform(matrix).argmax(axis=1))


def measure(
    texts: Sequence[str],
    labels: dict[str, list[str]],
    languages: Sequence[str],
    *,
    resamples: int = BOOTSTRAP,
) -> dict[str, Any]:
    """NMI of both methods against every kind of label, at our k and at ``FIXED_K``."""
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from journeymap.analytics.comments.themes import OTHER, find_themes

    ours = find_themes(texts, languages, seed=0)
    k = len(ours.themes)
    baseline = baseline_themes(texts, k)
    result: dict[str, Any] = {
        "comments": len(texts),
        "k": k,
        "rule": ours.n_themes_chosen,
        "other": float(np.mean([a == OTHER for a in ours.assignment])),
        "labels": [(t.label, len(t.members)) for t in ours.themes],
        "kinds": {},
    }
    at_fixed_k = {
        k: (find_themes(texts, languages, seed=0, n_themes=k).assignment, baseline_themes(texts, k))
        for k in FIXED_K
    }
    for kind, truth in labels.items():
        diff, low, high = paired_nmi_difference(
            truth, ours.assignment, baseline, resamples=resamples
        )
        result["kinds"][kind] = {
            "classes": len(set(truth)),
            "ours": float(nmi(truth, ours.assignment)),
            "baseline": float(nmi(truth, baseline)),
            "difference": (diff, low, high),
            "fixed": [
                (k, float(nmi(truth, mine)), float(nmi(truth, plain)))
                for k, (mine, plain) in at_fixed_k.items()
            ],
        }
    return result
