// Open a long source to first paint: one fieldnote of 100k words (paragraphs of ~80 words)
// imported through the API, then clicked in the source list; timed from the click reaching the
// page to the frame after the reader's last paragraph exists (a rAF, then the next task, so
// style, layout and paint of that frame are done). Median of 3. The floor: the same text fetched
// with 'sources.get' from the page and rendered as plain <p> elements into a detached div that
// is then attached, timed the same way: the raw cost without React and Lexical.
import path from 'node:path';
import { api, withWeftPage } from './browser.js';
import { fieldnoteText, median, result, type Result } from './common.js';

const GOAL_MS = 1000;

interface Opened {
  click: number;
  dom: number;
  raf: number;
  painted: number;
}

export async function runOpenSource(
  dir: string,
  words: number,
  log: (m: string) => void,
  profileDir: string | null = null,
): Promise<Result[]> {
  const text = fieldnoteText(words);
  const paragraphs = text.split('\n').filter((l) => l.trim());
  const last = paragraphs[paragraphs.length - 1]!;
  return withWeftPage(path.join(dir, 'open'), 'Reading', profileDir, async ({ page, profile }) => {
    const imported = await api<{ imported: { id: number; name: string }[] }>(
      page,
      'sources.import',
      {
        files: [
          { name: 'Fieldnotes long.txt', content: text },
          { name: 'Short note.txt', content: 'A short note.\n' },
        ],
      },
    );
    const big = imported.imported.find((s) => s.name.startsWith('Fieldnotes'))!;
    const list = page.getByRole('list', { name: 'Sources' });
    const bigButton = list.getByRole('button', { name: /Fieldnotes long/ });
    const smallButton = list.getByRole('button', { name: /Short note/ });
    await bigButton.waitFor();

    const weft: Opened[] = [];
    const fetched: number[] = [];
    for (let run = 0; run < 3; run++) {
      log(`open source: Weft, run ${run + 1}…`);
      await smallButton.click();
      await page.locator('.reader-title', { hasText: 'Short note' }).waitFor();
      await page.waitForTimeout(300);
      const callsBefore = await page.evaluate(() => window.__weftBench!.calls.length);
      await page.evaluate((last) => {
        window.__weftBench!.open = new Promise((resolve) => {
          let click = 0;
          document.addEventListener('click', () => (click = performance.now()), {
            capture: true,
            once: true,
          });
          const observer = new MutationObserver(() => {
            const el = document.querySelector('.reader-content')?.lastElementChild;
            if (!click || !el || el.textContent !== last) return;
            observer.disconnect();
            const dom = performance.now();
            requestAnimationFrame(() => {
              const raf = performance.now();
              const channel = new MessageChannel();
              channel.port1.onmessage = () =>
                resolve({ click, dom, raf, painted: performance.now() });
              channel.port2.postMessage(null);
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
      }, last);
      const opened = await profile(`open-${run + 1}`, async () => {
        await bigButton.click();
        return page.evaluate(() => window.__weftBench!.open!);
      });
      const get = await page.evaluate(
        (from) => window.__weftBench!.calls.slice(from).find((c) => c.method === 'sources.get'),
        callsBefore,
      );
      weft.push(opened);
      fetched.push(get?.parsed ? get.parsed - opened.click : NaN);
    }

    const floor: { fetch: number; dom: number; frame: number; total: number }[] = [];
    for (let run = 0; run < 3; run++) {
      log(`open source: floor, run ${run + 1}…`);
      await page.waitForTimeout(300);
      floor.push(
        await page.evaluate(async (id) => {
          const t0 = performance.now();
          const res = await fetch('/api/call', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'X-Weft-Token': sessionStorage.getItem('weft-token') ?? '',
            },
            body: JSON.stringify({ method: 'sources.get', input: { id } }),
          });
          const { value } = (await res.json()) as { value: { text: string } };
          const t1 = performance.now();
          const div = document.createElement('div');
          for (const line of value.text.split('\n')) {
            if (!line.trim()) continue;
            const p = document.createElement('p');
            p.textContent = line;
            div.append(p);
          }
          // Over the reader's pane, at its size, so layout does the same work.
          const pane = document.querySelector('.pane.center')!.getBoundingClientRect();
          Object.assign(div.style, {
            position: 'fixed',
            left: `${pane.left}px`,
            top: `${pane.top}px`,
            width: `${pane.width}px`,
            height: `${pane.height}px`,
            overflow: 'auto',
            background: '#fff',
          });
          document.body.append(div);
          const t2 = performance.now();
          await new Promise<void>((resolve) =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve();
              channel.port2.postMessage(null);
            }),
          );
          const t3 = performance.now();
          div.remove();
          return { fetch: t1 - t0, dom: t2 - t1, frame: t3 - t2, total: t3 - t0 };
        }, big.id),
      );
    }

    const total = median(weft.map((o) => o.painted - o.click));
    const fetchMs = median(fetched);
    const dom = median(weft.map((o, i) => o.dom - o.click - fetched[i]!));
    const paint = median(weft.map((o) => o.painted - o.dom));
    const floorTotal = median(floor.map((f) => f.total));
    const floorPart = (k: 'fetch' | 'dom' | 'frame') => median(floor.map((f) => f[k]));
    return [
      result(
        `open ${(words / 1000).toFixed(0)}k-word source`,
        'ms',
        total,
        floorTotal,
        `click to painted, median of 3; ${(words / 1000).toFixed(0)}k words, ${paragraphs.length} paragraphs: ` +
          `fetch+parse ${fetchMs.toFixed(0)} ms, render to DOM ${dom.toFixed(0)} ms, frame ${paint.toFixed(0)} ms ` +
          `(floor: fetch+parse ${floorPart('fetch').toFixed(0)} ms, <p>s ${floorPart('dom').toFixed(0)} ms, frame ${floorPart('frame').toFixed(0)} ms)`,
        {
          goal: `≤ ${GOAL_MS} ms`,
          met: total <= GOAL_MS,
          extra: {
            words,
            paragraphs: paragraphs.length,
            runsMs: weft.map((o) => (o.painted - o.click).toFixed(1)).join(' '),
            fetchMs,
            renderToDomMs: dom,
            frameMs: paint,
            floorRunsMs: floor.map((f) => f.total.toFixed(1)).join(' '),
            floorFetchMs: floorPart('fetch'),
            floorDomMs: floorPart('dom'),
            floorFrameMs: floorPart('frame'),
          },
        },
      ),
    ];
  });
}
