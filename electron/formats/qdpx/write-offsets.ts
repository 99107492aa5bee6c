/**
 * UTF-16 offsets (JavaScript string indices, as Weft stores codings) to Unicode code points (as
 * REFI-QDA counts them).
 *
 * The two counts differ only where a code unit does not start a code point of the written text:
 * the second half of a surrogate pair (emoji and other astral characters), and, for text written
 * inside XML, characters XML 1.0 cannot carry (they are dropped, so they must not be counted).
 * One pass over the text collects those positions (usually few); each offset is then the UTF-16
 * index minus how many of them lie before it, found by binary search. So 200k selections over a
 * 60 MB text cost one regex scan plus 200k × log(astral characters), with memory proportional
 * to the astral characters only.
 */

// A surrogate pair (its low half is not counted), or, second, a unit XML 1.0 forbids.
const UNCOUNTED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/g;

/** The code point index for a UTF-16 index of the text (clamped to the text). */
export type CodePointMapper = (utf16: number) => number;

/**
 * Maps UTF-16 indices of `text` to code point indices. With `dropIllegalXml`, characters that
 * `stripIllegalXml` removes are not counted either, so offsets match the text as written in XML.
 *
 * An index inside a surrogate pair (which no editor selection produces) counts the pair as
 * before it; start ≤ end still holds because the mapping never decreases.
 */
export function codePointMapper(
  text: string,
  opts: { dropIllegalXml?: boolean } = {},
): CodePointMapper {
  const skipped: number[] = [];
  UNCOUNTED.lastIndex = 0;
  for (let m = UNCOUNTED.exec(text); m !== null; m = UNCOUNTED.exec(text)) {
    if (m[0].length === 2) skipped.push(m.index + 1);
    else if (opts.dropIllegalXml) skipped.push(m.index);
  }
  return (utf16: number): number => {
    const i = Math.max(0, Math.min(utf16, text.length));
    // How many skipped units lie strictly before i (skipped is ascending).
    let lo = 0;
    let hi = skipped.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (skipped[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return i - lo;
  };
}
