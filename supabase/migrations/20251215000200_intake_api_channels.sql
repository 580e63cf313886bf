-- Keys for the JSON API: one per channel (a WeChat mini program, a village officer's tablet),
-- issued and revoked by the federation (npm run api-key today, the staff workspace later: both call
-- these functions through src/data/api-keys.ts). The key itself never reaches the database: the
-- server makes it (32 random bytes), shows it once, and passes only its sha256 here. A key has 256
-- random bits, so a plain hash is enough (nothing to try one by one, unlike 40-bit codes).
-- Every application the API submits records its channel (intake.applications.channel_id; null for
-- the web forms, which need no key).
-- Errors: P0001 with message invalid_channel_name, invalid_key_hash, api_key_not_found,
-- api_key_revoked (a channel revoked between the key check and the submit).

create table intake.api_channels (
  id uuid primary key default gen_random_uuid(),
  -- Who uses the key, in the federation's words (e.g. 城关镇专职委员平板); shown in lists and logs.
  name text not null check (char_length(name) between 1 and 100),
  key_hash bytea not null unique check (octet_length(key_hash) = 32),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
-- Who may see it: nobody but the functions (a key's hash never leaves the database).
alter table intake.api_channels enable row level security;
revoke all on intake.api_channels from public, anon, authenticated, service_role;

alter table intake.applications add column channel_id uuid references intake.api_channels (id);

------------------------------------------------------------------------------------------------
-- Private helpers (not executable by any API role).
------------------------------------------------------------------------------------------------

-- A key's hash as the server sends it: 64 lowercase hex digits.
create function intake.api_key_hash(p_key_hash text)
returns bytea
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_key_hash is null or p_key_hash !~ '^[0-9a-f]{64}$' then
    perform intake.fail('invalid_key_hash');
  end if;
  return decode(p_key_hash, 'hex');
end;
$$;

create function intake.api_channel_json(c intake.api_channels)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id, 'name', c.name, 'created_at', c.created_at,
    'last_used_at', c.last_used_at, 'revoked_at', c.revoked_at);
$$;

revoke all on function intake.api_key_hash(text), intake.api_channel_json(intake.api_channels)
  from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------
-- The API: executable by service_role only.
------------------------------------------------------------------------------------------------

-- A new channel with the hash of its key. The name is trimmed; 1–100 characters, no control
-- characters.
create function public.issue_api_key(p_name text, p_key_hash text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  channel_name text := btrim(coalesce(p_name, ''));
  c intake.api_channels;
begin
  if char_length(channel_name) not between 1 and 100 or channel_name ~ '[[:cntrl:]]' then
    perform intake.fail('invalid_channel_name');
  end if;
  insert into intake.api_channels (name, key_hash) values (channel_name, intake.api_key_hash(p_key_hash))
  returning * into c;
  return intake.api_channel_json(c);
end;
$$;
revoke all on function public.issue_api_key(text, text) from public, anon, authenticated;
grant execute on function public.issue_api_key(text, text) to service_role;

-- Revoke a channel's key (for good: a channel that needs access again gets a new key). Revoking a
-- revoked key changes nothing and says so (already_revoked).
create function public.revoke_api_key(p_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  c intake.api_channels;
  already boolean;
begin
  select * into c from intake.api_channels where id = intake.try_uuid(p_id) for update;
  if not found then
    perform intake.fail('api_key_not_found');
  end if;
  already := c.revoked_at is not null;
  if not already then
    update intake.api_channels set revoked_at = now() where id = c.id returning * into c;
  end if;
  return intake.api_channel_json(c) || jsonb_build_object('already_revoked', already);
end;
$$;
revoke all on function public.revoke_api_key(text) from public, anon, authenticated;
grant execute on function public.revoke_api_key(text) to service_role;

-- Every channel, newest first (never a key or its hash).
create function public.list_api_keys()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(intake.api_channel_json(c) order by c.created_at desc, c.id), '[]'::jsonb)
  from intake.api_channels c;
$$;
revoke all on function public.list_api_keys() from public, anon, authenticated;
grant execute on function public.list_api_keys() to service_role;

-- The channel of a key (by its hash), checked on every API request: {ok:true, channel_id, name},
-- or {ok:false, error:'api_key_unknown'|'api_key_revoked'}. Notes when the key was last used (to
-- the minute, so a busy channel does not write on every request).
create function public.authenticate_api_key(p_key_hash text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  c intake.api_channels;
begin
  select * into c from intake.api_channels where key_hash = intake.api_key_hash(p_key_hash);
  if not found then
    return jsonb_build_object('ok', false, 'error', 'api_key_unknown');
  end if;
  if c.revoked_at is not null then
    return jsonb_build_object('ok', false, 'error', 'api_key_revoked');
  end if;
  update intake.api_channels set last_used_at = now()
  where id = c.id and (last_used_at is null or last_used_at < now() - interval '1 minute');
  return jsonb_build_object('ok', true, 'channel_id', c.id, 'name', c.name);
end;
$$;
revoke all on function public.authenticate_api_key(text) from public, anon, authenticated;
grant execute on function public.authenticate_api_key(text) to service_role;
