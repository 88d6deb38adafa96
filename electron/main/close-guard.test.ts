import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardClose } from './close-guard.js';

function fakeWindow() {
  const w = new EventEmitter();
  const close = () => {
    let prevented = false;
    w.emit('close', { preventDefault: () => (prevented = true) });
    return prevented ? 'kept open' : 'closed';
  };
  return { w, close };
}

describe('closing the app with engine-held stops', () => {
  it('asks first while LIVE stops are held by the engine; closes at once when there are none', () => {
    const { w, close } = fakeWindow();
    let held = 2;
    const asked: string[] = [];
    let answer = false;
    guardClose(w, {
      engineHeldStops: () => held,
      confirm: (message) => {
        asked.push(message);
        return answer;
      },
    });
    expect(close()).toBe('kept open');
    expect(asked[0]).toMatch(/2 stop order\(s\) are held by the engine: they protect only while the workstation runs/);
    answer = true;
    expect(close()).toBe('closed');
    held = 0;
    expect(close()).toBe('closed');
    expect(asked).toHaveLength(2);
  });
});
