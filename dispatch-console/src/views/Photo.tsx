import { useEffect, useState } from 'preact/hooks';
import type { Photo as PhotoData } from '../api/types';
import { useI18n } from '../i18n';
import { safeImageUrl } from './safe';

export type PhotoLoader = (url: string) => Promise<Blob>;

/**
 * An image from the API. Photos under /api need the bearer token, which an <img> cannot send,
 * so they are fetched and shown from a blob URL.
 */
export function AuthImage({ url, alt, load }: { url: string; alt: string; load: PhotoLoader }) {
  const safe = safeImageUrl(url);
  const needsToken = safe?.startsWith('/api/') ?? false;
  const [src, setSrc] = useState<string | null>(needsToken ? null : safe);
  useEffect(() => {
    if (!safe || !needsToken) {
      setSrc(safe);
      return;
    }
    let objectUrl: string | null = null;
    let live = true;
    load(safe).then(
      (blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      },
      () => live && setSrc(null),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [safe, needsToken, load]);
  return src ? <img src={src} alt={alt} /> : <span class="photo-placeholder" aria-label={alt} />;
}

/** A report's photo thumbnails; one click enlarges, Escape or a click closes. */
export function PhotoList({ photos, load }: { photos: PhotoData[]; load: PhotoLoader }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<PhotoData | null>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (photos.length === 0) return null;
  return (
    <div class="photos">
      <span class="sub">{t('detail.photos', { n: photos.length })}</span>
      <ul class="photo-list">
        {photos.map((photo) => (
          <li key={photo.id}>
            <button
              type="button"
              class="thumb"
              data-testid="report-photo"
              aria-label={t('detail.photoOpen')}
              onClick={() => setOpen(photo)}
            >
              <AuthImage url={photo.thumbnailUrl} alt={t('detail.photoOpen')} load={load} />
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <div class="lightbox" role="dialog" aria-modal="true" data-testid="photo-viewer">
          <button type="button" class="lightbox-close" onClick={() => setOpen(null)}>
            {t('detail.photoClose')} (Esc)
          </button>
          <AuthImage url={open.url} alt={t('detail.photoOpen')} load={load} />
        </div>
      )}
    </div>
  );
}
