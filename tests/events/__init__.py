"""Tests of network/events/ on the real stack."""
