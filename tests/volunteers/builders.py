"""The volunteer operations the tests send."""

PROFILE = (
    "id slug displayName bio languages remote hoursPerMonth maxMentees district { slug } "
    "skills { skill { slug } level } tools { tool { slug } proficiency } contactEmail canEdit"
)
PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } }"
ERRORS = "errors { field code message }"

VOLUNTEER = f"query($slug: String!) {{ volunteer(slug: $slug) {{ {PROFILE} }} }}"
VOLUNTEERS = (
    "query($filter: VolunteerFilterInput, $first: Int, $after: String) "
    f"{{ volunteers(filter: $filter, first: $first, after: $after) {{ {PAGE} }} }}"
)
CREATE = (
    "mutation($input: CreateVolunteerProfileInput!) "
    f"{{ createVolunteerProfile(input: $input) {{ volunteer {{ {PROFILE} }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation($slug: String!, $input: UpdateVolunteerProfileInput!) "
    f"{{ updateVolunteerProfile(slug: $slug, input: $input) {{ volunteer {{ {PROFILE} }} {ERRORS} }} }}"
)
