// Accounts made before sign-up needed verification were trusted with what they could read then: they keep it.
// New sign-ups start unverified; the command line and staff verify them.
MATCH (a:Account) WHERE a.verified IS NULL
SET a.verified = true, a.verifiedAt = coalesce(a.createdAt, datetime());
