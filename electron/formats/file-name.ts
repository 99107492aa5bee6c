/** A file name made from a title: characters file systems refuse become '_', at most 150. */
export function safeFileName(name: string, fallback = 'Weft'): string {
  return (
    name
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150)
      .trim() || fallback
  );
}
