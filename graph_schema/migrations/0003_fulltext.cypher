// Ranked text search across associations and volunteers.
CREATE FULLTEXT INDEX party_text IF NOT EXISTS
FOR (n:Association|Volunteer) ON EACH [n.name, n.description, n.displayName, n.bio];
