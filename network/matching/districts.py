"""District neighbourhood and outer districts, derived from the catalogue's district records (plain dicts in).

Neighbours: two districts are neighbours when their bounding boxes (`bbox_lon_lat` of berlin_districts.json) overlap
by at least MIN_OVERLAP x 1e-4 square degrees. This is the rule of the synthetic generator
(network/synthetic/world.py), so scores and the ground truth agree. On Berlin's 12 districts it reproduces the real
shared borders except two: Charlottenburg-Wilmersdorf/Reinickendorf (real border, missed: the boxes overlap only in a
thin strip) and Lichtenberg/Neukoelln (no real border, added: the boxes overlap across Treptow-Koepenick). Centroid
distance was the alternative and is worse: no threshold separates the real map, since Mitte and Lichtenberg (no
shared border) are 9.7 km apart while Friedrichshain-Kreuzberg and Treptow-Koepenick (a border) are 14.9 km apart.
`with_corrections` sets those two pairs as on the real map, for callers that prefer it over agreement with the
generator.

Outer districts: `ringbahn_position == "outer"` (essentially outside the S-Bahn ring; see the catalogue's notes).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

MIN_OVERLAP = 5.0  # x 1e-4 square degrees, as NEIGHBOUR_MIN_OVERLAP in network/synthetic/world.py
REAL_BORDER_CORRECTIONS = (
    (("charlottenburg-wilmersdorf", "reinickendorf"), True),
    (("lichtenberg", "neukoelln"), False),
)


@dataclass(frozen=True)
class DistrictMap:
    slugs: tuple[str, ...]
    neighbours: npt.NDArray[np.bool_]  # [d, d], symmetric, False on the diagonal
    outer: npt.NDArray[np.bool_]  # [d]

    def __post_init__(self) -> None:
        d = len(self.slugs)
        if self.neighbours.shape != (d, d) or self.outer.shape != (d,):
            raise ValueError("neighbours must be [d, d] and outer [d] for d district slugs")
        if (self.neighbours != self.neighbours.T).any() or self.neighbours.diagonal().any():
            raise ValueError("neighbours must be symmetric and exclude the district itself")

    @classmethod
    def from_catalogue(cls, districts: Sequence[Mapping[str, Any]], min_overlap: float = MIN_OVERLAP) -> "DistrictMap":
        """`districts`: the records of berlin_districts.json ("slug", "bbox_lon_lat", "ringbahn_position")."""
        return cls(
            slugs=tuple(str(d["slug"]) for d in districts),
            neighbours=neighbours_from_boxes([d["bbox_lon_lat"] for d in districts], min_overlap),
            outer=np.array([d.get("ringbahn_position") == "outer" for d in districts], dtype=bool),
        )

    def with_corrections(
        self, pairs: Sequence[tuple[tuple[str, str], bool]] = REAL_BORDER_CORRECTIONS
    ) -> "DistrictMap":
        matrix = self.neighbours.copy()
        for (a, b), border in pairs:
            i, j = self.slugs.index(a), self.slugs.index(b)
            matrix[i, j] = matrix[j, i] = border
        return DistrictMap(slugs=self.slugs, neighbours=matrix, outer=self.outer)

    def is_outer(self, district: np.ndarray) -> np.ndarray:
        """Outer flag per district index; NONE (-1, unknown district) is not outer."""
        return np.where(district >= 0, self.outer[np.maximum(district, 0)], False)


def neighbours_from_boxes(boxes: Sequence[Sequence[float]], min_overlap: float = MIN_OVERLAP) -> npt.NDArray[np.bool_]:
    """bool [d, d]: bounding boxes (lon0, lat0, lon1, lat1) overlapping by >= min_overlap x 1e-4 square degrees."""
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    width = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    height = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    matrix: npt.NDArray[np.bool_] = (width > 0) & (height > 0) & (width * height * 1e4 >= min_overlap)
    np.fill_diagonal(matrix, False)
    return matrix
