"""How big the graph is: nodes per label, recorded by a background job."""
