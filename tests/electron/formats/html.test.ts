// HTML pages to plain text, without a DOM library.
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../electron/formats/html.js';
import { readSourceFile } from '../../../electron/formats/read.js';
import { speakers, utf8 } from './helpers.js';

describe('htmlToText', () => {
  it('drops scripts, styles, comments and the title, and breaks lines at blocks', () => {
    const html = `<!DOCTYPE html><html><head><title>Ignored title</title>
      <style>p { color: red }</style><script>document.write("<p>not text</p>")</script></head>
      <body><!-- a comment <p>hidden</p> --><h1>Visit   notes</h1>
      <p>The hub
         was <b>busy</b>,<br>very busy.</p><div>Next <span>block</span></div>
      <SCRIPT type="module">alert(1)</SCRIPT>After</body></html>`;
    expect(htmlToText(html)).toBe('Visit notes\nThe hub was busy,\nvery busy.\nNext block\nAfter');
  });

  it('decodes named and numeric entities', () => {
    expect(
      htmlToText(
        '<p>Caf&eacute; &amp; &quot;tea&quot; &ndash; &#8220;hi&#8221; &#x1F44B; &euro;5&nbsp;&nbsp;now</p>',
      ),
    ).toBe('Café & "tea" – “hi” 👋 €5 now');
    expect(decodeEntities('&lt;3 &copy 2024 &unknown; &#150; &#0; &#x110000;')).toBe(
      '<3 © 2024 &unknown; – \ufffd \ufffd',
    );
    expect(decodeEntities('AT&T and a&b')).toBe('AT&T and a&b');
  });

  it('writes list items with markers and table rows with " | "', () => {
    const html = `<ul><li>Tea</li><li><p>Leaflets</p><ol start="3"><li>Third</li><li>Fourth</li></ol></li></ul>
      <table><caption>Sites</caption><tr><th>Site</th><th>Theme</th></tr>
      <tr><td>North</td><td><p>Trust</p><p>and warmth</p></td></tr><tr><td></td><td></td></tr></table>`;
    expect(htmlToText(html)).toBe(
      '- Tea\n- Leaflets\n  3. Third\n  4. Fourth\nSites\nSite | Theme\nNorth | Trust and warmth',
    );
  });

  it('keeps preformatted text line by line', () => {
    expect(htmlToText('<pre>\n  indented\n    more\n</pre><p>after</p>')).toBe(
      '  indented\n    more\nafter',
    );
  });

  it('leaves a stray "<" that is not a tag as text', () => {
    expect(htmlToText('<p>1 < 2 and 3 > 2</p>')).toBe('1 < 2 and 3 > 2');
  });
});

describe('reading .html and .htm', () => {
  it('decodes a page in the charset it declares', async () => {
    // "日本の家" in Shift_JIS: not UTF-8, and not Windows-1252 either.
    const page = Uint8Array.from([
      ...utf8(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
      ),
      ...utf8('</head><body><p>'),
      ...[0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x89, 0xc6],
      ...utf8('</p></body></html>'),
    ]);
    const read = await readSourceFile(page, 'ie.html');
    expect(read.text).toBe('日本の家');
    expect(read.warnings).toEqual([]);
  });

  it('reads a Windows-1252 page that declares nothing, with a warning', async () => {
    const page = Uint8Array.from([...utf8('<p>caf'), 0xe9, ...utf8(' &amp; th'), 0xe9, 0x3c]);
    const read = await readSourceFile(page, 'old.htm');
    expect(read.text).toBe('café & thé<');
    expect(read.warnings.join(' ')).toMatch(/old\.htm.*Windows-1252/);
  });

  it('reads a transcript page, with speaker turns', async () => {
    const html =
      '<html><body><h2>Interview 3</h2><p><strong>Interviewer:</strong> Hello&hellip;</p>' +
      '<p><strong>P03:</strong> Hi.</p><p>Interviewer: Bye.</p><p>P03: Bye!</p></body></html>';
    const read = await readSourceFile(utf8(html), 'interview.htm');
    expect(read.format).toBe('html');
    expect(read.text).toBe(
      'Interview 3\nInterviewer: Hello…\nP03: Hi.\nInterviewer: Bye.\nP03: Bye!',
    );
    expect(speakers(read.turns)).toEqual(['Interviewer', 'P03', 'Interviewer', 'P03']);
  });
});
