// Chinese source strings; English from the server's catalog (/m/i18n/en.json), chosen on the phone.
let table = null;

export function lang() {
  try { return localStorage.getItem("lang") === "en" ? "en" : "zh"; } catch (_) { return "zh"; }
}

export async function loadLanguage() {
  table = null;
  if (lang() !== "en") return;
  try {
    const response = await fetch("i18n/en.json");
    if (response.ok) table = await response.json();
  } catch (_) { /* offline and not cached: Chinese */ }
}

export function setLanguage(value) {
  try { localStorage.setItem("lang", value); } catch (_) { /* ignore */ }
}

/** t(text, {n: 3}): the English entry when English is on, placeholders filled. */
export function t(text, values = {}) {
  const source = (table && table[text]) || text;
  return source.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}
