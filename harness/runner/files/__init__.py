"""Scenario files: YAML with lines, the schema, and every problem found before a run."""
