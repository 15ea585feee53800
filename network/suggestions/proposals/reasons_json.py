"""Reasons as the JSON a Suggestion node stores."""

import json
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from network.matching.reasons import Reason

_SENTINEL = 1234567.5  # a weight no reason has, to cut a reason's JSON around its weight


@lru_cache(maxsize=1 << 14)  # a few hundred distinct reasons recur in every list
def reason_dict(r: Reason) -> dict[str, Any]:
    # the fields in their order, by hand: `dataclasses.asdict` deep-copies and cost 90% of a 10k run's scoring
    found = {"code": r.code, "detail": r.detail, "weight": r.weight, "direction": r.direction}
    return {k: v for k, v in found.items() if v is not None}


def reasons_json(reasons: list[Reason]) -> str:
    return json.dumps([reason_dict(r) for r in reasons])


def reason_lists_json(reasons: Iterable[Reason], items: np.ndarray, lists: np.ndarray, count: int) -> list[str]:
    """`reasons_json` of `count` lists at once, item i being reasons[items[i]] in list lists[i] (sorted)."""
    texts = np.array([json.dumps(reason_dict(r)) for r in reasons] or [""], object)
    return joined_lists(texts[np.asarray(items, np.int64)], lists, count)


def weighted_reason_texts(templates: np.ndarray, ids: np.ndarray, weights: np.ndarray, unit: int) -> np.ndarray:
    """The JSON of Reason templates[ids[i]] with weight weights[i] / unit, for every i: what json.dumps writes, built
    from each template's text cut around its weight and each distinct weight's repr, so millions of reasons with
    their own weights cost a few array operations, not a Reason and an encoder call each."""
    cut = [json.dumps(reason_dict(Reason(t.code, t.detail, _SENTINEL, t.direction))) for t in templates]
    marker = repr(_SENTINEL)
    before = np.array([text.split(marker)[0] for text in cut] or [""], object)
    after = np.array([text.split(marker)[1] for text in cut] or [""], object)
    distinct, index = np.unique(weights, return_inverse=True)
    shown = np.array([repr(w / unit) for w in distinct.tolist()] or [""], object)
    ids = np.asarray(ids, np.int64)
    texts: np.ndarray = before[ids] + shown[index] + after[ids]
    return texts


def joined_lists(texts: np.ndarray, lists: np.ndarray, count: int) -> list[str]:
    """`count` JSON arrays, item i (JSON text texts[i]) in array lists[i] (sorted): the same text as json.dumps per
    list (", " between items), joined into one string and cut into one slice per list, so millions of lists cost a
    few string operations each, no dicts or encoder."""
    if not len(lists):
        return ["[]"] * count
    new = np.r_[True, lists[1:] != lists[:-1]]
    last = np.r_[new[1:], True]
    pieces = np.where(new, "[", ", ").astype(object) + texts + np.where(last, "]", "").astype(object)
    lengths = np.fromiter(map(len, pieces), np.int64, len(pieces))
    text = "".join(pieces.tolist())
    offset = np.r_[0, np.cumsum(lengths)]
    bounds = offset[np.searchsorted(lists, np.arange(count + 1))].tolist()
    return [text[a:b] if a < b else "[]" for a, b in pairwise(bounds)]
