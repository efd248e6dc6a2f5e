"""Shared simulator machinery. Names no channel."""
