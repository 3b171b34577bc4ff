"""Benchmarks (not run by the tests); see bench/README.md."""
