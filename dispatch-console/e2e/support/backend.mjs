// The real backend for the end-to-end tests: the packaged Quarkus application in the demo profile,
// on its own port and a fresh PostGIS database. The harness owns the process: it starts it, can
// kill and start it again on the same port (the restart test), and stops it at the end. Everything
// the process prints goes to backend.log in the output folder.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True when something accepts TCP connections on 127.0.0.1:port. */
function portTaken(port) {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (taken) => {
      socket.destroy();
      done(taken);
    };
    socket.setTimeout(2_000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Start-up takes 5–15 s alone; give a busy 2-core machine (a Maven build beside us) room. */
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;
const PSQL_TIMEOUT_MS = 60_000;

/** Reads the harness settings from the environment (infra/local/e2e.sh sets them). */
export function backendSettings(outputDir) {
  const repoRoot = resolve(import.meta.dirname, '../../..');
  const db = process.env.BAOCHAY_E2E_DB ?? 'baochay_e2e';
  if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`BAOCHAY_E2E_DB: invalid database name '${db}'`);
  return {
    jar: resolve(process.env.BAOCHAY_APP_JAR ?? join(repoRoot, 'backend/target/quarkus-app/quarkus-run.jar')),
    port: Number(process.env.BAOCHAY_E2E_PORT ?? 18090),
    // The SIA DC-09 receiver for fire-alarm transmitters (TCP), on loopback like the rest.
    // Not 7009, so that a demo running beside the tests (infra/local/run.sh) does not collide.
    alarmPort: Number(process.env.BAOCHAY_ALARM_PORT ?? 17009),
    db,
    pgHost: process.env.BAOCHAY_PG_HOST ?? '127.0.0.1',
    pgPort: process.env.BAOCHAY_PG_PORT ?? '5432',
    pgUser: process.env.QUARKUS_DATASOURCE_USERNAME ?? 'postgres',
    pgPassword: process.env.QUARKUS_DATASOURCE_PASSWORD ?? 'postgres',
    java: process.env.JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java'),
    outputDir,
  };
}

export class Backend {
  /** @param {ReturnType<typeof backendSettings>} settings */
  constructor(settings, { tileUrl, push } = {}) {
    this.settings = settings;
    this.tileUrl = tileUrl ?? null;
    // { fcmUrl, credentialsFile }: push on, through the real Firebase Admin SDK, to a stand-in of FCM.
    this.push = push ?? null;
    this.child = null;
    this.exited = null;
    this.starts = 0;
    this.logPath = join(settings.outputDir, 'backend.log');
    this.log = null;
  }

  /** Loopback only: the browser reaches it as http://127.0.0.1:PORT. */
  get url() {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  /** The TCP port of its fire-alarm receiver (SIA DC-09), on 127.0.0.1. */
  get alarmPort() {
    return this.settings.alarmPort;
  }

  /** Drops the test database and creates it again with PostGIS: every run starts empty. */
  async resetDatabase() {
    const { db, pgHost, pgPort, pgUser, pgPassword } = this.settings;
    const psql = (database, sql) =>
      run(
        'psql',
        ['-X', '-q', '-w', '-v', 'ON_ERROR_STOP=1', '-h', pgHost, '-p', pgPort, '-U', pgUser, '-d', database, '-c', sql],
        { env: { ...process.env, PGPASSWORD: pgPassword, PGCONNECT_TIMEOUT: '5' }, timeout: PSQL_TIMEOUT_MS },
      );
    try {
      await psql('postgres', `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await psql('postgres', `CREATE DATABASE "${db}"`);
      // CREATE EXTENSION postgis needs a superuser, as in infra/local/postgis.sh.
      await psql(db, 'CREATE EXTENSION IF NOT EXISTS postgis');
    } catch (error) {
      throw new Error(
        `could not recreate database ${db} on ${pgHost}:${pgPort} (run infra/local/postgis.sh ${db} first): ` +
          (error.stderr || error.message),
      );
    }
  }

  /** Starts the application and waits until /q/health/ready (management port) answers 200. */
  async start() {
    const { jar, port, alarmPort, db, pgHost, pgPort, pgUser, pgPassword, java, outputDir } = this.settings;
    if (this.child) throw new Error('the backend is already running');
    if (!existsSync(jar)) {
      throw new Error(`no packaged backend at ${jar}: build it (./mvnw package) or set BAOCHAY_APP_JAR`);
    }
    if (await portTaken(port)) {
      throw new Error(`something already listens on 127.0.0.1:${port}: stop it or set BAOCHAY_E2E_PORT`);
    }
    if (await portTaken(alarmPort)) {
      throw new Error(`something already listens on 127.0.0.1:${alarmPort}: stop it or set BAOCHAY_ALARM_PORT`);
    }
    mkdirSync(outputDir, { recursive: true });
    this.log ??= createWriteStream(this.logPath, { flags: 'w' });
    this.starts += 1;
    this.log.write(`\n===== e2e harness: start #${this.starts} at ${new Date().toISOString()} =====\n`);

    const args = [
      '-Dquarkus.profile=demo',
      `-Dquarkus.http.port=${port}`,
      '-Dquarkus.http.host=127.0.0.1',
      // Health and metrics are on the management interface, a port of their own.
      `-Dquarkus.management.port=${port + 1000}`,
      '-Dquarkus.management.host=127.0.0.1',
      // Every report of these tests comes from this machine, as from a partner's gateway: neither
      // limited nor grouped as a flood from one address (the Java tests cover flood control).
      '-Dbaochay.flood.unlimited=127.0.0.1',
      // Generated token keys stay in the output folder, and the same across a restart, so an open
      // console keeps its session when the backend comes back.
      `-Dbaochay.auth.key-dir=${join(outputDir, 'keys')}`,
      // The fire-alarm receiver, where the tests' transmitter sends its frames.
      '-Dbaochay.alarm.host=127.0.0.1',
      `-Dbaochay.alarm.port=${alarmPort}`,
    ];
    if (this.tileUrl) args.push(`-Dbaochay.console.tile-url=${this.tileUrl}`);
    if (this.push) {
      args.push(`-Dbaochay.push.fcm-url=${this.push.fcmUrl}`, `-Dbaochay.push.credentials-file=${this.push.credentialsFile}`);
    }
    args.push('-jar', jar);
    const jdbcHost = `${pgHost}:${pgPort}`;
    const child = spawn(java, args, {
      cwd: outputDir,
      env: {
        ...process.env,
        QUARKUS_DATASOURCE_USERNAME: pgUser,
        QUARKUS_DATASOURCE_PASSWORD: pgPassword,
        QUARKUS_DATASOURCE_JDBC_URL: `jdbc:postgresql://${jdbcHost}/${db}`,
        QUARKUS_DATASOURCE_REACTIVE_URL: `postgresql://${jdbcHost}/${db}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => done({ code, signal }));
      // No such program, say: no 'exit' follows.
      child.once('error', (error) => done({ error: `could not run ${java}: ${error.message}` }));
    });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });

    const deadline = Date.now() + READY_TIMEOUT_MS;
    let gone = null;
    this.exited.then((status) => (gone = status));
    while (Date.now() < deadline) {
      if (gone) {
        this.child = null;
        throw new Error(
          `the backend exited during start-up (${JSON.stringify(gone)}); ` +
            `last lines of ${this.logPath}:\n${this.tail()}`,
        );
      }
      if (await this.answers()) return;
      await sleep(200);
    }
    await this.kill();
    throw new Error(
      `the backend was not ready within ${READY_TIMEOUT_MS / 1000}s; see ${this.logPath}:\n${this.tail()}`,
    );
  }

  /** True when the readiness check answers 200 right now. */
  async answers() {
    try {
      const health = `http://127.0.0.1:${this.settings.port + 1000}/q/health/ready`;
      const response = await fetch(health, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** Ends the process at once, as a crash would, and waits until it is gone. */
  async kill() {
    await this.end('SIGKILL', STOP_TIMEOUT_MS);
  }

  /** Asks the process to shut down, then kills it if it takes too long. */
  async stop() {
    if (!(await this.end('SIGTERM', STOP_TIMEOUT_MS))) await this.end('SIGKILL', STOP_TIMEOUT_MS);
  }

  /** Closes the log once the process is gone for good. */
  async close() {
    await this.stop();
    await new Promise((done) => (this.log ? this.log.end(done) : done()));
    this.log = null;
  }

  async end(signal, timeoutMs) {
    const child = this.child;
    if (!child) return true;
    child.kill(signal);
    const status = await Promise.race([this.exited, sleep(timeoutMs, null)]);
    if (!status) return false;
    this.log?.write(`\n===== e2e harness: backend ended (${signal}): ${JSON.stringify(status)} =====\n`);
    this.child = null;
    return true;
  }

  /** Last lines of the log, for error messages. */
  tail(lines = 30) {
    try {
      return readFileSync(this.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Last-resort cleanup when the test process is going away. */
  killNow() {
    try {
      this.child?.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * The dispatch API as a signed-in account, for what a test sets up without the console (registering
 * premises, say): `call` sends JSON with the account's bearer token and fails the test unless the
 * answer has the expected status; it answers the parsed body (null for an empty one).
 */
export async function dispatchApiAs(baseUrl, { username, password }) {
  const send = async (method, path, body, token) => {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, text: await response.text() };
  };
  const login = await send('POST', '/api/v1/dispatch/login', { username, password });
  if (login.status !== 200) throw new Error(`login as ${username} answered ${login.status}: ${login.text}`);
  const { token } = JSON.parse(login.text);
  return {
    token,
    async call(method, path, body, expected = 200) {
      const answer = await send(method, path, body, token);
      if (answer.status !== expected) {
        throw new Error(`${method} ${path} answered ${answer.status}, expected ${expected}: ${answer.text}`);
      }
      return answer.text ? JSON.parse(answer.text) : null;
    },
  };
}
