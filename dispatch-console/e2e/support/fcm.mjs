// A stand-in for Google's side of push, so the packaged backend's real Firebase Admin SDK can run its
// whole path without the internet: the OAuth token endpoint a service account signs in at (its key
// file names this server as token_uri) and FCM's HTTP v1 send endpoint. Every message is recorded.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export class FakeFcm {
  constructor() {
    this.messages = [];
    this.tokenRequests = 0;
    this.server = createServer((request, response) => this.handle(request, response));
  }

  async start() {
    await new Promise((done) => this.server.listen(0, '127.0.0.1', done));
    return this;
  }

  get url() {
    return `http://127.0.0.1:${this.server.address().port}`;
  }

  /**
   * A service account key file whose token_uri is this server: a real RSA key, so the SDK signs its
   * JWT assertion exactly as it would for Google.
   */
  writeServiceAccount(dir) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = join(dir, 'fcm-service-account.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'service_account',
        project_id: 'baochay-e2e',
        private_key_id: 'e2e',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        client_email: 'push@baochay-e2e.iam.gserviceaccount.com',
        client_id: '114',
        token_uri: `${this.url}/token`,
      }),
    );
    return file;
  }

  /** Messages sent to one FCM token so far. */
  to(token) {
    return this.messages.filter((m) => m.token === token);
  }

  async waitFor(token, count = 1, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.to(token).length < count) {
      if (Date.now() > deadline) throw new Error(`FCM got ${this.to(token).length} messages for ${token}, expected ${count}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    return this.to(token);
  }

  handle(request, response) {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const reply = (status, json) => {
        response.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
        response.end(JSON.stringify(json));
      };
      if (request.url === '/token') {
        this.tokenRequests += 1;
        return reply(200, { access_token: 'e2e-access-token', expires_in: 3600, token_type: 'Bearer' });
      }
      if (/^\/v1\/projects\/[^/]+\/messages:send$/.test(request.url)) {
        const message = JSON.parse(body).message;
        this.messages.push({ token: message.token, message, authorization: request.headers.authorization });
        return reply(200, { name: `projects/baochay-e2e/messages/${this.messages.length}` });
      }
      reply(404, { error: { code: 404, message: 'not here', status: 'NOT_FOUND' } });
    });
  }

  close() {
    return new Promise((done) => this.server.close(() => done()));
  }
}
