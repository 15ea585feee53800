"""Every scoring weight of the matching core, in one place, with why.

Mentoring and invite scores are sums of integer *points* (100 points = 1.0 in the published score); peer scores are
integers in their own unit (peer_features.UNIT). Integers make every sum exact in float32 (up to 2**24), so a
blocked computation, a brute-force check and a re-run give bit-identical scores and ties break the same way
everywhere.
"""

from dataclasses import dataclass

# Stored on every Suggestion ("algorithm version"): bump it whenever a weight or a rule below changes.
ALGORITHM_VERSION = "matching-2026.3"

POINTS = 100  # points per unit of published score


@dataclass(frozen=True)
class PeerWeights:
    """Association <-> association: how much each signal's similarity (peer_features.py) counts.

    These are the prior, used until a deployment has weights of its own (peer_model.py fits them on its profiles and
    then on the answers people give). Chosen on the world variants (`network evaluate --variants`), never on one:
    - tools 1.0: sharing rare tools is what tells two associations they can help each other (DESIGN.md "Matching");
    - fields 0.5 and district 0.5: in most worlds members of a community also share a field and a district, but both
      are broad, so they order associations with similar tools more than they find new ones;
    - target groups 0.1: they follow the field, so most of what they say is said already;
    - complementarity 0.1: an EXPERT next to a beginner is the switch help DESIGN.md asks for, but nothing in the
      profiles says how often it helps; answers decide (peer_learning.py). An approved experience report on a tool
      the other side considers (REPORTED_ON) is part of this signal and counts like an EXPERT on it: the same
      switch help, written down and checked by staff, and one weight keeps the model at five signals.
    """

    tools: float = 1.0
    complementarity: float = 0.1
    fields: float = 0.5
    target_groups: float = 0.1
    district: float = 0.5

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in PEER_SIGNALS}


PEER_SIGNALS = ("tools", "complementarity", "fields", "target_groups", "district")


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
