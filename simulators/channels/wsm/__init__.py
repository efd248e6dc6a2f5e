"""Web Shop Manager (auto parts) on the Custom Store protocol (specs/customstore/)."""

from simulators.channels.wsm.flavour import WSM
from simulators.core.protocols.custom_store.definition import CustomStoreChannel
from simulators.core.protocols.custom_store.starting_states import custom_store_states

CHANNEL = CustomStoreChannel(WSM, custom_store_states())
