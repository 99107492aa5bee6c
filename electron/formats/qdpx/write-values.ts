/**
 * Typed variable values: each goes out in the element its variable's type names (TextValue,
 * IntegerValue…), in the lexical form the XSD type accepts. A value that does not fit its type
 * (an Integer variable holding "about 40") is left out with a warning rather than written in a
 * form other tools would reject.
 */
import type { RefiVariableValue, VariableType } from './model.js';
import type { WriteContext } from './write-context.js';
import { escapeText, xsdDate, xsdDateTime, xsdDecimal } from './xml-write.js';

const ELEMENT: Record<VariableType, string> = {
  Text: 'TextValue',
  Boolean: 'BooleanValue',
  Integer: 'IntegerValue',
  Float: 'FloatValue',
  Date: 'DateValue',
  DateTime: 'DateTimeValue',
};

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

function integerText(value: string | number | boolean): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    // Beyond 2^53 String() switches to exponent form; BigInt spells out the digits.
    return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  }
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return value.trim();
  return undefined;
}

function floatText(value: string | number | boolean): string | undefined {
  if (typeof value === 'number') return xsdDecimal(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return text;
  return xsdDecimal(Number(text));
}

function booleanText(value: string | number | boolean): string | undefined {
  if (typeof value === 'boolean') return String(value);
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return 'true';
  if (FALSE_WORDS.has(word)) return 'false';
  return undefined;
}

/** The value in the lexical form of `type`, or undefined if it does not fit. */
export function typedValueText(
  type: VariableType,
  value: string | number | boolean,
): string | undefined {
  switch (type) {
    case 'Text':
      return String(value);
    case 'Boolean':
      return booleanText(value);
    case 'Integer':
      return integerText(value);
    case 'Float':
      return floatText(value);
    case 'Date':
      return typeof value === 'string' ? xsdDate(value) : undefined;
    case 'DateTime':
      return typeof value === 'string' ? xsdDateTime(value) : undefined;
  }
}

/** `<VariableValue>` elements for `values`, skipping unknown variables and misfits. */
export function variableValuesXml(values: RefiVariableValue[], ctx: WriteContext): string {
  let out = '';
  for (const v of values) {
    const variable = ctx.ref(v.variable, 'variable');
    if (variable === undefined) continue;
    const type = ctx.variableTypes.get(variable)!;
    const text = typedValueText(type, v.value);
    if (text === undefined) {
      ctx.warn('value misfit', (n) =>
        n === 1
          ? `1 variable value that does not fit its variable’s type (e.g. “${String(v.value)}” as ${type}) was left out.`
          : `${n} variable values that do not fit their variable’s type (e.g. “${String(v.value)}” as ${type}) were left out.`,
      );
      continue;
    }
    const element = ELEMENT[type];
    out +=
      `<VariableValue><VariableRef targetGUID="${variable}"/>` +
      `<${element}>${escapeText(text)}</${element}></VariableValue>`;
  }
  return out;
}
