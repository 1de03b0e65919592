"""photo.js and signature.js in Chromium at a phone's size and pixel ratio: the bytes the page would
upload are posted back here and checked with hashlib and Pillow (size, orientation, format, colours)."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest

from tests.phone.conftest import PhonePage

PIL = pytest.importorskip("PIL")
from PIL import Image  # noqa: E402

pytestmark = pytest.mark.slow

TAKE_CANVAS = """async ([w, h, type]) => {
  // a camera-like picture: left half red, right half blue, drawn on a canvas and saved as a file
  const c = document.createElement("canvas");
  c.width = w; c.height = h;
  const g = c.getContext("2d");
  g.fillStyle = "#ff0000"; g.fillRect(0, 0, w / 2, h);
  g.fillStyle = "#0000ff"; g.fillRect(w / 2, 0, w / 2, h);
  const blob = await new Promise((r) => c.toBlob(r, type, 0.95));
  const file = new File([blob], "IMG_0001" + (type === "image/png" ? ".png" : ".jpg"), {type});
  const out = await window.harness.photo.takePhoto(file);
  await fetch("/posted/" + out.sha256, {method: "POST", body: out.blob});
  return {sha256: out.sha256, width: out.width, height: out.height, mime: out.mime, type: out.blob.type};
}"""


def _pixels(image: Any) -> list[tuple[int, ...]]:
    w, h = image.size
    return [image.getpixel((x, y)) for y in range(0, h, 2) for x in range(0, w, 2)]


def _posted(phone: PhonePage, sha: str) -> bytes:
    data = phone.posted[sha]
    assert hashlib.sha256(data).hexdigest() == sha  # what the server's blob PUT will check
    return data


@pytest.mark.parametrize("source", ["image/jpeg", "image/png"])
def test_a_large_picture_is_downscaled_to_jpeg_and_hashed_over_its_bytes(phone: PhonePage, source: str) -> None:
    got = phone.js(TAKE_CANVAS, [4000, 3000, source])
    assert (got["width"], got["height"], got["mime"], got["type"]) == (1600, 1200, "image/jpeg", "image/jpeg")
    image = Image.open(io.BytesIO(_posted(phone, got["sha256"])))
    assert image.format == "JPEG" and image.size == (1600, 1200)
    rgb = image.convert("RGB")
    r, g, b = rgb.getpixel((100, 600))
    assert r > 200 and g < 60 and b < 60
    r, g, b = rgb.getpixel((1500, 600))
    assert b > 200 and r < 60 and g < 60
    assert not phone.errors, phone.errors


def test_a_small_picture_is_not_enlarged(phone: PhonePage) -> None:
    got = phone.js(TAKE_CANVAS, [640, 480, "image/png"])
    assert (got["width"], got["height"]) == (640, 480)
    assert Image.open(io.BytesIO(_posted(phone, got["sha256"]))).size == (640, 480)


def test_a_phone_photo_held_sideways_comes_out_upright(phone: PhonePage, tmp_path: Any) -> None:
    """Phones store a portrait photo as landscape pixels plus EXIF orientation 6 (turn 90° clockwise)."""
    stored = Image.new("RGB", (2400, 1800), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 2400, 900))  # top half red as stored; upright, the red is on the right
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "portrait.jpg"
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=92)
    phone.page.evaluate("""() => {
      const input = document.createElement("input");
      input.type = "file"; input.accept = "image/*"; input.id = "camera";
      document.body.append(input);
    }""")
    phone.page.set_input_files("#camera", str(path))
    got = phone.js("""async () => {
      const out = await window.harness.photo.takePhoto(document.getElementById("camera").files[0]);
      await fetch("/posted/" + out.sha256, {method: "POST", body: out.blob});
      return {sha256: out.sha256, width: out.width, height: out.height};
    }""")
    assert (got["width"], got["height"]) == (1200, 1600)
    image = Image.open(io.BytesIO(_posted(phone, got["sha256"]))).convert("RGB")
    assert image.size == (1200, 1600)
    left, right = image.getpixel((100, 800)), image.getpixel((1100, 800))
    assert right[0] > 200 and right[2] < 60, right
    assert left[2] > 200 and left[0] < 60, left


@pytest.mark.parametrize(
    ("name", "mime", "content"),
    [("notes.txt", "text/plain", b"hello"), ("fake.jpg", "image/jpeg", b"not really a jpeg"), ("empty.jpg", "image/jpeg", b"")],
)
def test_anything_but_an_image_is_refused_in_one_sentence(phone: PhonePage, name: str, mime: str, content: bytes) -> None:
    message = phone.js("""async ([name, mime, bytes]) => {
      const file = new File([new Uint8Array(bytes)], name, {type: mime});
      try { await window.harness.photo.takePhoto(file); return "accepted"; } catch (e) { return e.message; }
    }""", [name, mime, list(content)])
    assert message == "所选文件不是可识别的图片，请重新拍照或选择照片。"


SIGN = """async () => {
  const canvas = document.createElement("canvas");
  canvas.id = "pad";
  canvas.style.width = "330px"; canvas.style.height = "128px"; canvas.style.display = "block";
  document.getElementById("app").append(canvas);
  window.pad = window.harness.signature.signaturePad(canvas);
  return {empty: window.pad.isEmpty(), width: canvas.width, height: canvas.height, ratio: devicePixelRatio};
}"""


def _stroke(phone: PhonePage) -> None:
    box = phone.page.locator("#pad").bounding_box()
    mouse = phone.page.mouse
    mouse.move(box["x"] + 20, box["y"] + 30)
    mouse.down()
    for i in range(1, 30):
        mouse.move(box["x"] + 20 + i * 10, box["y"] + 30 + (i % 6) * 12, steps=2)
    mouse.up()


def test_signature_is_a_white_backed_png_drawn_at_the_screen_s_pixel_ratio(phone: PhonePage) -> None:
    start = phone.js(SIGN)
    assert start == {"empty": True, "width": 990, "height": 384, "ratio": 3}
    _stroke(phone)
    assert phone.js("() => window.pad.isEmpty()") is False
    got = phone.js("""async () => {
      const out = await window.pad.toBlob();
      await fetch("/posted/" + out.sha256, {method: "POST", body: out.blob});
      return {sha256: out.sha256, type: out.blob.type};
    }""")
    assert got["type"] == "image/png"
    image = Image.open(io.BytesIO(_posted(phone, got["sha256"])))
    assert image.format == "PNG" and image.size == (720, 280)
    rgba = image.convert("RGBA")
    assert rgba.getpixel((2, 2)) == (255, 255, 255, 255)  # opaque white paper, as the laptop's pad
    assert rgba.getpixel((717, 277)) == (255, 255, 255, 255)
    dark = sum(1 for px in _pixels(rgba) if px[0] < 80 and px[3] == 255)
    assert dark > 75, dark  # the ink is there
    phone.js("() => window.pad.clear()")
    assert phone.js("() => window.pad.isEmpty()") is True
    assert not phone.errors, phone.errors


def test_signature_survives_a_resize(phone: PhonePage) -> None:
    phone.js(SIGN)
    _stroke(phone)
    before = phone.js("() => window.pad.isEmpty()")
    phone.js("() => { document.getElementById('pad').style.width = '300px'; }")
    phone.page.wait_for_function("() => document.getElementById('pad').width === 900")
    assert before is False and phone.js("() => window.pad.isEmpty()") is False
    got = phone.js("""async () => {
      const out = await window.pad.toBlob();
      await fetch("/posted/" + out.sha256, {method: "POST", body: out.blob});
      return out.sha256;
    }""")
    rgba = Image.open(io.BytesIO(_posted(phone, got))).convert("RGBA")
    assert sum(1 for px in _pixels(rgba) if px[0] < 80) > 75  # redrawn from its points, not lost
