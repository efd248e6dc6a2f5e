"""The ``chansim`` subcommands, one module each."""
