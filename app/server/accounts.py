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
from app.server.tables import Account, AdminAction, Assignment, Device, ServerGrid
from app.sync.protocol import AccountInfo, AdminActionInfo, DeviceInfo

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


def record_action(session: Session, actor: str, action: str, target: str, detail: str = "") -> None:
    """One line of the admin audit, in the same transaction as the change it describes."""
    session.add(
        AdminAction(at=utc_now_iso(), actor=actor[:100], action=action[:32], target=target[:200], detail=detail)
    )


def list_actions(db: ServerDB, limit: int = 200, offset: int = 0) -> list[AdminActionInfo]:
    with db.read() as session:
        rows = session.exec(
            select(AdminAction).order_by(AdminAction.id.desc()).offset(offset).limit(limit)  # type: ignore[union-attr]
        ).all()
        return [
            AdminActionInfo(at=r.at, actor=r.actor, action=r.action, target=r.target, detail=r.detail) for r in rows
        ]


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
        record_action(session, actor, "create_grid", code, f"{name} ({grid.id})")
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


def mirror_grid(session: Session, grid_id: str, data: dict[str, object], actor: str = "") -> None:
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
        record_action(session, actor, "create_grid", code, f"pushed grid row {grid_id}")
    elif grid.code != code:
        record_action(session, actor, "rename_grid", code, f"was {grid.code}")
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
    actor: str = "server",
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
        record_action(
            session, actor, "create_account", username, f"role {role}; grids {', '.join(grid_codes) or '-'}"
        )
    return account


def _account(session: Session, username: str) -> Account:
    account = session.exec(select(Account).where(Account.username == username)).first()
    if account is None:
        raise AccountError(f"There is no account named {username!r}.")
    return account


def _grid(session: Session, code: str) -> ServerGrid:
    grid = session.exec(select(ServerGrid).where(ServerGrid.code == code)).first()
    if grid is None:
        raise AccountError(f"There is no grid with code {code!r}.")
    return grid


def assign(db: ServerDB, username: str, grid_codes: Sequence[str], actor: str = "server") -> None:
    with db.write() as session:
        account = _account(session, username)
        for code in grid_codes:
            grid = _grid(session, code)
            if session.get(Assignment, (account.id, grid.id)) is None:
                session.add(Assignment(account_id=account.id, grid_id=grid.id))
                record_action(session, actor, "assign_grid", username, f"grid {code}")


def unassign(db: ServerDB, username: str, grid_codes: Sequence[str], actor: str = "server") -> None:
    """The account stops seeing these grids at its next request; its laptops drop their rows when they
    compare their grids with `auth/me` at the next sync."""
    with db.write() as session:
        account = _account(session, username)
        for code in grid_codes:
            grid = _grid(session, code)
            row = session.get(Assignment, (account.id, grid.id))
            if row is not None:
                session.delete(row)
                record_action(session, actor, "unassign_grid", username, f"grid {code}")


def set_role(db: ServerDB, username: str, role: str, actor: str = "server") -> None:
    if role not in ROLES:
        raise AccountError(f"Role {role!r} is not one of {', '.join(ROLES)}.")
    with db.write() as session:
        account = _account(session, username)
        if account.role != role:
            record_action(session, actor, "set_role", username, f"{account.role} -> {role}")
            account.role = role
            session.add(account)


def set_active(db: ServerDB, username: str, active: bool, actor: str = "server") -> None:
    with db.write() as session:
        account = _account(session, username)
        if account.active != active:
            record_action(session, actor, "enable_account" if active else "disable_account", username)
            account.active = active
            session.add(account)


def device_info(device: Device, username: str) -> DeviceInfo:
    return DeviceInfo(
        device_id=device.id,
        username=username,
        device_name=device.name,
        device_kind=device.kind,
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


def revoke_device(db: ServerDB, device_id: str, actor: str = "server") -> DeviceInfo:
    """Ends the device's refresh-token family and, with the per-request check, its access tokens."""
    with db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AccountError(f"There is no device with id {device_id!r}.")
        account = session.get(Account, device.account_id)
        if device.revoked_at is None:
            device.revoked_at = utc_now_iso()
            session.add(device)
            record_action(
                session, actor, "revoke_device", device_id, f"{account.username if account else '?'}: {device.name}"
            )
        return device_info(device, account.username if account else "")


