"""E-mail: rendering and delivering the outbox over SMTP, digests, preferences and the one-click unsubscribe."""
