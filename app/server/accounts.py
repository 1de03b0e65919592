"""Accounts, grids, assignments and devices: what the operator manages from the command line and the
admin endpoints, and who a request is (`Principal`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from app.core.ids import new_id, utc_now_iso
from app.server.db import ServerDB
from app.server.records import RecordWriter
from app.server.security import hash_password
from app.server.tables import Account, Assignment, Device, ServerGrid
from app.sync.protocol import AccountInfo, DeviceInfo

ROLES = ("inspector", "office", "admin")


class AccountError(ValueError):
    """Something the operator asked for that cannot be done; the message is one sentence."""


@dataclass(frozen=True)
class Principal:
    account_id: str
    username: str
    display_name: str
    role: str
    device_id: str
    grid_ids: frozenset[str]
    grid_codes: tuple[str, ...] = ()

    @property
    def sees_all(self) -> bool:
        return self.role in ("office", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def info(self) -> AccountInfo:
        return AccountInfo(
            username=self.username,
            display_name=self.display_name,
            role=self.role,  # type: ignore[arg-type]
            grids=sorted(self.grid_ids),
            grid_codes=list(self.grid_codes),
        )


def grids_of(session: Session, account_id: str) -> list[ServerGrid]:
    stmt = (
        select(ServerGrid)
        .join(Assignment, Assignment.grid_id == ServerGrid.id)  # type: ignore[arg-type]
        .where(Assignment.account_id == account_id)
        .order_by(ServerGrid.code)
    )
    return list(session.exec(stmt).all())


def principal_for(session: Session, account: Account, device_id: str) -> Principal:
    grids = grids_of(session, account.id)
    return Principal(
        account_id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        device_id=device_id,
        grid_ids=frozenset(g.id for g in grids),
        grid_codes=tuple(g.code for g in grids),
    )


def create_grid(db: ServerDB, code: str, name: str, district: str = "", actor: str = "server") -> ServerGrid:
    """Creates the grid for assignments and the synced `grid` row every device pulls."""
    code = code.strip()
    if not code:
        raise AccountError("The grid code is empty.")
    with db.write(serialize=True) as session:
        if session.exec(select(ServerGrid).where(ServerGrid.code == code)).first():
            raise AccountError(f"A grid with code {code!r} already exists.")
        grid = ServerGrid(id=new_id(), code=code, name=name, created_at=utc_now_iso())
        session.add(grid)
        data = {"code": code, "name": name, "district": district, "inspector_id": None, "boundary": "[]"}
        writer = RecordWriter(session)
        writer.write(
            entity="grid",
            entity_id=grid.id,
            existing=None,
            data=data,
            deleted=False,
            grid_id=None,
            fields=sorted(data),
            user=actor,
            device_id="",
            mutation_id="",
        )
        writer.flush()
    return grid


def mirror_grid(session: Session, grid_id: str, data: dict[str, object]) -> None:
    """A grid row pushed by the office becomes assignable too (unless its code is taken)."""
    code = str(data.get("code") or "").strip()
    if not code:
        return
    grid = session.get(ServerGrid, grid_id)
    other = session.exec(select(ServerGrid).where(ServerGrid.code == code)).first()
    if other is not None and other.id != grid_id:
        return
    if grid is None:
        grid = ServerGrid(id=grid_id, code=code, created_at=utc_now_iso())
    grid.code = code
    grid.name = str(data.get("name") or "")
    session.add(grid)


def create_account(
    db: ServerDB,
    username: str,
    password: str,
    role: str = "inspector",
    grid_codes: Sequence[str] = (),
    display_name: str = "",
) -> Account:
    username = username.strip()
    if not username:
        raise AccountError("The username is empty.")
    if role not in ROLES:
        raise AccountError(f"Role {role!r} is not one of {', '.join(ROLES)}.")
    if len(password) < 8:
        raise AccountError("The password must have at least 8 characters.")
    with db.write() as session:
        if session.exec(select(Account).where(Account.username == username)).first():
            raise AccountError(f"An account named {username!r} already exists.")
        grids: list[ServerGrid] = []
        for code in grid_codes:
            grid = session.exec(select(ServerGrid).where(ServerGrid.code == code)).first()
            if grid is None:
                raise AccountError(f"There is no grid with code {code!r}; create it with create-grid first.")
            grids.append(grid)
        account = Account(
            id=new_id(),
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=hash_password(password),
            created_at=utc_now_iso(),
        )
        session.add(account)
        for grid in grids:
            session.add(Assignment(account_id=account.id, grid_id=grid.id))
    return account


def assign(db: ServerDB, username: str, grid_codes: Sequence[str]) -> None:
    with db.write() as session:
        account = session.exec(select(Account).where(Account.username == username)).first()
        if account is None:
            raise AccountError(f"There is no account named {username!r}.")
        for code in grid_codes:
            grid = session.exec(select(ServerGrid).where(ServerGrid.code == code)).first()
            if grid is None:
                raise AccountError(f"There is no grid with code {code!r}.")
            if session.get(Assignment, (account.id, grid.id)) is None:
                session.add(Assignment(account_id=account.id, grid_id=grid.id))


def device_info(device: Device, username: str) -> DeviceInfo:
    return DeviceInfo(
        device_id=device.id,
        username=username,
        device_name=device.name,
        created_at=device.created_at,
        last_seen_at=device.last_seen_at,
        revoked_at=device.revoked_at,
    )


def list_devices(db: ServerDB) -> list[DeviceInfo]:
    with db.read() as session:
        rows = session.exec(
            select(Device, Account).join(Account, Account.id == Device.account_id).order_by(Device.created_at)  # type: ignore[arg-type]
        ).all()
        return [device_info(device, account.username) for device, account in rows]


def revoke_device(db: ServerDB, device_id: str) -> DeviceInfo:
    """Ends the device's refresh-token family and, with the per-request check, its access tokens."""
    with db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AccountError(f"There is no device with id {device_id!r}.")
        if device.revoked_at is None:
            device.revoked_at = utc_now_iso()
            session.add(device)
        account = session.get(Account, device.account_id)
        return device_info(device, account.username if account else "")


