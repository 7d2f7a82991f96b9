"""Benchmarks of the clinic app against the bare libraries it is built on.

Run with ``python -m benchmarks``; see docs/performance.md.
"""
