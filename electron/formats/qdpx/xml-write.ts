/**
 * Small, pure helpers for writing REFI-QDA XML by hand: escaping, the characters XML 1.0 cannot
 * carry, and the XSD simple types (GUID, colour, dateTime, date, decimal). The writers build
 * strings with these instead of a DOM so a 200k-coding project can stream out in chunks.
 */

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates.
// A parser refuses the whole file over one of them, so they are dropped from what we write.
const ILLEGAL_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 cannot hold (see ILLEGAL_XML). */
export function stripIllegalXml(text: string): string {
  ILLEGAL_XML.lastIndex = 0;
  return ILLEGAL_XML.test(text) ? text.replace(ILLEGAL_XML, '') : text;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR into LF, and tabs/line breaks in attributes into spaces: written as
  // character references they come back exactly as they were.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Element content: escaped, illegal characters dropped. */
export function escapeText(text: string): string {
  const clean = stripIllegalXml(text);
  return TEXT_SPECIAL.test(clean) ? clean.replace(/[&<>\r]/g, (c) => ENTITIES[c]!) : clean;
}

/** An attribute value (written between double quotes): escaped, illegal characters dropped. */
export function escapeAttr(value: string): string {
  const clean = stripIllegalXml(value);
  return ATTR_SPECIAL.test(clean) ? clean.replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]!) : clean;
}

/** ` a="1" b="2"` for the attributes that have a value; undefined ones are left out. */
export function attrs(list: [name: string, value: string | number | boolean | undefined][]) {
  let out = '';
  for (const [name, value] of list) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'string' ? escapeAttr(value) : String(value)}"`;
  }
  return out;
}

/** `<Name>text</Name>`, or nothing when the text is undefined or empty. */
export function textElement(name: string, text: string | undefined): string {
  return text ? `<${name}>${escapeText(text)}</${name}>` : '';
}

const GUID =
  /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

const MODEL_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The GUID in the model's form (lower-case, no braces), or undefined if it is not a GUID. */
export function normaliseGuid(raw: string): string | undefined {
  // Nearly every GUID is already in the model's form: no allocation for those.
  if (MODEL_GUID.test(raw)) return raw;
  const m = GUID.exec(raw);
  if (!m || raw.startsWith('{') !== raw.endsWith('}')) return undefined;
  return m[1]!.toLowerCase();
}

/** `#rrggbb` (3-digit forms expanded), or undefined if it is not a hex colour. */
export function xsdColor(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const m = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(raw.trim());
  if (!m) return undefined;
  const hex = m[1]!.toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;
const DATE_ONLY = /^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-](\d{2}):(\d{2}))?$/;

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function validZone(hours: string | undefined, minutes: string | undefined): boolean {
  if (hours === undefined) return true;
  const h = Number(hours);
  const m = Number(minutes);
  return m <= 59 && (h < 14 || (h === 14 && m === 0));
}

/**
 * An xsd:dateTime for an ISO 8601 string: kept exactly when it already is one (so times round
 * trip with their zone and precision), SQLite's `YYYY-MM-DD HH:MM:SS` given its `T`, anything
 * else Date can read written in UTC; undefined when it is not a date at all.
 */
export function xsdDateTime(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:)/, '$1T$2');
  const m = DATE_TIME.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, , , zh, zm] = m;
    const endOfDay = h === '24' && mi === '00' && s === '00' && !m[7];
    const timeOk = (Number(h) <= 23 || endOfDay) && Number(mi) <= 59 && Number(s) <= 59;
    if (validDay(Number(y), Number(mo), Number(d)) && timeOk && validZone(zh, zm)) return text;
    return undefined;
  }
  if (!/\d/.test(text)) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date reads odd strings as years like 170000: keep only what xsd:dateTime can say plainly.
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

/** An xsd:date (`YYYY-MM-DD`, optional zone); a full date-time gives its date part. */
export function xsdDate(raw: string): string | undefined {
  const text = raw.trim();
  const m = DATE_ONLY.exec(text);
  if (m) {
    const [, y, mo, d, , zh, zm] = m;
    return validDay(Number(y), Number(mo), Number(d)) && validZone(zh, zm) ? text : undefined;
  }
  const dateTime = xsdDateTime(text);
  return dateTime === undefined ? undefined : dateTime.slice(0, dateTime.indexOf('T'));
}

/**
 * An xsd:decimal: JavaScript writes 1e21 and 1e-7 in exponent form, which xsd:decimal forbids,
 * so the exponent is expanded into plain digits. Undefined for NaN and infinities.
 */
export function xsdDecimal(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, frac = '', exp] = m;
  const digits = lead! + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Collects XML text and hands it out in pieces of about `chunkChars`, so a writer never holds a
 * whole project's XML. `full` says when the buffer should be taken.
 */
export class XmlBuffer {
  private text = '';
  constructor(private readonly chunkChars = 64 * 1024) {}

  write(s: string): void {
    this.text += s;
  }

  get full(): boolean {
    return this.text.length >= this.chunkChars;
  }

  take(): string {
    const out = this.text;
    this.text = '';
    return out;
  }
}
