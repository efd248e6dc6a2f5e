"""The reference platform engine: what a shipping platform does with a connected store."""
