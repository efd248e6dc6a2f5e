"""Scenario files: loading and validation, steps, checks, the run, and its reports."""
