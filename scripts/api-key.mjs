#!/usr/bin/env node
/**
 * The federation's keys for the JSON API, one per channel (a mini program, an officer's tablet):
 *
 *   npm run api-key -- issue <channel name>   a new key, shown once (only its sha256 is stored)
 *   npm run api-key -- list                   every channel: id, name, issued, last used, revoked
 *   npm run api-key -- revoke <id>            stop a key for good
 *
 * Talks to the database named by SUPABASE_URL and SUPABASE_SECRET_KEY through src/data/api-keys.ts
 * (the staff workspace will call the same functions). Prints in Chinese (src/i18n/text/api-keys.ts);
 * exit 0 done, 1 refused or failed, 2 wrong usage. Never prints a key except the one just issued.
 */
import { pathToFileURL } from 'node:url';

const SECOND = 1000;

/** "2026年12月22日 15:30" (China Standard Time). */
function at(timestamp, formatDayOf) {
  const china = new Date(new Date(timestamp).getTime() + 8 * 3600 * SECOND);
  return `${formatDayOf(timestamp)} ${china.toISOString().slice(11, 16)}`;
}

/**
 * Run one command. `io.print` gets the lines to show; the result is the exit code. `data` is
 * src/data/api-keys.ts (tests may pass another).
 */
export async function runApiKeyCommand(args, io, data) {
  const { apiKeysText: text } = await import('../src/i18n/text/api-keys.ts');
  const { formatDayOf } = await import('../src/domain/dates.ts');
  const say = (key, values = {}) => text[key].replace(/\{(\w+)\}/g, (_m, name) => String(values[name] ?? `{${name}}`));
  const [command, ...rest] = args;
  if (!['issue', 'list', 'revoke'].includes(command) || (command !== 'list' && rest.length === 0) || (command === 'revoke' && rest.length > 1)) {
    io.print(say('apiKeys.usage'));
    return 2;
  }
  if (!io.env.SUPABASE_URL || !io.env.SUPABASE_SECRET_KEY) {
    io.print(say('apiKeys.missingEnv'));
    return 2;
  }
  const keys = data ?? (await import('../src/data/api-keys.ts'));
  try {
    if (command === 'issue') {
      const { key, channel } = await keys.issueApiKey(rest.join(' '));
      io.print(say('apiKeys.issued', { name: channel.name, id: channel.id, key }));
      io.print(say('apiKeys.issuedOnce'));
      return 0;
    }
    if (command === 'revoke') {
      const { channel, alreadyRevoked } = await keys.revokeApiKey(rest[0]);
      const values = { name: channel.name, id: channel.id, at: at(channel.revokedAt, formatDayOf) };
      io.print(say(alreadyRevoked ? 'apiKeys.alreadyRevoked' : 'apiKeys.revoked', values));
      return 0;
    }
    const channels = await keys.listApiKeys();
    if (channels.length === 0) {
      io.print(say('apiKeys.none'));
      return 0;
    }
    io.print(say('apiKeys.listHeading'));
    for (const c of channels) {
      const used = c.lastUsedAt ? at(c.lastUsedAt, formatDayOf) : say('apiKeys.neverUsed');
      const state = c.revokedAt ? say('apiKeys.revokedAt', { at: at(c.revokedAt, formatDayOf) }) : say('apiKeys.active');
      io.print(`${c.id} | ${c.name} | ${at(c.createdAt, formatDayOf)} | ${used} | ${state}`);
    }
    return 0;
  } catch (error) {
    const code = error?.code;
    if (code === 'invalid_channel_name') io.print(say('apiKeys.invalidName'));
    else if (code === 'api_key_not_found') io.print(say('apiKeys.notFound', { id: rest[0] }));
    else io.print(say('apiKeys.unavailable'));
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await runApiKeyCommand(process.argv.slice(2), { print: (line) => console.log(line), env: process.env });
  process.exit(code);
}
