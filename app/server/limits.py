"""Request bodies are bounded on the bytes actually received, whatever the transfer encoding.

`Content-Length` is a claim: a chunked body has none, and FastAPI reads a JSON body whole into memory
before its model sees it. This ASGI middleware counts the bytes as they arrive and answers 413 the
moment an endpoint's limit is passed, so memory stays flat under a body of any size. JSON bodies are
also checked once here (strict UTF-8, valid JSON, no lone surrogate escapes, no NaN/Infinity) and
refused with 400 before an endpoint parses them: such input used to reach the database drivers and end
as a 500."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from app.sync.protocol import API_PREFIX, MAX_BLOB_BYTES, ErrorBody

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_PUSH_BYTES = 32 * 1024 * 1024
MAX_SMALL_BYTES = 64 * 1024
MAX_AUTH_BYTES = 16 * 1024

_LIMITS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("PUT", re.compile(rf"^{API_PREFIX}/blobs/[^/]+$"), MAX_BLOB_BYTES),
    ("POST", re.compile(rf"^{API_PREFIX}/sync/push$"), MAX_PUSH_BYTES),
    ("POST", re.compile(rf"^{API_PREFIX}/auth/"), MAX_AUTH_BYTES),
)


def body_limit(method: str, path: str) -> int:
    for m, pattern, limit in _LIMITS:
        if method == m and pattern.match(path):
            return limit
    return MAX_SMALL_BYTES


def is_streamed(method: str, path: str) -> bool:
    """Blob uploads stream to disk (counted, not buffered); everything else is JSON or empty."""
    return method == "PUT" and path.startswith(f"{API_PREFIX}/blobs/")


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"A request to this address may carry at most {limit} bytes; send less at a time.")
        self.limit = limit


class MalformedBody(Exception):
    pass


def _no_constant(name: str) -> Any:
    raise MalformedBody(f"The request body is not valid JSON ({name} is not a JSON number).")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise MalformedBody(f"The request body holds a number too large for a float ({text[:20]}).")
    return value


def check_json(body: bytes) -> None:
    """Raises MalformedBody with one sentence when these bytes are not JSON a handler can trust."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedBody(f"The request body is not UTF-8 text (bad byte at position {exc.start}).") from None
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise MalformedBody("The request body nests JSON too deeply.") from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            raise MalformedBody(f"The request body is not valid JSON ({exc.msg} at position {exc.pos}).") from None
        raise
    if "\\u" in text or "\\U" in text:
        # json.loads turns a lone "\ud800" into an unpaired surrogate that no encoder can write back.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise MalformedBody(
                "The request body holds a lone UTF-16 surrogate escape (such as \\ud800), which is not text."
            ) from None


async def send_error(send: Send, status: int, error: str, message: str) -> None:
    payload = json.dumps(ErrorBody(error=error, message=message).model_dump(exclude_none=True)).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    if status == 413:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = str(scope.get("method", "GET")).upper()
        path = str(scope.get("path", ""))
        limit = body_limit(method, path)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await send_error(send, 413, "too_large", str(BodyTooLarge(limit)))
            return
        if is_streamed(method, path):
            await self._streamed(scope, receive, send, limit)
            return
        try:
            body = await _read_body(receive, limit)
        except BodyTooLarge as exc:
            await send_error(send, 413, "too_large", str(exc))
            return
        if body is None:
            return
        if body and _is_json_request(scope):
            try:
                check_json(body)
            except MalformedBody as exc:
                await send_error(send, 400, "malformed_body", str(exc))
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _streamed(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message.get("type") == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:
            if started:
                raise
            await send_error(send, 413, "too_large", str(exc))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


def _is_json_request(scope: Scope) -> bool:
    """Every body but a blob's is JSON here, whatever the client calls it; only a declared form or
    octet-stream body is left to its endpoint (which then refuses it as the wrong shape)."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            kind = value.decode("latin-1").lower()
            return not kind.startswith(("multipart/", "application/x-www-form-urlencoded"))
    return True


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body (at most `limit` bytes); None when the client went away before it ended."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)
