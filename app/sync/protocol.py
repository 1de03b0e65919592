"""The wire format between the laptop and the district server, shared by both sides so that they can
never drift apart. Pure pydantic: no I/O, no SQL, no HTTP client or server code.

Endpoints (all under /v1, JSON unless noted; every endpoint but health and auth needs
`Authorization: Bearer <access JWT>`):

- `GET  health`                      -> `Health`
- `POST auth/login`   `LoginRequest` -> `TokenResponse` (401 bad credentials, 429 + Retry-After when limited)
- `POST auth/token`   `TokenRefreshRequest` -> `TokenResponse` (the refresh token rotates; reusing an old
  one revokes the whole family and answers 401)
- `POST auth/revoke`  `RevokeRequest` -> `RevokeResponse` (always 200, RFC 7009)
- `GET  auth/me`                     -> `AccountInfo`
- `GET  devices` (admin)             -> `list[DeviceInfo]`;  `POST devices/{device_id}/revoke` (admin) -> `DeviceInfo`
- `POST sync/push`    `PushRequest`  -> `PushResponse` (426 if schema_version too old; 409 if a mutation id
  was already used with another payload — nothing of that batch is applied)
- `GET  sync/pull?cursor=N&limit=M&schema_version=S` -> `PullResponse`
- `HEAD blobs/{sha256}` -> 200 (Content-Length = size) or 404;  `GET blobs/{sha256}` -> the bytes;
  `PUT blobs/{sha256}` raw body (application/octet-stream) -> `BlobPutResponse` (400 "hash_mismatch" when the body's
  SHA-256 is not the one in the path; 413 when larger than MAX_BLOB_BYTES)
- `POST letter-numbers/reserve` `LetterNumberReserveRequest` -> `LetterNumberBlock` (at most MAX_LETTER_BLOCK
  numbers a call; 429 + Retry-After past the per-device hourly number of blocks)
- `GET  admin/audit?limit=&offset=` (admin) -> `list[AdminActionInfo]`, newest first
- `GET  phone/week?start=YYYY-MM-DD[&grid=ID or CODE]` -> the week route of one of the caller's grids, planned
  by the laptop's week planner from the server's records: {week_start, grid, grids, quota, backlog,
  enterprises, days: [{day, length_m, stops: [{enterprise_id, name, address, longitude, latitude, reason}]}]}
  (422 + sentence for a bad date or an office account without grid=; 403 for a grid not assigned)
- `GET  tiles/info` -> {name, min_zoom, max_zoom, bounds [w, s, e, n], attribution, tiles} of the office's base
  map (404 when the server has none);  `GET tiles/{z}/{x}/{y}` -> the tile's bytes (XYZ rows, 404 absent,
  422 outside 0..22 / 0..2^z-1), cacheable for a day

What the server refuses, and how:
- Every request body is counted as it arrives (any transfer encoding, chunked included) and refused
  with 413 past its endpoint's limit; a JSON body that is not UTF-8, not JSON, or holds a lone
  surrogate escape ("\ud800") or NaN/Infinity gets 400 `malformed_body` before any parsing by the endpoint;
  a body of the wrong shape gets 422 `invalid_request` with one sentence. No answer carries a traceback.
- Each pushed mutation is checked against its entity's schema (derived on the server from the
  laptop's table classes: known entity, known fields, types, 64-bit integers, finite floats, text
  lengths, ISO dates, JSON text) and refused alone with status `rejected` and a reason; the batch goes on.
- Grid scope: a row's grid (its own `grid_id`, or its parent's: enterprise, owner row) must be one of
  the account's grids, and a row that names a parent must be in the parent's grid (`forbidden`
  otherwise). Rows with no grid (grids, inspectors, lists) only from office and admin accounts.
- Mediator exception: an inspector account named (through `inspector.account`) as `mediator_id` of a legal
  case in another grid pulls that case, its parties, steps, attachments, referrals and employer, may update
  it (not its grid, employer or mediator) and add rows to it; nobody else outside the case's grid gets any.
- Pull returns rows of the account's current grids and grid-less reference rows only; it never carries
  a value a laptop cannot store. `auth/me` lists the grids as of now: a laptop drops rows of grids that
  are no longer listed.
- Blobs (GET and HEAD) answer 404 unless a row the account can see names the hash, or the account
  uploaded those bytes itself.
- Mutation ids are scoped per account: another account's use of an id changes nothing for you.

Errors carry `ErrorBody`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
"""Bumped when endpoints or models change incompatibly."""

SCHEMA_VERSION = 1
"""The synced data schema (which entities and fields travel). The server accepts SCHEMA_VERSION and
SCHEMA_VERSION - 1; older clients get 426 and must keep their outbox until upgraded."""

MIN_SCHEMA_VERSION = SCHEMA_VERSION - 1

API_PREFIX = "/v1"

MAX_MUTATIONS_PER_PUSH = 500
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 1000
MAX_LETTER_BLOCK = 50
MAX_BLOB_BYTES = 64 * 1024 * 1024
ACCESS_TOKEN_SECONDS = 15 * 60

APPEND_ONLY_ENTITIES = frozenset(
    {"visit", "attachment", "matter_event", "letter", "note", "work_order_event", "audit_event", "patrol_track"}
)
"""Client-UUID rows that are created and never edited concurrently: an insert never conflicts."""

REFERENCE_ENTITIES = frozenset({"grid", "inspector", "department", "person_role"})
"""Grid-less rows everybody reads and only office/admin accounts may write. The server derives the full
list from the table classes (a class with no grid_id, enterprise_id, owner or other gridded parent);
these are the ones named for clarity."""

Op = Literal["insert", "update", "delete", "bulk"]
""""bulk": the rows one import created, as {"rows": [{"id": ..., field: value}]}; the server applies each
row as an insert and answers once for the lot."""
MAX_BULK_ROWS = 1000
MutationStatus = Literal["applied", "duplicate", "conflict", "rejected", "forbidden"]
Role = Literal["inspector", "office", "admin"]
DeviceKind = Literal["", "laptop", "phone"]
""""" = not said (programs older than the phone app: laptops)."""

ENTITY_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- errors and health -------------------------------------------------------------------------


class ErrorBody(_Model):
    """`error` is a stable machine code (e.g. "unauthorized", "rate_limited", "schema_too_old",
    "mutation_id_reused", "hash_mismatch", "not_found", "forbidden"); `message` is one sentence."""

    error: str
    message: str
    detail: dict[str, Any] | None = None


class Health(_Model):
    status: Literal["ok"] = "ok"
    protocol_version: int = PROTOCOL_VERSION
    schema_version: int = SCHEMA_VERSION
    min_schema_version: int = MIN_SCHEMA_VERSION
    server_time: str = ""


# --- authentication ----------------------------------------------------------------------------


class LoginRequest(_Model):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    device_name: str = Field(default="", max_length=100)
    device_kind: DeviceKind = Field(default="", description="what signs in: the office lists laptops and phones apart")


class AccountInfo(_Model):
    username: str
    display_name: str = ""
    role: Role
    grids: list[str] = Field(default_factory=list, description="ids of the grids this account may see")
    grid_codes: list[str] = Field(default_factory=list)
    mediated_cases: list[str] | None = Field(
        default=None,
        description="ids of legal cases outside the account's grids that it mediates now; a laptop drops "
        "the other cases of foreign grids it holds (handed to another mediator). None: not said",
    )


class TokenResponse(_Model):
    device_id: str
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds the access token lives")
    refresh_token: str = Field(description="opaque; store in the OS keyring; single use, rotates")
    account: AccountInfo


class TokenRefreshRequest(_Model):
    refresh_token: str = Field(min_length=1, max_length=512)


class RevokeRequest(_Model):
    """Revokes the device the refresh token belongs to (logout, or a lost laptop's last token)."""

    refresh_token: str = Field(min_length=1, max_length=512)


class RevokeResponse(_Model):
    revoked: bool


class DeviceInfo(_Model):
    device_id: str
    username: str
    device_name: str = ""
    device_kind: str = ""
    created_at: str = ""
    last_seen_at: str | None = None
    revoked_at: str | None = None


# --- push ----------------------------------------------------------------------------------------


class Mutation(_Model):
    """One outbox entry. `patch` holds new values of the changed data fields (all of them for an
    insert; {"deleted": true} for a delete); `base_values` their values before the change; `base_version`
    the server version the edit started from (0 for a row the server never saw)."""

    mutation_id: str = Field(pattern=ID_PATTERN)
    entity: str = Field(pattern=ENTITY_PATTERN)
    entity_id: str = Field(pattern=ID_PATTERN)
    op: Op
    base_version: int = Field(default=0, ge=0)
    patch: dict[str, Any] = Field(default_factory=dict)
    base_values: dict[str, Any] = Field(default_factory=dict)


class PushRequest(_Model):
    schema_version: int
    device_id: str = Field(pattern=ID_PATTERN)
    mutations: list[Mutation] = Field(max_length=MAX_MUTATIONS_PER_PUSH)


class MutationResult(_Model):
    """Per-mutation outcome; business outcomes never fail the whole request.

    - applied: written (or nothing to write); `version` is the row's server version now.
    - duplicate: an insert of a row the server already holds with the same content.
    - conflict: fields in `conflict_fields` were changed on the server to other values; the server kept
      its values (`server_values`), other fields of the patch were applied. Edit against a deleted row:
      conflict_fields ["deleted"], server_values {"deleted": true, <each patched field>: <server value>}.
      A delete based on an older version: conflict_fields ["deleted"], server_values {"deleted": false}.
      Resolve with a new mutation.
    - rejected: invalid (unknown row, bad field); will never apply; the queue continues.
    - forbidden: outside the caller's grids or role; nothing written.
    A replayed mutation id returns the stored result of its first application.
    """

    mutation_id: str
    status: MutationStatus
    version: int | None = None
    server_values: dict[str, Any] | None = None
    conflict_fields: list[str] = Field(default_factory=list)
    message: str = ""


class PushResponse(_Model):
    results: list[MutationResult]
    server_cursor: int = Field(default=0, description="highest change sequence after this push")


# --- pull ----------------------------------------------------------------------------------------


class Change(_Model):
    """The current state of one row (its data fields, not bookkeeping), at sequence `seq`. A row changed
    several times since the cursor appears once, with its latest state.

    `removed`: the row moved out of the caller's grids; drop the local copy (it is not deleted on the
    server). Such a change carries no data and says deleted=true, so a client that ignores `removed`
    still hides the row."""

    seq: int
    entity: str
    entity_id: str
    version: int
    data: dict[str, Any]
    deleted: bool = False
    updated_at: str = ""
    updated_by: str = ""
    removed: bool = False


class PullResponse(_Model):
    changes: list[Change]
    next_cursor: int = Field(description="pass as cursor next time; store with the applied page")
    has_more: bool


# --- blobs ---------------------------------------------------------------------------------------


class BlobPutResponse(_Model):
    sha256: str
    size: int
    created: bool = Field(description="false when the server already had these bytes")


# --- letter numbers ------------------------------------------------------------------------------


class LetterNumberReserveRequest(_Model):
    """Reserves `count` consecutive numbers of a series (e.g. 劳监提字) and year. `request_id` makes a
    retry after a lost response return the same block instead of a new one."""

    series_key: str = Field(min_length=1, max_length=64)
    year: int = Field(ge=2000, le=2200)
    count: int = Field(ge=1, le=MAX_LETTER_BLOCK)
    request_id: str | None = Field(default=None, pattern=ID_PATTERN)


class AdminActionInfo(_Model):
    """One line of the server's admin audit (accounts, grids, assignments, roles, device revocations)."""

    at: str
    actor: str
    action: str
    target: str = ""
    detail: str = ""


class LetterNumberBlock(_Model):
    series_key: str
    year: int
    start: int
    end: int = Field(description="inclusive")
    device_id: str = ""
