"""Running a scenario: setting up its channels, taking its steps, checking, and its results."""
