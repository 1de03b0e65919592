"""`union-inspector login / sync / sync status / logout / check` against a real server: what the shell
prints, and one sentence with a non-zero exit code when the server cannot be reached."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.paths import DataPaths
from app.store import changes
from app.store.db import open_database
from app.store.tables import Enterprise
from tests.support.live_server import LiveServer, free_port
from tests.support.memory_keyring import MemoryKeyring
from tests.support.sync_laptops import PASSWORD

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.create_grid("A", "甲网格")
    live.create_account("ann", PASSWORD, grids=["A"])
    with live:
        yield live


def _run(args: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None,
         monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_login_sync_status_logout(server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, isolated_keyring: MemoryKeyring) -> None:
    data = str(tmp_path / "laptop")
    code, out, err = _run(["--data-dir", data, "login", "--server", server.url, "--user", "ann", "--password-stdin"],
                          capsys, PASSWORD + "\n", monkeypatch)
    assert code == 0, err
    assert "已登录" in out and "A" in out
    assert len([k for k in isolated_keyring.items if k[1].startswith("refresh-token:")]) == 1

    db = open_database(DataPaths(Path(data)))
    with db.write() as session:
        changes.insert(session, Enterprise(name="命令行企业有限公司"), "ann")
    db.dispose()

    code, out, err = _run(["--data-dir", data, "sync", "status"], capsys)
    assert code == 0
    assert "ann @ " in out and "上次成功同步：从未" in out and "待同步修改：1" in out

    code, out, err = _run(["--data-dir", data, "sync"], capsys)
    assert code == 0, err
    assert out.startswith("上传 1 项修改")

    code, out, err = _run(["--data-dir", data, "sync", "status"], capsys)
    assert "待同步修改：0" in out and "上次成功同步：20" in out

    code, out, err = _run(["--data-dir", data, "check"], capsys)
    assert "✓ 同步服务器" in out and "✓ 设备登录" in out

    code, out, err = _run(["--data-dir", data, "logout"], capsys)
    assert code == 0 and "服务器已撤销此设备" in out
    # the token is gone; the database key stays (the data is still here)
    assert [k[1].split(":")[0] for k in isolated_keyring.items] == ["database-key"]
    code, out, err = _run(["--data-dir", data, "sync"], capsys)
    assert code != 0 and "尚未登录" in err


def test_sync_when_the_server_cannot_be_reached(server: LiveServer, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path / "offline")
    code, _out, err = _run(["--data-dir", data, "login", "--server", server.url, "--user", "ann", "--password-stdin"],
                           capsys, PASSWORD + "\n", monkeypatch)
    assert code == 0, err
    db = open_database(DataPaths(Path(data)))
    with db.write() as session:
        from app.store import local_state, sync_state

        local_state.put(session, sync_state.SERVER_URL, f"http://127.0.0.1:{free_port()}")
    db.dispose()
    code, out, err = _run(["--data-dir", data, "sync"], capsys)
    assert code != 0
    assert err.count("\n") == 1 and "无法连接服务器" in err
    assert "Traceback" not in err

    code, out, err = _run(["--data-dir", data, "check"], capsys)
    assert "! 同步服务器" in out


def test_login_with_a_wrong_password_says_so(server: LiveServer, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = _run(["--data-dir", str(tmp_path / "x"), "login", "--server", server.url, "--user", "ann",
                            "--password-stdin"], capsys, "wrong\n", monkeypatch)
    assert code != 0
    assert "用户名或密码不正确" in err


def test_logout_with_wipe_removes_the_local_data_after_confirmation(
    server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lost"
    data = str(root)
    code, _out, err = _run(["--data-dir", data, "login", "--server", server.url, "--user", "ann", "--password-stdin"],
                           capsys, PASSWORD + "\n", monkeypatch)
    assert code == 0, err
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    code, out, _err = _run(["--data-dir", data, "logout", "--wipe"], capsys)
    assert code == 0 and "未删除本机数据" in out
    assert (root / "inspector.db").exists()
    monkeypatch.setattr("builtins.input", lambda _prompt: "yes")
    code, out, _err = _run(["--data-dir", data, "logout", "--wipe"], capsys)
    assert code == 0 and "本机数据已删除" in out
    assert not (root / "inspector.db").exists()
    assert not (root / "inspector.db-wal").exists()
