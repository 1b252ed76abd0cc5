"""Benchmarks: `make bench` runs them all, prints figures and writes bench-results/*.json.

Targets are checked as ratios against baselines measured in the same run, since the
machines are noisy; absolute times are reported for information.
"""
