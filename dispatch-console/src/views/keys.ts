// Keyboard shortcuts of the console.
export type Shortcut = 'acknowledge' | 'dispatch' | 'next' | 'previous' | 'help' | 'escape';

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
}

/** True when the key goes into a field the dispatcher is typing in (then no shortcut applies). */
export function isTyping(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const element = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (element.isContentEditable) return true;
  const tag = element.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // A checkbox or button has nothing to type into.
  return !['checkbox', 'radio', 'button', 'submit'].includes((element.type ?? '').toLowerCase());
}

export function shortcutFor(event: KeyLike): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'escape';
  if (isTyping(event.target)) return null;
  switch (event.key) {
    case 'a':
    case 'A':
      return 'acknowledge';
    case 'd':
    case 'D':
      return 'dispatch';
    case 'j':
    case 'J':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'K':
    case 'ArrowUp':
      return 'previous';
    case '?':
      return 'help';
    default:
      return null;
  }
}
