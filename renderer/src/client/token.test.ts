import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY } from './transport';

function place(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    storage,
    place: {
      location: { pathname: '/', search: '?tab=logs', hash },
      history: { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => replaced.push(String(url)) },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
    },
  };
}

describe('the headless UI token', () => {
  it('comes from the fragment, goes to sessionStorage and leaves the address bar', () => {
    const p = place('#token=abc-123_XYZ-0123456789');
    expect(takeToken(p.place)).toBe('abc-123_XYZ-0123456789');
    expect(p.storage.get(TOKEN_STORAGE_KEY)).toBe('abc-123_XYZ-0123456789');
    expect(p.replaced).toEqual(['/?tab=logs']);
  });

  it('keeps the rest of the fragment', () => {
    const p = place('#token=abc-123_XYZ-0123456789&view=2');
    takeToken(p.place);
    expect(p.replaced).toEqual(['/?tab=logs#view=2']);
  });

  it('after a reload, comes from sessionStorage; without either, there is none', () => {
    expect(takeToken(place('', 'stored-token-0123456789').place)).toBe('stored-token-0123456789');
    expect(takeToken(place('').place)).toBeNull();
    expect(takeToken({ ...place('').place, storage: null })).toBeNull();
  });
});
