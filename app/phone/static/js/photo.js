// A photo from the phone's camera, made ready to store and sync: decoded the right way up (EXIF
// orientation applied), downscaled to at most 1600 px on the long side, encoded as JPEG, and hashed.
// The sha256 is over exactly the bytes of `blob`, which is what PUT /api/v1/blobs/<sha256> checks and
// what the attachment row and the answer ({attachment, sha256, name}) carry.
//
// The phone app writes the attachment row as the laptop's PhotoField does: kind "photo", mime
// "image/jpeg", owner_table "visit", field_id <the form field's id>.
//
//   const {blob, sha256, width, height, mime} = await takePhoto(file);

export const MAX_SIDE = 1600;
export const QUALITY = 0.8;
export const MAX_INPUT_BYTES = 40 * 1024 * 1024; // as the laptop's limit for one photo
const NOT_AN_IMAGE = "所选文件不是可识别的图片，请重新拍照或选择照片。";

export async function sha256Hex(blob) {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function decode(file) {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // Older engines: an <img> applies EXIF orientation itself (image-orientation: from-image).
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.decoding = "async";
      img.src = url;
      await img.decode();
      return img;
    } catch {
      throw new Error(NOT_AN_IMAGE);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

export async function takePhoto(file) {
  if (!file || typeof file.size !== "number" || file.size === 0) throw new Error(NOT_AN_IMAGE);
  if (file.type && !file.type.startsWith("image/")) throw new Error(NOT_AN_IMAGE);
  if (file.size > MAX_INPUT_BYTES) throw new Error("照片文件过大（超过 40 MB），请用相机重新拍摄。");
  const source = await decode(file);
  const srcW = source.width || source.naturalWidth;
  const srcH = source.height || source.naturalHeight;
  if (!srcW || !srcH) throw new Error(NOT_AN_IMAGE);
  const scale = Math.min(1, MAX_SIDE / Math.max(srcW, srcH));
  const width = Math.max(1, Math.round(srcW * scale));
  const height = Math.max(1, Math.round(srcH * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff"; // a transparent PNG becomes white, not black, as JPEG
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, 0, 0, width, height);
  if (typeof source.close === "function") source.close();
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("照片未能处理，请重试。"))), "image/jpeg", QUALITY),
  );
  return { blob, sha256: await sha256Hex(blob), width, height, mime: "image/jpeg" };
}
