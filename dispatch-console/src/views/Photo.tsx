import { useEffect, useRef, useState } from 'preact/hooks';
import type { Photo as PhotoData } from '../api/types';
import { useI18n } from '../i18n';
import { formatClock } from '../i18n/format';
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

/**
 * A report's photo thumbnails; one click (or Enter) enlarges, Escape or the close button closes and
 * gives the focus back to the thumbnail. A photo whose camera recorded a GPS position is marked,
 * and the enlarged view says where and when the camera says it was taken.
 */
export function PhotoList({ photos, load, now }: { photos: PhotoData[]; load: PhotoLoader; now: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<PhotoData | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const closeButton = useRef<HTMLButtonElement | null>(null);
  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
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
              data-photo-id={photo.id}
              aria-label={t('detail.photoOpen')}
              onClick={(event) => {
                opener.current = event.currentTarget as HTMLElement;
                setOpen(photo);
              }}
            >
              <AuthImage url={photo.thumbnailUrl} alt={t('detail.photoOpen')} load={load} />
              {photo.takenAtLocation && (
                <span class="photo-gps" data-testid="photo-gps" title={t('detail.photoGps')} aria-label={t('detail.photoGps')}>
                  GPS
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <div class="lightbox" role="dialog" aria-modal="true" aria-label={t('detail.photoOpen')} data-testid="photo-viewer">
          <button type="button" class="lightbox-close" ref={closeButton} onClick={close}>
            {t('detail.photoClose')} (Esc)
          </button>
          <AuthImage url={open.url} alt={t('detail.photoOpen')} load={load} />
          <p class="lightbox-caption" data-testid="photo-caption">
            {open.takenAt && <span>{t('detail.photoTakenAt', { time: formatClock(open.takenAt, now) })}</span>}
            {open.takenAtLocation && (
              <span data-testid="photo-caption-gps">
                {t('detail.photoGpsAt', {
                  lat: open.takenAtLocation.lat.toFixed(5),
                  lon: open.takenAtLocation.lon.toFixed(5),
                })}
              </span>
            )}
            <span>
              {t('detail.photoSize', { w: open.width, h: open.height, kb: Math.max(1, Math.round(open.bytes / 1024)) })}
            </span>
          </p>
        </div>
      )}
    </div>
  );
}
