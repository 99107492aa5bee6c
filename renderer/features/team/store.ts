import { create } from 'zustand';
import type { Coder, CoderSummary } from '../../../electron/api/contract';
import { call } from '../../lib/api';
import { reportError } from '../../ui/notices';

/** Who is coding on this computer in the open project, and everyone who has coded in it. */
interface TeamState {
  coder: Coder | null;
  coders: CoderSummary[];
  load(): Promise<void>;
  loadCoders(): Promise<void>;
  setCoder(input: { name: string; initials?: string }): Promise<boolean>;
  reset(): void;
}

export const useTeam = create<TeamState>((set, get) => ({
  coder: null,
  coders: [],
  async load() {
    try {
      const [coder, coders] = await Promise.all([call('coder.get', {}), call('coders.list', {})]);
      set({ coder, coders });
    } catch (e) {
      reportError(e);
    }
  },
  async loadCoders() {
    try {
      set({ coders: await call('coders.list', {}) });
    } catch (e) {
      reportError(e);
    }
  },
  async setCoder(input) {
    try {
      set({ coder: await call('coder.set', input) });
      await get().loadCoders();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
  reset() {
    set({ coder: null, coders: [] });
  },
}));

/** Up to two letters from a name ("Rosa Lind" -> "RL"), for a badge before initials are set. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}
