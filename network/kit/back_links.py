"""GraphQL types that a lower package names for its back-links (`Tool.usedBy`, `Association.peerSuggestions`, ...).

The schema is a graph: a type refers to types of packages above it, whose modules import its own. strawberry resolves
these names by module path when it builds the schema, so no import cycle forms at run time; the imports below are for
the type checker only.
"""

from typing import TYPE_CHECKING, Annotated

import strawberry

if TYPE_CHECKING:
    from network.associations.types import Association
    from network.event_groups.types import EventGroup
    from network.reports.types import ExperienceReport, ToolRating, ToolTip
    from network.suggestions.types import Suggestion
    from network.volunteers.types import Volunteer

LazyAssociation = Annotated["Association", strawberry.lazy("network.associations.types")]
LazyVolunteer = Annotated["Volunteer", strawberry.lazy("network.volunteers.types")]
LazySuggestion = Annotated["Suggestion", strawberry.lazy("network.suggestions.types")]
LazyEventGroup = Annotated["EventGroup", strawberry.lazy("network.event_groups.types")]
LazyExperienceReport = Annotated["ExperienceReport", strawberry.lazy("network.reports.types")]
LazyToolRating = Annotated["ToolRating", strawberry.lazy("network.reports.types")]
LazyToolTip = Annotated["ToolTip", strawberry.lazy("network.reports.types")]
