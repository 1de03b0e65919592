// The visit form's rules for the phone, kept in step with the Python formkit (app/formkit/answers.py and
// app/core/codes.py): the same visibility, the same checks in the same order, the same Chinese messages
// and the same kept answers. A parity test runs one table of answers through both and demands the same
// result, so a change on one side that is not made on the other fails the build.
//
// Python's notions that JavaScript spells differently are written out here on purpose: str.strip() and
// the regex \s cover a different set of spaces than String.trim(); \d matches every Unicode digit;
// date.fromisoformat() also reads 20240105 and week dates; len() counts code points, not UTF-16 units.

// The characters str.isspace() accepts (and re's \s for str patterns).
const PY_WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, "g");
const NAME_SEPARATORS = new RegExp(`[、，,;；/${PY_WS}]+|和|及|与`, "u");
const PHONE_NOISE = new RegExp(`[${PY_WS}\\-()（）]`, "gu");
const MOBILE = /^1[3-9]\p{Nd}{9}$/u;
const LANDLINE = /^0\p{Nd}{2,3}\p{Nd}{7,8}(\p{Nd}{1,5})?$/u;
const SERVICE = /^(400|800)\p{Nd}{7}$|^\p{Nd}{5}$/u;

export const CHOICE_TYPES = new Set(["choice", "multichoice", "yesno"]);

export function pyStrip(text) {
  return text.replace(STRIP, "");
}

/** Length as Python counts it (code points), so max_length means the same on both sides. */
export function pyLen(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

function pyStr(value) {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

function isList(value) {
  return Array.isArray(value);
}

function isDict(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return pyStrip(value) === "";
  if (isList(value)) return value.length === 0;
  if (isDict(value)) return Object.keys(value).length === 0;
  return false;
}

function isNumber(value) {
  return typeof value === "number" && !Number.isNaN(value);
}

function fmt(x) {
  // Python: str(int(x)) for whole numbers, else "%.6g".
  if (Number.isInteger(x)) return String(x);
  const exp = Number(x.toExponential(5).split("e")[1]);
  if (exp < -4 || exp >= 6) {
    const [mant, e] = x.toExponential(5).split("e");
    const m = mant.includes(".") ? mant.replace(/0+$/, "").replace(/\.$/, "") : mant;
    const sign = e.startsWith("-") ? "-" : "+";
    const digits = e.replace(/^[+-]/, "").padStart(2, "0");
    return `${m}e${sign}${digits}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - exp));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

// --- dates (date.fromisoformat of Python 3.11) ----------------------------------------------------

function isLeap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y, m) {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 0001-01-01 (day 1), like date.toordinal(). */
function ordinal(y, m, d) {
  const py = y - 1;
  let days = py * 365 + Math.floor(py / 4) - Math.floor(py / 100) + Math.floor(py / 400);
  for (let i = 1; i < m; i += 1) days += daysInMonth(y, i);
  return days + d;
}

function fromOrdinal(n) {
  let y = Math.max(1, Math.floor(n / 365.2425));
  while (ordinal(y + 1, 1, 1) <= n) y += 1;
  while (ordinal(y, 1, 1) > n) y -= 1;
  let rest = n - ordinal(y, 1, 1) + 1;
  let m = 1;
  while (rest > daysInMonth(y, m)) {
    rest -= daysInMonth(y, m);
    m += 1;
  }
  return { y, m, d: rest };
}

/** The day's ordinal for an ISO date string Python would accept, else null. */
export function parseIsoDate(text) {
  if (typeof text !== "string") return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) || /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return ordinal(y, mo, d);
  }
  m = /^(\d{4})-W(\d{2})(?:-(\d))?$/.exec(text) || /^(\d{4})W(\d{2})(\d)?$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const week = Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    if (y < 1 || week < 1 || week > 53 || day < 1 || day > 7) return null;
    const jan1 = ordinal(y, 1, 1);
    const firstWeekday = (jan1 + 6) % 7; // 0 = Monday, as date.weekday()
    if (week === 53 && !(firstWeekday === 3 || (firstWeekday === 2 && isLeap(y)))) return null;
    const jan4 = jan1 + 3;
    const monday1 = jan4 - ((jan4 + 6) % 7);
    const result = monday1 + (week - 1) * 7 + (day - 1);
    const { y: ry } = fromOrdinal(result);
    if (ry < 1 || ry > 9999) return null;
    return result;
  }
  return null;
}

export function isoFromOrdinal(n) {
  const { y, m, d } = fromOrdinal(n);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Today on this phone's clock, as the laptop's date.today(). */
export function localToday() {
  const now = new Date();
  return isoFromOrdinal(ordinal(now.getFullYear(), now.getMonth() + 1, now.getDate()));
}

// --- codes -----------------------------------------------------------------------------------------

export function normalizePhone(raw) {
  if (!raw) return "";
  let text = pyStrip(String(raw).normalize("NFKC"));
  text = text.replace(PHONE_NOISE, "").replace(/^\+?86/, "");
  return text;
}

/** null when the phone is missing or valid, else the formkit's sentence (without the field label). */
export function phoneProblem(raw) {
  const phone = normalizePhone(raw);
  if (!phone) return null;
  if (MOBILE.test(phone) || LANDLINE.test(phone) || SERVICE.test(phone)) return null;
  return `电话号码 ${raw} 格式不正确（手机11位，座机带区号）`;
}

export function personNames(value) {
  if (typeof value !== "string") return [];
  const seen = [];
  for (const part of value.split(NAME_SEPARATORS)) {
    const name = pyStrip(part);
    if (name && !seen.includes(name)) seen.push(name);
  }
  return seen;
}

// --- definition helpers ---------------------------------------------------------------------------

export function iterFields(definition) {
  const out = [];
  for (const section of definition.sections) for (const f of section.fields) out.push(f);
  return out;
}

function same(a, b) {
  // True == 1 in Python; a yes/no answer must not match a number by accident.
  if (typeof a === "boolean" || typeof b === "boolean") return typeof a === "boolean" && typeof b === "boolean" && a === b;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b;
}

function holds(cond, value) {
  const values = isList(value) ? value : [value];
  const wanted = cond.in !== undefined && cond.in !== null ? cond.in : [cond.equals];
  return values.some((v) => wanted.some((w) => same(v, w)));
}

/** Ids of the fields shown for these answers; a field whose controlling field is hidden is hidden too. */
export function visibleFields(definition, answers) {
  const shown = new Set();
  for (const f of iterFields(definition)) {
    const cond = f.visible_if;
    if (!cond || (shown.has(cond.field) && holds(cond, answers[cond.field]))) shown.add(f.id);
  }
  return shown;
}

function isAttachment(value) {
  return isDict(value) && typeof value.sha256 === "string" && value.sha256 !== "";
}

function checkShape(f, value) {
  const label = f.label;
  switch (f.type) {
    case "text":
    case "longtext":
      if (typeof value !== "string") return `“${label}”应为文字`;
      if (f.max_length != null && pyLen(value) > f.max_length) {
        return `“${label}”最多 ${f.max_length} 字，现有 ${pyLen(value)} 字`;
      }
      return null;
    case "number": {
      if (!isNumber(value)) return `“${label}”应为数字`;
      if ((f.decimals ?? 0) === 0 && !Number.isInteger(value)) return `“${label}”应为整数`;
      if (f.min != null && value < f.min) return `“${label}”不能小于 ${fmt(f.min)}`;
      if (f.max != null && value > f.max) return `“${label}”不能大于 ${fmt(f.max)}`;
      return null;
    }
    case "date":
      if (parseIsoDate(value) === null) return `“${label}”应为有效日期（年-月-日）`;
      return null;
    case "choice":
      if (!f.options.some((o) => same(o, value))) return `“${label}”的选项“${pyStr(value)}”不在可选范围内`;
      return null;
    case "multichoice": {
      if (!isList(value)) return `“${label}”应为选项列表`;
      const unknown = value.filter((v) => !f.options.some((o) => same(o, v)));
      if (unknown.length) return `“${label}”的选项“${pyStr(unknown[0])}”不在可选范围内`;
      if (f.max_count != null && value.length > f.max_count) return `“${label}”最多选 ${f.max_count} 项`;
      return null;
    }
    case "yesno":
      if (typeof value !== "boolean") return `“${label}”应为“是”或“否”`;
      return null;
    case "photo":
      if (!isList(value) || !value.every(isAttachment)) return `“${label}”的照片记录已损坏`;
      if (f.max_count != null && value.length > f.max_count) {
        return `“${label}”最多 ${f.max_count} 张，现有 ${value.length} 张`;
      }
      return null;
    case "signature":
      if (!isAttachment(value)) return `“${label}”的签名记录已损坏`;
      return null;
    default:
      return null;
  }
}

const patternCache = new Map();

function fullMatch(pattern, value) {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, "u");
    } catch (err) {
      // The loader already compiled it with Python's re; a pattern JavaScript cannot read is not the
      // worker's fault, so it checks nothing here and the laptop or server still does.
      console.warn("form pattern not usable in this browser", pattern, err);
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re === null ? true : re.test(value);
}

function fieldById(definition, id) {
  return iterFields(definition).find((f) => f.id === id);
}

function checkRules(definition, f, value, answers, shown, todayOrdinal) {
  for (const rule of f.rules || []) {
    if (rule.kind === "phone") {
      const problem = phoneProblem(value);
      if (problem) return rule.message || `“${f.label}”：${problem}`;
    } else if (rule.kind === "pattern") {
      if (!fullMatch(rule.pattern || "", value)) return rule.message || `“${f.label}”的格式不正确`;
    } else if (rule.kind === "not_greater_than") {
      const otherId = rule.field || "";
      const otherValue = shown.has(otherId) ? answers[otherId] : undefined;
      const other = isNumber(otherValue) ? otherValue : null;
      const mine = isNumber(value) ? value : null;
      if (other !== null && mine !== null && mine > other) {
        return rule.message || `“${f.label}”不应大于“${fieldById(definition, otherId).label}”`;
      }
    } else if (rule.kind === "distinct_names") {
      const wanted = rule.min || 1;
      if (personNames(value).length < wanted) {
        return rule.message || `“${f.label}”至少填写${wanted}位不同人员的姓名，用顿号分隔。`;
      }
    } else if (rule.kind === "not_future") {
      const day = parseIsoDate(value);
      if (day !== null && day > todayOrdinal) return rule.message || `“${f.label}”不能晚于今天`;
    }
  }
  return null;
}

/**
 * Problems in form order: [{field, message}], one per field (its first). mode "submit" demands the
 * required answers; "draft" only flags malformed ones. today: "YYYY-MM-DD" (default: this phone's date).
 */
export function validate(definition, answers, { mode = "submit", today = null } = {}) {
  const todayOrdinal = parseIsoDate(today || localToday());
  const shown = visibleFields(definition, answers);
  const found = [];
  for (const f of iterFields(definition)) {
    if (!shown.has(f.id)) continue;
    const value = answers[f.id];
    if (isEmpty(value)) {
      if (f.required && mode === "submit") {
        let verb = CHOICE_TYPES.has(f.type) ? "选择" : "填写";
        if (f.type === "photo" || f.type === "signature") verb = "添加";
        found.push({ field: f.id, message: `请${verb}“${f.label}”` });
      }
      continue;
    }
    const message = checkShape(f, value) || checkRules(definition, f, value, answers, shown, todayOrdinal);
    if (message) found.push({ field: f.id, message });
  }
  return found;
}

/** What a submitted visit keeps: visible, known, non-empty answers; strings trimmed. */
export function keptAnswers(definition, answers) {
  const shown = visibleFields(definition, answers);
  const kept = {};
  for (const f of iterFields(definition)) {
    if (!shown.has(f.id)) continue;
    const value = answers[f.id];
    if (isEmpty(value)) continue;
    kept[f.id] = typeof value === "string" ? pyStrip(value) : clone(value);
  }
  return kept;
}

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** One sentence for the banner above the form, as the laptop words it (without the laptop's doubled
 * full stop when the first message already ends with one). */
export function firstSentence(problems) {
  if (!problems.length) return "";
  const first = problems[0].message.replace(/[。.]$/, "");
  if (problems.length === 1) return `还有 1 处需要处理：${first}。`;
  return `还有 ${problems.length} 处需要处理，第一处：${first}。`;
}
