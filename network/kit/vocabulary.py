"""Enumerations that several domains share, as GraphQL enums too (strawberry registers them on the class itself)."""

from enum import StrEnum

import strawberry


@strawberry.enum(description="How well a tool is mastered.")
class Proficiency(StrEnum):
    BEGINNER = "BEGINNER"
    INTERMEDIATE = "INTERMEDIATE"
    EXPERT = "EXPERT"


@strawberry.enum(description="PUBLIC: listed to everyone; MEMBERS: to signed-in users only.")
class Visibility(StrEnum):
    PUBLIC = "PUBLIC"  # listed to everyone
    MEMBERS = "MEMBERS"  # listed to signed-in users only


@strawberry.enum(description="The order of a tool's experience reports.")
class ReportOrder(StrEnum):
    NEWEST = "NEWEST"
    BEST_RATED = "BEST_RATED"  # highest rating first, newest first among equals
