"""Figures of the shipped stats.json that drive the generator, read by metric name on every run (see CALIBRATION).

Every share in CALIBRATION comes from stats.json at run time, so a corrected figure changes the data set without a
code change. Tool shares are shares of associations that use at least one tool whose primary category (tools.json
`category`) is the one named. Where stats.json has no figure, `assumptions.py` holds a labelled modelling choice.

Figures deliberately not used (and why):
- share_organisations_with_paid_staff (25, Germany): agrees with the volunteer-only figure that is used.
- share_organisations_with_more_than_one_paid_employee (47, Berlin ZiviZ): conflicts with 72% volunteer-only; the
  ZiviZ Berlin sample covers all legal forms and larger organisations, the service is for volunteer-run Vereine.
- share_sample_without_paid_staff (40): describes the Digital-Report sample, not the population.
- share_using_digital_tools_for_meetings (76) and the other Digital Vereint shares of tool use: a self-selected
  sample of about 100 tech-interested organisations; the Saarland survey (n=1,976) is used for messenger and video.
- share_meeting_online (10) and share_using_messengers_for_internal_communication (70): a small town, 64 groups.
- share_npo_with_own_website (96): non-profits of all sizes; share_with_website (65, local groups) is used.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from math import exp, log, sqrt
from statistics import NormalDist
from typing import Any

import numpy as np

from graph_schema.catalogue.reference import DATA
from network.synthetic import assumptions as A
from network.synthetic.world import World

_Z = NormalDist()
HOURS_PER_MONTH_OF_6_PER_WEEK = 26  # 6 h a week x 52 / 12


@dataclass(frozen=True)
class Driver:
    key: str
    metrics: tuple[str, ...]
    drives: str


CALIBRATION: tuple[Driver, ...] = (
    Driver(
        "no_paid_staff",
        ("share_organisations_purely_volunteer_based",),
        "share of associations with paidStaff 0 (value / 100)",
    ),
    Driver(
        "members",
        ("share_organisations_with_up_to_100_members", "share_vereine_with_more_than_300_members"),
        "members: log-normal of non-sport associations, fitted so that all associations hit both shares",
    ),
    Driver(
        "members_sport",
        ("share_sports_clubs_with_more_than_300_members", "berlin_sports_club_members", "berlin_sports_clubs"),
        "members of sports clubs: log-normal with mean club_members / clubs and the >300 share",
    ),
    Driver(
        "field_sport",
        ("berlin_sports_clubs", "civil_society_organisations_berlin"),
        "share of associations whose primary field is sport (clubs / organisations)",
    ),
    Driver(
        "field_education",
        ("share_organisations_in_education_field",),
        "share whose primary field is schools-childcare or youth-work-adult-education",
    ),
    Driver("field_social", ("share_sample_field_social_services",), "share whose primary field is social-welfare"),
    Driver("field_health", ("share_sample_field_health",), "share whose primary field is health"),
    Driver(
        "registered",
        ("share_of_civil_society_organisations_that_are_registered_associations",),
        "share named '... e.V.'; the others are initiatives (target group informal-initiatives)",
    ),
    Driver(
        "tools_messenger",
        (
            "share_associations_organising_digitally_at_least_partly",
            "share_of_digitally_organising_associations_using_messenger_groups",
        ),
        "share using a messenger (product of the two shares)",
    ),
    Driver(
        "tools_video",
        (
            "share_associations_organising_digitally_at_least_partly",
            "share_of_digitally_organising_associations_using_video_conferences",
        ),
        "share using a video-conferencing tool (product of the two shares)",
    ),
    Driver(
        "tools_cloud",
        ("share_npo_using_at_least_one_future_technology",),
        "share using a file-sharing-cloud tool (the figure counts cloud, AI or VR, so it bounds cloud use)",
    ),
    Driver(
        "tools_member_management",
        ("share_using_digital_tools_for_association_management",),
        "share using member-management software",
    ),
    Driver(
        "tools_social_media", ("share_associations_using_social_media_for_communication",), "share using social media"
    ),
    Driver("tools_website", ("share_with_website",), "share using a website-cms tool"),
    Driver("tools_fundraising", ("share_npo_using_crowdfunding_tools",), "share using a fundraising-donations tool"),
    Driver(
        "know_how",
        ("share_self_rated_beginners", "share_self_rated_advanced", "share_self_rated_digital_experts"),
        "know-how tiers BEGINNER / ADVANCED / EXPERT (normalised); BEGINNER = little digital know-how",
    ),
    Driver(
        "need_gdpr",
        ("share_npo_rating_legal_compliance_gdpr_as_big_challenge",),
        "share needing gdpr-basics-for-associations",
    ),
    Driver("considering", ("share_wanting_more_information_on_digital_tools",), "share considering at least one tool"),
    Driver(
        "hours",
        ("share_volunteers_6_plus_hours_per_week",),
        f"share of volunteers with hoursPerMonth >= {HOURS_PER_MONTH_OF_6_PER_WEEK}",
    ),
    Driver(
        "event_formats",
        ("share_preferring_digital_events", "share_preferring_in_person_events"),
        "event formats ONLINE / IN_PERSON; the rest HYBRID",
    ),
)
# Tool categories whose share comes from a figure (the others: assumptions.CATEGORY_SHARES).
CALIBRATED_CATEGORIES = {
    "messenger": "tools_messenger",
    "video-conferencing": "tools_video",
    "file-sharing-cloud": "tools_cloud",
    "member-management": "tools_member_management",
    "social-media": "tools_social_media",
    "website-cms": "tools_website",
    "fundraising-donations": "tools_fundraising",
}


class Stats:
    """stats.json by metric name; a metric that is missing or reported more than once is an error."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in entries:
            self._by_metric[entry["metric"]].append(entry)

    def entry(self, metric: str) -> dict[str, Any]:
        found = self._by_metric.get(metric, [])
        if len(found) != 1:
            raise LookupError(f"stats.json has {len(found)} entries for metric '{metric}', the generator needs one")
        return found[0]

    def value(self, metric: str) -> float:
        return float(self.entry(metric)["value"])

    def share(self, metric: str) -> float:
        entry = self.entry(metric)
        if entry["unit"] != "percent":
            raise ValueError(f"stats.json metric '{metric}' is in {entry['unit']}, expected percent")
        return float(entry["value"]) / 100


@cache
def read_stats() -> Stats:
    return Stats(json.loads((DATA / "stats.json").read_text(encoding="utf-8"))["stats"])


@dataclass(frozen=True)
class Calibration:
    no_paid_staff: float
    members_sport: tuple[float, float]  # (mu, sigma) of log(members)
    members_other: tuple[float, float]
    field_weights: np.ndarray  # primary-field probabilities in World.fields order
    registered: float
    category_shares: np.ndarray  # in World.categories order
    know_how: tuple[float, float, float]
    need_gdpr: float
    considering: float
    hours: tuple[float, float]  # (mu, sigma) of log(hoursPerMonth)
    event_formats: tuple[float, float, float]  # ONLINE, IN_PERSON, HYBRID
    table: list[dict[str, Any]]  # what each figure drives, with the resulting parameter (for the truth file)


def _sport_lognormal(mean: float, share_over_300: float) -> tuple[float, float]:
    """Solves mu + sigma^2/2 = log(mean) and P(members > 300) = share for a log-normal."""
    z = _Z.inv_cdf(1 - share_over_300)
    gap = log(300.5) - log(mean)
    sigma = z + sqrt(z * z - 2 * gap)
    return log(300.5) - z * sigma, sigma


def _other_lognormal(
    sport: tuple[float, float], sport_share: float, up_to_100: float, over_300: float
) -> tuple[float, float]:
    """The non-sport log-normal such that the sport/non-sport mixture has both shares (members are rounded)."""
    low, high = log(100.5), log(300.5)
    sport_low = _Z.cdf((low - sport[0]) / sport[1])
    sport_high = 1 - _Z.cdf((high - sport[0]) / sport[1])
    z_low = _Z.inv_cdf((up_to_100 - sport_share * sport_low) / (1 - sport_share))
    z_high = _Z.inv_cdf(1 - (over_300 - sport_share * sport_high) / (1 - sport_share))
    sigma = (high - low) / (z_high - z_low)
    return low - z_low * sigma, sigma


def _field_weights(world: World, stats: Stats) -> tuple[np.ndarray, float]:
    sport = stats.value("berlin_sports_clubs") / stats.value("civil_society_organisations_berlin")
    fixed = {
        "sport": sport,
        "social-welfare": stats.share("share_sample_field_social_services"),
        "health": stats.share("share_sample_field_health"),
    }
    education = stats.share("share_organisations_in_education_field")
    fixed |= {slug: education * part for slug, part in A.EDUCATION_SPLIT.items()}
    rest = 1 - sum(fixed.values())
    other_total = sum(A.OTHER_FIELD_WEIGHTS.values())
    weights = np.array([fixed.get(f, rest * A.OTHER_FIELD_WEIGHTS.get(f, 0) / other_total) for f in world.fields])
    if set(fixed) | set(A.OTHER_FIELD_WEIGHTS) != set(world.fields):
        raise ValueError("field weights must cover exactly the catalogue's fields")
    return weights / weights.sum(), sport


def _category_shares(world: World, stats: Stats) -> dict[str, float]:
    digital = stats.share("share_associations_organising_digitally_at_least_partly")
    figures = {
        "tools_messenger": digital * stats.share("share_of_digitally_organising_associations_using_messenger_groups"),
        "tools_video": digital * stats.share("share_of_digitally_organising_associations_using_video_conferences"),
        "tools_cloud": stats.share("share_npo_using_at_least_one_future_technology"),
        "tools_member_management": stats.share("share_using_digital_tools_for_association_management"),
        "tools_social_media": stats.share("share_associations_using_social_media_for_communication"),
        "tools_website": stats.share("share_with_website"),
        "tools_fundraising": stats.share("share_npo_using_crowdfunding_tools"),
    }
    shares = {c: figures[key] for c, key in CALIBRATED_CATEGORIES.items()} | A.CATEGORY_SHARES
    if set(shares) != set(world.categories):
        raise ValueError("category shares must cover exactly the catalogue's tool categories")
    return shares


def calibrate(world: World, stats: Stats | None = None) -> Calibration:
    stats = stats or read_stats()
    fields, sport_share = _field_weights(world, stats)
    sport = _sport_lognormal(
        stats.value("berlin_sports_club_members") / stats.value("berlin_sports_clubs"),
        stats.share("share_sports_clubs_with_more_than_300_members"),
    )
    other = _other_lognormal(
        sport,
        sport_share,
        stats.share("share_organisations_with_up_to_100_members"),
        stats.share("share_vereine_with_more_than_300_members"),
    )
    tiers = np.array(
        [
            stats.share("share_self_rated_beginners"),
            stats.share("share_self_rated_advanced"),
            stats.share("share_self_rated_digital_experts"),
        ]
    )
    tiers /= tiers.sum()
    hours_tail = stats.share("share_volunteers_6_plus_hours_per_week")
    hours_sigma = (log(HOURS_PER_MONTH_OF_6_PER_WEEK - 0.5) - log(A.HOURS_MEDIAN)) / _Z.inv_cdf(1 - hours_tail)
    online, in_person = stats.share("share_preferring_digital_events"), stats.share("share_preferring_in_person_events")
    categories = _category_shares(world, stats)
    parameters: dict[str, Any] = {
        "no_paid_staff": stats.share("share_organisations_purely_volunteer_based"),
        "members": {"mu": other[0], "sigma": other[1], "median": exp(other[0])},
        "members_sport": {"mu": sport[0], "sigma": sport[1], "median": exp(sport[0])},
        "field_sport": sport_share,
        "field_education": stats.share("share_organisations_in_education_field"),
        "field_social": fields[world.field("social-welfare")],
        "field_health": fields[world.field("health")],
        "registered": stats.share("share_of_civil_society_organisations_that_are_registered_associations"),
        **{key: categories[c] for c, key in CALIBRATED_CATEGORIES.items()},
        "know_how": dict(zip(("BEGINNER", "ADVANCED", "EXPERT"), tiers.tolist(), strict=True)),
        "need_gdpr": stats.share("share_npo_rating_legal_compliance_gdpr_as_big_challenge"),
        "considering": stats.share("share_wanting_more_information_on_digital_tools"),
        "hours": hours_tail,
        "event_formats": {"ONLINE": online, "IN_PERSON": in_person, "HYBRID": 1 - online - in_person},
    }
    table = [
        {
            "key": d.key,
            "figures": {m: stats.value(m) for m in d.metrics},
            "drives": d.drives,
            "parameter": _rounded(parameters[d.key]),
        }
        for d in CALIBRATION
    ]
    return Calibration(
        no_paid_staff=parameters["no_paid_staff"],
        members_sport=sport,
        members_other=other,
        field_weights=fields,
        registered=parameters["registered"],
        category_shares=np.array([categories[c] for c in world.categories]),
        know_how=(float(tiers[0]), float(tiers[1]), float(tiers[2])),
        need_gdpr=parameters["need_gdpr"],
        considering=parameters["considering"],
        hours=(log(A.HOURS_MEDIAN), hours_sigma),
        event_formats=(online, in_person, 1 - online - in_person),
        table=table,
    )


def _rounded(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(float(value), 4)
