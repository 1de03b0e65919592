// The contact's signature on the phone, stored like the laptop's (app/ui/widgets/signature_pad.py):
// a PNG, dark ink on an opaque white background, aspect 360:140. The phone writes it at twice the
// laptop's pad (720×280) so it stays sharp when printed; the laptop scales any size into its pad.
//
// What the phone app must write for it (as the laptop's SignatureField does):
//   attachment row: owner_table "visit", owner_id <visit id>, field_id <the form field's id>,
//                   kind "signature", mime "image/png", filename "signature.png", sha256 <hex>, size
//   blob:           PUT /api/v1/blobs/<sha256> with these exact bytes
//   visit answer:   answers[<field id>] = {attachment: <attachment id>, sha256: <hex>, name: "signature.png"}
//
// Needs the SignaturePad global (vendor/signature_pad.umd.min.js) loaded by the page.
//
//   const pad = signaturePad(canvas, {onStroke});
//   pad.isEmpty(); await pad.toBlob() -> {blob, sha256}; pad.clear(); pad.destroy()

export const EXPORT_WIDTH = 720;
export const EXPORT_HEIGHT = 280;
const INK = "#101010"; // the laptop's pen colour
const PAPER = "rgb(255, 255, 255)";

export async function sha256Hex(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function signaturePad(canvas, { onStroke } = {}) {
  const Pad = globalThis.SignaturePad;
  if (typeof Pad !== "function") throw new Error("签名组件未能加载，请刷新页面后重试。");
  const pad = new Pad(canvas, { backgroundColor: PAPER, penColor: INK, minWidth: 1.2, maxWidth: 3.2 });
  let cssWidth = 0;
  let cssHeight = 0;

  // The canvas holds device pixels (sharp on a 3× phone screen) while the pad draws in CSS pixels; on a
  // resize or rotation the strokes are redrawn from their points, not stretched or lost.
  function fit() {
    const rect = canvas.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    if (rect.width === cssWidth && rect.height === cssHeight) return;
    cssWidth = rect.width;
    cssHeight = rect.height;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const strokes = pad.toData();
    canvas.width = Math.round(rect.width * ratio);
    canvas.height = Math.round(rect.height * ratio);
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    if (strokes.length) pad.fromData(strokes);
  }

  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(fit) : null;
  if (observer) observer.observe(canvas);
  else window.addEventListener("resize", fit);
  fit();
  if (onStroke) pad.addEventListener("endStroke", () => onStroke());

  return {
    isEmpty: () => pad.isEmpty(),
    clear: () => {
      pad.clear();
      if (onStroke) onStroke();
    },
    async toBlob() {
      fit();
      const out = document.createElement("canvas");
      out.width = EXPORT_WIDTH;
      out.height = EXPORT_HEIGHT;
      const ctx = out.getContext("2d");
      ctx.fillStyle = PAPER;
      ctx.fillRect(0, 0, out.width, out.height);
      // Contain, centred: a pad drawn at another aspect is never distorted.
      const scale = Math.min(out.width / canvas.width, out.height / canvas.height);
      const w = canvas.width * scale;
      const h = canvas.height * scale;
      ctx.drawImage(canvas, (out.width - w) / 2, (out.height - h) / 2, w, h);
      const blob = await new Promise((resolve, reject) =>
        out.toBlob((b) => (b ? resolve(b) : reject(new Error("签名图片未能生成，请重试。"))), "image/png"),
      );
      return { blob, sha256: await sha256Hex(blob) };
    },
    destroy() {
      if (observer) observer.disconnect();
      else window.removeEventListener("resize", fit);
      pad.off();
    },
  };
}
