-- Online applications ("intake"): tables, reference data, row-level security and grants.
--
-- The tables live in a private schema that PostgREST does not expose. Nobody but the table owner
-- (postgres, which the `security definer` functions run as) may touch them: each table has RLS
-- enabled with no policies, and no role gets table privileges, so anon, authenticated and even
-- service_role reach the data only through the functions in later migrations. The privileges are
-- revoked explicitly in case the project has default privileges for the API roles.

create schema if not exists intake;
revoke all on schema intake from public;

-- Retention and throttling policy: one row, changeable by a later migration without code changes.
-- The federation should set the periods to match its records policy; the portal's copy of an
-- application is an intake copy, the case file of record lives in the federation's own system.
create table intake.policy (
  id boolean primary key default true check (id),
  draft_retention interval not null default interval '30 days',            -- after the last save
  closed_application_retention interval not null default interval '1 year', -- after completed/rejected/withdrawn
  lookup_window interval not null default interval '15 minutes',
  lookup_max_failures_per_reference integer not null default 5,
  lookup_max_failures_per_client integer not null default 5,
  lookup_failure_retention interval not null default interval '1 day',
  -- Random per-database pepper for hashing client keys (IP addresses) and resume codes, so a stolen
  -- table cannot be reversed by hashing every IPv4 address or every code. Generated once, never
  -- leaves the database.
  client_key_pepper bytea not null default decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
);
-- Who may see it: nobody but the functions (the pepper must never leave the database).
alter table intake.policy enable row level security;
revoke all on intake.policy from public, anon, authenticated, service_role;
insert into intake.policy default values;

-- Services and their application types (lifecycle actions).
create table intake.services (
  service text primary key,
  label text not null
);
-- Who may see it: nobody but the functions (lookup_status returns the labels it needs).
alter table intake.services enable row level security;
revoke all on intake.services from public, anon, authenticated, service_role;
insert into intake.services (service, label) values
  ('certificate', '残疾人证'),
  ('assistive-devices', '辅助器具适配'),
  ('transit-card', '免费乘车卡');

create table intake.service_actions (
  service text not null references intake.services,
  action text not null,
  label text not null,
  primary key (service, action)
);
-- Who may see it: nobody but the functions.
alter table intake.service_actions enable row level security;
revoke all on intake.service_actions from public, anon, authenticated, service_role;
insert into intake.service_actions (service, action, label) values
  ('certificate', 'new', '新办'),
  ('certificate', 'renewal', '换领'),
  ('certificate', 'replacement', '挂失补办'),
  ('certificate', 'damaged', '残损换新'),
  ('certificate', 'change', '等级或类别变更'),
  ('certificate', 'transfer', '迁移'),
  ('transit-card', 'new', '新办'),
  ('transit-card', 'replacement', '挂失补办');
-- assistive-devices has no actions: its drafts have action null.

-- The form pages each service may save (the journeys' page ids, src/domain/applications; the
-- 'action' page sets the draft's action instead), and which must be present before submitting. The
-- application decides which optional pages apply to an action (e.g. the agent page only when
-- someone applies for another person); SQL enforces only what every application of the service needs.
create table intake.service_pages (
  service text not null references intake.services,
  page text not null check (page ~ '^[a-z][a-z0-9_]{0,39}$'),
  required boolean not null,
  primary key (service, page)
);
-- Who may see it: nobody but the functions.
alter table intake.service_pages enable row level security;
revoke all on intake.service_pages from public, anon, authenticated, service_role;
insert into intake.service_pages (service, page, required) values
  ('certificate', 'who', true),          -- for myself / for someone else
  ('certificate', 'agent', false),       -- guardian / family member / officer applying for them
  ('certificate', 'certificate', false), -- the current certificate (renewal, replacement, change, transfer)
  ('certificate', 'applicant', true),    -- the disabled person: name, ID number, addresses, phone
  ('certificate', 'category', false),    -- category applied for (new, change)
  ('certificate', 'change', false),      -- what changed (change)
  ('certificate', 'transfer', false),    -- where from / where to (transfer)
  ('certificate', 'assessment', false),  -- hospital, home visit wanted
  ('certificate', 'declaration', true),  -- integrity pledge (诚信承诺)
  ('assistive-devices', 'who', true),
  ('assistive-devices', 'agent', false),
  ('assistive-devices', 'certificate', true), -- certificate number, or that there is none (children 0–6)
  ('assistive-devices', 'applicant', true),
  ('assistive-devices', 'diagnosis', false),  -- children 0–6 without a certificate
  ('assistive-devices', 'device', true),
  ('assistive-devices', 'previous', false),   -- devices received before
  ('assistive-devices', 'household', false),
  ('assistive-devices', 'assessment', true),
  ('assistive-devices', 'delivery', true),
  ('assistive-devices', 'declaration', true),
  ('transit-card', 'certificate', true),      -- asked first: the card needs a certificate
  ('transit-card', 'who', true),
  ('transit-card', 'agent', false),
  ('transit-card', 'applicant', true),
  ('transit-card', 'pickup', true),
  ('transit-card', 'declaration', true);

-- Status codes per service, in order. rejected and withdrawn close an application from any open status.
create table intake.service_statuses (
  service text not null references intake.services,
  status text not null,
  sort_order integer not null,
  closes boolean not null default false,
  label text not null, -- plain words for the applicant (Simplified Chinese); the app may override by code
  primary key (service, status)
);
-- Who may see it: nobody but the functions (lookup_status returns the labels it needs).
alter table intake.service_statuses enable row level security;
revoke all on intake.service_statuses from public, anon, authenticated, service_role;
insert into intake.service_statuses (service, status, sort_order, closes, label) values
  ('certificate', 'received', 1, false, '已受理：我们收到了您的申请'),
  ('certificate', 'assessment', 2, false, '残疾评定：请按通知到指定医院评定'),
  ('certificate', 'public_notice', 3, false, '公示：评定结果公示5个工作日'),
  ('certificate', 'review', 4, false, '审核：县残联审核（10个工作日内）'),
  ('certificate', 'production', 5, false, '制证：正在制作残疾人证'),
  ('certificate', 'completed', 6, true, '办结：可以领证了'),
  ('assistive-devices', 'received', 1, false, '已受理：我们收到了您的申请'),
  ('assistive-devices', 'assessment', 2, false, '评估：评估您需要的辅助器具'),
  ('assistive-devices', 'pricing', 3, false, '核价：确定器具和费用'),
  ('assistive-devices', 'approval', 4, false, '审批：等待批准'),
  ('assistive-devices', 'fitting', 5, false, '适配：为您适配器具'),
  ('assistive-devices', 'follow_up', 6, false, '回访：了解器具使用情况'),
  ('assistive-devices', 'completed', 7, true, '办结'),
  ('transit-card', 'received', 1, false, '已受理：我们收到了您的申请'),
  ('transit-card', 'review', 2, false, '审核：核对证件和资格'),
  ('transit-card', 'production', 3, false, '制卡：正在制作乘车卡'),
  ('transit-card', 'completed', 4, true, '办结：可以领卡了');
insert into intake.service_statuses (service, status, sort_order, closes, label)
select service, s.status, 100, true, s.label
from intake.services,
  (values ('rejected', '未通过：请查看说明或联系残联'), ('withdrawn', '已撤回')) as s (status, label);

-- Drafts: answers saved page by page. The draft id is the capability that lets a person continue;
-- it is random (uuid v4) and never appears in URLs. Deleted when submitted or when expired.
-- The action may stay null until the eligibility questions are answered (transit-card asks them
-- first); assistive-devices has none.
create table intake.drafts (
  id uuid primary key default gen_random_uuid(),
  service text not null references intake.services,
  action text,
  answers jsonb not null default '{}'::jsonb check (jsonb_typeof(answers) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Save and return: at most one resume code per draft, kept only as a peppered hash
  -- (see issue_resume_code); unique, so a code leads to one draft.
  resume_code_hash bytea unique,
  foreign key (service, action) references intake.service_actions (service, action)
);
create index drafts_expires_at_idx on intake.drafts (expires_at);
-- Who may see it: nobody but the functions. The answers are personal data (health, ID numbers).
alter table intake.drafts enable row level security;
revoke all on intake.drafts from public, anon, authenticated, service_role;

-- Submitted applications. The applicant's ID number is kept once, in its own column (staff need it to
-- process the case); the answers jsonb does not repeat it. The status-lookup fact (last 4 characters of
-- the ID number) is kept only as a salted hash.
create table intake.applications (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique check (reference ~ '^[2-9A-HJ-NP-Z]{8}$'),
  draft_id uuid not null unique,          -- idempotency: one application per draft, ever
  -- A client token belongs to one application: submitting a draft keys on (draft id, token), the
  -- one-shot submit on the token alone. request_hash tells a retry of the same one-shot request (the
  -- same receipt) from a reused token (token_reused); it is null for applications from a draft.
  client_token text not null unique check (client_token ~ '^[A-Za-z0-9_-]{16,128}$'),
  request_hash bytea,
  service text not null references intake.services,
  action text,
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  applicant_id_number text not null check (applicant_id_number ~ '^[0-9]{17}[0-9X]$'),
  lookup_salt bytea not null,
  lookup_fact_hash bytea not null,
  status text not null,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  foreign key (service, action) references intake.service_actions (service, action),
  foreign key (service, status) references intake.service_statuses (service, status)
);
create index applications_closed_at_idx on intake.applications (closed_at) where closed_at is not null;
-- Who may see it: nobody but the functions. Applicants see their own status through lookup_status
-- (reference + fact); status changes are recorded through record_status.
alter table intake.applications enable row level security;
revoke all on intake.applications from public, anon, authenticated, service_role;

-- Status history shown to the applicant. Notes are plain words for the applicant, never personal data.
create table intake.status_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references intake.applications on delete cascade,
  service text not null,
  status text not null,
  note text check (char_length(note) <= 500),
  created_at timestamptz not null default now(),
  foreign key (service, status) references intake.service_statuses (service, status)
);
create index status_events_application_idx on intake.status_events (application_id, id);
-- Who may see it: nobody but the functions (lookup_status returns the history with a correct fact).
alter table intake.status_events enable row level security;
revoke all on intake.status_events from public, anon, authenticated, service_role;
revoke all on sequence intake.status_events_id_seq from public, anon, authenticated, service_role;

-- Failed status lookups and resume attempts, for throttling. reference is what was typed
-- (normalised, may be unknown; resume codes as 'resume:' || code); client_key_hash is a peppered
-- hash of the client key the server passes (e.g. the IP address).
create table intake.lookup_failures (
  id bigint generated always as identity primary key,
  reference text not null check (char_length(reference) <= 64),
  client_key_hash bytea not null,
  failed_at timestamptz not null default now()
);
create index lookup_failures_reference_idx on intake.lookup_failures (reference, failed_at);
create index lookup_failures_client_idx on intake.lookup_failures (client_key_hash, failed_at);
-- Who may see it: nobody but the functions.
alter table intake.lookup_failures enable row level security;
revoke all on intake.lookup_failures from public, anon, authenticated, service_role;
revoke all on sequence intake.lookup_failures_id_seq from public, anon, authenticated, service_role;
