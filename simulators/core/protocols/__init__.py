"""The wire protocols chansim serves; each module exposes ``PROTOCOL`` (see ``protocol.py``)."""
