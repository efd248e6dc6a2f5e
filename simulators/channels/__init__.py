"""Channel simulators, one package per channel, each found by its name in specs/channels.yaml."""
