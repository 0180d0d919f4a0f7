import { describe, expect, test } from 'vitest';
import { createRecent } from '../../../src/domain/text/recent.js';

describe('values kept for the keys used most recently', () => {
  test('holds at most its limit: the key used longest ago makes room', () => {
    const recent = createRecent<number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    recent.set('c', 3);
    expect(recent.size).toBe(2);
    expect(recent.get('a')).toBeUndefined();
    expect([recent.get('b'), recent.get('c')]).toEqual([2, 3]);
  });

  test('a key read again is kept over one set after it and not read since', () => {
    const recent = createRecent<string>(2);
    recent.set('asked often', 'x');
    recent.set('asked once', 'y');
    expect(recent.get('asked often')).toBe('x');
    recent.set('new', 'z');
    expect(recent.get('asked often')).toBe('x');
    expect(recent.get('asked once')).toBeUndefined();
  });

  test('set hands back the value it keeps', () => {
    expect(createRecent<number[]>(1).set('k', [1])).toEqual([1]);
  });
});
