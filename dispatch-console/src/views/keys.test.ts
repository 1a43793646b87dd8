import { describe, expect, it } from 'vitest';
import { shortcutFor } from './keys';

describe('keyboard shortcuts', () => {
  it('maps the documented keys', () => {
    expect(shortcutFor({ key: 'a' })).toBe('acknowledge');
    expect(shortcutFor({ key: 'A' })).toBe('acknowledge');
    expect(shortcutFor({ key: 'd' })).toBe('dispatch');
    expect(shortcutFor({ key: 'j' })).toBe('next');
    expect(shortcutFor({ key: 'ArrowDown' })).toBe('next');
    expect(shortcutFor({ key: 'k' })).toBe('previous');
    expect(shortcutFor({ key: 'ArrowUp' })).toBe('previous');
    expect(shortcutFor({ key: '?' })).toBe('help');
    expect(shortcutFor({ key: 'x' })).toBeNull();
  });

  it('does nothing while the dispatcher types in a field', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'password' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'DIV', isContentEditable: true },
    ]) {
      expect(shortcutFor({ key: 'a', target })).toBeNull();
      expect(shortcutFor({ key: 'ArrowDown', target })).toBeNull();
    }
  });

  it('leaves Ctrl+Enter (send a message) to the conversation box', () => {
    expect(shortcutFor({ key: 'Enter', ctrlKey: true, target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(shortcutFor({ key: 'd', target: { tagName: 'TEXTAREA' } })).toBeNull();
  });

  it('still works from a ticked checkbox or a button', () => {
    expect(shortcutFor({ key: 'd', target: { tagName: 'INPUT', type: 'checkbox' } })).toBe('dispatch');
    expect(shortcutFor({ key: 'a', target: { tagName: 'BUTTON' } })).toBe('acknowledge');
  });

  it('leaves browser shortcuts alone', () => {
    expect(shortcutFor({ key: 'a', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'd', metaKey: true })).toBeNull();
  });
});
