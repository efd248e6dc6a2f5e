"""The platform side of each channel: one adapter module per channel, a real API client."""
