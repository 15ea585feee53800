"""The web client: its built files (web/dist) served at / beside the API, and GraphiQL from them."""
