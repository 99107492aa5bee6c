/**
 * Attribute values as real tools write them, made uniform: GUIDs lower-case without braces,
 * colours as `#rrggbb`, dates as ISO strings, typed variable values. Each parser returns
 * undefined for what it cannot understand, and the caller says so in a warning.
 */
import { randomUUID } from 'node:crypto';
import type { VariableType } from './model.js';

/**
 * A copy of `s` that does not keep the parser's input alive. Attribute values from saxes are
 * slices of 1 MiB chunks of XML; keeping one slice per selection would keep the whole document
 * in memory. (Short strings are copied by V8 anyway.)
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** `{ABC-…}` → `abc-…`; undefined when empty. */
export function normaliseGuid(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let v = value.trim();
  if (v.startsWith('{') && v.endsWith('}')) v = v.slice(1, -1).trim();
  return v ? v.toLowerCase() : undefined;
}

/**
 * Interns normalised GUIDs and dates for one read: 200k codings naming the same coder and a few
 * hundred codes then share a handful of strings instead of holding 200k copies.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  guid(value: string | undefined): string | undefined {
    return this.intern(normaliseGuid(value));
  }

  date(value: string | undefined): string | undefined {
    return this.intern(normaliseDate(value));
  }

  intern(v: string | undefined): string | undefined {
    if (v === undefined) return undefined;
    let kept = this.pool.get(v);
    if (kept === undefined) {
      kept = own(v);
      this.pool.set(kept, kept);
    }
    return kept;
  }
}

export const newGuid = (): string => randomUUID();

const HEX6 = /^#?([0-9a-f]{6})$/i;
const HEX3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;
const RGB = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/i;

/** `#RGB`, `#RRGGBB`, `rgb(r, g, b)` in any case → `#rrggbb`. */
export function normaliseColor(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const hex6 = HEX6.exec(v);
  if (hex6) return `#${hex6[1]!.toLowerCase()}`;
  const hex3 = HEX3.exec(v);
  if (hex3)
    return `#${hex3
      .slice(1, 4)
      .map((d) => d + d)
      .join('')}`.toLowerCase();
  const rgb = RGB.exec(v);
  if (rgb) {
    const parts = rgb.slice(1, 4).map(Number);
    if (parts.every((n) => n <= 255))
      return `#${parts.map((n) => n.toString(16).padStart(2, '0')).join('')}`;
  }
  return undefined;
}

/** An ISO 8601 date or date-time, or undefined when it is not one. */
const ISO_DATE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function normaliseDate(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && ISO_DATE.test(v) ? v : undefined;
}

/** xsd:integer as a safe JS number. */
export function parseInteger(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function parseBoolean(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

export const VARIABLE_TYPES: readonly VariableType[] = [
  'Text',
  'Boolean',
  'Integer',
  'Float',
  'Date',
  'DateTime',
];

/** The variable type named by `typeOfVariable`, matched without case. */
export function parseVariableType(value: string | undefined): VariableType | undefined {
  const v = value?.trim().toLowerCase();
  return VARIABLE_TYPES.find((t) => t.toLowerCase() === v);
}

/**
 * The value of a `<TextValue>`, `<IntegerValue>`… element, typed by the element's name.
 * Undefined when the element's content does not fit its type.
 */
export function parseTypedValue(
  element: string,
  text: string,
): string | number | boolean | undefined {
  switch (element) {
    case 'TextValue':
      return text;
    case 'BooleanValue':
      return parseBoolean(text);
    case 'IntegerValue':
      return parseInteger(text);
    case 'FloatValue': {
      const v = text.trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'DateValue':
    case 'DateTimeValue':
      return normaliseDate(text);
    default:
      return undefined;
  }
}

export const VALUE_ELEMENTS = new Set([
  'TextValue',
  'BooleanValue',
  'IntegerValue',
  'FloatValue',
  'DateValue',
  'DateTimeValue',
]);

export type Direction = 'Associative' | 'OneWay' | 'Bidirectional';

export function parseDirection(value: string | undefined): Direction | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'associative') return 'Associative';
  if (v === 'oneway') return 'OneWay';
  if (v === 'bidirectional') return 'Bidirectional';
  return undefined;
}

/** An optional string attribute (empty means absent), detached from the parser's input. */
export function optional(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : own(value);
}

/** A name attribute, trimmed, or the fallback when it is empty. */
export function nameOf(value: string | undefined, fallback: string): string {
  const v = value?.trim();
  return v ? own(v) : fallback;
}
