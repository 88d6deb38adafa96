import { describe, expect, it } from 'vitest';
import { isFreezeShortcut } from './KillSwitchControl';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('the kill switch shortcut', () => {
  it('is Ctrl+Shift+K (Cmd+Shift+K on macOS), nothing else', () => {
    expect(isFreezeShortcut(key('K', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isFreezeShortcut(key('k', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isFreezeShortcut(key('k', { ctrlKey: true }))).toBe(false);
    expect(isFreezeShortcut(key('K', { shiftKey: true }))).toBe(false);
    expect(isFreezeShortcut(key('K', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
  });
});
