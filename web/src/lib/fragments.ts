import { graphql } from '../gql';

/** Everything an association's page and editor show. Uses the operation's `$language`. */
export const AssociationProfileFragment = graphql(`
  fragment AssociationProfile on Association {
    id
    slug
    name
    description
    members
    paidStaff
    languages
    visibility
    contactEmail
    canEdit
    createdAt
    updatedAt
    district {
      slug
      name
    }
    fields {
      slug
      label(language: $language)
    }
    targetGroups {
      slug
      label(language: $language)
    }
    tools {
      proficiency
      since
      tool {
        slug
        name
        openSource
      }
    }
    considers {
      slug
      name
    }
    needs {
      minLevel
      priority
      skill {
        slug
        label(language: $language)
      }
    }
  }
`);

/** A volunteer's page and editor. Uses the operation's `$language`. */
/** What every association mutation answers: the saved profile, or the problems with the input. */
export const AssociationResultFragment = graphql(`
  fragment AssociationResult on AssociationPayload {
    association {
      ...AssociationProfile
    }
    errors {
      field
      code
      message
    }
  }
`);

export const VolunteerProfileFragment = graphql(`
  fragment VolunteerProfile on Volunteer {
    id
    slug
    displayName
    bio
    languages
    remote
    hoursPerMonth
    maxMentees
    contactEmail
    canEdit
    district {
      slug
      name
    }
    skills {
      level
      skill {
        slug
        label(language: $language)
      }
    }
    tools {
      proficiency
      tool {
        slug
        name
        openSource
      }
    }
  }
`);

/** A suggestion as a card shows it: reasons first, the candidate with what the reasons refer to. */
export const SuggestionCardFragment = graphql(`
  fragment SuggestionCard on Suggestion {
    id
    kind
    score
    status
    youAccepted
    seen
    computedAt
    reasons {
      code
      detail
      share
      direction
    }
    candidate {
      __typename
      ... on Association {
        id
        slug
        name
        paidStaff
        contactEmail
        district {
          slug
          name
        }
        needs {
          minLevel
          skill {
            slug
          }
        }
      }
      ... on Volunteer {
        id
        slug
        displayName
        remote
        hoursPerMonth
        contactEmail
        district {
          slug
          name
        }
        skills {
          level
          skill {
            slug
          }
        }
      }
    }
  }
`);
