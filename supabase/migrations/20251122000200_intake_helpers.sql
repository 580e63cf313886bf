-- Private helpers for the intake functions: identity-number checks (mirroring
-- src/domain/identity/id-number.ts and certificate-number.ts), reference numbers, hashing, errors.
-- None of these is executable by the API roles.

-- Raise an error the app maps to a message: SQLSTATE P0001, message = a stable code.
create function intake.fail(code text, info text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = coalesce(info, '');
end;
$$;

-- A uuid from text, or null when the text is not a uuid (so malformed ids give "not found").
create function intake.try_uuid(value text)
returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  return value::uuid;
exception when invalid_text_representation then
  return null;
end;
$$;

-- Resident ID number (GB 11643-1999): 18 characters, real birth date 1900..today,
-- ISO 7064 MOD 11-2 check character. Expects the normalised form (uppercase X, no spaces).
create function intake.is_valid_id_number(value text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  weights constant integer[] := array[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  sum integer := 0;
  birth date;
begin
  if value is null or value !~ '^[0-9]{17}[0-9X]$' then
    return false;
  end if;
  begin
    birth := make_date(substr(value, 7, 4)::integer, substr(value, 11, 2)::integer, substr(value, 13, 2)::integer);
  exception when data_exception then
    return false;
  end;
  if birth < date '1900-01-01' or birth > current_date then
    return false;
  end if;
  for i in 1..17 loop
    sum := sum + substr(value, i, 1)::integer * weights[i];
  end loop;
  return substr('10X98765432', sum % 11 + 1, 1) = substr(value, 18, 1);
end;
$$;

-- Disability certificate number: ID number + category digit 1–7 + grade digit 1–4.
create function intake.is_valid_certificate_number(value text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select value ~ '^[0-9]{17}[0-9X][1-7][1-4]$' and intake.is_valid_id_number(substr(value, 1, 18));
$$;

-- Normalise a typed ID/certificate number: full-width to ASCII, drop spaces and hyphens, x → X.
create function intake.normalise_id(value text)
returns text
language sql
immutable
set search_path = ''
as $$
  select upper(regexp_replace(
    translate(value, '０１２３４５６７８９ｘＸ', '0123456789xX'),
    '[[:space:]　\-－]', '', 'g'));
$$;

-- Reference numbers: 8 characters from a 32-character alphabet without 0/O and 1/I
-- (40 random bits from gen_random_uuid, whose first 6 bytes are all random). Not sequential,
-- so one reference says nothing about the next. Collisions are retried by the caller.
create function intake.new_reference()
returns text
language plpgsql
volatile
set search_path = ''
as $$
declare
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  bytes bytea := decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
  bits bigint := 0;
  result text := '';
begin
  for i in 0..4 loop
    bits := (bits << 8) | get_byte(bytes, i);
  end loop;
  for i in 0..7 loop
    result := result || substr(alphabet, ((bits >> (5 * i)) & 31)::integer + 1, 1);
  end loop;
  return result;
end;
$$;

-- After a unique violation while storing a new random code (a reference number or a resume code):
-- true when it was the code's own constraint, so the caller tries another code; false for any
-- other constraint, which the caller raises again. The 10th collision in a row raises
-- reference_exhausted: with 40 random bits that means a broken generator, not bad luck.
create function intake.code_collided(p_failed_constraint text, p_code_constraint text, p_attempts integer)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_failed_constraint is distinct from p_code_constraint then
    return false;
  end if;
  if p_attempts >= 10 then
    perform intake.fail('reference_exhausted');
  end if;
  return true;
end;
$$;

-- A reference as typed by a person: uppercase, spaces and hyphens dropped, at most 64 characters kept.
create function intake.normalise_reference(value text)
returns text
language sql
immutable
set search_path = ''
as $$
  select left(upper(regexp_replace(coalesce(value, ''), '[[:space:]　\-－]', '', 'g')), 64);
$$;

-- The status-lookup fact: last 4 characters of the ID number, salted and hashed.
create function intake.lookup_fact_hash(salt bytea, fact text)
returns bytea
language sql
immutable
set search_path = ''
as $$
  select sha256(salt || convert_to('id-last4:' || fact, 'UTF8'));
$$;

create function intake.random_salt()
returns bytea
language sql
volatile
set search_path = ''
as $$
  select decode(replace(gen_random_uuid()::text, '-', ''), 'hex');
$$;

revoke all on all functions in schema intake from public, anon, authenticated, service_role;
