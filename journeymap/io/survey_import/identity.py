"""A response's identity within its source, and a fingerprint of what it says.

- With a response id (Qualtrics' ResponseId, Microsoft Forms' ID …) the identity is
  that id: ``id:R_1a2b``.
- Without one it is the respondent's own answers: the time to the second, the score and
  the answers to the source's key questions (those of its first file), spacing, case
  and number formatting aside: ``fp:`` and a hash. A cumulative re-export, one with a
  question added since, and the same answers saved as XLSX give the same identities;
  two customers who answered exactly alike in the same second are told apart by which
  repeat they are (``#2``).

The store puts the source in front (see :mod:`journeymap.store.response_batches`). The
``fingerprint`` is a 64-bit hash of what is stored of the answer (time, score,
touchpoint, texts): the same id with another fingerprint is a conflict, reported, not
stored. Responses stored before batches keep their old keys (``legacy_key``: ``id:`` or
a hash of all cells), so a file imported then is still recognised.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeymap.io.survey_import.columns import MISSING, MISSING_WIDTH, fold
from journeymap.io.survey_import.distinct import per_distinct
from journeymap.io.survey_import.mapping import ImportMapping

STORED_FIELDS = (
    "touchpoint_id",
    "score",
    "survey_kind",
    "comment",
    "location",
    "segment",
    "contact",
)
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_HASH_KEY = "journeymap-hash1"  # 16 characters, fixed: compared across imports
_TICKS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


@dataclass(frozen=True)
class IdentityRules:
    """How an import tells its responses apart.

    ``key_prefix`` is the source's part of the stored key (``"12:"``): set once the
    store knows the source's id, before the first rows are read.
    """

    key_questions: frozenset[str]  # folded headers whose answers identify a response
    legacy_keys: bool = False  # also the keys responses had before batches
    key_prefix: str = ""


KEY_LIMIT = 64  # responses.dedup_key


def stored_key(prefix: str, identity: str) -> str:
    """The stored key of an identity within a source; hashed when too long."""
    key = prefix + identity
    if len(key) <= KEY_LIMIT:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[:60]


def identity_of(prefix: str, key: str) -> str:
    """The identity back from a stored key (a hashed one stays the hash)."""
    return key.removeprefix(prefix)


def add_identity(
    raw: pd.DataFrame,
    parsed: pd.DataFrame,
    mapping: ImportMapping,
    rules: IdentityRules,
    seen: Counter[bytes],
) -> pd.DataFrame:
    """``parsed`` (valid rows, indexed like ``raw``) with the stored key (``dedup_key``:
    the source's prefix and the identity), ``fingerprint`` and ``legacy_key`` (the key
    of before batches, which parse_chunk made as ``dedup_key``).

    ``seen`` counts the answer hashes met so far in the file, across chunks.
    """
    out = parsed  # made for us by parse_chunk: changed in place, not copied
    legacy = out.pop("dedup_key")
    out["legacy_key"] = legacy if rules.legacy_keys else None
    prefix = rules.key_prefix
    if mapping.id:
        cells = raw[mapping.id]
        ids = _id_keys(prefix, cells if len(cells) == len(out) else cells.loc[out.index])
        keys = pd.Series(np.array(ids, dtype=object), index=out.index, copy=False)
        without_id = keys.isna() if None in ids else None
    else:
        keys = pd.Series(None, index=out.index, dtype=object)
        without_id = pd.Series(True, index=out.index)
    if without_id is not None and without_id.any():
        rows = out.index[without_id]
        found = answer_identities(raw.loc[rows], out.loc[rows], mapping, rules, seen)
        keys[rows] = [stored_key(prefix, identity) for identity in found]
    out["dedup_key"] = keys
    out["fingerprint"] = fingerprints(out)
    return out


def _id_keys(prefix: str, cells: pd.Series) -> list[str | None]:
    """The stored key of each id; None where the cell holds none."""
    # Plain Python without a call per row: ids are all different, and pandas' string
    # methods would each make a pass of their own over millions.
    texts = list(map(str.strip, cells.to_numpy(dtype=object)))
    start = prefix + "id:"
    keys: list[str | None] = [
        start + t if len(t) > MISSING_WIDTH or t.lower() not in MISSING else None for t in texts
    ]
    if texts and len(start) + max(map(len, texts)) > KEY_LIMIT:
        keys = [k if k is None or len(k) <= KEY_LIMIT else stored_key("", k) for k in keys]
    return keys


def answer_identities(
    raw: pd.DataFrame,
    parsed: pd.DataFrame,
    mapping: ImportMapping,
    rules: IdentityRules,
    seen: Counter[bytes],
) -> list[str]:
    """``fp:`` identities of rows without an id (see the module's docstring)."""
    skip = {mapping.date, mapping.score, mapping.id}
    by_question = {fold(c): c for c in reversed(raw.columns) if c not in skip}
    keys = sorted(q for q in by_question if q in rules.key_questions)
    answers = [per_distinct(raw[by_question[q]].astype(str), normal_answers) for q in keys]
    columns = [[str(s) for s in _seconds(parsed)], [str(int(s)) for s in parsed["score"]]]
    columns += [list(a) for a in answers]
    out = []
    for cells in zip(*columns, strict=True):
        digest = hashlib.sha256("\x1f".join(cells).encode("utf-8")).digest()
        nth = seen.get(digest, 0) + 1
        seen[digest] = nth
        out.append("fp:" + digest.hex()[:48] + (f"#{nth}" if nth > 1 else ""))
    return out


def normal_answers(values: pd.Series) -> pd.Series:
    """Answers as compared: spacing and case aside, numbers as numbers ("2,5" = "2.5")."""
    return values.map(_normal)


def _normal(text: str) -> str:
    text = " ".join(text.split()).casefold()
    if text in MISSING:
        return ""
    if _NUMBER.match(text):
        number = float(text.replace(",", "."))
        return str(int(number)) if number.is_integer() else repr(number)
    return text


def fingerprints(rows: pd.DataFrame) -> np.ndarray:
    """A signed 64-bit hash per row of what is stored of the answer; time to the second."""
    if rows.empty:
        return np.array([], dtype=np.int64)
    # The texts as they are (parse_chunk makes them str, "" for none); a relationship
    # survey's touchpoint is None, hashed as "".
    frame = pd.DataFrame(
        {
            "at": _seconds(rows),
            **{
                name: rows[name] for name in STORED_FIELDS if name not in ("score", "touchpoint_id")
            },
            "touchpoint_id": rows["touchpoint_id"].fillna(""),
            "score": rows["score"].astype("int64"),
        },
        copy=False,
    )
    hashed = pd.util.hash_pandas_object(frame, index=False, hash_key=_HASH_KEY)
    return hashed.to_numpy().view(np.int64)


def _seconds(rows: pd.DataFrame) -> pd.Series:
    """Whole seconds since 1970 (UTC) of ``responded_at``, whatever its resolution."""
    moments = rows["responded_at"]
    if not isinstance(moments.dtype, pd.DatetimeTZDtype):
        moments = pd.to_datetime(moments, utc=True)
    # Integer arithmetic on the stored ticks: to_datetime or subtracting a Timestamp
    # costs more than the hashing itself at millions of rows.
    per_second = _TICKS_PER_SECOND[moments.dtype.unit]  # type: ignore[union-attr]
    return pd.Series(moments.array.asi8 // per_second, index=rows.index)
