"""The planted structure is really there: communities share niche tools, switch pairs and mentors fit."""

import itertools
from collections import Counter
from typing import Any

import numpy as np

from graph_schema.catalogue.reference import read_catalogue
from tests.synthetic.samples import sample

SAMPLE = (3000, 77)


def _by_slug(kind: str) -> dict[str, dict[str, Any]]:
    return {r["slug"]: r for r in sample(*SAMPLE)[0][kind]}


def _tools(association: dict[str, Any]) -> set[str]:
    return {t["tool"] for t in association["tools"]}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def test_communities_share_more_tools_than_random_pairs() -> None:
    associations, truth = _by_slug("associations"), sample(*SAMPLE)[1]
    within = [
        _jaccard(_tools(associations[a]), _tools(associations[b]))
        for c in truth["communities"]
        for a, b in itertools.combinations(c["members"], 2)
    ]
    slugs = sorted(associations)
    pairs = np.random.default_rng(0).integers(0, len(slugs), size=(5000, 2))
    random = [_jaccard(_tools(associations[slugs[i]]), _tools(associations[slugs[j]])) for i, j in pairs if i != j]
    assert np.mean(within) > 2 * np.mean(random), (np.mean(within), np.mean(random))


def test_community_members_share_the_anchor_tool_a_field_and_a_neighbourhood() -> None:
    associations, truth = _by_slug("associations"), sample(*SAMPLE)[1]
    assert 0.25 <= sum(len(c["members"]) for c in truth["communities"]) / len(associations) <= 0.35
    usage = Counter(t for a in associations.values() for t in _tools(a))
    for community in truth["communities"]:
        assert 4 <= len(community["members"]) <= 12 and community["members"] == sorted(community["members"])
        anchor = community["tools"][0]
        assert usage[anchor] < 0.2 * len(associations)  # niche, not WhatsApp
        for slug in community["members"]:
            member = associations[slug]
            assert anchor in _tools(member) and member["fields"][0] == community["fields"][0]
            assert member["district"] in community["districts"]
            assert truth["associations"][slug]["community"] == community["id"]


def test_peers_are_the_other_members_without_existing_connections() -> None:
    document, truth = sample(*SAMPLE)
    connected = {frozenset((c["a"], c["b"])) for c in document["connections"]}
    members = {c["id"]: set(c["members"]) for c in truth["communities"]}
    assert len(truth["associations"]) == len(document["associations"])
    excluded = 0
    for slug, entry in truth["associations"].items():
        if entry["community"] is None:
            assert entry["peers"] == []
            continue
        expected = {p for p in members[entry["community"]] - {slug} if frozenset((slug, p)) not in connected}
        excluded += len(members[entry["community"]]) - 1 - len(expected)
        assert set(entry["peers"]) == expected
    assert excluded > 0  # some community pairs are already connected, and they are left out


def test_switch_pairs_pair_an_expert_with_a_learner() -> None:
    associations, truth = _by_slug("associations"), sample(*SAMPLE)[1]
    tools = {t["slug"]: t for t in read_catalogue().tools}
    alternatives = {(a["to"], a["alternative"]) for a in read_catalogue().alternatives}
    pairs = truth["switchPairs"]
    assert len(pairs) == round(0.05 * SAMPLE[0]) and {p["learnerRole"] for p in pairs} == {"CONSIDERS", "BEGINNER"}
    for pair in pairs:
        tool = pair["tool"]
        assert tools[tool]["openSource"] and (pair["replaces"], tool) in alternatives
        expert, learner = associations[pair["expert"]], associations[pair["learner"]]
        assert next(t["proficiency"] for t in expert["tools"] if t["tool"] == tool) == "EXPERT"
        used = {t["tool"]: t["proficiency"] for t in learner["tools"]}
        if pair["learnerRole"] == "CONSIDERS":
            assert tool in learner["considers"] and tool not in used and pair["replaces"] in used
        else:
            assert used[tool] == "BEGINNER"


def test_associations_with_little_know_how_use_no_tool_as_experts() -> None:
    associations, truth = _by_slug("associations"), sample(*SAMPLE)[1]
    expert_share: dict[str, list[float]] = {"BEGINNER": [], "ADVANCED": [], "EXPERT": []}
    for slug, entry in truth["associations"].items():
        levels = [t["proficiency"] for t in associations[slug]["tools"]]
        if levels:
            expert_share[entry["knowHow"]].append(levels.count("EXPERT") / len(levels))
    assert max(expert_share["BEGINNER"]) == 0
    assert np.mean(expert_share["EXPERT"]) > np.mean(expert_share["ADVANCED"]) > 0


def test_every_planted_mentor_fits_the_hard_constraints() -> None:
    associations, volunteers = _by_slug("associations"), _by_slug("volunteers")
    planted = sample(*SAMPLE)[1]["mentoring"]
    assert len(planted) > 0.1 * SAMPLE[0]
    per_volunteer = Counter(m["volunteer"] for m in planted)
    for m in planted:
        association, volunteer = associations[m["association"]], volunteers[m["volunteer"]]
        need = next(n for n in association["needs"] if n["skill"] == m["skill"])
        assert need["minLevel"] == m["minLevel"]
        level = next(s["level"] for s in volunteer["skills"] if s["skill"] == m["skill"])
        assert level >= need["minLevel"]
        assert m["language"] in association["languages"] and m["language"] in volunteer["languages"]
        assert volunteer["remote"] or volunteer["district"] == association["district"]
        assert (m["location"] == "SAME_DISTRICT") == (volunteer["district"] == association["district"])
        assert per_volunteer[m["volunteer"]] <= volunteer["maxMentees"]
    assert {m["location"] for m in planted} == {"SAME_DISTRICT", "REMOTE"}
    assert any(m["language"] != "de" for m in planted)


def test_events_are_about_catalogue_topics_and_start_after_one_another() -> None:
    events = sample(*SAMPLE)[0]["events"]
    assert 3 <= len(events) <= 60
    starts = [e["startsAt"] for e in events]
    assert starts == sorted(starts) and all(e["about"]["tools"] for e in events)
    assert all(("district" in e) == (e["format"] != "ONLINE") for e in events)
