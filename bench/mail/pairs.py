"""Which associations a queued suggestion pairs: every association in exactly `per_account` PEER suggestions."""


def peer_pairs(associations: int, per_account: int) -> list[tuple[int, int]]:
    """Index pairs (i, j), i != j, no pair twice, each index in exactly `per_account` pairs: a circulant graph (each
    association with its neighbours at distance 1 .. per_account // 2) plus, for an odd count, the one opposite."""
    if per_account < 1 or associations <= per_account:
        raise ValueError(f"need more associations ({associations}) than suggestions each ({per_account})")
    if per_account % 2 and associations % 2:
        raise ValueError(f"an odd number each ({per_account}) needs an even number of associations ({associations})")
    pairs = [(i, (i + d) % associations) for d in range(1, per_account // 2 + 1) for i in range(associations)]
    if per_account % 2:
        half = associations // 2
        pairs += [(i, i + half) for i in range(half)]
    return pairs
