"""A phone-sized page in Debian's Chromium (Playwright) that loads the phone's ES modules straight from
the source tree: requests to http://localhost/ are answered by the test itself, so no server process
runs, and localhost is a secure context (crypto.subtle works as on the real HTTPS site). Files the page
posts back (photos, signatures) land in `PhonePage.posted` for checks in Python."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = ROOT / "app" / "phone" / "static" / "js"
CSS_DIR = ROOT / "app" / "phone" / "static" / "css"
VENDOR_DIR = ROOT / "app" / "web" / "static" / "vendor"
CHROMIUM = os.environ.get("UNION_INSPECTOR_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
BASE = "http://localhost"

HARNESS = """
import * as form from "/js/form.js";
import * as rules from "/js/formrules.js";
import * as photo from "/js/photo.js";
import * as signature from "/js/signature.js";
window.harness = {form, rules, photo, signature};
document.body.dataset.ready = "1";
"""

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/css/form.css">
<script src="/vendor/signature_pad.umd.min.js"></script>
<script type="module" src="/harness.js"></script>
</head><body><main id="app"></main></body></html>"""

TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png"}


@dataclass
class PhonePage:
    page: Any
    posted: dict[str, bytes] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


def _serve(posted: dict[str, bytes]) -> Any:
    def handler(route: Any) -> None:
        request = route.request
        path = request.url[len(BASE):].split("?", 1)[0]
        if path.startswith("/posted/") and request.method == "POST":
            posted[path[len("/posted/"):]] = request.post_data_buffer or b""
            route.fulfill(status=204, body="")
            return
        if path in ("/", "/index.html"):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=PAGE)
            return
        if path == "/harness.js":
            route.fulfill(status=200, content_type="text/javascript", body=HARNESS)
            return
        for prefix, folder in (("/js/", JS_DIR), ("/css/", CSS_DIR), ("/vendor/", VENDOR_DIR)):
            if path.startswith(prefix):
                target = (folder / path[len(prefix):]).resolve()
                if target.is_file() and folder.resolve() in target.parents:
                    route.fulfill(status=200, content_type=TYPES.get(target.suffix, "application/octet-stream"),
                                  body=target.read_bytes())
                    return
        route.fulfill(status=404, body="not found")

    return handler


@pytest.fixture(scope="module")
def phone_browser() -> Iterator[Any]:
    """Per module: Playwright's sync API allows one running instance, and other modules start their own."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    if not (VENDOR_DIR / "signature_pad.umd.min.js").exists():
        pytest.skip("the front-end packages are not installed (scripts/web-assets.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def open_phone_page(browser: Any, *, scale: float = 3) -> tuple[Any, PhonePage]:
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=scale, is_mobile=True,
                              has_touch=True, locale="zh-CN")
    ctx.set_default_timeout(20_000)
    phone = PhonePage(page=None)
    ctx.route(BASE + "/**", _serve(phone.posted))
    page = ctx.new_page()
    phone.page = page
    page.on("console", lambda m: phone.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: phone.errors.append(str(e)))
    page.goto(BASE + "/")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    return ctx, phone


@pytest.fixture
def phone(phone_browser: Any) -> Iterator[PhonePage]:
    ctx, page = open_phone_page(phone_browser)
    try:
        yield page
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def module_phone(phone_browser: Any) -> Iterator[PhonePage]:
    ctx, page = open_phone_page(phone_browser)
    try:
        yield page
    finally:
        ctx.close()
