"""The staff insights: one read transaction, each figure made private (network.insights.privacy) before it leaves."""

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence

from neo4j import AsyncManagedTransaction

from network.insights.models import Cell, Table
from network.insights.privacy import SUPPRESSED_TOTAL, count_cell, share_cell, total_cell
from network.insights.repository import (
    AdoptionMonthRow,
    FunnelRow,
    GroupCountRow,
    InsightsRepository,
    LoadRow,
    ReachRow,
    ReasonRow,
    ToolAdoptionRow,
    UnmetNeedRow,
)
from network.kit.database import Database
from network.matching.reasons import Code

NO_DISTRICT = "(no district)"
NO_TARGET_GROUP = "(no target group)"
BANDS = {-1: "hours not given", 0: "1-4 h/month", 5: "5-9 h/month", 10: "10-19 h/month", 20: "20+ h/month"}
LOADS = ["0 associations", "1", "2", "3 or more"]
ADOPTION_MONTHS = 12  # how far back adoption by month goes, the current month included
FUNNEL = ["proposed", "seen", "open", "accepted by one side", "connected", "declined", "expired"]


async def insights(db: Database, min_count: int) -> list[Table]:
    """Every insight, taken in one read transaction so that they describe the same moment."""

    async def work(tx: AsyncManagedTransaction) -> list[Table]:
        repository, now = InsightsRepository(tx), dt.datetime.now(dt.UTC)
        return [await take(repository, now, min_count) for take in TABLES.values()]

    return await db.read(work)


async def insight(db: Database, key: str, min_count: int) -> Table:
    """One insight alone, in a read transaction of its own (what the benchmark times)."""
    return await db.read(lambda tx: TABLES[key](InsightsRepository(tx), dt.datetime.now(dt.UTC), min_count))


async def _unmet_needs(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return unmet_needs(await repository.unmet_needs(), await repository.associations(), now, min_count)


async def _tool_adoption(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return tool_adoption(await repository.tool_adoption(), await repository.associations(), now, min_count)


async def _tool_adoption_by_month(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return tool_adoption_by_month(
        await repository.tool_adoption_by_month(), await repository.associations(), now, min_count
    )


async def _suggestion_funnel(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return suggestion_funnel(await repository.suggestion_funnel(), now, min_count)


async def _volunteer_load(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return volunteer_load(await repository.volunteer_load(), now, min_count)


async def _event_reach(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return event_reach(await repository.event_reach(), await repository.associations(), now, min_count)


async def _peer_exposure(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return peer_exposure(await repository.associations_counted(), await repository.peer_slots(), now, min_count)


# Each insight by its key, in the order every output lists them; the association count they share is a count
# store lookup, so each asks for it again rather than passing it around.
async def _reason_acceptance(repository: InsightsRepository, now: dt.datetime, min_count: int) -> Table:
    return reason_acceptance(await repository.reason_acceptance([code.value for code in Code]), now, min_count)


TABLES: dict[str, Callable[[InsightsRepository, dt.datetime, int], Awaitable[Table]]] = {
    "unmet_needs": _unmet_needs,
    "tool_adoption": _tool_adoption,
    "tool_adoption_by_month": _tool_adoption_by_month,
    "suggestion_funnel": _suggestion_funnel,
    "volunteer_load": _volunteer_load,
    "event_reach": _event_reach,
    "peer_exposure": _peer_exposure,
    "reason_acceptance": _reason_acceptance,
}


def unmet_needs(rows: Sequence[UnmetNeedRow], associations: int, now: dt.datetime, min_count: int) -> Table:
    return Table(
        key="unmet_needs",
        title="Unmet needs by skill and district",
        columns=["skill", "district", "associations"],
        rows=[
            [
                Cell.label(row["skill"]),
                Cell.label(row["district"] or NO_DISTRICT),
                count_cell(row["associations"], min_count),
            ]
            for row in rows
        ],
        covered_from=None,
        covered_to=now,
        parties=count_cell(associations, min_count),
        party_kind="associations",
        note="A need is unmet while no volunteer offering the skill mentors the association or is suggested to it "
        "(open or connected). An association counts once per need; cells without any are left out.",
    )


def tool_adoption(rows: Sequence[ToolAdoptionRow], associations: int, now: dt.datetime, min_count: int) -> Table:
    table: list[list[Cell]] = []
    for row in rows:
        using, open_source = count_cell(row["associations"], min_count), count_cell(row["openSource"], min_count)
        if using.value is not None and count_cell(row["associations"] - row["openSource"], min_count).suppressed:
            open_source = Cell(shown=SUPPRESSED_TOTAL, suppressed=True)  # or it gives the few others away
        table.append([Cell.label(row["category"]), using, open_source, share_cell(open_source, using)])
    return Table(
        key="tool_adoption",
        title="Tool adoption by category",
        columns=["category", "associations using one", "of them open source", "open-source share"],
        rows=table,
        covered_from=None,
        covered_to=now,
        parties=count_cell(associations, min_count),
        party_kind="associations",
        note="Now only: the graph does not record when an association added a tool (a tool's optional `since` is "
        "what the association says, not when it was recorded), so there is no history by month yet.",
    )


def _months(now: dt.datetime, count: int) -> list[dt.date]:
    """The first days of the `count` months up to `now`'s, oldest first."""
    year, month = now.year, now.month
    firsts = []
    for _ in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def tool_adoption_by_month(
    rows: Sequence[AdoptionMonthRow], associations: int, now: dt.datetime, min_count: int
) -> Table:
    """At the end of each month (the current one: so far), the associations that had recorded a tool they still use,
    and an open-source one: running sums of when each recorded its first."""
    table: list[list[Cell]] = []
    months = _months(now, ADOPTION_MONTHS)
    for first in months:
        upto = first.year * 100 + first.month

        def by(kind: str, upto: int = upto) -> int:
            return sum(row["associations"] for row in rows if row["kind"] == kind and row["month"] <= upto)

        using, open_source = count_cell(by("any"), min_count), count_cell(by("open"), min_count)
        if using.value is not None and count_cell(by("any") - by("open"), min_count).suppressed:
            open_source = Cell(shown=SUPPRESSED_TOTAL, suppressed=True)  # or it gives the few others away
        table.append([Cell.label(first.strftime("%Y-%m")), using, open_source, share_cell(open_source, using)])
    return Table(
        key="tool_adoption_by_month",
        title="Tool adoption by month",
        columns=["month", "associations using one", "of them open source", "open-source share"],
        rows=table,
        covered_from=dt.datetime.combine(months[0], dt.time(), tzinfo=dt.UTC),
        covered_to=now,
        parties=count_cell(associations, min_count),
        party_kind="associations",
        note="At each month's end (this month: so far), the associations using a tool of any category and those "
        "using an open-source one, by when the association recorded the tool on its profile. Only the tools they "
        "use today count: one dropped since is not counted in the months it was used. Tools recorded before the "
        "dates were kept count from the first month.",
    )


def suggestion_funnel(rows: Sequence[FunnelRow], now: dt.datetime, min_count: int) -> Table:
    table: list[list[Cell]] = []
    totals: list[Cell] = []
    for row in rows:
        states = [count_cell(row[key], min_count) for key in ("open", "connected", "declined", "expired")]
        proposed = total_cell(row["proposed"], states, min_count)  # the states partition what was proposed
        open_, connected, declined, expired = states
        seen = count_cell(row["seen"], min_count)
        taken = count_cell(row["acceptedByOne"], min_count)
        table.append([Cell.label(row["kind"]), proposed, seen, open_, taken, connected, declined, expired])
        table[-1].append(share_cell(connected, proposed))
        totals.append(proposed)
    firsts = [row["first"] for row in rows if row["first"] is not None]
    return Table(
        key="suggestion_funnel",
        title="Suggestion funnel by kind",
        columns=["kind", *FUNNEL, "connected share"],
        rows=table,
        covered_from=min(firsts) if firsts else None,
        covered_to=now,
        parties=total_cell(sum(row["proposed"] for row in rows), totals, min_count),
        party_kind="suggestions",
        note="Every suggestion the graph holds, from the first one made. Open, connected, declined and expired "
        "partition them. Seen counts those a side saw (the web client marks the cards it shows) or answered, from "
        "when seeing was first recorded; accepted by one side counts those a side took up.",
    )


def reason_acceptance(rows: Sequence[ReasonRow], now: dt.datetime, min_count: int) -> Table:
    """By reason code (in the order of the codes), the suggestions carrying it and how they fared, as the funnel
    counts them; the row with code "" (every suggestion with a reason) gives the parties."""
    by_code = {row["code"]: row for row in rows}
    table: list[list[Cell]] = []
    for code in (code for code in Code if code in by_code):
        row = by_code[code]
        states = [count_cell(row[key], min_count) for key in ("open", "connected", "declined", "expired")]
        carrying = total_cell(row["carrying"], states, min_count)  # the states partition the suggestions carrying it
        taken, seen = count_cell(row["acceptedByOne"], min_count), count_cell(row["seen"], min_count)
        # or they give the few no side took up, or no side saw, away
        if carrying.value is not None and count_cell(row["carrying"] - row["acceptedByOne"], min_count).suppressed:
            taken = Cell(shown=SUPPRESSED_TOTAL, suppressed=True)
        if carrying.value is not None and count_cell(row["carrying"] - row["seen"], min_count).suppressed:
            seen = Cell(shown=SUPPRESSED_TOTAL, suppressed=True)
        open_, connected, declined, expired = states
        table.append([Cell.label(code), carrying, seen, open_, taken, connected, declined, expired])
        table[-1].append(share_cell(taken, carrying))
    every = by_code.get("")
    firsts = [row["first"] for row in rows if row["first"] is not None]
    return Table(
        key="reason_acceptance",
        title="Acceptance by reason",
        columns=["reason", "suggestions carrying it", *FUNNEL[1:], "acceptance share"],
        rows=table,
        covered_from=min(firsts) if firsts else None,
        covered_to=now,
        parties=count_cell(every["carrying"] if every else 0, min_count),
        party_kind="suggestions",
        note="Every suggestion the graph holds (peer, mentoring and event invites), counted under each reason code it "
        "carries, in any place of its reasons: a suggestion with several codes counts in several rows, so the rows "
        "do not add up to the suggestions. The acceptance share is the share accepted by one side. Codes no "
        "suggestion carries are left out.",
    )


def volunteer_load(rows: Sequence[LoadRow], now: dt.datetime, min_count: int) -> Table:
    counts = {(row["band"], row["load"]): row["volunteers"] for row in rows}
    table: list[list[Cell]] = []
    every: list[Cell] = []
    for band, label in BANDS.items():
        cells = [count_cell(counts.get((band, load), 0), min_count) for load in range(len(LOADS))]
        total = sum(counts.get((band, load), 0) for load in range(len(LOADS)))
        table.append([Cell.label(label), *cells, total_cell(total, cells, min_count)])
        every += cells
    return Table(
        key="volunteer_load",
        title="Volunteers' load against their capacity",
        columns=["hours per month", *LOADS, "volunteers"],
        rows=table,
        covered_from=None,
        covered_to=now,
        parties=total_cell(sum(counts.values()), every, min_count),
        party_kind="volunteers",
        note="Volunteers by the hours a month they offer and the associations they mentor now; a distribution, "
        "never a person.",
    )


def event_reach(rows: Sequence[ReachRow], associations: int, now: dt.datetime, min_count: int) -> Table:
    firsts = [row["first"] for row in rows if row["first"] is not None]
    lasts = [row["last"] for row in rows if row["last"] is not None]
    return Table(
        key="event_reach",
        title="Event reach by district and target group",
        columns=["district", "target group", "associations invited", "associations registered"],
        rows=[
            [
                Cell.label(row["district"] or NO_DISTRICT),
                Cell.label(row["targetGroup"] or NO_TARGET_GROUP),
                count_cell(row["invited"], min_count),
                count_cell(row["registered"], min_count),
            ]
            for row in rows
        ],
        covered_from=min(firsts) if firsts else None,
        covered_to=max([*lasts, now]),
        parties=count_cell(associations, min_count),
        party_kind="associations",
        note="Associations invited to or registered for any event the graph holds (the period runs from the first "
        "event's start to the later of the last one's and now). An association counts once per target group it "
        "serves, whatever the number of events; attendance is not recorded.",
    )


def _exposure_row(
    label: str, associations: int, slots: int, everyone: int, all_slots: int, min_count: int
) -> list[Cell]:
    counted, held = count_cell(associations, min_count), count_cell(slots, min_count)
    share, slot_share = (
        share_cell(counted, count_cell(everyone, min_count)),
        share_cell(held, count_cell(all_slots, min_count)),
    )
    if share.value and slot_share.value is not None:
        ratio = Cell(shown=f"{slot_share.value / share.value:.2f}", value=round(slot_share.value / share.value, 2))
    else:
        hidden = share.suppressed or slot_share.suppressed
        ratio = Cell(shown=SUPPRESSED_TOTAL if hidden else "-", suppressed=hidden)
    return [Cell.label(label), counted, share, held, slot_share, ratio]


def peer_exposure(
    counted: Sequence[GroupCountRow], slots: Sequence[GroupCountRow], now: dt.datetime, min_count: int
) -> Table:
    associations = {(row["kind"], row["label"]): row["count"] for row in counted}
    held = {(row["kind"], row["label"]): row["count"] for row in slots}
    everyone, all_slots = associations.get(("all", ""), 0), held.get(("all", ""), 0)
    keys = [("small", ""), *sorted(key for key in associations if key[0] == "group")]
    table = [
        _exposure_row(
            "small associations (no paid staff)" if kind == "small" else label,
            associations.get((kind, label), 0),
            held.get((kind, label), 0),
            everyone,
            all_slots,
            min_count,
        )
        for kind, label in keys
    ]
    return Table(
        key="peer_exposure",
        title="Exposure in the top-10 peer slots against the share of associations",
        columns=["group", "associations", "share of associations", "top-10 peer slots", "share of slots", "exposure"],
        rows=table,
        covered_from=None,
        covered_to=now,
        parties=count_cell(everyone, min_count),
        party_kind="associations",
        note=f"Each association's ten best open or connected peer suggestions ({all_slots} slots in all, counted for "
        "the association shown in them). Exposure is the share of slots over the share of associations: below 1 the "
        "group is shown less often than its size would have it. Small: without paid staff, as event outreach counts.",
    )
