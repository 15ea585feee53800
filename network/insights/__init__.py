"""Staff insights: small tables of counts over the whole graph, private by construction."""
