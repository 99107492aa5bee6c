import type { Page } from '@playwright/test';

/** Calls the contract from the page, as the renderer does (browser mode's token and transport). */
export async function api<T>(page: Page, method: string, input: unknown = {}): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Weft-Token': sessionStorage.getItem('weft-token') ?? '',
        },
        body: JSON.stringify({ method, input }),
      });
      const r = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!r.ok) throw new Error(r.error?.message);
      return r.value;
    },
    { method, input },
  ) as Promise<T>;
}
