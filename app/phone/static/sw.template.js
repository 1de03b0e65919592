// The phone app's service worker: keeps the app shell and the front-end packages for an offline start,
// and the map tiles already seen. Data never passes through here: it lives in IndexedDB.
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const SHELL_CACHE = "shell-" + VERSION;
const TILE_CACHE = "tiles";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "clear-data") {
    event.waitUntil(caches.delete(TILE_CACHE));
  }
});

function isShell(url) {
  return url.origin === self.location.origin && url.pathname.startsWith("/m/") && !url.pathname.startsWith("/m/forms/");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/m/")) {
    // The shell from the cache at once (fast, offline); a new version comes with the next worker.
    event.respondWith(caches.open(SHELL_CACHE).then((cache) => cache.match("./").then((hit) => hit || fetch(request))));
    return;
  }
  if (url.pathname.startsWith("/v1/tiles/")) {
    event.respondWith(
      caches.open(TILE_CACHE).then((cache) =>
        cache.match(url.pathname).then((hit) => hit || fetch(request).then((response) => {
          if (response.ok) cache.put(url.pathname, response.clone());
          return response;
        })),
      ),
    );
    return;
  }
  if (isShell(url)) {
    event.respondWith(caches.open(SHELL_CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))));
  }
});
