// End-to-end tests of the dispatch console: the real packaged backend (demo profile, fresh PostGIS
// database) and the console it serves, in headless Chromium. Reports come in through the citizen
// API like a phone sends them. Nothing leaves this machine: every request to another host is
// blocked in the browser. Screenshots and the backend log go to e2e/output/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Backend, backendSettings, dispatchApiAs } from './support/backend.mjs';
import {
  ACCOUNTS,
  consoleAs,
  launchChromium,
  newWorkstation,
  openConsole,
  row,
  rowSeenAt,
  screenshots,
  select,
  signIn,
  UI_TIMEOUT_MS,
  waitUntilLive,
} from './support/browser.mjs';
import { admCidFrame, sendFrame } from './support/dc09.mjs';
import { FakeFcm } from './support/fcm.mjs';
import { jpegFromBrowser, uploadPhoto } from './support/photos.mjs';
import { fireReport, Places, registerPhone, sendReport } from './support/reports.mjs';

const outputDir = resolve(import.meta.dirname, 'output');
const docsScreenshot = resolve(import.meta.dirname, '../docs/console.png');
// Configured on purpose: the browser may not reach it, so the map must do without.
const EXTERNAL_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TEST_TIMEOUT_MS = 90_000;
const APP_NAME = 'Báo cháy 114';

rmSync(outputDir, { recursive: true, force: true });
mkdirSync(outputDir, { recursive: true });
const fcm = await new FakeFcm().start();
const backend = new Backend(backendSettings(outputDir), {
  tileUrl: EXTERNAL_TILES,
  push: { fcmUrl: fcm.url, credentialsFile: fcm.writeServiceAccount(outputDir) },
});
const shots = screenshots(outputDir);
let browser;

// The backend must not outlive the tests, whatever ends them.
process.on('exit', () => backend.killNow());
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    backend.killNow();
    process.exit(code);
  });
}

/** The short reference the console shows for an incident (see src/state/queue.ts shortId). */
const shortId = (id) => id.replace(/-/g, '').slice(-6).toUpperCase();

/**
 * Where an incident's marker is on the screen: the marker in view whose tooltip names the incident
 * (the selected one is drawn last, on top of its neighbours, so it is tried first).
 */
async function markerPoint(page, incidentId) {
  const map = page.getByTestId('map');
  const mapBox = await map.boundingBox();
  for (const marker of (await map.locator('.leaflet-incidents-pane svg path').all()).reverse()) {
    const box = await marker.boundingBox();
    if (!box || box.width === 0) continue;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    if (x < mapBox.x || y < mapBox.y || x > mapBox.x + mapBox.width || y > mapBox.y + mapBox.height) continue;
    await page.mouse.move(x, y);
    const tooltip = map.locator('.leaflet-tooltip').filter({ hasText: `#${shortId(incidentId)}` }).first();
    if (await tooltip.waitFor({ timeout: 1_000 }).then(() => true, () => false)) return { x, y, mapBox };
  }
  throw new Error(`no marker in view shows incident #${shortId(incidentId)}`);
}

/** Selects an incident and waits until the map has been fitted to it (its report's accuracy circle is drawn). */
async function selectOnMap(page, incidentId) {
  await select(page, incidentId);
  await page.locator('[data-testid="map"] .leaflet-overlay-pane svg path').first().waitFor({ state: 'attached' });
}

/** Fills an alert's headline and instruction in both languages. */
async function fillAlertTexts(page, texts) {
  await page.getByTestId('alert-headline-vi').fill(texts.headline.vi);
  await page.getByTestId('alert-headline-en').fill(texts.headline.en);
  await page.getByTestId('alert-instruction-vi').fill(texts.instruction.vi);
  await page.getByTestId('alert-instruction-en').fill(texts.instruction.en);
}

/** Presses the form's button and answers the server's reply to POST /api/v1/dispatch/alerts. */
async function issueAlert(page) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/dispatch/alerts' && r.request().method() === 'POST',
    ),
    page.getByTestId('alert-submit').click(),
  ]);
  return response;
}

/**
 * Runs one scene with fresh workstations (browser contexts); each page opened through `open` is
 * screenshotted at the end, pass or fail, and must not have thrown an uncaught error.
 */
async function scene(name, body) {
  const contexts = [];
  const pages = [];
  const open = async (account) => {
    const context = await newWorkstation(browser);
    contexts.push(context);
    const page = account ? await consoleAs(context, backend.url, account) : await openConsole(context, backend.url);
    pages.push(page);
    return page;
  };
  try {
    await body(open);
    for (const page of pages) assert.deepEqual(page.errors, [], 'uncaught errors in the page');
  } finally {
    for (const [index, page] of pages.entries()) {
      await shots.take(page, pages.length > 1 ? `${name}-${index + 1}` : name);
    }
    for (const context of contexts) await context.close().catch(() => {});
  }
}

/** One test: a scene (named for its screenshots) given `open` and the test context. */
function scenario(title, name, body, timeout = TEST_TIMEOUT_MS) {
  test(title, { timeout }, (t) => scene(name, (open) => body(open, t)));
}

describe('dispatch console', () => {
  before(
    async () => {
      await backend.resetDatabase();
      await backend.start();
      // A running system's intake is warm: one report far from the tests' places takes the JIT's
      // first pass, so the latency test measures what a dispatcher would see on a normal day.
      await sendReport(backend.url, fireReport(Places.warmUp, { description: 'Khởi động' }));
      browser = await launchChromium();
    },
    { timeout: 180_000 },
  );

  after(
    async () => {
      await browser?.close().catch(() => {});
      await backend.close();
      await fcm.close();
      process.stdout.write(`\nscreenshots: ${shots.dir}\nbackend log: ${backend.logPath}\n`);
    },
    { timeout: 60_000 },
  );

  scenario(
    'a dispatcher signs in to a Vietnamese console and sees the queue, the map and a live connection',
    '01-sign-in',
    async (open) => {
      const page = await open();
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      await page.getByRole('heading', { name: 'Đăng nhập điều phối viên' }).waitFor();

      await signIn(page, ACCOUNTS.dispatcher);
      await waitUntilLive(page);

      await page.getByTestId('queue').getByRole('heading', { name: 'Sự cố đang mở' }).waitFor();
      assert.match(await page.getByTestId('connection').innerText(), /Đã kết nối$/);
      assert.match(await page.getByTestId('dispatcher').innerText(), /Lò Thị Hoa \(Điện Biên\)/);
      const map = page.getByTestId('map');
      await map.locator('.leaflet-outlines-pane path').first().waitFor({ state: 'attached' });
      const box = await map.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 200, `map too small: ${JSON.stringify(box)}`);
      await page.getByTestId('unit-board').getByRole('heading', { name: 'Bảng xe' }).waitFor();
      await page.getByTestId('unit-row').first().waitFor();
      assert.equal(await page.getByTestId('login-form').count(), 0);
    },
  );

  scenario(
    'a citizen report appears in the queue within 2 s without a reload, and the page title counts it',
    '02-live-queue',
    async (open, t) => {
      const page = await open(ACCOUNTS.dispatcher);
      const newBefore = await page.locator('[data-testid="incident-row"][data-status="NEW"]').count();
      await page.evaluate(() => (window.__e2e.samePage = true));

      const sentAt = Date.now();
      const accepted = await sendReport(backend.url, fireReport(Places.liveQueue));
      const answeredIn = Date.now() - sentAt;
      const seenAt = await rowSeenAt(page, accepted.incidentId, 10_000);
      const latency = seenAt - sentAt;
      t.diagnostic(`report → queue row: ${latency} ms from sending the POST (its 201 came after ${answeredIn} ms)`);
      assert.ok(latency < 2000, `the row appeared ${latency} ms after the report was sent, expected < 2000 ms`);

      const incident = row(page, accepted.incidentId);
      assert.equal(await incident.getAttribute('data-status'), 'NEW');
      assert.equal(await incident.getByTestId('incident-status').innerText(), 'Mới');
      assert.equal(await incident.getByTestId('incident-province').innerText(), 'Điện Biên');
      assert.equal(await incident.getByTestId('incident-reports').innerText(), '1 tin báo');
      const title = `(${newBefore + 1}) ${APP_NAME}`;
      await page.waitForFunction((expected) => document.title === expected, title, { timeout: 5_000 });
      assert.equal(await page.evaluate(() => window.__e2e.samePage), true, 'the page was reloaded');
    },
  );

  scenario(
    'an acknowledgement and a dispatch in one console show in another console at once',
    '03-two-consoles',
    async (open) => {
      const dispatcher = await open(ACCOUNTS.dispatcher);
      const supervisor = await open(ACCOUNTS.supervisor);
      const { incidentId } = await sendReport(backend.url, fireReport(Places.twoConsoles));
      await row(dispatcher, incidentId).waitFor();
      await row(supervisor, incidentId).waitFor();

      // The dispatcher acknowledges; the supervisor sees it.
      await select(dispatcher, incidentId);
      await dispatcher.getByTestId('action-acknowledge').click();
      await dispatcher.locator('[data-testid="message"][data-kind="ok"]').waitFor();
      const ackRow = supervisor.locator(
        `[data-testid="incident-row"][data-incident-id="${incidentId}"][data-status="ACKNOWLEDGED"]`,
      );
      await ackRow.waitFor();
      assert.equal(await ackRow.getByTestId('incident-status').innerText(), 'Đã tiếp nhận');

      // The supervisor dispatches the nearest station's first available unit; the dispatcher sees
      // the incident dispatched, in the queue, the open detail and on the unit board.
      await select(supervisor, incidentId);
      const pick = supervisor.getByTestId('unit-checkbox').first();
      const unitId = await pick.getAttribute('data-unit-id');
      await pick.check();
      await supervisor.getByTestId('action-dispatch').click();
      await supervisor.locator('[data-testid="message"][data-kind="ok"]').waitFor();

      const dispatchedRow = dispatcher.locator(
        `[data-testid="incident-row"][data-incident-id="${incidentId}"][data-status="DISPATCHED"]`,
      );
      await dispatchedRow.waitFor();
      assert.equal(await dispatchedRow.getByTestId('incident-status').innerText(), 'Đã điều xe');
      await dispatcher.locator('[data-testid="detail-status"][data-status="DISPATCHED"]').waitFor();
      await dispatcher.locator(`[data-testid="assignment"][data-unit-id="${unitId}"]`).waitFor();
      const unitRow = dispatcher.locator(
        `[data-testid="unit-row"][data-unit-id="${unitId}"][data-status="DISPATCHED"]`,
      );
      await unitRow.waitFor();
      assert.match(await unitRow.innerText(), new RegExp(`#${shortId(incidentId)}`));
      await unitRow.scrollIntoViewIfNeeded();
    },
  );

  scenario(
    'after a backend restart the console reconnects by itself and shows the incident reported meanwhile',
    '04-restart',
    async (open, t) => {
      const page = await open(ACCOUNTS.dispatcher);
      await page.evaluate(() => (window.__e2e.samePage = true));
      const linksBefore = await page.evaluate(() => window.__e2e.links.length);

      // Until the report is in, the console's reconnection attempts (each starts with a live-ticket
      // request) fail while the backend is down, as they would anyway, and wait once it is back:
      // the incident can then only reach the console through its resync after reconnecting.
      let reportSent = false;
      let reported;
      const reportIn = new Promise((done) => (reported = done));
      let held = 0;
      await page.context().route('**/api/v1/dispatch/live-ticket', async (route) => {
        if (!reportSent) {
          if (!(await backend.answers())) return route.abort('connectionrefused').catch(() => {});
          held += 1;
          await reportIn;
        }
        return route.continue().catch(() => {});
      });

      const downAt = Date.now();
      await backend.kill();
      await page.waitForFunction(
        (from) => window.__e2e.links.slice(from).includes('reconnecting'),
        linksBefore,
        { timeout: UI_TIMEOUT_MS },
      );
      await shots.take(page, '04-restart-reconnecting');

      await backend.start();
      const upAt = Date.now();
      const linkWhenReported = await page.getByTestId('connection').getAttribute('data-state');
      const { incidentId } = await sendReport(backend.url, fireReport(Places.restart));
      reportSent = true;
      reported();

      // Back-off is at most 10 s (±20 %), so the console tries again within ~12 s of the restart.
      const seenAt = await rowSeenAt(page, incidentId, 30_000);
      await waitUntilLive(page, 30_000);
      t.diagnostic(
        `backend down ${upAt - downAt} ms; console state when the report was sent: ${linkWhenReported}; ` +
          `reconnection attempts held until the report was in: ${held}; ` +
          `incident shown ${seenAt - upAt} ms after the backend was ready`,
      );
      assert.notEqual(linkWhenReported, 'connected', 'the console had reconnected before the report');
      const links = await page.evaluate((from) => window.__e2e.links.slice(from), linksBefore);
      assert.equal(links[0], 'reconnecting', `indicator states after the kill: ${links.join(' → ')}`);
      assert.equal(links.at(-1), 'connected', `indicator states after the kill: ${links.join(' → ')}`);
      assert.equal(await row(page, incidentId).getAttribute('data-status'), 'NEW');
      assert.equal(await page.evaluate(() => window.__e2e.samePage), true, 'the page was reloaded');
    },
    240_000,
  );

  scenario(
    "a photo the reporter uploads resumably shows as a thumbnail in the open detail at once, and enlarges",
    '04b-photo',
    async (open, t) => {
      const page = await open(ACCOUNTS.dispatcher);
      const accepted = await sendReport(backend.url, fireReport(Places.photo));
      await row(page, accepted.incidentId).waitFor();
      await select(page, accepted.incidentId);
      assert.equal(await page.getByTestId('report-photo').count(), 0);

      const jpeg = await jpegFromBrowser(page);
      const sentAt = Date.now();
      await uploadPhoto(backend.url, accepted, jpeg);
      const storedAt = Date.now();
      const thumb = page.getByTestId('report-photo').first();
      await thumb.locator('img').waitFor({ timeout: 5_000 });
      const shownAt = Date.now();
      t.diagnostic(
        `photo of ${jpeg.length} bytes in 64 KB chunks: stored ${storedAt - sentAt} ms after the upload began; ` +
          `thumbnail shown ${shownAt - storedAt} ms after the last byte`,
      );
      assert.ok(shownAt - storedAt < 2000, `the thumbnail took ${shownAt - storedAt} ms to appear`);
      assert.ok(await thumb.locator('img').evaluate((img) => img.complete && img.naturalWidth === 320));

      // Keyboard only: focus the thumbnail, Enter enlarges, Escape closes.
      await thumb.focus();
      await page.keyboard.press('Enter');
      const viewer = page.getByTestId('photo-viewer');
      await viewer.locator('img').waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector('[data-testid="photo-viewer"] img');
        return img && img.complete && img.naturalWidth === 1200;
      });
      await shots.take(page, '04b-photo-enlarged');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'report-photo');
    },
  );

  scenario(
    "a reporter's message appears live, the quick reply reaches the phone, and the timeline reads in Vietnamese",
    '04c-conversation',
    async (open) => {
      const page = await open(ACCOUNTS.dispatcher);
      const phone = await registerPhone(backend.url, 'vi');
      const accepted = await sendReport(backend.url, fireReport(Places.conversation, { deviceId: phone.deviceId }), phone.deviceSecret);
      assert.equal(accepted.deviceBound, true);
      await row(page, accepted.incidentId).waitFor();
      await select(page, accepted.incidentId);

      // The reporter writes; the message shows in the open detail without a reload.
      const asked = 'Có người mắc kẹt ở tầng 2!';
      const sent = await fetch(`${backend.url}/api/v1/reports/${accepted.reportId}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accepted.reportToken}` },
        body: JSON.stringify({ clientMessageId: randomUUID(), text: asked }),
      });
      assert.equal(sent.status, 201, await sent.text());
      const fromReporter = page.locator('[data-testid="conversation-message"][data-from="REPORTER"]');
      await fromReporter.getByTestId('conversation-text').filter({ hasText: asked }).waitFor({ timeout: 5_000 });

      // The dispatcher answers with a quick reply: the phone gets a push, and the reply is in its conversation.
      const quick = page.locator('[data-testid="quick-reply"][data-text="Vui lòng gửi thêm ảnh"]');
      await quick.click();
      await page.locator('[data-testid="conversation-message"][data-from="DISPATCHER"]').waitFor();
      const pushes = await fcm.waitFor(phone.fcmToken, 1, 10_000);
      assert.equal(pushes[0].message.data.kind, 'MESSAGE');
      assert.equal(pushes[0].message.notification.title, 'Tin nhắn từ Trung tâm 114');
      assert.ok(!JSON.stringify(pushes[0].message).includes(ACCOUNTS.dispatcher.username));
      assert.equal(pushes[0].authorization, 'Bearer e2e-access-token');
      const conversation = await (
        await fetch(`${backend.url}/api/v1/reports/${accepted.reportId}/messages`, {
          headers: { Authorization: `Bearer ${accepted.reportToken}` },
        })
      ).json();
      assert.deepEqual(
        conversation.messages.map((m) => [m.from, m.text]),
        [
          ['REPORTER', asked],
          ['DISPATCHER', 'Vui lòng gửi thêm ảnh'],
        ],
      );

      // The timeline speaks Vietnamese only: no English word the server could have sent.
      const timeline = await page.getByTestId('detail').locator('[data-testid="timeline-entry"]').allInnerTexts();
      assert.ok(timeline.length >= 3, `timeline: ${timeline.join(' | ')}`);
      for (const line of timeline) {
        assert.doesNotMatch(line, /\b(reports?|merged|took in|IncidentOpened|MessageSent|Event)\b/i, line);
      }
      assert.ok(timeline.some((line) => line.includes('Người báo nhắn tin')), timeline.join(' | '));
      await shots.take(page, '04c-conversation');
    },
  );

  scenario(
    'hostile text in a report is shown literally and runs nothing',
    '05-hostile-text',
    async (open) => {
      const page = await open(ACCOUNTS.dispatcher);
      const dialogs = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss().catch(() => {});
      });
      const injected = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/x') injected.push(request.url());
      });

      const description = '<img src=x onerror=alert(1)>';
      const name = '<script>alert("name")</script>';
      const { incidentId } = await sendReport(
        backend.url,
        fireReport(Places.hostileText, { description, reporter: { phone: '+84912345679', name } }),
      );
      await row(page, incidentId).waitFor();
      await select(page, incidentId);

      const shown = page.getByTestId('report-description');
      assert.equal(await shown.textContent(), description);
      await shown.scrollIntoViewIfNeeded();
      assert.equal(await page.getByTestId('reporter-name').textContent(), name);
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'the description became an <img>');
      assert.equal(await page.locator('[data-testid="detail"] script').count(), 0);
      // Nothing to wait for when nothing happens: give a stray image load or handler a short,
      // bounded window (two frames and 300 ms) before checking that it did not run.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300)))),
      );
      assert.deepEqual(dialogs, [], 'a dialog opened');
      assert.deepEqual(injected, [], 'the page requested the injected image');
    },
  );

  /** How many incidents are open in the account's provinces, as the server counts them. */
  async function openIncidents(baseUrl, account) {
    const login = await (await fetch(`${baseUrl}/api/v1/dispatch/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(account),
    })).json();
    const counts = await (await fetch(`${baseUrl}/api/v1/dispatch/incidents/counts`, {
      headers: { Authorization: `Bearer ${login.token}` },
    })).json();
    return counts.open;
  }

  scenario(
    'with no internet the map still shows the province outlines and the incident marker',
    '06-offline-map',
    async (open) => {
      const page = await open(ACCOUNTS.dispatcher);
      const { incidentId } = await sendReport(backend.url, fireReport(Places.offlineMap));
      await row(page, incidentId).waitFor();
      await select(page, incidentId);

      const map = page.getByTestId('map');
      // Tiles are configured (an external host) but blocked: the outlines are the base map.
      await page.locator('[data-testid="map"][data-tiles="failing"][data-outlines="ok"]').waitFor();
      assert.ok(
        page.context().blocked.some((url) => url.startsWith('https://tile.openstreetmap.org/')),
        'no tile request was made (is the tile URL configured?)',
      );
      assert.equal(await page.getByTestId('map-note').innerText(), 'Bản đồ ngoại tuyến: ranh giới tỉnh');

      const provinces = await (await fetch(`${backend.url}/geo/provinces-vn.geojson`)).json();
      const outlines = map.locator('.leaflet-outlines-pane svg path');
      assert.equal(await outlines.count(), provinces.features.length, 'one outline per province');
      const filled = await outlines.evaluateAll(
        (paths) =>
          paths.filter((p) => p.getAttribute('fill-opacity') === '1' && (p.getAttribute('d') ?? '').length > 20)
            .length,
      );
      assert.ok(filled > 0, 'no province is drawn in view');

      // Every open incident is on the map: as its own marker, or counted in a cluster's icon. (The
      // queue is virtualised, so its rows on the page are not all of them: the server counts.)
      // Selecting pans the map, and the clusters animate while they regroup (markers and cluster
      // icons both on the page for a moment): count once the map has settled.
      const markers = map.locator('.leaflet-incidents-pane svg path');
      const openCount = await openIncidents(backend.url, ACCOUNTS.dispatcher);
      const onMap = async () => (await markers.count()) + (await map.locator('.incident-cluster').allInnerTexts())
        .reduce((sum, text) => sum + Number(text.trim()), 0);
      let shown = await onMap();
      for (let tries = 0; tries < 25 && shown !== openCount; tries += 1) {
        await page.waitForTimeout(200);
        shown = await onMap();
      }
      assert.equal(shown, openCount, 'every open incident, alone or in a cluster');
      const mapBox = await map.boundingBox();
      let found = false;
      // The selected marker is drawn last (on top of its neighbours): try it first.
      for (const marker of (await markers.all()).reverse()) {
        const box = await marker.boundingBox();
        if (!box || box.width === 0) continue;
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        if (cx < mapBox.x || cy < mapBox.y || cx > mapBox.x + mapBox.width || cy > mapBox.y + mapBox.height) continue;
        await page.mouse.move(cx, cy);
        const tooltip = map.locator('.leaflet-tooltip').filter({ hasText: `#${shortId(incidentId)}` }).first();
        if (await tooltip.waitFor({ timeout: 1_000 }).then(() => true, () => false)) {
          assert.match(await tooltip.innerText(), /Mới · Cháy · Điện Biên/);
          found = true;
          break;
        }
      }
      assert.ok(found, `no marker in view shows incident #${shortId(incidentId)}`);
    },
  );

  scenario(
    'a wrong password shows the server\'s message and stays on the login screen',
    '07-wrong-password',
    async (open) => {
      const page = await open();
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/dispatch/login'),
        signIn(page, { username: ACCOUNTS.otherDispatcher.username, password: 'sai-mat-khau' }),
      ]);
      assert.equal(response.status(), 401);
      const problem = await response.json();
      assert.ok(problem.detail, 'the server gave no detail');

      const error = page.getByTestId('login-error');
      await error.waitFor();
      assert.equal((await error.innerText()).trim(), problem.detail);
      assert.equal(await page.getByTestId('login-password').inputValue(), '');
      assert.equal(await page.getByTestId('login-username').inputValue(), ACCOUNTS.otherDispatcher.username);
      assert.equal(await page.getByTestId('connection').count(), 0, 'the console opened');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('baochay.session')), null);
    },
  );

  scenario(
    'a dispatcher sees the selected incident\'s reports, nearest stations and map together',
    '08-console',
    async (open) => {
      // Two citizens report the market fire (the second joins the first's incident), another the
      // school; the dispatcher picks the market fire and ticks a unit to send.
      const market = await sendReport(
        backend.url,
        fireReport(Places.market, {
          description: 'Cháy ki-ốt ở chợ trung tâm, lửa lan sang dãy bên cạnh',
          reporter: { phone: '+84912345678', name: 'Lò Văn Minh' },
        }),
      );
      const joined = await sendReport(
        backend.url,
        fireReport(
          { lat: Places.market.lat + 0.0006, lon: Places.market.lon - 0.0005 },
          {
            description: 'Khói đen rất lớn phía sau chợ, có người còn trong ki-ốt',
            reporter: { phone: '+84987654321', name: 'Quàng Thị Lan' },
          },
        ),
      );
      assert.equal(joined.incidentId, market.incidentId, 'the second report did not join the first');
      await sendReport(backend.url, fireReport(Places.school, { description: 'Cháy bếp trường tiểu học' }));

      const page = await open(ACCOUNTS.dispatcher);
      await select(page, market.incidentId);
      await page.getByRole('heading', { name: 'Tin báo (2)' }).waitFor();
      assert.equal(await page.getByTestId('report').count(), 2);
      assert.ok((await page.getByTestId('station').count()) >= 1, 'no recommended station');
      await page.getByTestId('unit-checkbox').first().check();
      await page.getByRole('button', { name: 'Điều 1 xe (D)' }).waitFor();
      await page.locator('[data-testid="map"][data-outlines="ok"]').waitFor();
      await page.locator('.leaflet-tooltip.distance-label').first().waitFor();
      await page.mouse.move(0, 0);

      const path = await shots.take(page, 'console');
      if (process.env.BAOCHAY_E2E_DOCS_SCREENSHOT === '1') copyFileSync(path, docsScreenshot);
    },
  );

  scenario(
    'a supervisor draws a circle on the map, issues an area alert in both languages and sees it in the alerts list',
    '09-area-alert',
    async (open) => {
      const { incidentId } = await sendReport(backend.url, fireReport(Places.areaAlert));
      const page = await open(ACCOUNTS.supervisor);
      await row(page, incidentId).waitFor();
      await selectOnMap(page, incidentId);
      const at = await markerPoint(page, incidentId);

      await page.getByTestId('alerts-open').click();
      await page.getByTestId('alert-form').waitFor();
      await page.locator('[data-testid="alerts-list"][data-loaded="true"]').waitFor({ state: 'attached' });
      await page.getByTestId('alert-draw-circle').click();
      const map = page.getByTestId('map');
      await page.locator('[data-testid="map"][data-drawing="circle"]').waitFor();

      // The centre on the incident, the radius 40 px towards the middle of the map: two clicks.
      await page.mouse.click(at.x, at.y);
      const towardsMiddle = at.x < at.mapBox.x + at.mapBox.width / 2 ? 40 : -40;
      await page.mouse.click(at.x + towardsMiddle, at.y);
      await page.locator('[data-testid="alert-area-summary"][data-shape="circle"]').waitFor();
      await page.locator('[data-testid="map"][data-drawing=""]').waitFor();
      const drawn = Number(await page.getByTestId('alert-radius').inputValue());
      assert.ok(drawn >= 50 && drawn <= 50_000, `a 40 px radius drawn as ${drawn} m`);
      await map.locator('.leaflet-drawing-pane .alert-radius-text').first().waitFor();
      // Whatever the zoom the map was fitted to, 800 m around the incident stays in Điện Biên.
      await page.getByTestId('alert-radius').fill('800');
      await map.locator('.leaflet-drawing-pane .alert-radius-text', { hasText: /^800 m$/ }).waitFor();
      await shots.take(page, '09-area-alert-drawn');

      const texts = {
        headline: {
          vi: 'Cháy lớn gần Điện Biên Phủ, tránh xa khu vực',
          en: 'Large fire near Điện Biên Phủ, keep away',
        },
        instruction: {
          vi: 'Đóng cửa sổ, rời khỏi vùng 800 m quanh đám cháy và nhường đường cho xe chữa cháy.',
          en: 'Close windows, leave the area within 800 m of the fire and make way for fire engines.',
        },
      };
      await fillAlertTexts(page, texts);
      const response = await issueAlert(page);
      assert.equal(response.status(), 201, await response.text());
      const alert = await response.json();
      assert.equal(alert.revision, 1);
      assert.equal(alert.state, 'ACTIVE');
      assert.equal(alert.area.circle.radiusM, 800);
      const { center } = alert.area.circle;
      assert.ok(
        Math.abs(center.lat - Places.areaAlert.lat) < 0.005 && Math.abs(center.lon - Places.areaAlert.lon) < 0.005,
        `the circle's centre ${JSON.stringify(center)} is not on the incident ${JSON.stringify(Places.areaAlert)}`,
      );
      assert.deepEqual(alert.headline, texts.headline);
      assert.ok(alert.provinces.includes('Điện Biên'), `provinces: ${alert.provinces}`);

      const item = page.locator(`[data-testid="alert-item"][data-alert-id="${alert.id}"]`);
      await item.waitFor();
      assert.equal(await item.getAttribute('data-state'), 'ACTIVE');
      assert.equal(await item.getByTestId('alert-headline').innerText(), texts.headline.vi);
      assert.equal(await item.getByTestId('alert-revision').innerText(), 'Lần 1');
      assert.equal(await item.getByTestId('alert-state').innerText(), 'Đang hiệu lực');
      await page.locator('[data-testid="message"][data-kind="ok"]').waitFor();
      // Drawn on the map as an alert area, apart from the incidents.
      await map.locator('.leaflet-alerts-pane path.alert-area-active').first().waitFor({ state: 'attached' });
      assert.equal(await map.locator('.leaflet-incidents-pane path.alert-area').count(), 0);
    },
  );

  scenario(
    "a dispatcher's alert reaching beyond their provinces is refused, and the form says why",
    '10-area-alert-jurisdiction',
    async (open) => {
      const { incidentId } = await sendReport(backend.url, fireReport(Places.hanoiAlert));
      const page = await open(ACCOUNTS.hanoiDispatcher);
      await row(page, incidentId).waitFor();
      await selectOnMap(page, incidentId);

      await page.getByTestId('alerts-open').click();
      await page.locator('[data-testid="alerts-list"][data-loaded="true"]').waitFor({ state: 'attached' });
      const listed = await page.getByTestId('alert-item').count();
      assert.equal(
        (await page.getByTestId('alerts-jurisdiction').innerText()).trim(),
        'Bạn chỉ phát được cảnh báo trong địa bàn: Hà Nội',
      );
      // 500 m around the incident, then 30 km: into Bắc Ninh and Hưng Yên, still well inside Vietnam.
      await page.getByTestId('alert-around-incident').click();
      await page.locator('[data-testid="alert-area-summary"][data-shape="circle"]').waitFor();
      assert.equal(await page.getByTestId('alert-radius').inputValue(), '500');
      await page.getByTestId('alert-radius').fill('30000');
      await page.getByTestId('map').locator('.leaflet-drawing-pane .alert-radius-text', { hasText: '30 km' }).waitFor();
      await fillAlertTexts(page, {
        headline: { vi: 'Khói độc lan rộng', en: 'Toxic smoke spreading' },
        instruction: { vi: 'Ở trong nhà, đóng kín cửa.', en: 'Stay indoors with doors and windows shut.' },
      });

      const response = await issueAlert(page);
      assert.equal(response.status(), 403, await response.text());
      const problem = await response.json();
      assert.match(problem.type ?? '', /\/out-of-jurisdiction$/);
      const error = page.getByTestId('alert-error');
      await error.waitFor();
      assert.equal((await error.innerText()).trim(), 'Vùng cảnh báo có phần nằm ngoài địa bàn của bạn.');
      // Nothing was issued, and what was typed is still there to correct.
      assert.equal(await page.getByTestId('alert-item').count(), listed);
      assert.equal(await page.getByTestId('alert-headline-vi').inputValue(), 'Khói độc lan rộng');
      assert.equal(await page.locator('[data-testid="message"][data-kind="ok"]').count(), 0);
    },
  );

  scenario(
    "a building's fire-alarm transmitter opens an incident marked as an alarm, with its premises card, and its fault shows on the device board",
    '11-fire-alarm',
    async (open) => {
      // The supervisor registers the building and its transmitter (Contact ID account E2E0001).
      const api = await dispatchApiAs(backend.url, ACCOUNTS.supervisor);
      const contact = { name: 'Bảo vệ', phone: '0243 826 1234' };
      const premises = await api.call(
        'POST',
        '/api/v1/dispatch/premises',
        {
          accountId: 'E2E0001',
          name: 'Toà nhà văn phòng E2E Long Biên',
          address: '1 Nguyễn Văn Cừ, Long Biên, Hà Nội',
          location: Places.alarmPremises,
          floors: 9,
          contacts: [contact],
          notes: 'Tủ trung tâm báo cháy ở sảnh tầng 1',
          reportingIntervalSeconds: 60,
        },
        201,
      );
      assert.equal(premises.accountId, 'E2E0001');
      assert.equal(premises.province, 'Hà Nội');
      assert.equal(premises.device.state, 'UNKNOWN', 'a transmitter never heard from');
      const page = await open(ACCOUNTS.supervisor);

      // Its panel reports a fire in zone 015; the receiver acknowledges the frame.
      const fire = await sendFrame({
        port: backend.alarmPort,
        frame: admCidFrame({ account: 'E2E0001', sequence: 1, event: '1110 01 015' }),
      });
      assert.match(fire, /"ACK"/, `answer to the fire alarm: ${JSON.stringify(fire)}`);

      // The incident shows in the queue with the alarm mark, the premises and its zone.
      const alarmRow = page
        .locator('[data-testid="incident-row"][data-alarm="true"]')
        .filter({ has: page.getByTestId('incident-premises').filter({ hasText: premises.name }) });
      await alarmRow.waitFor();
      const incidentId = await alarmRow.getAttribute('data-incident-id');
      assert.equal(await alarmRow.getByTestId('alarm-badge').getAttribute('aria-label'), 'Báo cháy tự động');
      assert.equal(await alarmRow.getByTestId('incident-zone').innerText(), 'Vùng 015');
      assert.equal(await alarmRow.getByTestId('incident-province').innerText(), 'Hà Nội');

      // Opened: the premises card, with whom to call as a tap-to-call link, and the zone.
      await select(page, incidentId);
      const card = page.getByTestId('premises-card');
      await card.waitFor();
      assert.equal(await card.getByTestId('premises-name').innerText(), premises.name);
      assert.equal(await card.getByTestId('premises-floors').innerText(), 'Số tầng: 9');
      assert.equal(await card.getByTestId('contact-name').innerText(), contact.name);
      const call = card.locator('a[data-testid="contact-phone"]');
      assert.equal(await call.getAttribute('href'), 'tel:02438261234');
      assert.match(await card.getByTestId('premises-zones').innerText(), /\b015\b/);
      assert.equal(await page.getByTestId('detail').locator('header [data-testid="alarm-badge"]').count(), 1);

      // Its marker is marked too: dashed, and its tooltip says so.
      const at = await markerPoint(page, incidentId);
      const map = page.getByTestId('map');
      const tooltip = map.locator('.leaflet-tooltip').filter({ hasText: `#${shortId(incidentId)}` }).first();
      assert.match(await tooltip.innerText(), /Báo cháy tự động · Toà nhà văn phòng E2E Long Biên · Vùng 015/);
      assert.ok((await map.locator('.leaflet-incidents-pane path.marker-alarm').count()) >= 1, 'no alarm marker');
      await page.mouse.move(at.mapBox.x + 5, at.mapBox.y + 5);
      await shots.take(page, '11-fire-alarm-detail');

      // Then the panel reports fire loop trouble in zone 005: the device board shows it in FAULT.
      const fault = await sendFrame({
        port: backend.alarmPort,
        frame: admCidFrame({ account: 'E2E0001', sequence: 2, event: '1373 01 005' }),
      });
      assert.match(fault, /"ACK"/, `answer to the fault: ${JSON.stringify(fault)}`);
      await page.getByTestId('devices-open').click();
      const device = page.locator(
        `[data-testid="device-board"] [data-testid="device-row"][data-premises-id="${premises.id}"][data-state="FAULT"]`,
      );
      await device.waitFor();
      assert.equal(await device.getByTestId('device-name').innerText(), premises.name);
      assert.equal(await device.getByTestId('device-address').innerText(), '1 Nguyễn Văn Cừ, Long Biên, Hà Nội');
      assert.equal(await device.getByTestId('device-state').innerText(), 'Lỗi');
      assert.equal(await device.getByTestId('device-fault').innerText(), 'Mã lỗi 373, vùng 005');
      // The open premises card follows the transmitter's state.
      await card.locator('[data-testid="device-state"][data-state="FAULT"]').waitFor();
      assert.ok(Number(await page.getByTestId('devices-open').getAttribute('data-count')) >= 1);
    },
  );
});
