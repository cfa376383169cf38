"""Fuzz tests (hypothesis, CI-sized); the long run is bench/fuzz.py."""
