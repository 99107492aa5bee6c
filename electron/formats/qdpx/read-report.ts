/**
 * Collects what the reader warns about and what it skips, as sentences for the import summary.
 * Repeated problems are counted under one key and turned into one sentence with a few examples,
 * so a file with 10,000 bad selections gives one line, not 10,000.
 */
import { newGuid, normaliseGuid, own } from './read-attrs.js';

type Sentence = (count: number, examples: string[]) => string;

interface Tally {
  count: number;
  examples: string[];
  sentence: Sentence;
  kind: 'warning' | 'skipped';
}

const MAX_EXAMPLES = 3;

export class ReadReport {
  private readonly tallies = new Map<string, Tally>();
  private readonly owners = new Map<string, string>();

  warn(key: string, sentence: Sentence, example?: string, by = 1): void {
    this.tally('warning', key, sentence, example, by);
  }

  skip(key: string, sentence: Sentence, example?: string, by = 1): void {
    this.tally('skipped', key, sentence, example, by);
  }

  private tally(
    kind: Tally['kind'],
    key: string,
    sentence: Sentence,
    example: string | undefined,
    by: number,
  ): void {
    if (by <= 0) return;
    let t = this.tallies.get(key);
    if (!t) {
      t = { count: 0, examples: [], sentence, kind };
      this.tallies.set(key, t);
    }
    t.count += by;
    if (example !== undefined && t.examples.length < MAX_EXAMPLES && !t.examples.includes(example))
      t.examples.push(example);
  }

  /**
   * The normalised GUID for an element, claimed for `label` ("the code "Anger""). A GUID seen
   * before gives undefined (the caller leaves the element out: the first one wins); a missing
   * one is replaced by a new GUID.
   */
  claim(raw: string | undefined, label: string): string | undefined {
    let guid = raw === undefined ? undefined : normaliseGuid(raw);
    if (guid) guid = own(guid);
    else {
      guid = newGuid();
      this.warn(
        'no-guid',
        (n) => `${n} ${plural(n, 'item')} had no GUID; Weft gave them new ones.`,
      );
    }
    const owner = this.owners.get(guid);
    if (owner !== undefined) {
      this.warn(
        'duplicate-guid',
        (n, ex) =>
          `${n} ${plural(n, 'item')} reused a GUID already taken by another; only the first ` +
          `was imported (${ex.join('; ')}).`,
        `${label} reuses the GUID of ${owner}`,
      );
      return undefined;
    }
    this.owners.set(guid, label);
    return guid;
  }

  sentences(kind: Tally['kind']): string[] {
    const out: string[] = [];
    for (const t of this.tallies.values()) {
      if (t.kind === kind) out.push(t.sentence(t.count, t.examples));
    }
    return out;
  }
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** `"A", "B" and 3 more` for sentences. */
export function quoteList(examples: string[], total: number): string {
  const quoted = examples.map((e) => `"${e}"`).join(', ');
  return total > examples.length ? `${quoted} and ${total - examples.length} more` : quoted;
}
