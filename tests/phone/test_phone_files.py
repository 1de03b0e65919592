"""The phone app's files as the server serves them: the shell and its strict CSP, the service worker and
its scope, the manifest, the shape of the rows the phone writes, and an English entry for every Chinese
string the app shows."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.phone import routes
from app.server.api import create_app
from app.server.settings import ServerSettings

JS = Path(routes.STATIC_DIR) / "js"
# Strings the phone writes into records (as the laptop does), and the name of the Chinese switch.
DATA_STRINGS = {"是", "否", "已签名", "手机 ", "中文"}
# The shared form renderer, photo and signature modules keep their own strings.
OWN_FILES = ("app.js", "map.js", "track.js", "sync.js", "api.js", "i18n.js", "db.js", "util.js")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = ServerSettings(data_dir=tmp_path / "server", jwt_secret="phone-test-secret-of-at-least-32-bytes!")
    settings.data_dir.mkdir(parents=True)
    app = create_app(settings)
    with TestClient(app, base_url="http://testserver") as c:
        yield c
    app.state.server.db.dispose()


def test_the_shell_is_served_with_a_strict_policy(client: TestClient) -> None:
    shell = client.get("/m/")
    assert shell.status_code == 200 and "text/html" in shell.headers["content-type"]
    csp = shell.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "img-src 'self' blob: data:" in csp and "worker-src 'self'" in csp
    assert 'type="module" src="static/js/app.js"' in shell.text
    assert "http://" not in shell.text and "https://" not in shell.text  # no CDN
    assert client.get("/m", follow_redirects=False).headers["location"] == "/m/"


def test_the_service_worker_keeps_every_shell_file(client: TestClient) -> None:
    sw = client.get("/m/sw.js")
    assert sw.status_code == 200 and sw.headers["service-worker-allowed"] == "/m/"
    shell = json.loads(re.search(r"const SHELL = (.*);", sw.text).group(1))  # type: ignore[union-attr]
    assert "static/js/app.js" in shell and "vendor/idb.umd.js" in shell and "vendor/leaflet.js" in shell
    for path in shell:
        assert client.get("/m/" + path).status_code == 200, path
    version = re.search(r'const VERSION = "(\w+)"', sw.text)
    assert version and version.group(1) == routes.shell_version()


def test_manifest_and_icons(client: TestClient) -> None:
    manifest = client.get("/m/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["start_url"] == "/m/" and body["display"] == "standalone"
    for icon in body["icons"]:
        assert client.get("/m/" + icon["src"]).headers["content-type"] == "image/png"


def test_the_phone_writes_the_laptops_fields(client: TestClient) -> None:
    from app.store.tables.base import SYNCED_TABLES

    schema = client.get("/m/schema.json").json()
    for entity in ("visit", "attachment", "enterprise", "patrol_track"):
        assert [f["name"] for f in schema[entity]] == SYNCED_TABLES[entity].data_fields()
    visit = {f["name"] for f in schema["visit"]}
    assert {"filled_longitude", "filled_latitude", "filled_accuracy_m"} <= visit


def test_every_shown_string_has_english(client: TestClient) -> None:
    english = client.get("/m/i18n/en.json").json()
    missing = set()
    for name in OWN_FILES:
        text = (JS / name).read_text(encoding="utf-8")
        for literal in re.findall(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"', text):
            if literal not in english and literal not in DATA_STRINGS:
                missing.add(literal)
    assert not missing, sorted(missing)
    for text in english.values():
        assert not re.search(r"[\u4e00-\u9fff]", text)
