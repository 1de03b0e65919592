# No `from __future__ import annotations` here: FastAPI must see the local Annotated aliases as objects.
"""The HTTP face of the district server (FastAPI). Business outcomes answer 200 with per-item statuses;
errors carry `ErrorBody`; 5xx only for real faults."""


import json
import logging
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.ids import utc_now_iso
from app.server import accounts, letters, phone_api, sync_service
from app.server.accounts import AccountError, Principal
from app.server.admission import PageAdmission
from app.server.auth import AuthService
from app.server.blobs import BlobStore
from app.server.case_scope import case_scope
from app.server.db import ServerDB, private_dir
from app.server.errors import ApiError, forbidden, not_found
from app.server.limits import BodyLimitMiddleware
from app.server.migrate import upgrade
from app.server.phone import TileSource
from app.server.schema import schemas
from app.server.settings import ServerSettings
from app.server.timing import ServerTiming
from app.sync.protocol import (
    API_PREFIX,
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    PROTOCOL_VERSION,
    SHA256_PATTERN,
    AccountInfo,
    AdminActionInfo,
    BlobPutResponse,
    DeviceInfo,
    ErrorBody,
    Health,
    LetterNumberBlock,
    LetterNumberReserveRequest,
    LoginRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    RevokeRequest,
    RevokeResponse,
    TokenRefreshRequest,
    TokenResponse,
)

log = logging.getLogger(__name__)

_ERR: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 426, 429)
}


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: _ERR[c] for c in codes}


class ServerState:
    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.db = ServerDB(settings.db_url)
        self.auth = AuthService(self.db, settings)
        self.blobs = BlobStore(settings.blob_dir)
        self.tiles = TileSource(settings.tiles_file)


def create_app(settings: ServerSettings) -> FastAPI:
    private_dir(settings.data_dir)
    private_dir(settings.blob_dir)
    schemas()  # the per-entity validation table, built once before the first request
    state = ServerState(settings)
    if settings.migrate_on_start:
        upgrade(state.db)
    app = FastAPI(
        title="Union Inspector district server",
        version=str(PROTOCOL_VERSION),
        description="Sync, accounts and attachments for 工会走访监督助手.",
    )
    app.state.server = state
    _install_error_handlers(app)

    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(PageAdmission)
    app.add_middleware(ServerTiming)  # outermost: its total holds the admission wait

    def principal(authorization: Annotated[str | None, Header()] = None) -> Principal:
        token = None
        if authorization and authorization.lower().startswith("bearer "):
            token = authorization[7:].strip()
        return state.auth.authenticate(token)

    def admin(p: Annotated[Principal, Depends(principal)]) -> Principal:
        if not p.is_admin:
            raise forbidden("Only an administrator may do this.")
        return p

    Caller = Annotated[Principal, Depends(principal)]
    Admin = Annotated[Principal, Depends(admin)]
    Sha = Annotated[str, Path(pattern=SHA256_PATTERN)]

    r = APIRouter(prefix=API_PREFIX)

    @r.get("/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        return Health(server_time=utc_now_iso())

    @r.post("/auth/login", response_model=TokenResponse, responses=_responses(401, 429), tags=["auth"])
    def login(body: LoginRequest, request: Request) -> TokenResponse:
        peer = request.client.host if request.client else "?"
        client = settings.client_address(peer, request.headers.get("x-forwarded-for"))
        return state.auth.login(body, client)

    @r.post("/auth/token", response_model=TokenResponse, responses=_responses(401), tags=["auth"])
    def token(body: TokenRefreshRequest) -> TokenResponse:
        return state.auth.refresh(body.refresh_token)

    @r.post("/auth/revoke", response_model=RevokeResponse, tags=["auth"])
    def revoke(body: RevokeRequest) -> RevokeResponse:
        return RevokeResponse(revoked=state.auth.revoke(body.refresh_token))

    @r.get("/auth/me", response_model=AccountInfo, responses=_responses(401), tags=["auth"])
    def me(p: Caller) -> AccountInfo:
        info = p.info()
        if not p.sees_all:
            with state.db.read() as session:
                info.mediated_cases = sorted(case_scope(session, p).cases)
        return info

    @r.get("/devices", response_model=list[DeviceInfo], responses=_responses(401, 403), tags=["admin"])
    def devices(_: Admin) -> list[DeviceInfo]:
        return accounts.list_devices(state.db)

    @r.post(
        "/devices/{device_id}/revoke", response_model=DeviceInfo, responses=_responses(401, 403, 404), tags=["admin"]
    )
    def revoke_device(device_id: Annotated[str, Path(max_length=64)], p: Admin) -> DeviceInfo:
        try:
            return accounts.revoke_device(state.db, device_id, actor=f"{p.username} (api)")
        except AccountError as exc:
            raise not_found(str(exc)) from exc

    @r.get("/admin/audit", response_model=list[AdminActionInfo], responses=_responses(401, 403), tags=["admin"])
    def admin_audit(
        _: Admin,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
        offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    ) -> list[AdminActionInfo]:
        return accounts.list_actions(state.db, limit, offset)

    @r.post("/sync/push", response_model=PushResponse, responses=_responses(400, 401, 409, 426), tags=["sync"])
    def push(body: PushRequest, p: Caller) -> PushResponse:
        return sync_service.push(state.db, p, body)

    @r.get("/sync/pull", response_model=PullResponse, responses=_responses(400, 401, 426), tags=["sync"])
    def pull(
        p: Caller,
        cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
        schema_version: Annotated[int | None, Query(ge=-(2**31), le=2**31)] = None,
    ) -> PullResponse:
        return sync_service.pull(state.db, p, cursor, limit, schema_version)

    @r.head("/blobs/{sha256}", responses={200: {"description": "present"}, 404: {"description": "absent"}}, tags=["blobs"])
    def blob_head(sha256: Sha, p: Caller) -> Response:
        size = state.blobs.size(sha256)
        if size is None or not sync_service.may_read_blob(state.db, p, sha256):
            return Response(status_code=404)
        return Response(status_code=200, headers={"Content-Length": str(size)})

    @r.get(
        "/blobs/{sha256}",
        response_class=FileResponse,
        responses={200: {"content": {"application/octet-stream": {}}}, **_responses(401, 404)},
        tags=["blobs"],
    )
    def blob_get(sha256: Sha, p: Caller) -> FileResponse:
        if state.blobs.size(sha256) is None or not sync_service.may_read_blob(state.db, p, sha256):
            raise not_found("The server has no attachment with this SHA-256.")
        return FileResponse(state.blobs.path(sha256), media_type="application/octet-stream")

    @r.put(
        "/blobs/{sha256}",
        response_model=BlobPutResponse,
        responses=_responses(400, 401, 413),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
        tags=["blobs"],
    )
    async def blob_put(sha256: Sha, request: Request, p: Caller) -> BlobPutResponse:
        declared = request.headers.get("content-length")
        length = int(declared) if declared and declared.isdigit() else None
        size, created = await state.blobs.put(sha256, request.stream(), length)
        # Sending the bytes proves having them: the uploader may read them back before its row arrives.
        sync_service.note_upload(state.db, p, sha256)
        return BlobPutResponse(sha256=sha256, size=size, created=created)

    @r.post(
        "/letter-numbers/reserve", response_model=LetterNumberBlock, responses=_responses(401, 409, 429), tags=["letters"]
    )
    def reserve(body: LetterNumberReserveRequest, p: Caller) -> LetterNumberBlock:
        return letters.reserve(state.db, p, body, settings.letter_blocks_per_hour)

    phone_api.install(r, state.db, state.tiles, principal, _responses(401, 403, 404, 422))
    app.include_router(r)
    _install_web(app)
    return app


class _ErrorResponse(JSONResponse):
    """ASCII escapes: an error message that quotes client input can never fail to encode."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


_BUSY_TEXT = ("database is locked", "database is busy", "deadlock detected", "could not serialize", "lock timeout",
              "too many clients", "could not obtain lock", "canceling statement due to lock timeout")


def busy_database(exc: BaseException) -> bool:
    if isinstance(exc, sa_exc.TimeoutError):  # no connection free in the pool in time
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return any(t in text for t in _BUSY_TEXT)


def _json_error(
    status: int, error: str, message: str, headers: Mapping[str, str] | None = None, detail: Any = None
) -> JSONResponse:
    body = ErrorBody(error=error, message=message, detail=detail).model_dump(exclude_none=True)
    return _ErrorResponse(body, status_code=status, headers=dict(headers or {}))


def _validation_sentence(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "The request is not of the expected shape."
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "the body"
    what = str(first.get("msg", "is not valid")).encode("ascii", "backslashreplace").decode("ascii")
    more = f" ({len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"The request is not of the expected shape: {where[:120]}: {what[:200]}{more}."


# Packages that add pages to the server app (same process, accounts and database), loaded by name like
# the command modules of app.cli: each has `install(app)`. The web pages sit above the server.
APP_EXTENSIONS = ("app.web.routes", "app.web.tracks", "app.phone.forms_api", "app.phone.routes")


def _install_web(app: FastAPI) -> None:
    import importlib

    for name in APP_EXTENSIONS:
        importlib.import_module(name).install(app)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _json_error(exc.status, exc.error, exc.message, exc.headers, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _json_error(422, "invalid_request", _validation_sentence(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden", 413: "too_large"}
        message = str(exc.detail) if isinstance(exc.detail, str) else "The request was refused."
        return _json_error(exc.status_code, codes.get(exc.status_code, "http_error"), message, exc.headers)

    @app.exception_handler(sa_exc.OperationalError)
    @app.exception_handler(sa_exc.TimeoutError)
    async def _busy(request: Request, exc: Exception) -> Response:
        """A database too busy to answer in time (SQLite's lock wait ran out, no pooled connection, a
        PostgreSQL lock or serialization failure) is a temporary state: 503 with Retry-After, which the
        laptop's client waits out and retries. Anything else stays a 500."""
        if not busy_database(exc):
            return await _fault(request, exc)
        log.warning("database busy: %s", type(exc).__name__)
        headers = {"Retry-After": "2"}
        if request.url.path.startswith("/web"):
            return Response("服务器正忙，请稍后刷新页面。", status_code=503, headers=headers, media_type="text/plain; charset=utf-8")
        return _json_error(503, "busy", "The server is busy; retry shortly.", headers)

    @app.exception_handler(Exception)
    async def _fault(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled server fault: %s", type(exc).__name__, exc_info=exc)
        return _json_error(500, "internal", "The server failed; the request can be retried later.")
