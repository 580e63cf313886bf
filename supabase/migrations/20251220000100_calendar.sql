-- The working-day calendar in SQL, for what the database itself counts (the 公示 period's end).
--
-- The one definition is content/calendar.json (the State Council General Office's yearly holiday
-- notices). These rows are a copy of it, held equal by tests/sql/calendar.test.ts: the test fails
-- if a year, a holiday or a make-up day differs, and intake.add_working_days is checked against
-- the TypeScript addWorkingDays (src/domain/dates.ts) on every day of 2024-12 … 2028-01. A year
-- is added in both places: the JSON, and a new migration inserting the same rows (README).
-- A year without rows counts weekends only, as the pages say.

create table intake.calendar_years (
  year integer primary key check (year between 2000 and 2100),
  source_title text not null,
  source_number text,
  published date not null
);
-- Who may see it: nobody directly; the functions below read it (security definer).
alter table intake.calendar_years enable row level security;
revoke all on intake.calendar_years from public, anon, authenticated, service_role;

create table intake.calendar_holidays (
  year integer not null references intake.calendar_years,
  name text not null,
  from_day date not null,
  to_day date not null check (to_day >= from_day),
  -- Weekend days worked instead (调休上班).
  worked date[] not null default '{}',
  primary key (year, name, from_day)
);
alter table intake.calendar_holidays enable row level security;
revoke all on intake.calendar_holidays from public, anon, authenticated, service_role;

insert into intake.calendar_years (year, source_title, source_number, published) values
  (2025, '国务院办公厅关于2025年部分节假日安排的通知', '国办发明电〔2024〕12号', '2024-11-12'),
  (2026, '国务院办公厅关于2026年部分节假日安排的通知', null, '2025-11-04');

insert into intake.calendar_holidays (year, name, from_day, to_day, worked)
select extract(year from f::date)::integer, n, f::date, t::date, w from (values
  ('元旦', '2025-01-01', '2025-01-01', array[]::date[]),
  ('春节', '2025-01-28', '2025-02-04', array['2025-01-26', '2025-02-08']::date[]),
  ('清明节', '2025-04-04', '2025-04-06', array[]::date[]),
  ('劳动节', '2025-05-01', '2025-05-05', array['2025-04-27']::date[]),
  ('端午节', '2025-05-31', '2025-06-02', array[]::date[]),
  ('国庆节、中秋节', '2025-10-01', '2025-10-08', array['2025-09-28', '2025-10-11']::date[]),
  ('元旦', '2026-01-01', '2026-01-03', array['2026-01-04']::date[]),
  ('春节', '2026-02-15', '2026-02-23', array['2026-02-14', '2026-02-28']::date[]),
  ('清明节', '2026-04-04', '2026-04-06', array[]::date[]),
  ('劳动节', '2026-05-01', '2026-05-05', array['2026-05-09']::date[]),
  ('端午节', '2026-06-19', '2026-06-21', array[]::date[]),
  ('中秋节', '2026-09-25', '2026-09-27', array[]::date[]),
  ('国庆节', '2026-10-01', '2026-10-07', array['2026-09-20', '2026-10-10']::date[])) as h (n, f, t, w);

-- Whether a day is a working day: a make-up day is, a holiday is not, otherwise Monday to Friday.
create function intake.is_working_day(p_day date)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case
    when exists (select 1 from intake.calendar_holidays h where p_day = any (h.worked)) then true
    when exists (select 1 from intake.calendar_holidays h where p_day between h.from_day and h.to_day) then false
    else extract(isodow from p_day) < 6
  end;
$$;
revoke all on function intake.is_working_day(date) from public, anon, authenticated, service_role;
grant execute on function intake.is_working_day(date) to authenticated;

-- The day `p_days` working days after `p_day` (not counting `p_day`), as addWorkingDays does.
create function intake.add_working_days(p_day date, p_days integer)
returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  d date := p_day;
  left_days integer := greatest(coalesce(p_days, 0), 0);
begin
  while left_days > 0 loop
    d := d + 1;
    if intake.is_working_day(d) then
      left_days := left_days - 1;
    end if;
  end loop;
  return d;
end;
$$;
revoke all on function intake.add_working_days(date, integer) from public, anon, authenticated, service_role;
grant execute on function intake.add_working_days(date, integer) to authenticated;
