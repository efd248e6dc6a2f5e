"""Example engines under test: how a team plugs its own engine into chansim."""
