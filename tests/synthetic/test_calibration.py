"""On a 5k sample, the shares that stats.json reports hold within a few points (figures read from the file)."""

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from graph_schema.catalogue.reference import DATA, read_catalogue
from network.synthetic.calibration import CALIBRATION, Stats, calibrate
from network.synthetic.world import load_world
from tests.synthetic.samples import figures, primary_category, sample, share

Record = dict[str, Any]
SAMPLE = (5000, 2024)


def _associations() -> list[Record]:
    return sample(*SAMPLE)[0]["associations"]


def _uses(category: str) -> Callable[[Record], bool]:
    return lambda a: any(primary_category()[t["tool"]] == category for t in a["tools"])


def _digital(metric: str) -> float:
    return figures()["share_associations_organising_digitally_at_least_partly"] * figures()[metric] / 100


EDUCATION = ("schools-childcare", "youth-work-adult-education")
CASES: list[tuple[str, Callable[[], float], Callable[[Record], bool], float]] = [
    (
        "no paid staff",
        lambda: figures()["share_organisations_purely_volunteer_based"],
        lambda a: a["paidStaff"] == 0,
        3,
    ),
    (
        "up to 100 members",
        lambda: figures()["share_organisations_with_up_to_100_members"],
        lambda a: a["members"] <= 100,
        3,
    ),
    (
        "more than 300 members",
        lambda: figures()["share_vereine_with_more_than_300_members"],
        lambda a: a["members"] > 300,
        3,
    ),
    (
        "sport",
        lambda: 100 * figures()["berlin_sports_clubs"] / figures()["civil_society_organisations_berlin"],
        lambda a: a["fields"][0] == "sport",
        2.5,
    ),
    (
        "education",
        lambda: figures()["share_organisations_in_education_field"],
        lambda a: a["fields"][0] in EDUCATION,
        4,
    ),
    (
        "social welfare",
        lambda: figures()["share_sample_field_social_services"],
        lambda a: a["fields"][0] == "social-welfare",
        4,
    ),
    (
        "registered associations",
        lambda: figures()["share_of_civil_society_organisations_that_are_registered_associations"],
        lambda a: a["name"].endswith(" e.V."),
        2,
    ),
    (
        "messenger",
        lambda: _digital("share_of_digitally_organising_associations_using_messenger_groups"),
        _uses("messenger"),
        3,
    ),
    (
        "video",
        lambda: _digital("share_of_digitally_organising_associations_using_video_conferences"),
        _uses("video-conferencing"),
        3,
    ),
    ("cloud", lambda: figures()["share_npo_using_at_least_one_future_technology"], _uses("file-sharing-cloud"), 3),
    (
        "member management",
        lambda: figures()["share_using_digital_tools_for_association_management"],
        _uses("member-management"),
        3,
    ),
    (
        "social media",
        lambda: figures()["share_associations_using_social_media_for_communication"],
        _uses("social-media"),
        3,
    ),
    ("website", lambda: figures()["share_with_website"], _uses("website-cms"), 3),
    ("fundraising", lambda: figures()["share_npo_using_crowdfunding_tools"], _uses("fundraising-donations"), 3),
    (
        "GDPR need",
        lambda: figures()["share_npo_rating_legal_compliance_gdpr_as_big_challenge"],
        lambda a: any(n["skill"] == "gdpr-basics-for-associations" for n in a["needs"]),
        3,
    ),
    (
        "considering a tool",
        lambda: figures()["share_wanting_more_information_on_digital_tools"],
        lambda a: bool(a["considers"]),
        3,
    ),
]


@pytest.mark.parametrize(("expected", "test", "tolerance"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_association_shares_match_stats_json(
    expected: Callable[[], float], test: Callable[[Record], bool], tolerance: float
) -> None:
    measured = share(_associations(), test)
    assert abs(measured - expected()) <= tolerance, (measured, expected())


def test_little_digital_know_how_matches_the_self_rated_beginners() -> None:
    tiers = Counter(entry["knowHow"] for entry in sample(*SAMPLE)[1]["associations"].values())
    f = figures()
    expected = (
        100
        * f["share_self_rated_beginners"]
        / (f["share_self_rated_beginners"] + f["share_self_rated_advanced"] + f["share_self_rated_digital_experts"])
    )
    assert abs(100 * tiers["BEGINNER"] / SAMPLE[0] - expected) <= 3


def test_volunteer_hours_remote_share_and_languages() -> None:
    volunteers = sample(*SAMPLE)[0]["volunteers"]
    long_hours = share(volunteers, lambda v: v["hoursPerMonth"] >= 26)  # 6 hours a week or more
    assert abs(long_hours - figures()["share_volunteers_6_plus_hours_per_week"]) <= 2.5
    assert abs(share(volunteers, lambda v: v["remote"]) - 40) <= 2.5
    districts = json.loads((DATA / "berlin_districts.json").read_text(encoding="utf-8"))["districts"]
    migration = [d["share_with_migration_background_pct"] for d in districts]
    further = [
        share(
            [v for v in volunteers if v["district"] == d["slug"]],
            lambda v: any(x not in ("de", "en") for x in v["languages"]),
        )
        for d in districts
    ]
    assert np.corrcoef(migration, further)[0, 1] > 0.8  # further languages follow the migration shares


def test_districts_follow_population() -> None:
    document = sample(*SAMPLE)[0]
    population = {d["slug"]: d["population"] for d in read_catalogue().districts}
    total = sum(population.values())
    for kind, tolerance in (("associations", 2.0), ("volunteers", 1.0)):
        counts = Counter(r["district"] for r in document[kind])
        deviation = max(abs(100 * counts[d] / len(document[kind]) - 100 * p / total) for d, p in population.items())
        assert deviation <= tolerance, (kind, deviation)


def test_open_source_tools_are_rarer_and_considered_tools_are_mostly_open_source() -> None:
    associations = _associations()
    open_source = {t["slug"]: t["openSource"] for t in read_catalogue().tools}
    usage = Counter(t["tool"] for a in associations for t in a["tools"])
    assert usage["whatsapp"] > 5 * usage["signal"] and usage["zoom"] > 2 * usage["bigbluebutton"]
    considered = [t for a in associations for t in a["considers"]]
    assert sum(open_source[t] for t in considered) / len(considered) > 0.8


def test_every_calibration_metric_is_in_stats_json_exactly_once() -> None:
    for driver in CALIBRATION:
        for metric in driver.metrics:
            assert metric in figures(), metric


def test_the_parameters_follow_the_file_not_copied_numbers() -> None:
    entries = json.loads((DATA / "stats.json").read_text(encoding="utf-8"))["stats"]
    for entry in entries:
        if entry["metric"] == "share_organisations_purely_volunteer_based":
            entry["value"] = 50
    assert calibrate(load_world(), Stats(entries)).no_paid_staff == 0.5
    without = [e for e in entries if e["metric"] != "share_with_website"]
    with pytest.raises(LookupError, match="share_with_website"):
        calibrate(load_world(), Stats(without))
