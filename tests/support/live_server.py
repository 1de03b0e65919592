"""A real district-server process on a free loopback port, for end-to-end tests: start it, kill -9 it,
restart it on the same port and data folder.

    with LiveServer(tmp_path / "server") as server:
        server.create_grid("A", "甲网格")
        server.create_account("ann", "secret-pass", grids=["A"])
        httpx.get(server.url + "/v1/health")
        server.kill(); server.start()
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from app.server import accounts
from app.server.db import ServerDB
from app.server.migrate import upgrade
from app.server.settings import ServerSettings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(
        self, data_dir: Path, *, db_url: str | None = None, port: int | None = None, serve_args: tuple[str, ...] = ()
    ) -> None:
        self.serve_args = serve_args
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.db_url = db_url
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.data_dir / "server.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _cli(self, *args: str) -> list[str]:
        cmd = [sys.executable, "-m", "app.server.cli", *args, "--data-dir", str(self.data_dir)]
        if self.db_url:
            cmd += ["--db", self.db_url]
        return cmd

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("UNION_INSPECTOR_SERVER_SECRET", "test-secret-" + self.data_dir.name)
        return env

    def run_cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self._cli(*args), input=stdin, capture_output=True, text=True, env=self._env(), cwd=ROOT, check=False
        )

    def _db(self) -> ServerDB:
        db = ServerDB(ServerSettings(data_dir=self.data_dir, database_url=self.db_url).db_url)
        upgrade(db)
        return db

    def create_grid(self, code: str, name: str) -> str:
        """Returns the grid's id (what synced rows carry in grid_id). In process: as the CLI does, faster."""
        db = self._db()
        try:
            return accounts.create_grid(db, code, name).id
        finally:
            db.dispose()

    def create_account(self, username: str, password: str, role: str = "inspector", grids: list[str] | None = None) -> None:
        db = self._db()
        try:
            accounts.create_account(db, username, password, role, grids or [])
        finally:
            db.dispose()

    def start(self, timeout: float = 30.0) -> LiveServer:
        if self.proc is not None and self.proc.poll() is None:
            return self
        log = open(self.log_path, "ab")  # noqa: SIM115  (kept open for the child's lifetime)
        self.proc = subprocess.Popen(
            # One process unless a test asks for workers: kill() must end the whole server, and a
            # worker left behind by a killed parent would keep the port.
            self._cli("serve", "--host", "127.0.0.1", "--port", str(self.port),
                      *(() if "--workers" in self.serve_args else ("--workers", "1")), *self.serve_args),
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self._env(),
            cwd=ROOT,
        )
        log.close()
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {timeout} s: {self.log_tail()}")

    def kill(self) -> None:
        """kill -9: no shutdown handlers, no flushing, like a power cut of the process."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def restart(self, *, hard: bool = True) -> LiveServer:
        self.kill() if hard else self.stop()
        return self.start()

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
