"""Tests of network/search/ on the real stack."""
