// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Photo } from '../api/types';
import { I18nContext, translator } from '../i18n';
import { PhotoList } from './Photo';

const photo = (overrides: Partial<Photo> = {}): Photo => ({
  id: 'p1',
  reportId: 'r1',
  thumbnailUrl: '/api/v1/dispatch/photos/p1?size=thumb',
  url: '/api/v1/dispatch/photos/p1?size=display',
  width: 1200,
  height: 1600,
  bytes: 312_000,
  takenAt: '2026-12-01T07:05:00Z',
  takenAtLocation: { lat: 21.38561, lon: 103.01692 },
  receivedAt: '2026-12-01T07:06:00Z',
  ...overrides,
});

const blobs = () => Promise.resolve(new Blob(['x'], { type: 'image/jpeg' }));

function show(photos: Photo[]): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => {
    render(
      <I18nContext.Provider value={{ lang: 'vi', t: translator('vi') }}>
        <PhotoList photos={photos} load={blobs} now={Date.parse('2026-12-01T08:00:00Z')} />
      </I18nContext.Provider>,
      root,
    );
  });
  return root;
}

afterEach(() => document.body.replaceChildren());

describe('report photos', () => {
  it('mark a photo whose camera recorded where it was, and only that one', () => {
    const root = show([photo(), photo({ id: 'p2', takenAtLocation: null })]);
    const thumbs = root.querySelectorAll('[data-testid="report-photo"]');
    expect(thumbs).toHaveLength(2);
    expect(thumbs[0].querySelector('[data-testid="photo-gps"]')).not.toBeNull();
    expect(thumbs[1].querySelector('[data-testid="photo-gps"]')).toBeNull();
  });

  it('enlarge with the camera time and position, and close on Escape giving the focus back', () => {
    const root = show([photo()]);
    const thumb = root.querySelector<HTMLButtonElement>('[data-testid="report-photo"]')!;
    act(() => thumb.click());

    const viewer = root.querySelector('[data-testid="photo-viewer"]');
    expect(viewer).not.toBeNull();
    expect(document.activeElement?.className).toBe('lightbox-close');
    const caption = root.querySelector('[data-testid="photo-caption"]')!.textContent!;
    expect(caption).toContain('Chụp lúc');
    expect(caption).toContain('21.38561, 103.01692');
    expect(caption).toContain('1200×1600');

    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(root.querySelector('[data-testid="photo-viewer"]')).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });
});
