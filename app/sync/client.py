"""HTTP client for the district server.

Retries only what is safe and useful to retry: network failures and 5xx answers, with exponential
backoff. Business outcomes come back as data; every other failure becomes a `SyncError` whose message
is one Chinese sentence a user can act on."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from app.sync import protocol as p

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
HEALTH_TIMEOUT = httpx.Timeout(3.0, connect=2.0)
REFRESH_RETRIES = 2


class SyncError(Exception):
    """A failure the user is told about in one sentence."""


class ServerUnreachable(SyncError):
    pass


class AuthFailed(SyncError):
    pass


class DeviceRevoked(SyncError):
    pass


class ClientTooOld(SyncError):
    pass


class RateLimited(SyncError):
    pass


class BatchRefused(SyncError):
    """The server refused a whole push batch (409 reused mutation id, 422 malformed); the caller
    isolates the offending mutation so that the rest of the queue still goes through."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ServerFailed(SyncError):
    pass


TokenSource = Callable[[bool], str]
"""Returns an access token; called with True after a 401 to force a fresh one."""


def _error_message(response: httpx.Response) -> str:
    try:
        body = p.ErrorBody.model_validate(response.json())
        return body.message
    except (ValueError, ValidationError):
        return response.text[:200]


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url.endswith(p.API_PREFIX):
        url = url[: -len(p.API_PREFIX)]
    if not url.startswith(("http://", "https://")):
        url = "http://" + url
    return url


class SyncClient:
    def __init__(
        self,
        base_url: str,
        *,
        token_source: TokenSource | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = normalize_url(base_url)
        self.token_source = token_source
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.sleep = sleep
        self.http = httpx.Client(
            base_url=self.base_url + p.API_PREFIX,
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": "union-inspector"},
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- transport ------------------------------------------------------------------------------

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        if response is not None:
            retry_after = response.headers.get("Retry-After", "")
            if retry_after.isdigit():
                return min(float(retry_after), self.max_backoff)
        base = min(self.backoff * (2**attempt), self.max_backoff)
        return float(base * (0.5 + random.random() / 2))

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        max_retries: int | None = None,
        timeout: httpx.Timeout | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """`max_retries` caps the retries below the client's default (token rotation must be retried
        quickly or not at all)."""
        retries = self.retries if max_retries is None else min(self.retries, max_retries)
        refreshed = False
        attempt = 0
        base_headers: dict[str, str] = dict(kwargs.pop("headers", None) or {})
        token: str | None = None
        while True:
            headers = dict(base_headers)
            if auth:
                if self.token_source is None:
                    raise AuthFailed("尚未登录服务器，请先登录")
                token = token or self.token_source(False)
                headers["Authorization"] = f"Bearer {token}"
            response: httpx.Response | None = None
            try:
                extra: dict[str, Any] = {"timeout": timeout} if timeout is not None else {}
                response = self.http.request(method, path, headers=headers, **kwargs, **extra)
            except httpx.TransportError as exc:
                error: Exception = exc
            else:
                if response.status_code == 401 and auth and not refreshed and self.token_source is not None:
                    refreshed = True
                    token = self.token_source(True)
                    continue
                if response.status_code < 500:
                    return response
                error = ServerFailed(f"服务器出错（{response.status_code}）：{_error_message(response)}")
            if attempt >= retries:
                if isinstance(error, SyncError):
                    raise error
                raise ServerUnreachable(f"无法连接服务器 {self.base_url}，请检查网络或稍后重试") from error
            delay = self._delay(attempt, response)
            if max_retries is not None:
                delay = min(delay, 1.0)
            log.info("%s %s failed (%s); retry %d in %.1fs", method, path, error, attempt + 1, delay)
            self.sleep(delay)
            attempt += 1

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        message = _error_message(response)
        if status == 401:
            raise AuthFailed(message or "服务器拒绝了登录凭据")
        if status == 426:
            raise ClientTooOld(
                "本程序版本太旧，服务器不再接受它的数据；请升级程序，未同步的修改会保留在本机"
            )
        if status == 429:
            raise RateLimited("登录尝试过于频繁，请稍后再试")
        if status == 403:
            raise SyncError(f"服务器拒绝了此操作：{message}")
        raise ServerFailed(f"服务器无法处理请求（{status}）：{message}")

    def _json(self, response: httpx.Response, model: type[ModelT]) -> ModelT:
        self._check(response)
        try:
            return model.model_validate_json(response.content)
        except (ValueError, ValidationError) as exc:
            raise ServerFailed(f"服务器的回答无法识别（{response.request.url.path}）") from exc

    # --- endpoints ------------------------------------------------------------------------------

    def health(self, timeout: httpx.Timeout = HEALTH_TIMEOUT) -> p.Health:
        """One quick look, no retries: used to decide whether to sync at all."""
        try:
            response = self.http.get("/health", timeout=timeout)
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"无法连接服务器 {self.base_url}") from exc
        return self._json(response, p.Health)

    def login(self, username: str, password: str, device_name: str) -> p.TokenResponse:
        req = p.LoginRequest(username=username, password=password, device_name=device_name, device_kind="laptop")
        response = self._send("POST", "/auth/login", auth=False, json=req.model_dump())
        if response.status_code == 401:
            raise AuthFailed("用户名或密码不正确")
        return self._json(response, p.TokenResponse)

    def refresh(self, refresh_token: str) -> p.TokenResponse:
        """The refresh token rotates, and the server revokes a device whose used token shows up again,
        except for an immediate retry after a lost answer (its grace period is 30 s). So a lost answer
        is retried at once, twice at most, and never later."""
        req = p.TokenRefreshRequest(refresh_token=refresh_token)
        response = self._send(
            "POST", "/auth/token", auth=False, max_retries=REFRESH_RETRIES, json=req.model_dump()
        )
        if response.status_code in (400, 401, 403):
            raise DeviceRevoked(
                "服务器已撤销此设备的登录（例如设备被挂失或令牌失效），请联系管理员后重新登录；"
                "本机未同步的修改仍然保留"
            )
        return self._json(response, p.TokenResponse)

    def revoke(self, refresh_token: str) -> bool:
        req = p.RevokeRequest(refresh_token=refresh_token)
        response = self._send("POST", "/auth/revoke", auth=False, json=req.model_dump())
        return self._json(response, p.RevokeResponse).revoked

    def me(self) -> p.AccountInfo:
        return self._json(self._send("GET", "/auth/me"), p.AccountInfo)

    def push(self, request: p.PushRequest) -> p.PushResponse:
        return self.push_body(request.model_dump_json().encode())

    def push_body(self, body: bytes) -> p.PushResponse:
        """A push request already encoded (the outbox keeps patches as JSON, so they are not parsed
        and re-encoded on the way out)."""
        response = self._send("POST", "/sync/push", content=body, headers={"Content-Type": "application/json"})
        if response.status_code in (409, 422):
            raise BatchRefused(_error_message(response), response.status_code)
        return self._json(response, p.PushResponse)

    def pull(self, cursor: int, limit: int = p.DEFAULT_PULL_LIMIT) -> p.PullResponse:
        params: Mapping[str, int] = {"cursor": cursor, "limit": limit, "schema_version": p.SCHEMA_VERSION}
        return self._json(self._send("GET", "/sync/pull", params=params), p.PullResponse)

    def blob_exists(self, sha256: str) -> bool:
        response = self._send("HEAD", f"/blobs/{sha256}")
        if response.status_code == 404:
            return False
        self._check(response)
        return True

    def get_blob(self, sha256: str) -> bytes | None:
        response = self._send("GET", f"/blobs/{sha256}")
        if response.status_code == 404:
            return None
        self._check(response)
        return response.content

    def put_blob(self, sha256: str, data: bytes) -> p.BlobPutResponse:
        response = self._send(
            "PUT", f"/blobs/{sha256}", content=data, headers={"Content-Type": "application/octet-stream"}
        )
        return self._json(response, p.BlobPutResponse)

    def reserve_letter_numbers(self, request: p.LetterNumberReserveRequest) -> p.LetterNumberBlock:
        response = self._send("POST", "/letter-numbers/reserve", json=request.model_dump())
        return self._json(response, p.LetterNumberBlock)
