"""The operations as GraphQL documents: ours (our schema) and the peer's (the official library's schema).

Each pair asks for the same fields; where a schema spells a thing differently (the peer's `districts` list, its
relationship properties under `...Connection.edges.properties`), `normalise.py` maps both to one shape.
"""

OUR_PAGE = """
query ($slug: String!) {
  association(slug: $slug) {
    slug name description members paidStaff languages
    district { slug name }
    fields { slug label }
    tools { proficiency since tool { slug name openSource } }
    needs { minLevel priority skill { slug label } }
    peerSuggestions(first: 10) { score reasons { code detail } candidate { ... on Association { slug name } } }
  }
}
"""

OUR_LIST = """
query ($tools: [String!]!, $district: String!) {
  associations(filter: {usesTools: $tools, districts: [$district]}, first: 20) {
    pageInfo { hasNextPage endCursor }
    edges { node { slug name tools { proficiency tool { slug name } } } }
  }
}
"""

OUR_SEARCH = """
query ($text: String!, $first: Int!) {
  search(text: $text, first: $first) { score party { ... on Association { slug name } } }
}
"""

OUR_SET_TOOLS = """
mutation ($slug: String!, $tools: [ToolUsageInput!]!) {
  setAssociationTools(slug: $slug, tools: $tools) {
    association { slug tools { proficiency tool { slug } } }
    errors { field code message }
  }
}
"""

# The web client's suggestion card (web/src/lib/fragments.ts) and its two inboxes (web/src/pages/Inbox.tsx).
SUGGESTION_CARD = """
fragment SuggestionCard on Suggestion {
  id kind score status youAccepted computedAt
  reasons { code detail share direction }
  candidate {
    __typename
    ... on Association {
      id slug name paidStaff contactEmail
      district { slug name }
      needs { minLevel skill { slug } }
    }
    ... on Volunteer {
      id slug displayName remote hoursPerMonth contactEmail
      district { slug name }
      skills { level skill { slug } }
    }
  }
}
"""

OUR_INBOX = (
    """
query AssociationInbox($slug: String!, $first: Int!) {
  association(slug: $slug) {
    id slug name
    peerSuggestions(first: $first) { ...SuggestionCard }
    mentorSuggestions(first: $first) { ...SuggestionCard }
  }
}
"""
    + SUGGESTION_CARD
)

OUR_MENTEE = (
    """
query VolunteerInbox($slug: String!, $first: Int!) {
  volunteer(slug: $slug) {
    id slug displayName
    menteeSuggestions(first: $first) { ...SuggestionCard }
  }
}
"""
    + SUGGESTION_CARD
)

# As the card's accept button sends it (web/src/components/SuggestionCard.tsx).
OUR_RESPOND = """
mutation RespondToSuggestion($id: ID!, $accept: Boolean!) {
  respondToSuggestion(id: $id, accept: $accept) {
    suggestion { id status }
    errors { field code message }
  }
}
"""

PEER_PAGE = """
query ($slug: String!) {
  associations(where: {slug: {eq: $slug}}) {
    slug name description members paidStaff languages
    districts { slug name }
    fields(sort: [{slug: ASC}]) { slug labelDe }
    toolsConnection(sort: [{node: {slug: ASC}}]) {
      edges { properties { proficiency since } node { slug name openSource } }
    }
    needsConnection { edges { properties { minLevel priority } node { slug labelDe } } }
    peerSuggestions(first: 10) { score reasons for { slug name } of { slug name } }
  }
}
"""

PEER_LIST = """
query ($tool1: String!, $tool2: String!, $district: String!) {
  associationsConnection(
    first: 20, sort: [{slug: ASC}],
    where: {visibility: {eq: "PUBLIC"}, districts: {some: {slug: {eq: $district}}},
            AND: [{tools: {some: {slug: {eq: $tool1}}}}, {tools: {some: {slug: {eq: $tool2}}}}]}
  ) {
    pageInfo { hasNextPage endCursor }
    edges { node { slug name toolsConnection(sort: [{node: {slug: ASC}}]) {
      edges { properties { proficiency } node { slug name } } } } }
  }
}
"""

# Our API shows anonymous callers PUBLIC associations only; the peer has no such rule, so the query states it.
PEER_SEARCH = """
query ($phrase: String!, $first: Int!) {
  searchAssociations(phrase: $phrase, first: $first, where: {node: {visibility: {eq: "PUBLIC"}}},
                     sort: [{score: DESC}, {node: {slug: ASC}}]) {
    edges { score node { slug name } }
  }
}
"""

# The card in the peer's schema: the stored reasons (JSON text, as the FOR side sees them) with the tools they name
# and those tools' shares; the sides as relationships, the one that is not the reader being the candidate.
PEER_ASSOCIATION_CARD = """
fragment AssociationCard on Association {
  id slug name paidStaff contactEmail
  districts { slug name }
  needsConnection { edges { properties { minLevel } node { slug } } }
}
"""

PEER_SUGGESTION = """
fragment StoredSuggestion on Suggestion {
  id kind score status acceptedBy computedAt reasons namedTools { slug usageShare }
}
"""

PEER_INBOX = (
    """
query ($slug: String!, $first: Int!) {
  associations(where: {slug: {eq: $slug}}) {
    id slug name
    peerSuggestions(first: $first) {
      ...StoredSuggestion
      for(where: {NOT: {slug: {eq: $slug}}}) { ...AssociationCard }
      of(where: {NOT: {slug: {eq: $slug}}}) { ...AssociationCard }
    }
    suggestionsFor(where: {kind: {eq: "MENTORING"}, status: {in: ["PROPOSED", "ACCEPTED"]}},
                   sort: [{score: DESC}, {id: ASC}], limit: $first) {
      ...StoredSuggestion
      mentor {
        id slug displayName remote hoursPerMonth contactEmail
        districts { slug name }
        skillsConnection { edges { properties { level } node { slug } } }
      }
    }
  }
}
"""
    + PEER_SUGGESTION
    + PEER_ASSOCIATION_CARD
)

PEER_MENTEE = (
    """
query ($slug: String!, $first: Int!) {
  volunteers(where: {slug: {eq: $slug}}) {
    id slug displayName
    suggestionsOf(where: {kind: {eq: "MENTORING"}, status: {in: ["PROPOSED", "ACCEPTED"]}},
                  sort: [{score: DESC}, {id: ASC}], limit: $first) {
      ...StoredSuggestion
      for { ...AssociationCard }
    }
  }
}
"""
    + PEER_SUGGESTION
    + PEER_ASSOCIATION_CARD
)
