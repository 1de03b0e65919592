"""`union-inspector-server`: run the district server and manage its accounts, grids and devices."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from app.server.accounts import AccountError
from app.server.db import ServerDB
from app.server.settings import ServerSettings

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_DATA_DIR = Path("server-data")


class CliError(Exception):
    pass


def _settings(args: argparse.Namespace, *, migrate: bool = True) -> ServerSettings:
    proxies = tuple(getattr(args, "trusted_proxy", None) or ())
    tiles = getattr(args, "tiles", None)
    return ServerSettings(
        data_dir=Path(args.data_dir), database_url=args.db, migrate_on_start=migrate, trusted_proxies=proxies,
        tiles_path=Path(tiles) if tiles else None,
    )


def _actor() -> str:
    """Who did it, for the admin audit: the operating-system user running the command."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _db(args: argparse.Namespace) -> ServerDB:
    from app.server.db import private_dir
    from app.server.migrate import upgrade

    settings = _settings(args)
    private_dir(settings.data_dir)
    db = ServerDB(settings.db_url)
    upgrade(db)
    return db


WORKER_ENV = "UNION_INSPECTOR_SERVER_WORKER"
"""Set by `serve --workers N` for its worker processes: the settings, as JSON (they import the app by
name and cannot be handed objects)."""
SQLITE_WORKERS = 1
"""Default worker processes on SQLite: measured with tests/bench/bench_web.py (see the README's server
section); SQLite lets one writer in at a time, and every further process adds lock hand-overs between
processes to each laptop's push."""


SWITCH_INTERVAL_MS = 0.5
"""The serving process's GIL switch interval (Python's default is 5 ms). A push steps SQLite through
hundreds of rows and gives the GIL up for each; while a page render is busy in Python, taking it back
waits up to one interval each time, with the write lock held. Measured with tests/bench/bench_web.py;
SWITCH_ENV overrides it (milliseconds)."""
SWITCH_ENV = "UNION_INSPECTOR_SWITCH_MS"


def set_switch_interval() -> None:
    """Applied in the process that serves requests (the single one, or each worker)."""
    raw = os.environ.get(SWITCH_ENV, "").strip()
    try:
        ms = float(raw) if raw else SWITCH_INTERVAL_MS
    except ValueError:
        ms = SWITCH_INTERVAL_MS
    if ms > 0:
        sys.setswitchinterval(ms / 1000)


def default_workers(is_sqlite: bool) -> int:
    """PostgreSQL: one worker process per CPU (each process runs Python on one core at a time; the
    database does its own locking). SQLite: SQLITE_WORKERS."""
    if is_sqlite:
        return SQLITE_WORKERS
    return max(1, min(os.cpu_count() or 1, 8))


def worker_app() -> Any:
    """The app of one worker process (uvicorn's factory): the parent migrated the database already."""
    from app.server.api import create_app

    raw = json.loads(os.environ[WORKER_ENV])
    set_switch_interval()
    return create_app(
        ServerSettings(
            data_dir=Path(raw["data_dir"]), database_url=raw["database_url"], migrate_on_start=False,
            trusted_proxies=tuple(raw["trusted_proxies"]), tiles_path=Path(raw["tiles"]) if raw["tiles"] else None,
        )
    )


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.server.api import create_app

    settings = _settings(args)
    workers = args.workers if args.workers is not None else default_workers(settings.db_url.startswith("sqlite"))
    if workers < 1:
        raise CliError("--workers must be 1 or more.")
    # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from loopback; the app
    # decides itself, from --trusted-proxy only.
    options: dict[str, Any] = dict(
        host=args.host, port=args.port, log_level=args.log_level, access_log=args.access_log,
        proxy_headers=False, server_header=False,
    )
    try:
        app = create_app(settings)  # migrates once, here, before any worker starts
    except ValueError as exc:  # a --trusted-proxy that is no address or network
        raise CliError(str(exc)) from exc
    if workers == 1:
        set_switch_interval()
        uvicorn.run(app, **options)
        return 0
    app.state.server.db.dispose()
    settings.secret()  # made once here (kept in the data folder), so the workers sign with one key
    os.environ[WORKER_ENV] = json.dumps({
        "data_dir": str(settings.data_dir), "database_url": settings.db_url,
        "trusted_proxies": list(settings.trusted_proxies), "tiles": str(args.tiles) if args.tiles else None,
    })
    # A worker imports and builds the app before it answers the supervisor's health check; on a busy
    # machine that takes longer than uvicorn's 5 s, and the worker would be killed and started again.
    import inspect

    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        options["timeout_worker_healthcheck"] = 60
    _run_workers(uvicorn.Config("app.server.cli:worker_app", factory=True, workers=workers, **options))
    return 0


def _run_workers(config: Any) -> None:
    """uvicorn.run's worker supervisor, with TCP_NODELAY on the shared listening socket. uvicorn makes
    that socket without naming its protocol, so asyncio does not switch Nagle off on the connections
    the workers accept (it does for a single worker's own socket); Linux passes the listener's option
    on to them instead. Without it every answer after the first on a kept-alive connection waited for
    the browser's delayed acknowledgement: about 40 ms on every page and API call."""
    import contextlib
    import inspect
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.36
        older: Any = Multiprocess
        supervisor = older(config, target=uvicorn.Server(config).run, sockets=[sock])
    else:
        supervisor = Multiprocess(config, sockets=[sock])
    with contextlib.suppress(KeyboardInterrupt):
        supervisor.run()


def cmd_migrate(args: argparse.Namespace) -> int:
    _db(args).dispose()
    print("The server database is up to date.")
    return 0


def cmd_create_grid(args: argparse.Namespace) -> int:
    from app.server.accounts import create_grid

    grid = create_grid(_db(args), args.code, args.name, args.district, actor=_actor())
    print(f"grid {grid.code} created: {grid.id}")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        value = sys.stdin.readline().rstrip("\r\n")
    else:
        value = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != value:
            raise CliError("The two passwords differ.")
    if not value:
        raise CliError("No password was given.")
    return value


def cmd_create_account(args: argparse.Namespace) -> int:
    from app.server.accounts import create_account

    password = _read_password(args)
    account = create_account(
        _db(args), args.username, password, args.role, args.grid or [], args.display_name, actor=_actor()
    )
    print(f"account {account.username} ({account.role}) created")
    return 0


def cmd_assign_grid(args: argparse.Namespace) -> int:
    from app.server.accounts import assign

    assign(_db(args), args.username, args.codes, actor=_actor())
    print(f"{args.username} now also works grid(s) {', '.join(args.codes)}")
    return 0


def cmd_unassign_grid(args: argparse.Namespace) -> int:
    from app.server.accounts import unassign

    unassign(_db(args), args.username, args.codes, actor=_actor())
    print(f"{args.username} no longer works grid(s) {', '.join(args.codes)}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from app.server.accounts import set_role

    set_role(_db(args), args.username, args.role, actor=_actor())
    print(f"{args.username} is now {args.role}")
    return 0


def cmd_admin_audit(args: argparse.Namespace) -> int:
    from app.server.accounts import list_actions

    for a in list_actions(_db(args), args.limit):
        print(f"{a.at}\t{a.actor}\t{a.action}\t{a.target}\t{a.detail}")
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    from app.server.accounts import list_devices

    for d in list_devices(_db(args)):
        state = f"revoked {d.revoked_at}" if d.revoked_at else "active"
        kind = d.device_kind or "laptop"
        print(f"{d.device_id}\t{d.username}\t{kind}\t{d.device_name}\t{d.created_at}\t{state}")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    from app.server.accounts import revoke_device

    d = revoke_device(_db(args), args.device_id, actor=_actor())
    print(f"device {d.device_id} of {d.username} revoked at {d.revoked_at}")
    return 0


def _check_or_rebuild(args: argparse.Namespace, what: str, command: str, check: Callable[[Session], list[str]],
                      rebuild: Callable[[Session], str], note: Callable[[Session], str] | None = None,
                      *, plural: bool = False) -> int:
    """Tables the server derives from the records (figures, search index): compared with a recomputation,
    or replaced by one with --rebuild."""
    db = _db(args)
    extra = ""
    try:
        with db.write(serialize=True) as session:
            if args.rebuild:
                print(rebuild(session))
                return 0
            problems = check(session)
            if note is not None:
                extra = note(session)
    finally:
        db.dispose()
    for line in problems:
        print(f"{what} {'differ' if plural else 'differs'}: {line}")
    if extra:
        print(extra)
    if problems:
        print(f"run `{command} --rebuild` to recompute {'them' if plural else 'it'}", file=sys.stderr)
        return 1
    print(f"{what} ok")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """The dashboard's figure tables against a recomputation from the records; --rebuild replaces them."""
    from app.server import figures

    return _check_or_rebuild(args, "figures", "figures", figures.check,
                             lambda session: f"figures rebuilt from {figures.rebuild(session)} records", plural=True)


def cmd_search_index(args: argparse.Namespace) -> int:
    """The web pages' search and reference indexes against a recomputation from the records; --rebuild
    replaces them."""
    from app.server import search

    def note(session: Session) -> str:
        if search.has_trigram_index(session):
            return ""
        return "note: PostgreSQL has no pg_trgm here; searches walk the index table (slower for rare terms)"

    return _check_or_rebuild(args, "search index", "search-index", search.check,
                             lambda session: f"search index rebuilt: {search.rebuild(session)} searchable records", note)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="union-inspector-server", description="District server of Union Inspector.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR), help="folder for the database and attachments")
    common.add_argument("--db", default=None, help="database URL (default: SQLite in the data folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--access-log", action="store_true")
    p.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDRESS",
        help="address or CIDR network of a reverse proxy whose X-Forwarded-For is believed (repeatable; default none)",
    )
    p.add_argument(
        "--tiles", metavar="MBTILES", default=None,
        help="base map served as map tiles to phones and web pages (default: basemap.mbtiles in the data folder)",
    )
    p.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help=f"worker processes (default: one per CPU on PostgreSQL, {SQLITE_WORKERS} on SQLite)",
    )
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("migrate", parents=[common], help="bring the database schema up to date")
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("create-grid", parents=[common], help="create a grid")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--district", default="")
    p.set_defaults(handler=cmd_create_grid)

    p = sub.add_parser("create-account", parents=[common], help="create an account")
    p.add_argument("username")
    p.add_argument("--role", choices=["inspector", "office", "admin"], default="inspector")
    p.add_argument("--grid", nargs="*", metavar="CODE", help="grid codes the account works")
    p.add_argument("--display-name", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(handler=cmd_create_account)

    p = sub.add_parser("assign-grid", parents=[common], help="let an account work more grids")
    p.add_argument("username")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.set_defaults(handler=cmd_assign_grid)

    p = sub.add_parser("unassign-grid", parents=[common], help="take grids away from an account")
    p.add_argument("username")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.set_defaults(handler=cmd_unassign_grid)

    p = sub.add_parser("set-role", parents=[common], help="change an account's role")
    p.add_argument("username")
    p.add_argument("role", choices=["inspector", "office", "admin"])
    p.set_defaults(handler=cmd_set_role)

    p = sub.add_parser("admin-audit", parents=[common], help="list what administrators did, newest first")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=cmd_admin_audit)

    p = sub.add_parser("list-devices", parents=[common], help="list signed-in devices")
    p.set_defaults(handler=cmd_list_devices)

    p = sub.add_parser("revoke-device", parents=[common], help="sign a device out for good (a lost laptop)")
    p.add_argument("device_id")
    p.set_defaults(handler=cmd_revoke_device)

    p = sub.add_parser("figures", parents=[common], help="check the dashboard's figures against the records")
    p.add_argument("--rebuild", action="store_true", help="recompute them from the records")
    p.set_defaults(handler=cmd_figures)

    p = sub.add_parser("search-index", parents=[common], help="check the web pages' search index against the records")
    p.add_argument("--rebuild", action="store_true", help="recompute it from the records")
    p.set_defaults(handler=cmd_search_index)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (AccountError, CliError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"error: the server database cannot be used ({type(exc).__name__}); check --db and --data-dir.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc} ({exc.filename or ''}).", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
