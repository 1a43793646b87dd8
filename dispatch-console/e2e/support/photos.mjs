// Photos sent as the citizen app sends them: after the report's 201, resumably (tus 1.0) with the
// report's token, in small chunks as on a 2G link. tus-js-client is the JavaScript client of the
// same protocol the Android and iOS libraries speak.
import { randomUUID } from 'node:crypto';
import * as tus from 'tus-js-client';

/**
 * A real JPEG (a scene with a red corner), drawn and encoded by the browser's own canvas, as a
 * phone's camera app would hand it over.
 */
export async function jpegFromBrowser(page, width = 1200, height = 900) {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d');
      const gradient = g.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, '#28288c');
      gradient.addColorStop(1, '#fab41e');
      g.fillStyle = gradient;
      g.fillRect(0, 0, w, h);
      // Detail, as in a real photo, so that it weighs what one does and travels in several chunks.
      let seed = 114;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let i = 0; i < 3000; i++) {
        g.fillStyle = `hsl(${Math.floor(random() * 360)}, 80%, ${Math.floor(30 + random() * 50)}%)`;
        g.beginPath();
        g.arc(random() * w, random() * h, 4 + random() * 30, 0, 2 * Math.PI);
        g.fill();
      }
      g.fillStyle = '#ff0000';
      g.fillRect(0, 0, w / 8, h / 8);
      const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', 0.7));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height],
  );
  return Buffer.from(bytes);
}

/** Uploads a photo of the accepted report with tus; resolves when the server has the last byte. */
export function uploadPhoto(baseUrl, accepted, bytes, { chunkSize = 64 * 1024 } = {}) {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${baseUrl}/api/v1/reports/${accepted.reportId}/photos/uploads`,
      headers: { Authorization: `Bearer ${accepted.reportToken}` },
      metadata: { clientPhotoId: randomUUID(), filetype: 'image/jpeg' },
      chunkSize,
      retryDelays: [0, 500, 1000],
      onError: reject,
      onSuccess: () => resolve(upload.url),
    });
    upload.start();
  });
}
