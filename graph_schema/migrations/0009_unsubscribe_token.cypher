// The one-click unsubscribe link names its account by a random token: found through an index, never by a scan.
CREATE CONSTRAINT account_unsubscribe_token IF NOT EXISTS FOR (a:Account) REQUIRE a.unsubscribeToken IS UNIQUE;
