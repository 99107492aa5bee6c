/**
 * Word (.docx) to plain text. mammoth reads the document (we never touch its zip or XML
 * ourselves) and renders semantic HTML: headings, paragraphs, lists and tables, footnotes at
 * the end. htmlToText then gives one paragraph per line, "- "/"1. " list markers and
 * " | "-separated table rows.
 */
import { WeftError } from '../../db/errors.js';
import { htmlToText } from './html.js';

export interface DocxText {
  text: string;
  warnings: string[];
}

// Compound File Binary: the container of Word 97-2003 .doc files and of password-protected
// .docx files (which are an encrypted zip inside such a container).
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SAVE_AGAIN =
  'Open it in Word or LibreOffice, save it as a Word document (.docx), and import it again.';

export async function readDocx(bytes: Uint8Array, fileName: string): Promise<DocxText> {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    if (hasUtf16Name(bytes, 'EncryptedPackage'))
      throw new WeftError(
        'encrypted',
        `“${fileName}” is password-protected. Open it in Word, remove the password ` +
          '(File › Info › Protect Document › Encrypt with Password), save it, and import it again.',
      );
    throw new WeftError(
      'corrupt',
      `“${fileName}” is an older Word 97–2003 document (.doc) with a .docx name. ${SAVE_AGAIN}`,
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new WeftError('corrupt', `“${fileName}” is not a valid Word (.docx) file. ${SAVE_AGAIN}`);

  // Loaded on the first .docx only, so it costs nothing at start-up.
  const { default: mammoth } = await import('mammoth');
  let images = 0;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Weft imports text only; an empty src avoids base64-encoding every picture.
        convertImage: mammoth.images.imgElement(() => {
          images++;
          return Promise.resolve({ src: '' });
        }),
      },
    );
  } catch (e) {
    // jszip ("Corrupted zip", "End of data reached") and mammoth ("Could not find main
    // document part") both mean the same thing to a researcher, who needs no zip internals.
    const damaged = e instanceof Error && /zip|central directory|end of data/i.test(e.message);
    throw new WeftError(
      'corrupt',
      `“${fileName}” is not a valid Word (.docx) file${damaged ? ': it is damaged or only partly saved' : ''}. ${SAVE_AGAIN}`,
    );
  }

  const warnings: string[] = [];
  if (images > 0)
    warnings.push(
      `“${fileName}”: ${images} ${images === 1 ? 'picture was' : 'pictures were'} left out (Weft imports the text only).`,
    );
  // Style warnings ("Unrecognised paragraph style") are about mammoth's HTML, not the text.
  const errors = result.messages.filter((m) => m.type === 'error');
  if (errors.length > 0)
    warnings.push(`“${fileName}”: part of the document could not be read (${errors[0]?.message}).`);

  // mammoth ends each footnote with a "↑" link back to its reference: navigation, not text.
  const html = result.value.replace(/<a href="#(?:footnote|endnote)-ref-[^"]*">↑<\/a>/g, '');
  return { text: htmlToText(html), warnings };
}

function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}
