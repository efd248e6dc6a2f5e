"""uvicorn's server, stopped without waiting on its polls.

uvicorn's ``Server`` checks ``should_exit`` every 0.1 s (its main loop also refreshes the
``date`` header then), and its shutdown sleeps 0.1 s after asking connections to close, then
polls them every 0.1 s: stopping the simulators cost 0.15-0.2 s of sleeping, at the end of
every ``chansim run`` and every test that starts them. :class:`PromptServer` keeps the same
loop and the same shutdown steps, but :meth:`PromptServer.wake` ends the wait at once, and
the shutdown waits only while a connection is still open.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

import uvicorn

#: uvicorn's tick: the main loop checks ``should_exit`` and refreshes the date this often.
_TICK = 0.1
#: How often the shutdown looks whether the connections it asked to close have closed.
_DRAIN_POLL = 0.002


class PromptServer(uvicorn.Server):
    """A uvicorn server whose stop is not delayed by its polling intervals."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._woken: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def main_loop(self) -> None:
        """uvicorn's main loop (``on_tick`` every 0.1 s until it says to exit), which
        :meth:`wake` interrupts."""
        self._loop = asyncio.get_running_loop()
        self._woken = asyncio.Event()
        counter = 0
        should_exit: bool = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864_000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), _TICK)
            should_exit = await self.on_tick(counter)

    def wake(self) -> None:
        """From any thread, after setting ``should_exit``: end the main loop's wait now."""
        loop, woken = self._loop, self._woken
        if loop is None or woken is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop has already closed
            loop.call_soon_threadsafe(woken.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown steps: stop accepting, ask every connection to close (an idle
        one closes now, a busy one after its response), wait until they have, then end the
        lifespan; without its fixed sleep and its 0.1 s polls."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        state = self.server_state
        while (state.connections or state.tasks) and not self.force_exit:
            await asyncio.sleep(_DRAIN_POLL)
        for server in self.servers:
            await server.wait_closed()
        if not self.force_exit:
            await self.lifespan.shutdown()
