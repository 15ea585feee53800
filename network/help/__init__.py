"""Technical help: questions about a tool or a skill, routed to the volunteers who fit best, answered by mail or in
the web client."""
