"""Spark Shipping (a dropship router) on the Custom Store protocol (specs/customstore/)."""

from simulators.channels.spark.flavour import SPARK
from simulators.core.protocols.custom_store.definition import CustomStoreChannel
from simulators.core.protocols.custom_store.starting_states import custom_store_states

CHANNEL = CustomStoreChannel(SPARK, custom_store_states())
