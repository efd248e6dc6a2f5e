"""Bluepark REST API v1 simulator (specs/bluepark/openapi.yaml)."""

from simulators.channels.bluepark.definition import BlueparkChannel

CHANNEL = BlueparkChannel()
