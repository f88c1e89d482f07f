# ruff: noqa: E501 - Markdown table rows read best one a line
"""What customers write, measured: sentiment against people, themes against causes, speed.

``python -m benchmarks.text_quality [--responses 2000000] [--only STEP …]`` prints
Markdown tables. Steps:

- ``sentiment``: agreement with the human labels in ``../shared/data/text/`` (see its
  README): Spearman's ρ between our score and the label and 3-class accuracy, Danish
  (LCC, valence −5…+5, class = its sign) and Norwegian (NoReC_fine test split: no
  opinion = neutral, only positive/negative opinions = positive/negative, mixed left
  out), beside the published word-list baselines and a plain word-list count over the
  same AFINN list. The method was never fitted to these sentences.
- ``themes``: normalised mutual information between themes and known causes (OTHER
  counts as one more cluster), against plain TF-IDF + NMF (scikit-learn's defaults,
  argmax theme), on two labelled sets: real US consumer complaints with the issue the
  consumer filed them under (``benchmarks/theme_quality.py``) and the synthetic set in
  four languages (``benchmarks/theme_corpus.py``).
- ``demo``: languages, sentiment and themes for a demo-size set of comments
  (the demo's own comment pools), in a fresh process: wall clock, CPU and peak memory;
  the whole process's wall clock includes starting Python, the imports and the data.
- ``scale``: the same for the comments of ``--responses`` survey responses (40 % leave
  a comment, generated with a seed from the labelled set's templates plus a made-up
  name or number, so that nearly every comment is distinct), in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import peak, theme_corpus, theme_quality

ROOT = Path(__file__).resolve().parent.parent
TEXT_DATA = ROOT / ".." / "shared" / "data" / "text"
COMMENT_SHARE = 0.4
DEMO_COMMENTS = 3_000
PUBLISHED = {
    "da": "AFINN (Danish): accuracy 0.66, macro-F1 0.61, ρ ≈ 0.50",
    "nb": "word lists: ρ ≈ 0.26",
}
CLASS = {"negative": -1, "neutral": 0, "positive": 1}


def _macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in (-1, 0, 1):
        tp = np.sum((predicted == label) & (truth == label))
        precision = tp / max(1, np.sum(predicted == label))
        recall = tp / max(1, np.sum(truth == label))
        scores.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return float(np.mean(scores))


def _plain_word_count(texts: list[str], language: str) -> np.ndarray:
    """The baseline as published: the sum of AFINN scores of the words as written."""
    from journeymap.analytics.comments.lexicon import word_lists
    from journeymap.analytics.comments.tokens import words

    afinn = word_lists(language)[1]  # AFINN (the Danish list for Norwegian)
    return np.array([sum(afinn.words.get(w, 0.0) for w in words(t)) for t in texts])


def _agreement(texts: list[str], truth: np.ndarray, order: np.ndarray, language: str) -> dict:
    from scipy.stats import spearmanr

    from journeymap.analytics.comments.sentiment import comment_sentiments

    ours = comment_sentiments(texts, [language] * len(texts))
    score = np.array([s.score for s in ours])
    predicted = np.array([CLASS[s.label] for s in ours])
    plain = _plain_word_count(texts, language)
    return {
        "n": len(texts),
        "rho": float(spearmanr(score, order).statistic),
        "accuracy": float(np.mean(predicted == truth)),
        "macro_f1": _macro_f1(truth, predicted),
        "plain_rho": float(spearmanr(plain, order).statistic),
        "plain_accuracy": float(np.mean(np.sign(plain) == truth)),
        "covered": float(np.mean([s.hits > 0 for s in ours])),
    }


def step_sentiment(data: Path) -> dict[str, Any]:
    import pandas as pd

    danish = pd.read_csv(data / "da_lcc_sentiment.csv")
    da = _agreement(
        danish["text"].astype(str).tolist(),
        np.sign(danish["valence"].to_numpy()),
        danish["valence"].to_numpy(),
        "da",
    )
    rows = []
    for sentence in json.loads((data / "nb_norec_fine_test.json").read_text(encoding="utf-8")):
        polarities = {o["Polarity"] for o in sentence["opinions"]}
        if len(polarities) > 1:
            continue  # mixed
        label = 0 if not polarities else 1 if polarities == {"Positive"} else -1
        rows.append((sentence["text"], label))
    labels = np.array([label for _, label in rows])
    nb = _agreement([text for text, _ in rows], labels, labels, "nb")
    return {"da": da, "nb": nb}


def step_themes(resamples: int = theme_quality.BOOTSTRAP) -> dict[str, Any]:
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from journeymap.analytics.comments.language import detect_languages
    from journeymap.analytics.comments.themes import OTHER, find_themes

    real_texts, real_labels = theme_quality.load_cfpb()
    real_languages = detect_languages(real_texts, default="en")
    cfpb = theme_quality.measure(real_texts, real_labels, real_languages, resamples=resamples)
    cfpb["english"] = float(np.mean([lang == "en" for lang in real_languages]))

    if not theme_corpus.CSV.exists():
        theme_corpus.write()
    with theme_corpus.CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts, causes = [r["text"] for r in rows], [r["cause"] for r in rows]
    n_causes = len(set(causes))
    languages = detect_languages(texts, default="da")
    language_accuracy = float(
        np.mean([a == r["language"] for a, r in zip(languages, rows, strict=True)])
    )
    ours = find_themes(texts, languages, seed=0)
    ours_k = find_themes(texts, languages, seed=0, n_themes=n_causes)

    def baseline(k: int) -> float:
        return float(nmi(causes, theme_quality.baseline_themes(texts, k)))

    return {
        "cfpb": cfpb,
        "comments": len(texts),
        "causes": n_causes,
        "language_accuracy": language_accuracy,
        "ours": float(nmi(causes, ours.assignment)),
        "ours_rule": ours.n_themes_chosen,
        "ours_k": len(ours.themes),
        "ours_other": float(np.mean([a == OTHER for a in ours.assignment])),
        "ours_at_causes": float(nmi(causes, ours_k.assignment)),
        "baseline_at_causes": baseline(n_causes),
        "baseline_at_ours": baseline(len(ours.themes)),
        "labels": [(t.label, len(t.members)) for t in ours.themes],
    }


def demo_comments(n: int, seed: int = 0) -> list[str]:
    from journeymap.demo.comments import GENERAL, SPECIFIC

    pool = [t for voices in GENERAL.values() for ts in voices.values() for t in ts]
    pool += [t for j in SPECIFIC.values() for tp in j.values() for ts in tp.values() for t in ts]
    rng = np.random.default_rng(seed)
    return [pool[i] for i in rng.integers(0, len(pool), n)]


SYLLABLES = "ka lo mi ne su ta ri vo bel an sen ge dal by holm vik strand berg".split()


def scale_comments(responses: int, seed: int = 0) -> list[str]:
    """Comments of ``responses`` responses: 40 % comment; nearly all distinct."""
    rng = np.random.default_rng(seed)
    n = int(rng.binomial(responses, COMMENT_SHARE))
    distinct = min(n, 50_000)
    base = [row["text"] for row in theme_corpus.generate(distinct, seed)]
    names = [
        "".join(rng.choice(SYLLABLES, size=int(rng.integers(2, 4)))).capitalize()
        for _ in range(5_000)
    ]
    which, name, number = (
        rng.integers(0, distinct, n),
        rng.integers(0, 5_000, n),
        rng.integers(1, 60, n),
    )
    return [
        f"{base[w]} ({names[m]}, {k})" if k % 3 else base[w]
        for w, m, k in zip(which.tolist(), name.tolist(), number.tolist(), strict=True)
    ]


def _timed(action: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = action()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def step_speed(texts: list[str]) -> dict[str, Any]:
    """Languages, sentiment and themes for ``texts``, each timed, in this process."""
    from journeymap.analytics.comments.language import detect_languages
    from journeymap.analytics.comments.sentiment import comment_sentiments
    from journeymap.analytics.comments.themes import find_themes

    languages, *lang_time = _timed(lambda: detect_languages(texts, default="da"))
    _, *sentiment_time = _timed(lambda: comment_sentiments(texts, languages))
    result, *theme_time = _timed(lambda: find_themes(texts, languages, seed=0))
    return {
        "comments": len(texts),
        "distinct": len(set(texts)),
        "languages": lang_time,
        "sentiment": sentiment_time,
        "themes": theme_time,
        "themes_found": len(result.themes),
        "peak_mib": peak.high_water_kib() / 1024,
    }


def _in_fresh_process(step: str, responses: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.text_quality", "--child", step]
    command += ["--responses", str(responses)]
    wall = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_wall"] = time.perf_counter() - wall
    return figures


def _seconds(pair: list[float]) -> str:
    return f"{pair[0]:.2f} s (CPU {pair[1]:.2f} s)"


def real_theme_report(f: dict[str, Any]) -> list[str]:
    """The table for the CFPB complaints: both label kinds, our k and fixed k."""
    names = {"issue": "issue filed", "product": "product"}
    lines = [
        f"CFPB complaints (real, English): {f['comments']:,} comments; "
        f"detected as English: {f['english']:.0%}; ours: {f['rule']}, "
        f"{f['other']:.0%} in OTHER.",
        "",
        "| label | classes | themes | NMI ours | NMI plain TF-IDF + NMF | ours − plain, 95 % paired bootstrap |",
        "|---|---|---|---|---|---|",
    ]
    for kind, g in f["kinds"].items():
        diff, low, high = g["difference"]
        lines.append(
            f"| {names[kind]} | {g['classes']} | {f['k']} | {g['ours']:.3f} | {g['baseline']:.3f} "
            f"| {diff:+.3f} ({low:+.3f} to {high:+.3f}) |"
        )
        for k, ours, plain in g["fixed"]:
            lines.append(
                f"| {names[kind]} | {g['classes']} | {k} (fixed) | {ours:.3f} | {plain:.3f} | |"
            )
    lines += ["", "Themes found: " + "; ".join(f"{label} ({n})" for label, n in f["labels"]), ""]
    return lines


def report(results: dict[str, Any], responses: int) -> str:
    lines = []
    if "sentiment" in results:
        lines += [
            "| language, data | n | Spearman ρ | 3-class accuracy | macro-F1 | plain AFINN count: ρ, accuracy | published baseline | with a listed word |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for code, name in (("da", "Danish, LCC sentences"), ("nb", "Norwegian, NoReC_fine test")):
            f = results["sentiment"][code]
            lines.append(
                f"| {name} | {f['n']:,} | {f['rho']:.3f} | {f['accuracy']:.3f} | {f['macro_f1']:.3f} "
                f"| {f['plain_rho']:.3f}, {f['plain_accuracy']:.3f} | {PUBLISHED[code]} | {f['covered']:.0%} |"
            )
        lines.append("")
    if "themes" in results:
        f = results["themes"]
        lines += real_theme_report(f["cfpb"])
        lines += [
            f"Synthetic labelled set: {f['comments']:,} comments, {f['causes']} causes (with none); "
            f"languages detected right for {f['language_accuracy']:.1%}.",
            "",
            "| method | themes | NMI with the causes |",
            "|---|---|---|",
            f"| ours ({f['ours_rule']}; {f['ours_other']:.0%} in OTHER) | {f['ours_k']} | {f['ours']:.3f} |",
            f"| plain TF-IDF + NMF, same number of themes | {f['ours_k']} | {f['baseline_at_ours']:.3f} |",
            f"| ours, as many themes as causes | {f['causes']} | {f['ours_at_causes']:.3f} |",
            f"| plain TF-IDF + NMF, as many themes as causes | {f['causes']} | {f['baseline_at_causes']:.3f} |",
            "",
            "Themes found: " + "; ".join(f"{label} ({n})" for label, n in f["labels"]),
            "",
        ]
    speed = [(k, results[k]) for k in ("demo", "scale") if k in results]
    if speed:
        lines += [
            "| comments | distinct | languages | sentiment | themes | all three, wall | whole process, wall | peak RSS MiB |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for key, f in speed:
            what = "demo pools" if key == "demo" else f"of {responses:,} responses"
            total = f["languages"][0] + f["sentiment"][0] + f["themes"][0]
            lines.append(
                f"| {f['comments']:,} ({what}) | {f['distinct']:,} | {_seconds(f['languages'])} "
                f"| {_seconds(f['sentiment'])} | {_seconds(f['themes'])} | {total:.1f} s "
                f"| {f.get('process_wall', total):.1f} s | {f['peak_mib']:.0f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=2_000_000)
    parser.add_argument("--data", type=Path, default=TEXT_DATA, help="the labelled text folder")
    parser.add_argument("--only", nargs="*", choices=["sentiment", "themes", "demo", "scale"])
    parser.add_argument("--child", choices=["demo", "scale"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        texts = (
            demo_comments(DEMO_COMMENTS) if args.child == "demo" else scale_comments(args.responses)
        )
        print(json.dumps(step_speed(texts)))
        return 0
    steps = args.only or ["sentiment", "themes", "demo", "scale"]
    results: dict[str, Any] = {}
    if "sentiment" in steps:
        results["sentiment"] = step_sentiment(args.data)
    if "themes" in steps:
        results["themes"] = step_themes()
    for step in ("demo", "scale"):
        if step in steps:
            results[step] = _in_fresh_process(step, args.responses)
    print(report(results, args.responses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
