// Validates XML against the REFI-QDA schemas with libxml2's xmllint, a real XSD validator. A
// missing xmllint is an error, never a skipped check: install it with `apt-get install
// libxml2-utils` (.ci/run does).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../../helpers.js';

export const XMLLINT = '/usr/bin/xmllint';
export const PROJECT_XSD = path.join(sharedDir, 'refi-qda', 'schema', 'Project-mrt2019.xsd');
export const CODEBOOK_XSD = path.join(sharedDir, 'refi-qda', 'schema', 'Codebook.xsd');

export interface XmllintResult {
  valid: boolean;
  /** xmllint's messages (empty when valid). */
  errors: string;
}

/** Validates `xml` (a string, bytes, or `{ file }`) against the XSD at `schema`. */
export function xmllint(
  xml: string | Uint8Array | { file: string },
  schema: string,
): XmllintResult {
  const bin = fs.existsSync(XMLLINT) ? XMLLINT : 'xmllint';
  if (!fs.existsSync(schema)) throw new Error(`Schema not found: ${schema}`);
  const fromFile = typeof xml === 'object' && 'file' in xml;
  const run = spawnSync(
    bin,
    ['--noout', '--nonet', '--schema', schema, fromFile ? xml.file : '-'],
    {
      input: fromFile ? undefined : xml,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.error) {
    throw new Error(
      `xmllint could not run (${run.error.message}); install it: apt-get install libxml2-utils`,
    );
  }
  // xmllint exits 0 when valid, 3/4 for invalid or malformed documents, 5 for a broken schema.
  if (run.status === 5) throw new Error(`xmllint could not compile ${schema}:\n${run.stderr}`);
  const errors = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/ validates$/.test(line))
    .join('\n');
  return { valid: run.status === 0, errors };
}
