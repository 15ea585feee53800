"""GraphQL types of the staff insights: tables of cells, each saying what it covers."""

import datetime as dt

import strawberry

from network.insights.models import Cell, Table
from network.kit import typed_strawberry as typed


@strawberry.type(description="One cell of an insight: a label, or a count or share that may be suppressed.")
class InsightCell:
    cell: strawberry.Private[Cell]

    @typed.field(description='What a reader sees: a label, "12", "<5", "40%", or "suppressed" for a hidden total.')
    def shown(self) -> str:
        return self.cell.shown

    @typed.field(description="The figure (a share as a fraction of 1); null for labels and suppressed figures.")
    def value(self) -> float | None:
        return self.cell.value

    @typed.field(description="True when the figure is held back so that no association or volunteer is singled out.")
    def suppressed(self) -> bool:
        return self.cell.suppressed


@strawberry.type(description="One insight: a small table, the period it covers and how many parties it counts.")
class InsightTable:
    table: strawberry.Private[Table]

    @typed.field(
        description="unmet_needs, tool_adoption, tool_adoption_by_month, suggestion_funnel, volunteer_load, "
        "event_reach, peer_exposure or reason_acceptance."
    )
    def key(self) -> str:
        return self.table.key

    @typed.field(description="The table's title.")
    def title(self) -> str:
        return self.table.title

    @typed.field(description="The columns' names, in the order of each row's cells.")
    def columns(self) -> list[str]:
        return self.table.columns

    @typed.field(description="The rows, each a cell per column.")
    def rows(self) -> list[list[InsightCell]]:
        return [[InsightCell(cell=cell) for cell in row] for row in self.table.rows]

    @typed.field(description="Start of the period covered; null for a snapshot (as of coveredTo).")
    def covered_from(self) -> dt.datetime | None:
        return self.table.covered_from

    @typed.field(description="End of the period covered: when the figures were taken.")
    def covered_to(self) -> dt.datetime:
        return self.table.covered_to

    @typed.field(description="How many parties (see partyKind) the table was computed from; private like the cells.")
    def parties(self) -> InsightCell:
        return InsightCell(cell=self.table.parties)

    @typed.field(description="What parties counts: associations, volunteers or suggestions.")
    def party_kind(self) -> str:
        return self.table.party_kind

    @typed.field(description="What the figures mean and what they leave out.")
    def note(self) -> str:
        return self.table.note


@strawberry.type(description="Staff insights: what the network does, in counts that name nobody.")
class Insights:
    tables: strawberry.Private[dict[str, Table]]
    min_count: int = strawberry.field(description='Counts below this are shown as "<minCount" (INSIGHTS_MIN_COUNT).')

    @typed.field(description="Associations' needs that no mentor is suggested or assigned for, by skill and district.")
    def unmet_needs(self) -> InsightTable:
        return InsightTable(table=self.tables["unmet_needs"])

    @typed.field(description="Associations using a tool of each category, and how many of them an open-source one.")
    def tool_adoption(self) -> InsightTable:
        return InsightTable(table=self.tables["tool_adoption"])

    @typed.field(
        description="By month (the last twelve), associations using a tool and how many of them an open-source one."
    )
    def tool_adoption_by_month(self) -> InsightTable:
        return InsightTable(table=self.tables["tool_adoption_by_month"])

    @typed.field(
        description="Suggestions by kind: proposed, seen, open, accepted by one side, connected, declined, expired."
    )
    def suggestion_funnel(self) -> InsightTable:
        return InsightTable(table=self.tables["suggestion_funnel"])

    @typed.field(description="Volunteers by the hours a month they offer and the associations they mentor.")
    def volunteer_load(self) -> InsightTable:
        return InsightTable(table=self.tables["volunteer_load"])

    @typed.field(description="Associations invited to and registered for events, by district and target group.")
    def event_reach(self) -> InsightTable:
        return InsightTable(table=self.tables["event_reach"])

    @typed.field(description="Small associations and each target group in the top-10 peer slots against their share.")
    def peer_exposure(self) -> InsightTable:
        return InsightTable(table=self.tables["peer_exposure"])

    @typed.field(
        description="Suggestions by each reason code they carry: seen, open, accepted by one side, connected, "
        "declined, expired, and the share a side took up."
    )
    def reason_acceptance(self) -> InsightTable:
        return InsightTable(table=self.tables["reason_acceptance"])
