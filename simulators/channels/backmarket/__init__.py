"""Back Market seller API simulator (specs/backmarket/openapi.yaml)."""

from simulators.channels.backmarket.definition import BackMarketChannel

CHANNEL = BackMarketChannel()
