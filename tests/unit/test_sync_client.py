"""The HTTP client retries only what is safe and useful (network failures, 5xx), refreshes an expired
access token once, never resends a token rotation that may have reached the server, and turns every
other failure into one Chinese sentence."""

from __future__ import annotations

import httpx
import pytest

from app.sync import protocol as p
from app.sync.client import (
    AuthFailed,
    BatchRefused,
    ClientTooOld,
    DeviceRevoked,
    ServerFailed,
    ServerUnreachable,
    SyncClient,
)


def _client(handler: httpx.MockTransport, **kwargs: object) -> tuple[SyncClient, list[float]]:
    sleeps: list[float] = []
    client = SyncClient("127.0.0.1:9", transport=handler, sleep=sleeps.append, token_source=lambda _f: "tok",
                        **kwargs)  # type: ignore[arg-type]
    return client, sleeps


def _pull_body() -> dict[str, object]:
    return {"changes": [], "next_cursor": 0, "has_more": False}


def test_server_errors_and_network_failures_are_retried_with_growing_pauses() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        if len(calls) < 4:
            return httpx.Response(503, json={"error": "busy", "message": "busy"})
        return httpx.Response(200, json=_pull_body())

    client, sleeps = _client(httpx.MockTransport(handler), backoff=1.0)
    assert client.pull(0).has_more is False
    assert len(calls) == 4
    assert len(sleeps) == 3 and sleeps[0] < sleeps[2]
    assert client.base_url == "http://127.0.0.1:9"


def test_client_errors_are_not_retried() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(426, json={"error": "schema_too_old", "message": "old"})

    client, sleeps = _client(httpx.MockTransport(handler))
    with pytest.raises(ClientTooOld, match="未同步的修改会保留在本机"):
        client.pull(0)
    assert calls == [1] and sleeps == []


def test_giving_up_after_the_retries_says_the_server_cannot_be_reached() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    client, sleeps = _client(httpx.MockTransport(handler), retries=2)
    with pytest.raises(ServerUnreachable, match="无法连接服务器"):
        client.pull(0)
    assert len(sleeps) == 2

    def failing(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"error": "internal", "message": "boom"})

    client, _ = _client(httpx.MockTransport(failing), retries=1)
    with pytest.raises(ServerFailed, match="500"):
        client.pull(0)


def test_an_expired_access_token_is_refreshed_once() -> None:
    issued: list[bool] = []
    seen: list[str] = []

    def tokens(force: bool) -> str:
        issued.append(force)
        return "fresh" if force else "stale"

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        if request.headers["Authorization"] == "Bearer stale":
            return httpx.Response(401, json={"error": "unauthorized", "message": "expired"})
        return httpx.Response(200, json=_pull_body())

    client = SyncClient("http://x", transport=httpx.MockTransport(handler), token_source=tokens)
    client.pull(0)
    assert seen == ["Bearer stale", "Bearer fresh"]
    assert issued == [False, True]


def test_a_lost_token_rotation_answer_is_retried_at_once_only() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ReadError("connection reset", request=request)

    client, sleeps = _client(httpx.MockTransport(handler), retries=6, backoff=5.0)
    with pytest.raises(ServerUnreachable):
        client.refresh("r1")
    assert len(calls) == 3  # within the server's grace period for a repeated rotation
    assert sum(sleeps) <= 2.0

    def refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "unauthorized", "message": "revoked"})

    client, _ = _client(httpx.MockTransport(refused))
    with pytest.raises(DeviceRevoked, match="撤销"):
        client.refresh("r1")


def test_wrong_password_and_refused_batch() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            return httpx.Response(401, json={"error": "unauthorized", "message": "bad"})
        return httpx.Response(409, json={"error": "mutation_id_reused", "message": "reused"})

    client, _ = _client(httpx.MockTransport(handler))
    with pytest.raises(AuthFailed, match="用户名或密码不正确"):
        client.login("ann", "x", "laptop")
    request = p.PushRequest(schema_version=p.SCHEMA_VERSION, device_id="d", mutations=[])
    with pytest.raises(BatchRefused) as refused:
        client.push(request)
    assert refused.value.status == 409


def test_pushed_json_is_the_protocol_request_with_stored_patches_spliced_in() -> None:
    import json

    from app.store.tables.local import Outbox
    from app.sync.push import encode_push, to_mutation

    entry = Outbox(seq=1, mutation_id="m1", entity="enterprise", entity_id="e1", op="update", base_version=2,
                   patch=json.dumps({"name": '华"达\\n', "headcount": None}, ensure_ascii=False),
                   base_values=json.dumps({"name": "旧"}, ensure_ascii=False))
    request = p.PushRequest.model_validate_json(encode_push("dev-1", [entry, entry]))
    assert request.device_id == "dev-1" and request.schema_version == p.SCHEMA_VERSION
    assert request.mutations == [to_mutation(entry), to_mutation(entry)]
