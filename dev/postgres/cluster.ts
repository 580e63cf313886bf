import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's PostgreSQL binaries
 * (scripts/ensure-postgres.sh installs them), a data directory in the temp folder, listening on
 * 127.0.0.1 only, on a free port, with its socket in its own folder. PostgreSQL refuses to run as
 * root, so as root the cluster runs as a system user made for it (CLUSTER_USER, created once with
 * useradd); otherwise as the current user. remove() stops it and deletes everything; so does the
 * end of the process that started it.
 */
export const CLUSTER_USER = 'canlian-pgtest';
const PREFERRED_MAJOR = '15';

export interface ClusterOptions {
  /**
   * Durable commits (fsync, synchronous_commit) as a production server has them: for benchmarks.
   * Tests turn them off (the data is thrown away; a server stop, even an immediate one, loses
   * nothing the operating system has been given).
   */
  durable?: boolean;
  /** Extra server settings, e.g. { max_connections: '200' }. */
  settings?: Record<string, string>;
}

export interface Cluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication on loopback). */
  url: string;
  port: number;
  major: string;
  /** A URL for another database of the same cluster. */
  urlFor(database: string): string;
  /** Stop the server (fast: running transactions are cancelled; immediate: like a crash). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Start it again after stop(), on the same port with the same data. */
  start(): Promise<void>;
  /** Stop it and delete its directory. */
  remove(): Promise<void>;
}

/** The bin folder of Debian's PostgreSQL: $PG_BINDIR, else /usr/lib/postgresql/<15, else newest>/bin. */
export function findPostgresBinaries(): { bindir: string; major: string } | null {
  const fromEnv = process.env['PG_BINDIR'];
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) {
    const version = execFileSync(join(fromEnv, 'initdb'), ['--version'], { encoding: 'utf8' });
    return { bindir: fromEnv, major: /(\d+)/.exec(version)?.[1] ?? '?' };
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors.includes(PREFERRED_MAJOR) ? PREFERRED_MAJOR : majors[0];
  return major ? { bindir: join(base, major, 'bin'), major } : null;
}

/** uid/gid to run the server as: ourselves, or (as root) the cluster user, created when missing. */
function serverAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, CLUSTER_USER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', CLUSTER_USER]);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[], account: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(account ?? {}) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0] ?? ''} failed (${code}):\n${output.slice(-2000)}`))));
  });
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    throw new Error('PostgreSQL is not installed: run `bash scripts/ensure-postgres.sh` (Debian: apt-get install postgresql), or set PG_BINDIR');
  }
  const { bindir, major } = binaries;
  const account = serverAccount();
  const dir = mkdtempSync(join(tmpdir(), 'canlian-pg-'));
  if (account) chownSync(dir, account.uid, account.gid);
  const data = join(dir, 'data');
  const pgCtl = join(bindir, 'pg_ctl');
  const remove = () => {
    spawnSync(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', ...(account ?? {}) });
    rmSync(dir, { recursive: true, force: true });
  };
  // Whatever happens to this process, the cluster goes with it.
  process.once('exit', remove);

  await run(join(bindir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], account);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    max_connections: '200',
    shared_buffers: '128MB',
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const serverOptions = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const start = () => run(pgCtl, ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start'], account);
  await start();
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    major,
    urlFor,
    start,
    stop: (mode = 'fast') => run(pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], account),
    async remove() {
      process.removeListener('exit', remove);
      remove();
    },
  };
}
