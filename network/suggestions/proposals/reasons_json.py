"""Reasons as the JSON a Suggestion node stores."""

import json
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np

from network.matching.reasons import Reason


@lru_cache(maxsize=1 << 14)  # a few hundred distinct reasons recur in every list
def reason_dict(r: Reason) -> dict[str, Any]:
    # the fields in their order, by hand: `dataclasses.asdict` deep-copies and cost 90% of a 10k run's scoring
    found = {"code": r.code, "detail": r.detail, "weight": r.weight, "direction": r.direction}
    return {k: v for k, v in found.items() if v is not None}


def reasons_json(reasons: list[Reason]) -> str:
    return json.dumps([reason_dict(r) for r in reasons])


def reason_lists_json(reasons: Iterable[Reason], items: np.ndarray, lists: np.ndarray, count: int) -> list[str]:
    """`reasons_json` of `count` lists at once, item i being reasons[items[i]] in list lists[i] (sorted).

    The same text as json.dumps per list (its separators are ", " between items, ": " inside them), built from each
    reason's JSON, written once: the items with their brackets and separators are joined into one string, cut into
    one slice per list. Millions of lists (peer proposals) cost a few string operations each, no dicts or encoder.
    """
    texts = np.array([json.dumps(reason_dict(r)) for r in reasons] or [""], object)
    # variant 2 * first + last of each reason: the separator or "[" before it, "]" after the last of a list
    variants = np.stack([", " + texts, ", " + texts + "]", "[" + texts, "[" + texts + "]"], axis=1).ravel()
    lengths = np.array([len(v) for v in variants], np.int64)
    new = np.r_[True, lists[1:] != lists[:-1]] if len(lists) else np.zeros(0, bool)
    choice = np.asarray(items, np.int64) * 4 + new * 2 + np.r_[new[1:], True][: len(lists)]
    text = "".join(variants[choice].tolist())
    offset = np.r_[0, np.cumsum(lengths[choice])]
    bounds = offset[np.searchsorted(lists, np.arange(count + 1))].tolist()
    return [text[a:b] if a < b else "[]" for a, b in pairwise(bounds)]
