"""The scenario runner: its vocabulary (steps/, checks/), scenario files/, worlds/ of
simulators, the execution/ of a run, and its reports/."""
