"""The ground-truth file: what was planted, so that peer and mentoring suggestions can be scored.

Format (JSON, UTF-8; slugs are those of the data file):

    {
      "format": "community-network/synthetic-truth", "version": 1, "seed": 42,
      "counts": {"associations": 1000, "volunteers": 3000, "connections": 28, "events": 5,
                 "communities": 38, "switchPairs": 50, "plantedMentors": 241},
      "calibration": [{"key": "no_paid_staff", "figures": {"share_organisations_purely_volunteer_based": 72.0},
                       "drives": "...", "parameter": 0.72}, ...],
      "districtNeighbours": {"mitte": ["friedrichshain-kreuzberg", ...], ...},
      "communities": [{"id": "c-0001", "members": ["a-000017", ...], "tools": ["openslides", "etherpad"],
                       "fields": ["sport"], "homeDistrict": "spandau", "districts": ["spandau", ...]}, ...],
      "associations": {"a-000001": {"knowHow": "ADVANCED", "community": "c-0001", "peers": ["a-000017", ...]},
                       ...},
      "switchPairs": [{"expert": "a-000123", "learner": "a-000456", "tool": "nextcloud",
                       "replaces": "google-drive", "learnerRole": "CONSIDERS"}, ...],
      "mentoring": [{"association": "a-000001", "skill": "gdpr-basics-for-associations", "minLevel": 4,
                     "volunteer": "v-000321", "location": "SAME_DISTRICT", "language": "de"}, ...]
    }

- `communities`: planted clusters. Members share the niche `tools` (the first, the anchor, is used by every member,
  each other one by most), the primary field `fields[0]` (and often `fields[1]`), and live in `homeDistrict` or one
  of its `districtNeighbours` (`districts` lists both). Members are sorted by slug.
- `associations`: one entry per association. `knowHow` is the latent tier (BEGINNER = little digital know-how;
  such associations use no tool as EXPERT unless planted as a switch learner). `peers` are the relevant peers: the
  other members of its community, without those it is already connected with (`connections` of the data file),
  since a suggestion for a connected pair must never come back. Empty outside communities.
- `switchPairs`: `expert` uses the open-source `tool` as EXPERT; `learner` either considers `tool` and uses the
  proprietary `replaces` (`learnerRole` CONSIDERS) or uses `tool` as BEGINNER (`learnerRole` BEGINNER).
- `mentoring`: for an association's most urgent need (`skill`, `minLevel`), a volunteer planted to fit it: offers the
  skill at level >= minLevel, speaks `language` like the association, and is in the same district or remote
  (`location`). Each volunteer is planted at most once, so all planted pairs fit together within every volunteer's
  maxMentees: the planted assignment is a feasible one.

Planted pairs are a subset of the good answers: other associations may share tools by chance and other volunteers may
fit a need, so the truth suits recall-style measures (is the planted peer or mentor ranked high?).
"""

from typing import Any

import numpy as np

from network.synthetic.associations import TIERS, Associations, CommunityPlan
from network.synthetic.calibration import Calibration
from network.synthetic.planted import SwitchPair
from network.synthetic.volunteers import PlantedMentor
from network.synthetic.world import World

FORMAT, VERSION = "community-network/synthetic-truth", 1


def community_ids(count: int) -> list[str]:
    width = max(4, len(str(count)))
    return [f"c-{i + 1:0{width}d}" for i in range(count)]


def build_truth(
    *,
    seed: int,
    world: World,
    cal: Calibration,
    assoc: Associations,
    plan: CommunityPlan,
    pairs: list[SwitchPair],
    mentors: list[PlantedMentor],
    connections: np.ndarray,
    association_slugs: list[str],
    volunteer_slugs: list[str],
    counts: dict[str, int],
) -> dict[str, Any]:
    ids = community_ids(len(plan.tools))
    members: list[list[int]] = [[] for _ in ids]
    for row, community in enumerate(assoc.community.tolist()):
        if community >= 0:
            members[community].append(row)
    connected: dict[int, set[int]] = {}
    for a, b in connections.tolist():
        connected.setdefault(a, set()).add(b)
        connected.setdefault(b, set()).add(a)
    tiers = assoc.know_how.tolist()
    entries: dict[str, Any] = {}
    for row, community in enumerate(assoc.community.tolist()):
        peers = (
            []
            if community < 0
            else [association_slugs[p] for p in members[community] if p != row and p not in connected.get(row, ())]
        )
        entries[association_slugs[row]] = {
            "knowHow": TIERS[tiers[row]],
            "community": ids[community] if community >= 0 else None,
            "peers": peers,
        }
    return {
        "format": FORMAT,
        "version": VERSION,
        "seed": seed,
        "counts": counts | {"communities": len(ids), "switchPairs": len(pairs), "plantedMentors": len(mentors)},
        "calibration": cal.table,
        "districtNeighbours": {
            world.districts[d]: [world.districts[x] for x in around] for d, around in enumerate(world.neighbours)
        },
        "communities": [
            _community(world, plan, index, ids[index], [association_slugs[m] for m in group])
            for index, group in enumerate(members)
        ],
        "associations": entries,
        "switchPairs": [
            {
                "expert": association_slugs[p.expert],
                "learner": association_slugs[p.learner],
                "tool": world.tools[p.tool],
                "replaces": world.tools[p.replaces],
                "learnerRole": p.role,
            }
            for p in pairs
        ],
        "mentoring": [
            {
                "association": association_slugs[m.association],
                "skill": world.skills[m.skill],
                "minLevel": m.min_level,
                "volunteer": volunteer_slugs[m.volunteer],
                "location": m.location,
                "language": m.language,
            }
            for m in mentors
        ],
    }


def _community(world: World, plan: CommunityPlan, index: int, community_id: str, members: list[str]) -> dict[str, Any]:
    home = int(plan.home[index])
    return {
        "id": community_id,
        "members": members,
        "tools": [world.tools[t] for t in plan.tools[index]],
        "fields": [world.fields[f] for f in plan.fields[index].tolist() if f >= 0],
        "homeDistrict": world.districts[home],
        "districts": [world.districts[home]] + [world.districts[d] for d in world.neighbours[home]],
    }
