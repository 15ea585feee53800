"""The ranking of volunteers for a question, as a pure function: who fits, in which order, and why."""

from network.help.routing import MAX_POINTS, Candidate, RouteReason, Topic, rank_volunteers, score

TOOL = Topic(kind="tool", slug="nextcloud")
SKILL = Topic(kind="skill", slug="it-security-basics")


def codes(route_reasons: tuple[RouteReason, ...]) -> list[str]:
    return [r.code for r in route_reasons]


def test_a_skill_question_ranks_by_level_and_leaves_out_those_without_the_skill() -> None:
    candidates = [
        Candidate(id="low", skill_level=2, languages=("de",), hours_per_month=10),
        Candidate(id="high", skill_level=7, languages=("de",), hours_per_month=10),
        Candidate(id="none", skill_level=None, tool_proficiency="EXPERT", languages=("de",), hours_per_month=10),
        Candidate(id="mid", skill_level=5, languages=("de",), hours_per_month=10),
    ]
    routes = rank_volunteers(SKILL, "de", candidates)
    assert [r.volunteer_id for r in routes] == ["high", "mid", "low"]
    assert [r.rank for r in routes] == [1, 2, 3]
    assert routes[0].reasons[0].code == "SKILL_MATCH"
    assert routes[0].reasons[0].detail == "it-security-basics:7"
    assert routes[0].score > routes[1].score > routes[2].score


def test_a_tool_question_ranks_by_proficiency() -> None:
    candidates = [
        Candidate(id="b", tool_proficiency="BEGINNER"),
        Candidate(id="e", tool_proficiency="EXPERT"),
        Candidate(id="i", tool_proficiency="INTERMEDIATE"),
        Candidate(id="skill-only", skill_level=8),
    ]
    routes = rank_volunteers(TOOL, "de", candidates)
    assert [r.volunteer_id for r in routes] == ["e", "i", "b"]
    assert routes[0].reasons[0].detail == "nextcloud:EXPERT"


def test_speaking_the_language_outweighs_a_higher_proficiency() -> None:
    speaks = Candidate(id="speaks", tool_proficiency="INTERMEDIATE", languages=("en", "de"))
    foreign = Candidate(id="foreign", tool_proficiency="EXPERT", languages=("fr",))
    routes = rank_volunteers(TOOL, "en", [foreign, speaks])
    assert [r.volunteer_id for r in routes] == ["speaks", "foreign"]
    assert "COMMON_LANGUAGE" in codes(routes[0].reasons)
    assert "COMMON_LANGUAGE" not in codes(routes[1].reasons)


def test_no_hours_means_not_available_and_unknown_hours_count_nothing() -> None:
    routes = rank_volunteers(
        TOOL,
        "de",
        [
            Candidate(id="zero", tool_proficiency="EXPERT", hours_per_month=0),
            Candidate(id="unknown", tool_proficiency="EXPERT", hours_per_month=None),
            Candidate(id="twenty", tool_proficiency="EXPERT", hours_per_month=20),
        ],
    )
    assert [r.volunteer_id for r in routes] == ["twenty", "unknown"]
    hours = next(r for r in routes[0].reasons if r.code == "HOURS_AVAILABLE")
    assert hours.detail == "20"
    assert "HOURS_AVAILABLE" not in codes(routes[1].reasons)


def test_fewer_open_claims_come_first() -> None:
    busy = Candidate(id="a-busy", tool_proficiency="EXPERT", open_claims=3)
    free = Candidate(id="z-free", tool_proficiency="EXPERT", open_claims=0)
    one = Candidate(id="m-one", tool_proficiency="EXPERT", open_claims=1)
    routes = rank_volunteers(TOOL, "de", [busy, one, free])
    assert [r.volunteer_id for r in routes] == ["z-free", "m-one", "a-busy"]
    free_reason = next(r for r in routes[0].reasons if r.code == "FEW_OPEN_QUESTIONS")
    assert free_reason.detail == "0"
    assert "FEW_OPEN_QUESTIONS" not in codes(routes[2].reasons)  # three open claims earn nothing


def test_equal_candidates_are_ordered_by_id_whatever_order_they_arrive_in() -> None:
    same = [Candidate(id=name, tool_proficiency="EXPERT") for name in ("c", "a", "d", "b")]
    assert [r.volunteer_id for r in rank_volunteers(TOOL, "de", same)] == ["a", "b", "c"]
    assert [r.volunteer_id for r in rank_volunteers(TOOL, "de", list(reversed(same)))] == ["a", "b", "c"]


def test_only_the_three_best_are_taken_and_fewer_when_fewer_fit() -> None:
    many = [Candidate(id=f"v{i}", skill_level=1 + i % 8) for i in range(10)]
    assert len(rank_volunteers(SKILL, "de", many)) == 3
    assert len(rank_volunteers(SKILL, "de", many[:2])) == 2
    assert rank_volunteers(SKILL, "de", [Candidate(id="x", tool_proficiency="EXPERT")]) == []


def test_a_question_about_nothing_ranks_by_language_hours_and_load() -> None:
    routes = rank_volunteers(
        None,
        "de",
        [
            Candidate(id="en", languages=("en",), hours_per_month=20),
            Candidate(id="de", languages=("de",), hours_per_month=5),
        ],
    )
    assert [r.volunteer_id for r in routes] == ["de", "en"]
    assert codes(routes[0].reasons)[0] == "COMMON_LANGUAGE"


def test_the_score_is_the_sum_of_the_reasons_and_the_best_scores_one() -> None:
    best = Candidate(id="best", skill_level=8, languages=("de",), hours_per_month=40, open_claims=0)
    found = score(SKILL, "de", best)
    assert found is not None
    points, reasons = found
    assert points == 1.0
    assert round(sum(r.weight for r in reasons), 3) == 1.0
    assert [r.weight for r in reasons] == sorted((r.weight for r in reasons), reverse=True)
    partial = score(SKILL, "de", Candidate(id="p", skill_level=4))
    assert partial is not None
    assert partial[0] == round((40 + 20) / MAX_POINTS, 4)  # level 4 of 8, no language, no hours, no claims
