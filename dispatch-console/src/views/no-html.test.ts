import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A guard over the source: the APIs that parse strings as HTML appear nowhere, and Leaflet's
// tooltip/popup calls (which parse strings as HTML) only in views/safe.ts, which passes elements.
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

describe('no HTML from strings', () => {
  it('scans the console sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'document.write', 'DOMParser', 'createContextualFragment'])(
    'never uses %s',
    (api) => {
      const offenders = files.filter((f) => f.text.includes(api)).map((f) => f.path);
      expect(offenders).toEqual([]);
    },
  );

  it.each(['bindTooltip', 'bindPopup', 'setTooltipContent', 'setPopupContent', 'setContent'])(
    'calls Leaflet %s only from views/safe.ts',
    (api) => {
      const call = new RegExp(`\\b${api}\\(`);
      const offenders = files
        .filter((f) => call.test(f.text) && f.path !== join('views', 'safe.ts'))
        .map((f) => f.path);
      expect(offenders).toEqual([]);
    },
  );

  it('gives Leaflet divIcons no HTML', () => {
    for (const file of files) {
      for (const match of file.text.matchAll(/html:\s*([^,}\n]+)/g)) {
        expect(match[1].trim(), file.path).toBe("''");
      }
    }
  });
});
