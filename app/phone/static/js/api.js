// The district server's /v1 API as the phone uses it: sign-in, rotating refresh tokens (one refresh at a
// time, since a reused refresh token revokes the device), and authorised requests.
import { getMeta, setMeta } from "./db.js";

export class Offline extends Error {}
export class Revoked extends Error {}
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let refreshing = null;

async function send(path, options = {}) {
  try {
    return await fetch(path, { ...options, cache: "no-store" });
  } catch (_) {
    throw new Offline("offline");
  }
}

async function body(response) {
  try { return await response.json(); } catch (_) { return null; }
}

export async function login(username, password) {
  const deviceName = ("手机 " + (navigator.userAgentData?.platform || navigator.platform || "")).trim().slice(0, 100);
  const response = await send("/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password, device_name: deviceName, device_kind: "phone" }),
  });
  if (!response.ok) throw new ApiError(response.status, await body(response));
  const tokens = await response.json();
  await keep(tokens, deviceName);
  return tokens;
}

async function keep(tokens, deviceName) {
  const auth = (await getMeta("auth")) || {};
  await setMeta("auth", {
    device_id: tokens.device_id,
    device_name: deviceName ?? auth.device_name ?? "",
    access_token: tokens.access_token,
    expires_at: Date.now() + (tokens.expires_in - 60) * 1000,
    refresh_token: tokens.refresh_token,
    account: tokens.account,
  });
}

/** Two tabs of the app share one refresh token: the Web Lock lets one of them refresh, and the other
 * then finds the new token instead of presenting the old one (which the server takes for theft). */
function exclusive(work) {
  return navigator.locks ? navigator.locks.request("union-inspector-token", work) : work();
}

export async function refresh(seen) {
  if (!refreshing) {
    refreshing = exclusive(async () => {
      const auth = await getMeta("auth");
      if (!auth) throw new Revoked("no session");
      if (seen && auth.refresh_token !== seen) return; // another tab refreshed while this one waited
      const response = await send("/v1/auth/token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: auth.refresh_token }),
      });
      if ([400, 401, 403].includes(response.status)) throw new Revoked("revoked");
      if (!response.ok) throw new ApiError(response.status, await body(response));
      await keep(await response.json());
    }).finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function accessToken(force) {
  const auth = await getMeta("auth");
  if (!auth) throw new Revoked("no session");
  if (force || !auth.access_token || Date.now() >= auth.expires_at) {
    await refresh(auth.refresh_token);
    return (await getMeta("auth")).access_token;
  }
  return auth.access_token;
}

/** An authorised request; a 401 refreshes once, and a refused refresh means the device was revoked. */
export async function call(path, options = {}) {
  let token = await accessToken(false);
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = { ...(options.headers || {}), Authorization: "Bearer " + token };
    const response = await send(path, { ...options, headers });
    if (response.status === 401 && attempt === 0) {
      token = await accessToken(true);
      continue;
    }
    if (response.status === 401) throw new Revoked("revoked");
    return response;
  }
  throw new Revoked("revoked");
}

export async function callJson(path, options = {}) {
  const response = await call(path, options);
  if (!response.ok) throw new ApiError(response.status, await body(response));
  return response.json();
}

export async function signOutOnServer() {
  const auth = await getMeta("auth");
  if (!auth) return;
  try {
    await send("/v1/auth/revoke", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: auth.refresh_token }),
    });
  } catch (_) { /* offline: the data goes anyway; the office can revoke the device */ }
}
