"""Every scoring weight of the matching core, in one place, with why.

Scores are sums of integer *points* (100 points = 1.0 in the published score). Integers make every sum exact in
float32 (up to 2**24), so a blocked computation, a brute-force check and a re-run give bit-identical scores and ties
break the same way everywhere.
"""

from dataclasses import dataclass

# Stored on every Suggestion ("algorithm version"): bump it whenever a weight or a rule below changes.
ALGORITHM_VERSION = "matching-2026.1"

POINTS = 100  # points per unit of published score


@dataclass(frozen=True)
class PeerWeights:
    """Association <-> association.

    - A shared tool is worth its rarity, idf = ln((1 + n) / (1 + users)) units: WhatsApp used by 57% of associations
      gives 0.56, a tool used by 1% gives 4.6. Sharing a niche tool is what tells two associations they can help
      each other; sharing a messenger says next to nothing (DESIGN.md "Matching").
    - A shared field or target group is worth 1.0: about one mid-rare tool. Two sport clubs have things to talk about,
      but less than two associations running the same niche software.
    - Same district 1.5, neighbouring district 0.75: people meet in person more easily; below a niche tool so that
      a city-wide niche community still ranks above mere neighbours.
    - CAN_MENTOR_TOOL 2.0 per tool (either direction): an EXPERT next to a BEGINNER or an association that only
      considers the tool is the switch help DESIGN.md asks for; worth about a 13%-tool (Nextcloud) in shared use.
    """

    idf_unit: int = POINTS
    field: int = 100
    target_group: int = 100
    same_district: int = 150
    nearby_district: int = 75
    can_mentor_tool: int = 200


@dataclass(frozen=True)
class MentorWeights:
    """Volunteer -> association; the hard constraints (skill level >= minLevel, a common language, remote or the
    association's district) decide *whether* an edge exists, these points only *how good* it is.

    - The need's priority dominates (1: 30, 2: 20, 3: 10): the most urgent need should get the help first.
    - Level above minLevel, 5 per level up to 2 levels: a clear margin makes the help robust, more is not needed.
    - Each further need of the association the volunteer also covers: 10 (one mentor for two problems).
    - Same district: 8 (meeting in person), less than a priority step: remote help for an urgent need beats local
      help for a minor one.
    - Sharing one of the association's further languages (beyond its first, main one): 6, it reaches members.
    - Tools the volunteer knows (INTERMEDIATE or EXPERT) that the association uses or considers: 4 each, up to 2.
    - Hours per month: up to 4 points, linear up to `full_hours` (a mentor needs some time; more is not better).
    """

    priority: tuple[int, int, int] = (30, 20, 10)
    level_margin: int = 5
    level_margin_cap: int = 2
    extra_need: int = 10
    same_district: int = 8
    further_language: int = 6
    tool: int = 4
    tool_cap: int = 2
    hours: int = 4
    full_hours: int = 8


@dataclass(frozen=True)
class EventWeights:
    """Relevance of a party for an event about given tools, skills and fields (invite ranking).

    - Considering a topic tool (120) ranks above using it (100): the event is where the switch is decided.
    - EXPERT users get 40 more: they can share experience (and are the "experienced" half of mixed groups).
    - Needing a topic skill: 120 for priority 1, 100 for 2, 80 for 3.
    - Being active in a topic field: 60, a weaker, broader signal.
    - Volunteers: offering a topic skill 80 + 10 per DigComp level, knowing a topic tool 60 (+40 as EXPERT).
    """

    uses_tool: int = 100
    considers_tool: int = 120
    expert_bonus: int = 40
    needs_skill: tuple[int, int, int] = (120, 100, 80)
    field: int = 60
    offers_skill: int = 80
    offers_skill_per_level: int = 10
    knows_tool: int = 60


PEER_WEIGHTS = PeerWeights()
MENTOR_WEIGHTS = MentorWeights()
EVENT_WEIGHTS = EventWeights()

# Defaults of settings the issue names.
PEER_TOP_K = 20
DEFAULT_MAX_MENTEES = 2
DEFAULT_ASSOCIATION_MENTORS = 1
DEFAULT_OUTREACH_SHARE = 0.3
