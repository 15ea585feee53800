"""What the ground-truth file (network/synthetic/truth.py) counts as a relevant peer, per association row."""

from typing import Any

from network.evaluation.dataset import Dataset, DatasetRejected


def relevant_peers(truth: Any, data: Dataset) -> list[set[int]]:
    """Row ids per association: the other members of its planted community (connected ones already left out by the
    truth file) and its switch-pair partner in either direction, minus anyone it is connected with."""
    try:
        entries, pairs = truth["associations"], truth["switchPairs"]
        index = {slug: i for i, slug in enumerate(data.assocs.keys)}
        out: list[set[int]] = [set() for _ in data.assocs.keys]
        for slug, entry in entries.items():
            if slug in index:
                out[index[slug]].update(index[p] for p in entry["peers"] if p in index)
        for pair in pairs:
            expert, learner = index.get(pair["expert"]), index.get(pair["learner"])
            if expert is not None and learner is not None and expert != learner:
                out[expert].add(learner)
                out[learner].add(expert)
    except (KeyError, TypeError, AttributeError) as error:
        raise DatasetRejected([f"truth: not a ground-truth file of `network generate` ({error!r})"]) from error
    if data.assocs.n and data.assocs.keys[0] not in entries:
        raise DatasetRejected(["truth: its associations are not those of the data file (another seed or scale?)"])
    for a, b in data.connections.tolist():
        out[a].discard(b)
        out[b].discard(a)
    return out
