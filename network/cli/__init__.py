"""The `network` command line: service, worker, schema, data and the local stack."""
