"""Where a run's simulators live (in this process or elsewhere) and their control planes."""
