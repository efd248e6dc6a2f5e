"""chansim harness: the platform side (engine, channel adapters, scenario runner, CLI)."""
