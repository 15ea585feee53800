"""The GraphQL documents of the soak's mix that the API suite does not already have (its page, list and search)."""

ME = """
query {
  me {
    id
    volunteer { slug bio hoursPerMonth menteeSuggestions(first: 5) { id status youAccepted } }
  }
}
"""

VOLUNTEERS = """
query {
  volunteers(first: 10) { nodes { slug displayName district { slug } } }
}
"""

CREATE_PROFILE = """
mutation ($input: CreateVolunteerProfileInput!) {
  createVolunteerProfile(input: $input) { volunteer { slug } errors { field code message } }
}
"""

UPDATE_PROFILE = """
mutation ($slug: String!, $input: UpdateVolunteerProfileInput!) {
  updateVolunteerProfile(slug: $slug, input: $input) { volunteer { slug bio } errors { field code message } }
}
"""

LOG_IN = """
mutation ($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { token errors { field code message } }
}
"""

ANSWER = """
mutation ($id: ID!) {
  respondToSuggestion(id: $id, accept: true) { suggestion { id youAccepted } errors { field code message } }
}
"""

PROFILE_OF = """
query ($slug: String!) {
  volunteer(slug: $slug) { slug bio }
}
"""

SUGGESTION = """
query ($id: ID!) {
  node(id: $id) { ... on Suggestion { id status youAccepted } }
}
"""

CATALOGUE = """
query {
  skills { slug }
  districts { slug }
  tools { slug }
}
"""
