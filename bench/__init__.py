"""Benchmarks with their own data generators (see README.md)."""
