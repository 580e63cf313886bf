import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { watchServer } from '../../browser/server-watch.ts';

describe('the watch over the test server', () => {
  it('finds an ID number, a mobile number or an email in a URL or a log line, and nothing in clean ones', () => {
    const server = new EventEmitter() as unknown as Server;
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const watch = watchServer(server);
    server.emit('request', { url: '/status/' });
    server.emit('request', { url: '/staff/applications/6f1c1d64-7a51-4c39-9d0e-2b1b6b7b2f10/?done=accepted' });
    console.warn('{"method":"POST","status":503,"code":"unavailable"}');
    expect(watch.finish()).toEqual([]);
    const again = watchServer(server);
    server.emit('request', { url: '/search/?q=11010519491231002X' });
    server.emit('request', { url: '/x?phone=%2B86%2013912345678' });
    console.warn('failed for clerk@example.org');
    expect(again.finish()).toEqual([
      'an ID number in a URL: /search/?q=11010519491231002X',
      'a mobile number in a URL: /x?phone=+86 13912345678',
      'an email address in a log line: failed for clerk@example.org',
    ]);
    quiet.mockRestore();
  });
});
