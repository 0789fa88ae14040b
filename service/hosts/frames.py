"""Frames between the server and a host process: a small pickled message and its payload, raw.

A frame is a 12-byte head (the message's length, then the payload's), the message pickled, and
the payload as it is: a request body going to the host, an answer's body coming back. The payload
is never pickled and never joined to the head: the writer hands the kernel the buffers it has
(``sendmsg``), and the reader receives a large payload straight into a buffer of its size. So a
50 MB tensor crosses the hop as one copy each way, at the socket's speed.

``Messages`` is the blocking side (a host process: one thread reads, any thread writes under a
lock). ``AsyncLink`` is the server's side: non-blocking, driven by the event loop's reader and
writer callbacks, so a large frame never holds the loop for more than one ``send`` or ``recv``.
"""

from __future__ import annotations

import asyncio
import itertools
import pickle
import select
import socket
import struct
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

HEAD = struct.Struct("<IQ")  # message bytes, payload bytes
BUFFER = 1 << 22  # socket buffers: a few large sends per MB instead of dozens
SMALL = 1 << 16  # a frame this small is joined into one buffer before it is sent


class Framed(Protocol):
    """A message whose large part travels beside it (``payload``), not inside its pickle."""

    def detach(self) -> tuple[Any, bytes | bytearray | memoryview]: ...
    def attach(self, payload: bytearray) -> Any: ...


def encode(message: Any) -> list[bytes | bytearray | memoryview]:
    payload: bytes | bytearray | memoryview = b""
    if hasattr(message, "detach"):
        message, payload = message.detach()
    meta = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    size = memoryview(payload).nbytes
    head = HEAD.pack(len(meta), size)
    if size + len(meta) <= SMALL:
        return [b"".join((head, meta, payload))]
    return [head + meta, payload]


def decode(meta: bytes | bytearray | memoryview, payload: bytearray | None) -> Any:
    message = pickle.loads(meta)
    return message.attach(payload if payload is not None else bytearray()) if hasattr(message, "attach") else message


def tune(sock: socket.socket) -> None:
    for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
        sock.setsockopt(socket.SOL_SOCKET, option, BUFFER)


class Messages:
    """Frames over a blocking socket: ``receive`` on one thread, ``send`` from any."""

    def __init__(self, sock: socket.socket) -> None:
        tune(sock)
        self.sock = sock
        self.buf = bytearray()  # received, not yet read
        self.lock = threading.Lock()

    def receive(self) -> Any:
        """The next message, or ``None`` once the other side has closed."""
        try:
            head = self._exactly(HEAD.size)
            if head is None:
                return None
            n, size = HEAD.unpack(head)
            meta = self._exactly(n)
            payload = self._payload(size) if size else None
            if meta is None or (size and payload is None):
                return None
            return decode(meta, payload)
        except (OSError, EOFError, ValueError):
            return None

    def more(self) -> bool:
        """Whether the next message has begun to arrive already (reading it would not wait long)."""
        return bool(self.buf) or bool(select.select([self.sock], [], [], 0)[0])

    def _exactly(self, n: int) -> bytes | None:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(SMALL, n - len(self.buf)))
            if not chunk:
                return None
            self.buf += chunk
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def _payload(self, size: int) -> bytearray | None:
        """A payload, received straight into a buffer of its size past what was read ahead."""
        payload = bytearray(size)
        have = min(size, len(self.buf))
        payload[:have] = self.buf[:have]
        del self.buf[:have]
        view = memoryview(payload)
        while have < size:
            n = self.sock.recv_into(view[have:])
            if n == 0:
                return None
            have += n
        return payload

    def send(self, message: Any) -> None:
        buffers = [memoryview(b).cast("B") for b in encode(message)]
        with self.lock:
            while buffers:
                sent = self.sock.sendmsg(buffers)
                while buffers and sent >= buffers[0].nbytes:
                    sent -= buffers[0].nbytes
                    buffers.pop(0)
                if buffers and sent:
                    buffers[0] = buffers[0][sent:]

    def close(self) -> None:
        self.sock.close()


class AsyncLink:
    """Frames over a non-blocking socket on the event loop.

    ``send`` never waits: what the socket does not take at once is queued as views of the
    caller's buffers (no copy) and sent as the socket drains. Received frames go to
    ``on_message``; ``closed`` is set when the other side goes away.
    """

    def __init__(self, sock: socket.socket, on_message: Callable[[Any], None]) -> None:
        tune(sock)
        sock.setblocking(False)
        self.sock = sock
        self.fd = sock.fileno()
        self.on_message = on_message
        self.loop = asyncio.get_running_loop()
        self.closed = asyncio.Event()
        self.queue: deque[memoryview] = deque()
        self.buf = bytearray(SMALL * 4)
        self.view = memoryview(self.buf)
        self.start = self.end = 0
        self.parts: list[bytearray] = []  # a frame larger than ``buf``: the buffers still to fill
        self.filled = 0
        self.meta: bytearray | None = None
        self.payload: bytearray | None = None
        self.loop.add_reader(self.fd, self._readable)

    # --- sending ----------------------------------------------------------------------------------

    def send(self, message: Any) -> None:
        if self.closed.is_set():
            raise ConnectionError("the host's socket is closed")
        views = [memoryview(b).cast("B") for b in encode(message)]
        if self.queue:
            self.queue.extend(views)
            return
        self.queue.extend(views)
        self._writable()
        if self.queue:
            self.loop.add_writer(self.fd, self._writable)

    def _writable(self) -> None:
        try:
            while self.queue:
                sent = self.sock.sendmsg(itertools.islice(self.queue, 64))
                while self.queue and sent >= self.queue[0].nbytes:
                    sent -= self.queue.popleft().nbytes
                if sent:
                    self.queue[0] = self.queue[0][sent:]
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close()
            return
        self.loop.remove_writer(self.fd)

    # --- receiving --------------------------------------------------------------------------------

    def _readable(self) -> None:
        try:
            while True:
                if self.parts:
                    target, at = self.parts[0], self.filled
                    n = self.sock.recv_into(memoryview(target)[at:])
                    if n == 0:
                        return self._close()
                    self._filled(n)
                    continue
                if self.end == len(self.buf):
                    self._compact()
                n = self.sock.recv_into(self.view[self.end :])
                if n == 0:
                    return self._close()
                self.end += n
                self._parse()
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close()

    def _parse(self) -> None:
        while self.end - self.start >= HEAD.size:
            n, size = HEAD.unpack_from(self.buf, self.start)
            whole = HEAD.size + n + size
            if self.end - self.start < whole:
                if whole > len(self.buf) - self.start:
                    self._receive_apart(n, size)
                return
            at = self.start + HEAD.size
            meta = self.view[at : at + n]
            payload = bytearray(self.view[at + n : at + n + size]) if size else None
            self.start += whole
            self.on_message(decode(meta, payload))
        if self.start == self.end:
            self.start = self.end = 0

    def _receive_apart(self, n: int, size: int) -> None:
        """A frame larger than the buffer has room for: its message and payload are received into
        buffers of their own (the kernel writes the payload straight into its final place)."""
        self.meta, self.payload = bytearray(n), bytearray(size)
        self.parts = [self.meta, self.payload] if size else [self.meta]
        self.filled = 0
        have = self.view[self.start + HEAD.size : self.end]
        self.start = self.end = 0
        while have.nbytes and self.parts:
            take = min(have.nbytes, len(self.parts[0]) - self.filled)
            self.parts[0][self.filled : self.filled + take] = have[:take]
            have = have[take:]
            self._filled(take)

    def _filled(self, n: int) -> None:
        self.filled += n
        while self.parts and self.filled == len(self.parts[0]):
            self.parts.pop(0)
            self.filled = 0
        if not self.parts and self.meta is not None:
            meta, payload = self.meta, self.payload
            self.meta = self.payload = None
            self.on_message(decode(meta, payload or None))

    def _compact(self) -> None:
        rest = self.end - self.start
        self.buf[:rest] = bytes(self.view[self.start : self.end])
        self.start, self.end = 0, rest

    def _close(self) -> None:
        if not self.closed.is_set():
            self.loop.remove_reader(self.fd)
            self.loop.remove_writer(self.fd)
            self.queue.clear()
            self.closed.set()

    def close(self) -> None:
        self._close()
        self.sock.close()
