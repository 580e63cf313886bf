-- What a Supabase project provides before any migration runs, recreated for the local stand-in
-- (PGlite or a local PostgreSQL). NOT a migration: a real Supabase project already has all of this.
--  * API roles: anon (no key holder / publishable key), authenticated (signed-in user),
--    service_role (secret key; bypasses row-level security);
--  * schema auth with auth.uid(), auth.role(), auth.jwt() reading the request's JWT claims,
--    which PostgREST (here: the stand-in) puts in request.jwt.claims for each request.
-- Like a current Supabase project, nothing is granted on tables or functions by default, so a
-- missing GRANT fails locally exactly as it would in production.

-- Roles belong to the whole cluster, schemas to one database: on a PostgreSQL server that holds
-- several databases (the tests make one per file) the roles exist already after the first.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

grant usage on schema public to anon, authenticated, service_role;

create schema auth;
grant usage on schema auth to anon, authenticated, service_role;

create function auth.jwt() returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
$$;

create function auth.uid() returns uuid
language sql stable
set search_path = ''
as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid;
$$;

create function auth.role() returns text
language sql stable
set search_path = ''
as $$
  select nullif(auth.jwt() ->> 'role', '');
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- Postgres itself grants EXECUTE on every new function to PUBLIC. That default is kept here on
-- purpose: the migrations must revoke it function by function, and the SQL tests prove they do.
