import { bridge } from '../../lib/api';

/** What the import accepts (mirrors the main side's readers; kept here for the browser). */
export const IMPORTABLE = [
  '.txt',
  '.md',
  '.markdown',
  '.text',
  '.docx',
  '.pdf',
  '.vtt',
  '.srt',
  '.html',
  '.htm',
];

const importable = (name: string) => IMPORTABLE.some((ext) => name.toLowerCase().endsWith(ext));

/**
 * The files of a drop, walking dropped folders (hidden entries and unreadable kinds inside
 * folders are skipped; files dropped directly are all offered, so a wrong one gets a message).
 * Entries must be taken synchronously inside the drop event, before any await.
 */
export function filesFromDrop(dt: DataTransfer): Promise<File[]> {
  if (bridge.mode === 'electron') return Promise.resolve([...dt.files]);
  const entries = [...dt.items]
    .map((i) => i.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => !!e);
  if (!entries.length) return Promise.resolve([...dt.files]);
  return (async () => {
    const out: File[] = [];
    const walk = async (entry: FileSystemEntry, top: boolean): Promise<void> => {
      if (entry.name.startsWith('.') && !top) return;
      if (entry.isFile) {
        if (!top && !importable(entry.name)) return;
        out.push(
          await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)),
        );
      } else if (entry.isDirectory) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        for (;;) {
          const batch = await new Promise<FileSystemEntry[]>((res, rej) =>
            reader.readEntries(res, rej),
          );
          if (!batch.length) break;
          for (const e of batch.sort((a, b) => a.name.localeCompare(b.name))) await walk(e, false);
        }
      }
    };
    for (const e of entries) await walk(e, true);
    return out;
  })();
}
