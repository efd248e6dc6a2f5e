"""A simulator's settings: where the real channel varies (or misbehaves), what it does here.

A channel offers its settings as a :class:`SettingBook` (``ChannelDefinition.offered_settings``).
They are set with ``POST /__sim/reset {"settings": {...}}``, a scenario's
``simulator: {settings: {...}}``, or ``chansim serve --setting CHANNEL.NAME=VALUE``, checked
here (a wrong name or value is refused naming it), and listed in the generated vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting: its values and what each does.

    A one-of setting takes one value (the first is the default). A ``many`` setting takes a
    list of its values, ``true`` for all of them or ``false`` for none (the default).
    """

    name: str
    doc: str
    #: Each value and what it does (the first is a one-of setting's default).
    values: Mapping[str, str]
    many: bool = False

    @property
    def default(self) -> Any:
        """What a simulator does when the setting is not given."""
        return [] if self.many else next(iter(self.values))

    def check(self, channel: str, value: Any) -> Any:
        """``value`` normalised (a sorted list for ``many``); ValueError naming what is wrong."""
        known = ", ".join(self.values)
        if not self.many:
            if value not in self.values:
                raise ValueError(
                    f"{channel} setting {self.name!r}: {value!r} is not one of {known}"
                )
            return value
        if value is True or value is False:
            return sorted(self.values) if value else []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(
                f"{channel} setting {self.name!r}: give true, false or a list of {known}"
            )
        unknown = sorted(set(value) - set(self.values))
        if unknown:
            raise ValueError(
                f"{channel} setting {self.name!r}: {unknown[0]!r} is not one of {known}"
            )
        return sorted(set(value))


class SettingBook:
    """The settings one channel offers."""

    def __init__(self, *settings: Setting) -> None:
        self._settings = {s.name: s for s in settings}

    def check(self, channel: str, given: Mapping[str, Any]) -> dict[str, Any]:
        """Every setting, given ones checked and the rest at their defaults."""
        unknown = sorted(set(given) - set(self._settings))
        if unknown:
            offered = ", ".join(self._settings) or "none"
            raise ValueError(f"{channel} has no setting {unknown[0]!r}; its settings: {offered}")
        return {
            name: setting.check(channel, given[name]) if name in given else setting.default
            for name, setting in self._settings.items()
        }

    def __iter__(self) -> Iterator[Setting]:
        return iter(self._settings.values())

    def __len__(self) -> int:
        return len(self._settings)
