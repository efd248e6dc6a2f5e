"""chansim simulators: stateful channel servers built from the specs in specs/."""
