"""A loopback TCP proxy that forwards requests to the server but, for chosen requests, closes the
connection as soon as the server starts answering, instead of passing the answer on. The server has
committed by then (it answers only after its transaction), so the client sees exactly the failure that
matters for idempotency: "my request was applied, but I never heard back"."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from types import TracebackType

METHODS = (b"GET ", b"POST ", b"PUT ", b"HEAD ", b"DELETE ", b"PATCH ")


class DroppingProxy:
    def __init__(self, upstream_port: int, *, drop_path: str = "/v1/sync/push", drops: int = 0) -> None:
        self.upstream_port = upstream_port
        self.drop_path = drop_path.encode()
        self.drops_left = drops
        self.dropped = 0
        self.forwarded_requests: list[str] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drop_next(self, count: int, path: str | None = None) -> None:
        with self._lock:
            self.drops_left = count
            if path is not None:
                self.drop_path = path.encode()

    def start(self) -> DroppingProxy:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> DroppingProxy:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _take_drop(self, request_line: bytes) -> bool:
        with self._lock:
            if self.drops_left > 0 and self.drop_path in request_line:
                self.drops_left -= 1
                self.dropped += 1
                return True
            return False

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
        except OSError:
            client.close()
            return
        request_line = b""
        try:
            while not self._stop.is_set():
                readable, _, _ = select.select([client, upstream], [], [], 0.5)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client:
                        if data.startswith(METHODS):
                            request_line = data.split(b"\r\n", 1)[0]
                            with self._lock:
                                self.forwarded_requests.append(request_line.decode(errors="replace"))
                        upstream.sendall(data)
                    else:
                        if request_line and self._take_drop(request_line):
                            return  # the server answered, so it committed; the client never hears it
                        request_line = b"" if data else request_line
                        client.sendall(data)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
