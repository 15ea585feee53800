"""`generate(associations, seed)`: a synthetic Berlin data set in the import format and its ground truth.

Pure: no database, no clock, no network. Every stage draws from its own numpy Generator(PCG64) spawned from the
seed, so the same seed (and numpy version) gives byte-identical output. Figures come from stats.json by metric name
(calibration.CALIBRATION), modelling choices from assumptions.py, the ground-truth format is in truth.py.

Stages: plan communities (membership, home district, fields, niche tools) -> association profiles -> planted niche
tool use and switch pairs -> the other tools per category (at rates that keep the calibrated shares) -> considered
tools -> needs -> volunteers -> planted mentors -> connections -> events.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from network.synthetic import assumptions as A
from network.synthetic.associations import Associations, CommunityPlan, draw_profiles
from network.synthetic.calibration import Calibration, calibrate
from network.synthetic.events import event_count, plan_events
from network.synthetic.output import Encoded, write_object
from network.synthetic.planted import (
    SwitchPair,
    plan_communities,
    plant_connections,
    plant_switch_pairs,
    use_niche_tools,
)
from network.synthetic.records import association_lines, volunteer_lines
from network.synthetic.tools import draw_considers, draw_needs, draw_since, draw_tools
from network.synthetic.truth import build_truth
from network.synthetic.variants import DEFAULT, Variant, reshape
from network.synthetic.volunteers import PlantedMentor, Volunteers, draw_volunteers, plant_mentors
from network.synthetic.world import World, load_world

STAGES = (
    "communities",
    "profiles",
    "niche",
    "switch",
    "tools",
    "considers",
    "needs",
    "since",
    "volunteers",
    "mentors",
    "connections",
    "events",
    "variant",  # last: adding it left the seeds of the stages before it unchanged
)
_PREFIX = re.compile(r"^(?:[a-z0-9][a-z0-9-]{0,39})?$")


@dataclass
class Dataset:
    seed: int
    world: World
    calibration: Calibration
    associations: Associations
    plan: CommunityPlan
    switch_pairs: list[SwitchPair]
    volunteers: Volunteers
    mentors: list[PlantedMentor]
    connection_pairs: np.ndarray
    events: list[dict[str, Any]]
    association_slugs: list[str]
    volunteer_slugs: list[str]
    since: list[str | None]

    def association_lines(self) -> Iterator[str]:
        """Association records as JSON text, one a line; json.loads gives the record."""
        return association_lines(self.associations, self.world, self.association_slugs, self.since)

    def volunteer_lines(self) -> Iterator[str]:
        return volunteer_lines(self.volunteers, self.world, self.volunteer_slugs)

    def connections(self) -> list[dict[str, str]]:
        return [
            {"a": self.association_slugs[a], "b": self.association_slugs[b]} for a, b in self.connection_pairs.tolist()
        ]

    def counts(self) -> dict[str, int]:
        return {
            "associations": self.associations.n,
            "volunteers": self.volunteers.m,
            "connections": len(self.connection_pairs),
            "events": len(self.events),
        }

    def document(self) -> dict[str, Any]:
        """The whole data set in the import format, in memory (fine up to some ten thousand associations).

        Parsed from the very lines that `write` writes, so the file and the document cannot disagree.
        """
        return {
            "associations": [json.loads(line) for line in self.association_lines()],
            "volunteers": [json.loads(line) for line in self.volunteer_lines()],
            "connections": self.connections(),
            "events": self.events,
        }

    def truth(self) -> dict[str, Any]:
        return build_truth(
            seed=self.seed,
            world=self.world,
            cal=self.calibration,
            assoc=self.associations,
            plan=self.plan,
            pairs=self.switch_pairs,
            mentors=self.mentors,
            connections=self.connection_pairs,
            association_slugs=self.association_slugs,
            volunteer_slugs=self.volunteer_slugs,
            counts=self.counts(),
        )

    def write(self, output: Path, truth: Path) -> None:
        """Streams the data file record by record, then writes the ground truth."""
        with output.open("w", encoding="utf-8") as out:
            write_object(
                out,
                [
                    ("associations", Encoded(self.association_lines())),
                    ("volunteers", Encoded(self.volunteer_lines())),
                    ("connections", self.connections()),
                    ("events", self.events),
                ],
            )
        with truth.open("w", encoding="utf-8") as out:
            write_object(out, self.truth().items())


def _slugs(prefix: str, kind: str, count: int) -> list[str]:
    width = max(6, len(str(count)))
    return [f"{prefix}{kind}-{i + 1:0{width}d}" for i in range(count)]


def build(associations: int, seed: int, *, slug_prefix: str = "", variant: Variant = DEFAULT) -> Dataset:
    """Draws the data set; `slug_prefix` (e.g. "t1-") keeps slugs apart from other data in the same graph, `variant`
    moves the strength of the peer signals (variants.py)."""
    if associations < 1:
        raise ValueError("associations must be at least 1")
    if seed < 0:
        raise ValueError("seed must not be negative")
    if not _PREFIX.match(slug_prefix):
        raise ValueError("slug_prefix: up to 40 lowercase letters, digits and hyphens, starting with a letter or digit")
    rng = dict(
        zip(
            STAGES,
            (np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(seed).spawn(len(STAGES))),
            strict=True,
        )
    )
    world = load_world()
    cal = calibrate(world)
    plan = plan_communities(associations, world, cal, rng["communities"], variant)
    assoc = draw_profiles(
        associations,
        world,
        cal,
        plan,
        rng["profiles"],
        home_district=variant.home_district,
        member_second_field=variant.member_second_field,
    )
    use_niche_tools(assoc, plan, rng["niche"], variant)
    pairs = plant_switch_pairs(assoc, world, cal, rng["switch"], variant)
    draw_tools(assoc, world, cal, rng["tools"])
    draw_considers(assoc, world, cal, rng["considers"])
    if variant != DEFAULT:
        reshape(assoc, world, cal, variant, rng["variant"])
    draw_needs(assoc, world, cal, rng["needs"])
    since = draw_since(assoc, rng["since"])
    vols = draw_volunteers(
        round(A.VOLUNTEERS_PER_ASSOCIATION * associations),
        world,
        cal,
        (assoc.need_level > 0).mean(axis=0),
        (assoc.proficiency > 0).mean(axis=0),
        rng["volunteers"],
    )
    mentors = plant_mentors(assoc, vols, world, rng["mentors"])
    connections = plant_connections(assoc, plan, rng["connections"])
    events = plan_events(assoc, world, cal, _slugs(slug_prefix, "e", event_count(associations)), rng["events"])
    return Dataset(
        seed=seed,
        world=world,
        calibration=cal,
        associations=assoc,
        plan=plan,
        switch_pairs=pairs,
        volunteers=vols,
        mentors=mentors,
        connection_pairs=connections,
        events=events,
        association_slugs=_slugs(slug_prefix, "a", associations),
        volunteer_slugs=_slugs(slug_prefix, "v", vols.m),
        since=since,
    )


def generate(
    associations: int, seed: int, *, slug_prefix: str = "", variant: Variant = DEFAULT
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(document in the import format, ground truth) for `associations` associations, deterministic by seed."""
    dataset = build(associations, seed, slug_prefix=slug_prefix, variant=variant)
    return dataset.document(), dataset.truth()
