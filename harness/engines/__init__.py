"""Engines under test: the interface the runner drives, and the ways to plug one in."""
