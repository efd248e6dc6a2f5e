"""Benchmarks: ``python -m bench`` (``make bench``) prints one table; ``python -m bench.soak``."""
