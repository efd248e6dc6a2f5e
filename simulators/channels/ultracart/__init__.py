"""UltraCart distribution-center transport simulator (specs/ultracart/dc-transport.wsdl)."""

from simulators.channels.ultracart.definition import UltraCartChannel

CHANNEL = UltraCartChannel()
