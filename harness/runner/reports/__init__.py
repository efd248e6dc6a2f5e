"""Reporters of a run: the console as it goes, JUnit XML and JSON files at the end."""
