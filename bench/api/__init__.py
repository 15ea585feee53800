"""The API suite's parts: the operations, their inputs, the floor, the peer, the load process and the comparison."""
