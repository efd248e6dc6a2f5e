"""The wire protocols channels speak; each module exposes ``PROTOCOL``."""
