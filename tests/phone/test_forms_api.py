"""The phone's form definitions over HTTP: the same definitions the laptop loads, behind the bearer token,
404 in one sentence for anything else, and hostile names refused before they reach the disk."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import formkit, resources
from app.formkit import loader
from app.server.api import create_app
from app.server.settings import ServerSettings
from tests.support.server_setup import login, seed


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = ServerSettings(data_dir=tmp_path / "server", jwt_secret="forms-test-secret-of-at-least-32-bytes!")
    settings.data_dir.mkdir(parents=True)
    seed(settings)
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver") as c:
        yield c
    app.state.server.db.dispose()


@pytest.fixture
def headers(client: TestClient) -> dict[str, str]:
    return dict(login(client, "ann", device="phone")["headers"])


def test_latest_and_versioned_definitions_are_what_the_laptop_loads(client: TestClient, headers: dict[str, str]) -> None:
    latest = client.get("/m/forms/sanchasanji.json", headers=headers)
    assert latest.status_code == 200
    body = latest.json()
    assert body["id"] == "sanchasanji" and body["version"] == 1
    # the served JSON reads back into the very same definition
    assert formkit.FormDefinition.model_validate(body) == formkit.load("sanchasanji", 1)
    cond = next(f for s in body["sections"] for f in s["fields"] if f["id"] == "difficulty_detail")["visible_if"]
    assert cond["in"] == ["经营困难", "停产半停产"]
    pinned = client.get("/m/forms/sanchasanji.v1.json", headers=headers)
    assert pinned.status_code == 200 and pinned.json() == body
    survey = client.get("/m/forms/xinjiuye_survey.v1.json", headers=headers).json()
    assert survey["kind"] == "questionnaire"


def test_index_lists_every_usable_form(client: TestClient, headers: dict[str, str]) -> None:
    r = client.get("/m/forms/index.json", headers=headers)
    assert r.status_code == 200
    by_id = {f["id"]: f for f in r.json()}
    expected = formkit.available()
    assert set(by_id) == set(expected)
    assert by_id["sanchasanji"] == {"id": "sanchasanji", "title": "三查三记走访记录表", "kind": "visit",
                                    "versions": expected["sanchasanji"], "latest": expected["sanchasanji"][-1]}


def test_served_without_a_token_like_the_app_shell(client: TestClient) -> None:
    for path in ("/m/forms/index.json", "/m/forms/sanchasanji.json", "/m/forms/sanchasanji.v1.json"):
        r = client.get(path)
        assert r.status_code == 200, path
    forged = client.get("/m/forms/sanchasanji.v1.json", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 200  # a token is neither needed nor looked at
    assert client.get("/v1/sync/pull").status_code == 401  # while the data stays behind it


@pytest.mark.parametrize(
    "name",
    [
        "nosuchform.json",
        "sanchasanji.v2.json",
        "sanchasanji.v0.json",
        "sanchasanji.v01.json",
        "sanchasanji",
        "Sanchasanji.json",
        "..%2F..%2Fpyproject.toml",
        "..%2Fsanchasanji.v1.json",
        "sanchasanji.v1.json%00",
        "sanchasanji.v1.json.bak",
        "%2Fetc%2Fpasswd",
        "a" * 90 + ".json",
        "sanchasanji.v99999999999999999999.json",
        "%E4%B8%89%E6%9F%A5.json",
    ],
)
def test_unknown_or_hostile_names_get_one_sentence(client: TestClient, name: str) -> None:
    r = client.get(f"/m/forms/{name}")
    assert r.status_code in (404, 422), r.text
    body: dict[str, Any] = r.json()
    assert body["error"] in ("not_found", "invalid_request")
    assert "\n" not in body["message"] and "Traceback" not in r.text and "pyproject" not in body["message"]
    if "%2F" in name:
        return  # a slash never reaches the route: the router's own 404
    if r.status_code == 404:
        assert body["message"].startswith("There is no form definition named ") and body["message"].endswith(".")


def test_a_broken_definition_file_is_not_served(
    client: TestClient, headers: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    good = json.loads((resources.forms_dir() / "sanchasanji.v1.json").read_text(encoding="utf-8"))
    (folder / "sanchasanji.v1.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    broken = dict(good, version=2)
    broken["sections"] = [dict(good["sections"][0], fields=[{"id": "x", "label": "X", "type": "nosuchtype"}])]
    (folder / "sanchasanji.v2.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(resources, "forms_dir", lambda: folder)
    loader.clear_cache()
    try:
        assert client.get("/m/forms/sanchasanji.v2.json", headers=headers).status_code == 404
        latest = client.get("/m/forms/sanchasanji.json", headers=headers)
        assert latest.status_code == 200 and latest.json()["version"] == 1  # the newest usable one
        index = client.get("/m/forms/index.json", headers=headers).json()
        assert index == [{"id": "sanchasanji", "title": good["title"], "kind": "visit", "versions": [1], "latest": 1}]
    finally:
        loader.clear_cache()
