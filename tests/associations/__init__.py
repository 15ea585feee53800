"""Tests of network/associations/ on the real stack."""
