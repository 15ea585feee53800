"""Who may do what: every authorisation decision of the service lives here, and services and resolvers ask it.

A `Viewer` says who is asking; the functions below decide. Reading rules answer with a value (a private field reads as
null, a hidden list is empty), writing rules raise `NotPermitted` with a message that says what would be allowed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from network.kit.errors import NotPermitted


class Role(StrEnum):
    STAFF = "STAFF"  # programme staff: sees and may change everything
    MEMBER = "MEMBER"  # acts for the associations it created or was linked to
    VOLUNTEER = "VOLUNTEER"  # has one volunteer profile


@dataclass(frozen=True)
class Viewer:
    """The caller of one request. Anonymous when `account_id` is None.

    An account that is not verified yet has an `account_id` (for its own account: `me`, log-out, its password, its
    data) but reads everything else as an anonymous caller does: `signed_in` is False for it.
    """

    account_id: str | None = None
    role: Role | None = None
    acts_for: frozenset[str] = field(default_factory=frozenset)  # ids of the associations / volunteer it acts for
    introduced_to: frozenset[str] = field(default_factory=frozenset)  # ids connected to those by double opt-in
    verified: bool = False  # staff verified the account (or, later, its owner's e-mail link)

    @property
    def signed_in(self) -> bool:
        """Whether the viewer reads what signed-in users read: a verified account (staff always are)."""
        return self.account_id is not None and (self.verified or self.is_staff)

    @property
    def is_staff(self) -> bool:
        return self.role is Role.STAFF

    def may_change(self, subject_id: str) -> bool:
        """Only the accounts acting for a subject may change it; staff may change anything."""
        return self.is_staff or subject_id in self.acts_for

    def may_read_private(self, subject_id: str) -> bool:
        """Contact data and other private fields: the subject itself, staff, and mutually introduced parties."""
        return self.may_change(subject_id) or subject_id in self.introduced_to

    def acting_for(self, subject_id: str) -> "Viewer":
        """This viewer after it created `subject_id` in this request."""
        return replace(self, acts_for=self.acts_for | {subject_id})

    def introduced(self, subject_id: str) -> "Viewer":
        """This viewer after a double opt-in in this request introduced it to `subject_id`."""
        return replace(self, introduced_to=self.introduced_to | {subject_id})

    def visibilities(self) -> list[str]:
        """Which association and event visibilities this viewer may list."""
        return ["PUBLIC", "MEMBERS"] if self.signed_in else ["PUBLIC"]


ANONYMOUS = Viewer()
EVERY_VISIBILITY = ["PUBLIC", "MEMBERS"]
SIGN_IN = "Sign in first: send `Authorization: Bearer <token>` (see logIn)."
VOLUNTEERS_SIGN_IN = "Volunteer profiles are shown to signed-in users only; send a bearer token (see logIn)."
UNVERIFIED = (
    "Your account is not verified yet: staff verify new accounts before they create profiles or see volunteers and "
    "members' content."
)


# Reading


def may_read_volunteers(viewer: Viewer) -> bool:
    """Volunteers are private persons: their profiles are never shown anonymously, nor to unverified accounts."""
    return viewer.signed_in


def require_volunteers_readable(viewer: Viewer) -> None:
    if not may_read_volunteers(viewer):
        raise NotPermitted(UNVERIFIED if viewer.account_id else VOLUNTEERS_SIGN_IN)


def may_read_job_runs(viewer: Viewer) -> bool:
    return viewer.is_staff


def may_read_peer_weights(viewer: Viewer) -> bool:
    return viewer.is_staff


def may_read_insights(viewer: Viewer) -> bool:
    """The insights count over every party of the graph: staff only."""
    return viewer.is_staff


def may_edit_events(viewer: Viewer) -> bool:
    return viewer.is_staff


def invite_readers(viewer: Viewer) -> list[str] | None:
    """Whose invites of an event the viewer reads: None for all (staff), else the parties it acts for (to answer
    them); an empty list reads nothing."""
    return None if viewer.is_staff else sorted(viewer.acts_for)


def may_read_event_groups(viewer: Viewer, registered: Iterable[str]) -> bool:
    """An event's groups: staff and the parties registered for it."""
    return viewer.is_staff or not viewer.acts_for.isdisjoint(registered)


def may_read_any_event_groups(viewer: Viewer) -> bool:
    """Whether the viewer could read some event's groups at all (before loading them)."""
    return viewer.is_staff or bool(viewer.acts_for)


def registrations_named(viewer: Viewer) -> list[str]:
    """Whose registrations for an event the viewer reads by name: the parties it acts for (staff included); the
    others' are only counted."""
    return sorted(viewer.acts_for)


def may_read_suggestions_of(viewer: Viewer, party_id: str) -> bool:
    """A party's suggestion lists: the party itself and staff; nobody else, not even an introduced party."""
    return viewer.may_change(party_id)


def suggestion_sides(viewer: Viewer, party: str, candidate: str) -> list[str]:
    """The sides of a suggestion that the viewer acts for (both, one, or none)."""
    return [p for p in (party, candidate) if p in viewer.acts_for]


def may_read_suggestion(viewer: Viewer, party: str, candidate: str, *, invite: bool) -> bool:
    """Its parties and staff; an event invite (the event has no account) only its invited party and staff."""
    if invite:
        return viewer.is_staff or candidate in viewer.acts_for
    return viewer.is_staff or bool(suggestion_sides(viewer, party, candidate))


# Writing


def require_signed_in(viewer: Viewer) -> str:
    """The caller's account id; anonymous callers are asked to sign in."""
    if viewer.account_id is None:
        raise NotPermitted(SIGN_IN)
    return viewer.account_id


def require_staff(viewer: Viewer, refusal: str) -> None:
    """Staff only; `refusal` says what only staff may do."""
    require_signed_in(viewer)
    if not viewer.is_staff:
        raise NotPermitted(refusal)


def require_verified(viewer: Viewer) -> str:
    """The caller's account id, when staff verified the account; anonymous callers are asked to sign in."""
    account_id = require_signed_in(viewer)
    if not viewer.signed_in:
        raise NotPermitted(UNVERIFIED)
    return account_id


def require_association_creator(viewer: Viewer) -> None:
    require_verified(viewer)
    if viewer.role not in (Role.MEMBER, Role.STAFF):
        raise NotPermitted("Only member and staff accounts create associations; volunteers have a volunteer profile.")


def require_volunteer_creator(viewer: Viewer) -> None:
    require_verified(viewer)
    if viewer.role not in (Role.VOLUNTEER, Role.STAFF):
        raise NotPermitted("Only volunteer accounts (and staff) create volunteer profiles.")


def require_may_change(viewer: Viewer, subject_id: str, refusal: str) -> None:
    """Only the accounts acting for a subject, or staff; `refusal` names the subject and the change."""
    if not viewer.may_change(subject_id):
        raise NotPermitted(refusal)


def require_suggestions_readable(viewer: Viewer, party_id: str, field: str) -> str:
    """Watching a party's suggestions (`suggestionsChanged`): whoever may read its lists (`may_read_suggestions_of`);
    returns the account id. `field` names the argument that named the party."""
    account_id = viewer.account_id
    if account_id is None:
        raise NotPermitted(SIGN_IN, field=field)
    if not may_read_suggestions_of(viewer, party_id):
        raise NotPermitted("Only the party itself (an account acting for it) and staff see its suggestions.", field)
    return account_id


def require_suggestion_sides(viewer: Viewer, party: str, candidate: str) -> list[str]:
    """The sides the viewer answers a suggestion for; only its two parties may answer it."""
    sides = suggestion_sides(viewer, party, candidate)
    if not sides:
        raise NotPermitted("Only the two parties of a suggestion may answer it.")
    return sides


def may_register_any(viewer: Viewer) -> bool:
    """Staff may register any party for an event; everyone else only those it acts for."""
    return viewer.is_staff


# Technical questions (network/help)


def may_read_help_question(viewer: Viewer, asker_id: str | None, routed_to: Iterable[str]) -> bool:
    """A question: its asker, the volunteers it was routed to, and staff; nobody else learns it exists."""
    if viewer.is_staff:
        return True
    if viewer.account_id is not None and viewer.account_id == asker_id:
        return True
    return viewer.signed_in and not viewer.acts_for.isdisjoint(routed_to)


def may_read_help_routes(viewer: Viewer) -> bool:
    """Who a question went to, and why: staff only (a volunteer sees its own route)."""
    return viewer.is_staff


def require_help_routed(viewer: Viewer, routed_volunteer: str | None) -> str:
    """The volunteer the viewer claims or answers for: only the volunteers a question was routed to."""
    require_verified(viewer)
    if routed_volunteer is None:
        raise NotPermitted("Only the volunteers this question was sent to may claim and answer it.")
    return routed_volunteer


def require_help_closer(viewer: Viewer, asker_id: str | None) -> None:
    """A question is closed by its asker (withdrawn) or by staff."""
    require_signed_in(viewer)
    if not (viewer.is_staff or viewer.account_id == asker_id):
        raise NotPermitted("Only the person who asked a question, or staff, may close it.")


# Experience reports (network/reports)


def may_read_report(
    viewer: Viewer, status: str, association_id: str, association_visibility: str, author_id: str | None
) -> bool:
    """An approved report: whoever sees its association. Pending and rejected ones: their author, the accounts acting
    for the association, and staff."""
    if status == "APPROVED" and association_visibility in viewer.visibilities():
        return True
    return may_edit_report(viewer, association_id, author_id) or viewer.is_staff


def may_edit_report(viewer: Viewer, association_id: str, author_id: str | None) -> bool:
    """Its author and the accounts acting for its association; staff moderate instead of rewriting."""
    if not viewer.signed_in:
        return False
    return association_id in viewer.acts_for or (author_id is not None and viewer.account_id == author_id)


def may_moderate_reports(viewer: Viewer) -> bool:
    return viewer.is_staff


def require_report_writer(viewer: Viewer, association_id: str) -> str:
    """An association's report is written by an account acting for it; returns the account id."""
    account_id = require_verified(viewer)
    if association_id not in viewer.acts_for:
        raise NotPermitted(
            "Only the accounts acting for this association write its experience reports.", field="association"
        )
    return account_id


def require_report_editor(viewer: Viewer, association_id: str, author_id: str | None) -> str:
    account_id = require_verified(viewer)
    if not may_edit_report(viewer, association_id, author_id):
        raise NotPermitted("Only its author and the accounts acting for its association may change a report.")
    return account_id


def require_report_remover(viewer: Viewer, association_id: str, author_id: str | None) -> None:
    require_verified(viewer)
    if not (viewer.is_staff or may_edit_report(viewer, association_id, author_id)):
        raise NotPermitted("Only its author, the accounts acting for its association, or staff may delete a report.")


def require_report_moderator(viewer: Viewer) -> None:
    require_staff(viewer, "Only staff approve and reject experience reports.")


def require_tip_curator(viewer: Viewer) -> None:
    require_staff(viewer, "Only staff curate a tool's tips.")
