"""Who is asking: the one authorisation rule for private fields, visibility and changes lives here."""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    STAFF = "STAFF"  # programme staff: sees and may change everything
    MEMBER = "MEMBER"  # acts for the associations it created or was linked to
    VOLUNTEER = "VOLUNTEER"  # has one volunteer profile


@dataclass(frozen=True)
class Viewer:
    """The caller of one request. Anonymous when `account_id` is None."""

    account_id: str | None = None
    role: Role | None = None
    acts_for: frozenset[str] = field(default_factory=frozenset)  # ids of the associations / volunteer it acts for
    introduced_to: frozenset[str] = field(default_factory=frozenset)  # ids connected to those by double opt-in

    @property
    def signed_in(self) -> bool:
        return self.account_id is not None

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
        return Viewer(self.account_id, self.role, self.acts_for | {subject_id}, self.introduced_to)

    def visibilities(self) -> list[str]:
        """Which association and event visibilities this viewer may list."""
        return ["PUBLIC", "MEMBERS"] if self.signed_in else ["PUBLIC"]


ANONYMOUS = Viewer()
EVERY_VISIBILITY = ["PUBLIC", "MEMBERS"]
SIGN_IN = "Sign in first: send `Authorization: Bearer <token>` (see logIn)."
