// Reading back what the writer wrote, for the writer tests: a tiny DOM (the writer itself never
// builds one), the zip's central directory, and a temp folder per test.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';
import type { RefiProject } from '../../../electron/formats/qdpx/model.js';
import { writeQdpx } from '../../../electron/formats/qdpx/write.js';
import { guid } from './qdpx-write-model.js';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** A tiny DOM of `xml` (tests only: the writer itself never builds one). */
export function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const el: El = {
      name: tag.name,
      attrs: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root.children[0]!;
}

export function all(el: El, name: string): El[] {
  const found: El[] = [];
  const walk = (e: El) => {
    if (e.name === name) found.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return found;
}

export function byGuid(el: El, name: string, id: number): El {
  const found = all(el, name).find((e) => e.attrs.guid === guid(id));
  if (!found) throw new Error(`no ${name} ${guid(id)}`);
  return found;
}

/** Slices `text` by code points, as a tool following the standard does. */
export const codePointSlice = (text: string, start: number, end: number) =>
  Array.from(text).slice(start, end).join('');

/** The central directory's view of each entry: what a strict unzip checks the data against. */
export function centralDirectory(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: { name: string; method: number; crc: number; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 24, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Writes `project` into `dir` and opens the result: the archive, its files and its XML. */
export async function writeAndOpen(project: RefiProject, dir: string) {
  const out = path.join(dir, 'study.qdpx');
  const result = await writeQdpx(project, out);
  const files = unzipSync(fs.readFileSync(out));
  const qde = new TextDecoder().decode(files['project.qde']);
  return { out, result, files, qde, doc: parseXml(qde) };
}
