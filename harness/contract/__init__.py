"""``chansim contract``: check a running server (a simulator or a real channel's sandbox)
against one of chansim's specs, one checker module per protocol."""
