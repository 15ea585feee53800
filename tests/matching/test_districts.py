import numpy as np

from network.matching.districts import DistrictMap, neighbours_from_boxes
from network.synthetic.world import load_world
from tests.matching.builders import catalogue_districts


def test_neighbours_agree_with_the_generator_and_are_symmetric():
    districts = DistrictMap.from_catalogue(catalogue_districts())
    world = load_world()
    assert list(districts.slugs) == world.districts
    assert [np.flatnonzero(row).tolist() for row in districts.neighbours] == world.neighbours
    assert (districts.neighbours == districts.neighbours.T).all() and not districts.neighbours.diagonal().any()
    assert districts.neighbours.sum(axis=1).min() >= 2  # every district has neighbours
    outer = {s for s, o in zip(districts.slugs, districts.outer, strict=True) if o}
    assert {"spandau", "marzahn-hellersdorf"} <= outer and "mitte" not in outer


def test_corrections_follow_the_real_map():
    districts = DistrictMap.from_catalogue(catalogue_districts())
    index = districts.slugs.index
    fixed = districts.with_corrections()
    assert not districts.neighbours[index("charlottenburg-wilmersdorf"), index("reinickendorf")]
    assert fixed.neighbours[index("charlottenburg-wilmersdorf"), index("reinickendorf")]
    assert districts.neighbours[index("lichtenberg"), index("neukoelln")]
    assert not fixed.neighbours[index("neukoelln"), index("lichtenberg")]


def test_box_overlap_threshold():
    boxes = [[0, 0, 1, 1], [0.99, 0, 2, 1], [0.9, 0, 2, 1], [5, 5, 6, 6]]
    matrix = neighbours_from_boxes(boxes, min_overlap=200)
    assert matrix.tolist() == [
        [False, False, True, False],
        [False, False, True, False],
        [True, True, False, False],
        [False, False, False, False],
    ]
