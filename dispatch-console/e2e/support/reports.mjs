// Citizen reports, sent through the public citizen API exactly as the app sends them.
import { randomUUID } from 'node:crypto';

/**
 * Places in Điện Biên (around Điện Biên Phủ), at least 2 km apart: a report within ~300 m of an open
 * incident joins it, so each test reports its fire at its own place and gets its own incident.
 */
export const Places = Object.freeze({
  liveQueue: { lat: 21.34, lon: 102.995 },
  twoConsoles: { lat: 21.34, lon: 103.02 },
  restart: { lat: 21.34, lon: 103.045 },
  hostileText: { lat: 21.365, lon: 102.995 },
  offlineMap: { lat: 21.365, lon: 103.02 },
  market: { lat: 21.3856, lon: 103.0169 },
  school: { lat: 21.415, lon: 102.995 },
  photo: { lat: 21.415, lon: 103.02 },
  conversation: { lat: 21.415, lon: 103.045 },
  areaAlert: { lat: 21.365, lon: 103.045 },
  // Hà Nội: outside the Điện Biên dispatcher's provinces, for the report that warms the backend up.
  warmUp: { lat: 21.0285, lon: 105.8542 },
  // Hà Nội (Ba Đình, 2 km from the warm-up): the Hà Nội dispatcher's own incident for the area alert test.
  hanoiAlert: { lat: 21.0368, lon: 105.8346 },
  // Hà Nội (Long Biên, 4 km from both above): the premises whose fire-alarm transmitter the tests register.
  alarmPremises: { lat: 21.045, lon: 105.89 },
});

/** A fire report at a place, with a reporter; `overrides` replace any field. */
export function fireReport(place, overrides = {}) {
  return {
    clientReportId: randomUUID(),
    location: { lat: place.lat, lon: place.lon, accuracyM: 20 },
    kind: 'FIRE',
    description: 'Cháy nhà dân, khói đen bốc cao',
    reporter: { phone: '+84912345678', name: 'Nguyễn Văn An' },
    ...overrides,
  };
}

/**
 * POSTs a report and returns the acceptance (201); anything else fails the test. With a device
 * secret, the report carries it as the app does, so its notifications go to that phone.
 */
export async function sendReport(baseUrl, report, deviceSecret) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (deviceSecret) headers.Authorization = `Bearer ${deviceSecret}`;
  const response = await fetch(`${baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers,
    body: JSON.stringify(report),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/reports answered ${response.status}, expected 201: ${body}`);
  }
  return JSON.parse(body);
}

/** Registers a phone for push as the app does after install; answers its registration and FCM token. */
export async function registerPhone(baseUrl, language) {
  const fcmToken = `e2e-fcm-${randomUUID()}`;
  const response = await fetch(`${baseUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fcmToken, platform: 'ANDROID', language }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/v1/devices answered ${response.status}: ${body}`);
  return { ...JSON.parse(body), fcmToken };
}
