"""Tests of network/volunteers/ on the real stack."""
