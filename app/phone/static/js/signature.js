// Placeholder (the shared signature module replaces this file): the contact signs on a canvas.
export function signaturePad(canvas) {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  canvas.width = canvas.offsetWidth * ratio || 600;
  canvas.height = canvas.offsetHeight * ratio || 240;
  canvas.getContext("2d").scale(ratio, ratio);
  const pad = new self.SignaturePad(canvas, { backgroundColor: "rgb(255,255,255)" });
  return {
    isEmpty: () => pad.isEmpty(),
    clear: () => pad.clear(),
    async toBlob() {
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
      const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      return { blob, sha256 };
    },
  };
}
