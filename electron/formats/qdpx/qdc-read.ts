/**
 * Reads a REFI-QDA codebook (.qdc): the code hierarchy with colours, descriptions and folders,
 * and sets of codes. Shares the project reader's XML handler, so codes read identically in both;
 * namespaces `urn:QDA-XML:codebook:1.0`, `1:0` and `0:4` all read alike (local names only).
 */
import type { Guid, RefiCode, RefiCodebook } from './model.js';
import { RefiHandler } from './read-project.js';
import type { ReadLimits } from './read-limits.js';
import { DEFAULT_LIMITS, RefiError } from './read-limits.js';
import { ReadReport } from './read-report.js';
import { resolveSets } from './read-resolve.js';
import { SourceFiles } from './read-files.js';
import { looksLikeXml, parseXml } from './xml.js';
import { looksLikeZip } from './zip.js';
import { plural } from './read-report.js';

export function readQdc(
  input: Uint8Array,
  opts: { limits?: Partial<ReadLimits> } = {},
): RefiCodebook {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (input.length === 0)
    throw new RefiError('not-qdc', 'The file is empty; it is not a REFI-QDA codebook.');
  if (looksLikeZip(input))
    throw new RefiError(
      'not-qdc',
      'This is a zip archive (probably a .qdpx project), not a codebook; import it as a project.',
    );
  if (!looksLikeXml(input))
    throw new RefiError('not-qdc', 'This is not a REFI-QDA codebook: a .qdc file is XML.');
  const report = new ReadReport();
  const handler = new RefiHandler(
    {
      files: new SourceFiles(undefined, { readDisk: false }),
      report,
      hint: 'codepoints',
      conventions: new Map(),
    },
    'CodeBook',
  );
  parseXml(input, handler, { what: 'The codebook', limits });
  const { project } = handler;
  const codes = new Set<Guid>();
  const walk = (list: RefiCode[]): void => {
    for (const c of list) {
      codes.add(c.guid);
      walk(c.children);
    }
  };
  walk(project.codes);
  const lost = resolveSets(project.sets, codes, new Set(), new Set());
  report.warn(
    'set-members',
    (n) =>
      `${n} set ${plural(n, 'member')} named codes that are not in the codebook and ${plural(n, 'was', 'were')} left out.`,
    undefined,
    lost,
  );
  return {
    origin: project.origin,
    codes: project.codes,
    sets: project.sets,
    skipped: report.sentences('skipped'),
    warnings: report.sentences('warning'),
  };
}
