"""The server's tables, on their own SQLAlchemy registry so they never mix with the desktop database's
metadata. Synced data lives in one generic `record` table, so a new client table syncs without a server
migration."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class ServerModel(SQLModel, registry=registry()):
    pass


class Account(ServerModel, table=True):
    __tablename__ = "account"

    id: str = Field(primary_key=True, max_length=36)
    username: str = Field(max_length=64, unique=True)
    display_name: str = Field(default="", max_length=100)
    role: str = Field(default="inspector", max_length=16)  # inspector | office | admin
    password_hash: str = Field(max_length=255)
    active: bool = Field(default=True)
    created_at: str = Field(default="", max_length=32)


class ServerGrid(ServerModel, table=True):
    """A grid an account can be assigned to; its id is the id of the synced `grid` record."""

    __tablename__ = "grid"

    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(default="", max_length=100)
    created_at: str = Field(default="", max_length=32)


class Assignment(ServerModel, table=True):
    __tablename__ = "assignment"

    account_id: str = Field(primary_key=True, max_length=36)
    grid_id: str = Field(primary_key=True, max_length=36, index=True)


class Device(ServerModel, table=True):
    """One login of one account on one laptop; also the refresh-token family (revoking it ends both)."""

    __tablename__ = "device"

    id: str = Field(primary_key=True, max_length=36)
    account_id: str = Field(max_length=36, index=True)
    name: str = Field(default="", max_length=100)
    kind: str = Field(default="", max_length=16)  # "" (not said) | laptop | phone
    created_at: str = Field(default="", max_length=32)
    last_seen_at: str | None = Field(default=None, max_length=32)
    revoked_at: str | None = Field(default=None, max_length=32)


class RefreshToken(ServerModel, table=True):
    """Only the SHA-256 of the opaque token is kept; a leaked table cannot be replayed."""

    __tablename__ = "refresh_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    device_id: str = Field(max_length=36, index=True)
    created_at: float = Field(default=0.0)
    rotated_at: float | None = Field(default=None)
    replaced_by: str | None = Field(default=None, max_length=64)
    revoked_at: float | None = Field(default=None)


class LoginFailure(ServerModel, table=True):
    __tablename__ = "login_failure"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, index=True)
    at: float = Field(default=0.0, index=True)


class Record(ServerModel, table=True):
    """The current state of one synced row of any client table; `seq` is the change_log entry that
    wrote it last, so a pull is `seq > cursor` in seq order."""

    __tablename__ = "record"
    __table_args__ = (
        Index("ix_record_seq", "seq", unique=True),
        Index("ix_record_grid_seq", "grid_id", "seq"),
        # A pull walks each part of its scope in seq order: rows moved out of the account's grids too.
        Index("ix_record_prev_grid_seq", "prev_grid_id", "seq"),
    )

    entity: str = Field(primary_key=True, max_length=64)
    id: str = Field(primary_key=True, max_length=64)
    grid_id: str | None = Field(default=None, max_length=64)
    # The grid it was moved out of: that grid's inspectors are told to drop their copy.
    prev_grid_id: str | None = Field(default=None, max_length=64)
    version: int = Field(default=1)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False))
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    deleted: bool = Field(default=False)
    updated_at: str = Field(default="", max_length=32)
    updated_by: str = Field(default="", max_length=64)


class ChangeLog(ServerModel, table=True):
    """Append-only history in server order; the sequence is the only clock sync trusts."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_row", "entity", "entity_id", "seq"),)

    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    entity: str = Field(max_length=64)
    entity_id: str = Field(max_length=64)
    version: int = Field(default=1)
    fields: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    grid_id: str | None = Field(default=None, max_length=64)
    user: str = Field(default="", max_length=64)
    device_id: str = Field(default="", max_length=36)
    mutation_id: str = Field(default="", max_length=64)
    at: str = Field(default="", max_length=32)


class WebSession(ServerModel, table=True):
    """A signed-in (or signing-in) browser, shared by every server worker. Only the SHA-256 of the
    session id is kept, so a copy of the table signs nobody in; the CSRF token is per session."""

    __tablename__ = "web_session"

    id_hash: str = Field(primary_key=True, max_length=64)
    csrf: str = Field(max_length=64)
    account_id: str | None = Field(default=None, max_length=36, index=True)
    lang: str = Field(default="zh", max_length=8)
    created_at: float = Field(default=0.0)
    seen_at: float = Field(default=0.0, index=True)


class MutationLedger(ServerModel, table=True):
    """Every applied mutation id with its payload hash and result: a replay answers from here. Ids are
    scoped per account, so nobody can pre-empt another account's ids or read its results; the devices of
    one account share them, because a laptop that signs in again gets a new device id and must still be
    able to replay what it sent before."""

    __tablename__ = "mutation_ledger"

    account_id: str = Field(primary_key=True, max_length=36)
    mutation_id: str = Field(primary_key=True, max_length=64)
    device_id: str = Field(max_length=36, index=True)
    payload_hash: str = Field(max_length=64)
    status: str = Field(max_length=16)
    result: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: str = Field(default="", max_length=32)


class LetterSeries(ServerModel, table=True):
    __tablename__ = "letter_series"

    series_key: str = Field(primary_key=True, max_length=64)
    year: int = Field(primary_key=True)
    next_number: int = Field(default=1)


class LetterBlock(ServerModel, table=True):
    __tablename__ = "letter_block"
    __table_args__ = (UniqueConstraint("series_key", "year", "start", name="uq_letter_block_start"),)

    id: int | None = Field(default=None, primary_key=True)
    series_key: str = Field(max_length=64)
    year: int
    start: int
    end: int
    device_id: str = Field(default="", max_length=36)
    account_id: str = Field(default="", max_length=36)
    request_id: str | None = Field(default=None, max_length=64, unique=True)
    created_at: str = Field(default="", max_length=32)


class BlobRef(ServerModel, table=True):
    """Who may read a blob: the synced rows that name its hash (entity, id), and the accounts that
    uploaded it (entity "upload", entity_id = account id). A blob nobody in scope refers to is 404."""

    __tablename__ = "blob_ref"

    sha256: str = Field(primary_key=True, max_length=64)
    entity: str = Field(primary_key=True, max_length=64)
    entity_id: str = Field(primary_key=True, max_length=64)


class AdminAction(ServerModel, table=True):
    """What administrators did (accounts, grids, assignments, roles, devices), from the command line
    or the API; append-only, listed by `admin-audit` and `GET admin/audit`."""

    __tablename__ = "admin_action"

    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(max_length=32, index=True)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=32, index=True)
    target: str = Field(default="", max_length=200)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))


# --- dashboard figures, kept up to date by every record write (app/server/figures.py) --------------


class FigVisitMonth(ServerModel, table=True):
    """Submitted visits per grid, inspector and month ('' = none)."""

    __tablename__ = "fig_visit_month"

    grid_id: str = Field(primary_key=True, max_length=64)
    inspector_id: str = Field(primary_key=True, max_length=64)
    month: str = Field(primary_key=True, max_length=7)
    n: int = Field(default=0)


class FigVisitSeen(ServerModel, table=True):
    """Submitted visits per month of one enterprise, by one inspector in one grid (kind "egp"), in one
    grid by anyone ("eg", inspector "*"), by one inspector in any grid ("ep", grid "*"), or at all ("e"),
    from month `first` to `last` (year * 12 + month - 1), three base-36 digits a month. "Visited in
    this period" is one substring test, and each kind counts distinct enterprises with a plain count.
    An "e" and an "eg" row also carry their enterprise's grid and whether it is a target (e_state), for
    the figure of targets found (over all visits, and over the visits in one grid)."""

    __tablename__ = "fig_visit_seen"
    __table_args__ = (Index("ix_fig_visit_seen_kind_grid", "kind", "grid_id"),)

    kind: str = Field(primary_key=True, max_length=3)
    enterprise_id: str = Field(primary_key=True, max_length=64)
    grid_id: str = Field(primary_key=True, max_length=64)
    inspector_id: str = Field(primary_key=True, max_length=64)
    first: int
    last: int
    counts: str = Field(sa_column=Column(Text, nullable=False))
    e_grid: str | None = Field(default=None, max_length=64)
    e_state: str = Field(default="", max_length=8)  # waiting | other | missing (kinds "e" and "eg")


class FigVisitLink(ServerModel, table=True):
    """For each row of FigVisitSeen, grouped by (grid, inspector) for "egp", (grid, "state:enterprise
    grid") for "eg", inspector for "ep" and (enterprise grid, state) for "e": how many of its visited
    months are `month` with the previous visited month `prev` (-1 for the first). The rows visited
    between months a and b are exactly those with one month in [a, b] whose previous one is before a,
    so distinct enterprises in any period, for the office or within one grid, are a sum over a few
    hundred counters."""

    __tablename__ = "fig_visit_link"

    kind: str = Field(primary_key=True, max_length=3)
    grp: str = Field(primary_key=True, max_length=64)
    state: str = Field(primary_key=True, max_length=80)
    month: int = Field(primary_key=True)
    prev: int = Field(primary_key=True)
    n: int = Field(default=0)


class FigEnterprise(ServerModel, table=True):
    __tablename__ = "fig_enterprise"

    id: str = Field(primary_key=True, max_length=64)
    grid_id: str | None = Field(default=None, max_length=64, index=True)
    union_status: str = Field(default="", sa_column=Column(Text, nullable=False))
    established_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    member_count: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class FigMatter(ServerModel, table=True):
    __tablename__ = "fig_matter"

    id: str = Field(primary_key=True, max_length=64)
    grid_id: str | None = Field(default=None, max_length=64, index=True)
    category: str = Field(default="", sa_column=Column(Text, nullable=False))
    status: str = Field(default="", sa_column=Column(Text, nullable=False))
    opened_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    resolved_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    deadline: str = Field(default="", sa_column=Column(Text, nullable=False))


class FigLetter(ServerModel, table=True):
    __tablename__ = "fig_letter"

    id: str = Field(primary_key=True, max_length=64)
    grid_id: str | None = Field(default=None, max_length=64, index=True)
    kind: str = Field(default="", sa_column=Column(Text, nullable=False))
    status: str = Field(default="", sa_column=Column(Text, nullable=False))
    issued_on: str = Field(default="", sa_column=Column(Text, nullable=False))


class FigWorkOrder(ServerModel, table=True):
    __tablename__ = "fig_work_order"

    id: str = Field(primary_key=True, max_length=64)
    grid_id: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(default="", sa_column=Column(Text, nullable=False))
    received_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    due_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    replied_on: str = Field(default="", sa_column=Column(Text, nullable=False))
    satisfaction: str = Field(default="", sa_column=Column(Text, nullable=False))


# --- search and reference indexes, kept up to date by every record write (app/server/search.py) ----


class RecordSearch(ServerModel, table=True):
    """The searchable fields of one live record of a register, as one short text. `rid` is the entity's
    range (a hash of its name) and the record's seq, so walking `rid` backwards within the range is
    "newest change first" over this narrow table, and on SQLite the FTS5 trigram index over `text`
    (record_search_fts, made by the migration) returns its hits in that same order. On PostgreSQL
    `text` has a pg_trgm GIN index."""

    __tablename__ = "record_search"
    __table_args__ = (Index("ux_record_search_key", "entity", "record_id", unique=True),)

    rid: int = Field(sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=False))
    entity: str = Field(max_length=64)
    record_id: str = Field(max_length=64)
    grid_id: str | None = Field(default=None, max_length=64)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))


class RecordRef(ServerModel, table=True):
    """Which record names which other record in a field the detail pages look up by value (a visit's
    enterprise_id, a step's case_id): the dossier's lists are index lookups, not scans of JSON."""

    __tablename__ = "record_ref"
    __table_args__ = (Index("ix_record_ref_record", "entity", "record_id"),)

    entity: str = Field(primary_key=True, max_length=64)
    field: str = Field(primary_key=True, max_length=64)
    value: str = Field(primary_key=True, max_length=200)
    record_id: str = Field(primary_key=True, max_length=64)
