import { describe, expect, it } from 'vitest';
import { KeyDebouncer } from './debounce';

describe('KeyDebouncer', () => {
  it('coalesces changes of a key into one recomputation after the delay', () => {
    let now = 1000;
    const debouncer = new KeyDebouncer(100, () => now);
    expect(debouncer.touch('a')).toBe(true);
    expect(debouncer.touch('a')).toBe(false);
    expect(debouncer.wait('a')).toBe(100);
    now += 60;
    expect(debouncer.touch('a')).toBe(false);
    expect(debouncer.wait('a')).toBe(40);
    now += 40;
    expect(debouncer.wait('a')).toBeUndefined();
    expect(debouncer.pending).toBe(0);
    // After the recomputation a new change schedules a new round.
    expect(debouncer.touch('a')).toBe(true);
  });

  it('treats keys that were never touched as due', () => {
    const debouncer = new KeyDebouncer(100, () => 0);
    expect(debouncer.wait('b')).toBeUndefined();
  });
});
