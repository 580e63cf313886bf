import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';

/**
 * A database's schema as rows, read from the system catalogs, for comparing two databases built
 * from different migrations. Everything is keyed by name (never by oid, which differs between
 * builds) and limited to the schemas the migrations write: intake and public.
 */
export type CatalogRow = Record<string, unknown>;
export type Catalog = Record<string, CatalogRow[]>;

const SCHEMAS = `('intake', 'public')`;

/** A role oid in an ACL item as a name; 0 is PUBLIC. */
const ROLE = (column: string) => `case when ${column} = 0 then 'PUBLIC' else ${column}::regrole::text end`;

/** What each category lists, and by which columns a row is known (the rest is what must match). */
export const CATEGORIES: Record<string, { key: string[]; sql: string }> = {
  relations: {
    key: ['relation'],
    sql: `select format('%I.%I', n.nspname, c.relname) as relation, c.relkind::text as kind,
                 c.relowner::regrole::text as owner, c.relrowsecurity as row_security,
                 c.relforcerowsecurity as force_row_security
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  },
  // Column order is not compared: a column added by a later migration could only be appended,
  // and the folded table places it next to the columns it belongs with.
  columns: {
    key: ['relation', 'column'],
    sql: `select format('%I.%I', n.nspname, c.relname) as relation, a.attname as column,
                 format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
                 pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity::text as identity,
                 a.attgenerated::text as generated, a.attacl::text as column_acl
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
          where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'f')
            and a.attnum > 0 and not a.attisdropped`,
  },
  constraints: {
    key: ['relation', 'constraint'],
    sql: `select format('%I.%I', n.nspname, c.relname) as relation, k.conname as constraint,
                 k.contype::text as kind, pg_get_constraintdef(k.oid) as definition, k.condeferrable as deferrable
          from pg_constraint k
          join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ${SCHEMAS}`,
  },
  indexes: {
    key: ['relation', 'index'],
    sql: `select format('%I.%I', schemaname, tablename) as relation, indexname as index, indexdef as definition
          from pg_indexes where schemaname in ${SCHEMAS}`,
  },
  functions: {
    key: ['function'],
    sql: `select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as function,
                 pg_get_function_arguments(p.oid) as arguments, pg_get_function_result(p.oid) as returns,
                 l.lanname as language, p.prokind::text as kind, p.provolatile::text as volatility,
                 p.proisstrict as strict, p.proparallel::text as parallel, p.prosecdef as security_definer,
                 p.proconfig as config, p.proowner::regrole::text as owner
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
          where n.nspname in ${SCHEMAS}`,
  },
  // Effective privileges: a NULL ACL means the defaults, so both are expanded the same way.
  function_grants: {
    key: ['function', 'grantee', 'privilege'],
    sql: `select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as function,
                 ${ROLE('g.grantee')} as grantee, g.privilege_type as privilege, ${ROLE('g.grantor')} as grantor,
                 g.is_grantable as grantable
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
               aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) g
          where n.nspname in ${SCHEMAS}`,
  },
  relation_grants: {
    key: ['relation', 'grantee', 'privilege'],
    sql: `select format('%I.%I', n.nspname, c.relname) as relation,
                 ${ROLE('g.grantee')} as grantee, g.privilege_type as privilege, ${ROLE('g.grantor')} as grantor,
                 g.is_grantable as grantable
          from pg_class c join pg_namespace n on n.oid = c.relnamespace,
               aclexplode(coalesce(c.relacl, acldefault((case when c.relkind = 'S' then 's' else 'r' end)::"char", c.relowner))) g
          where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  },
  schema_grants: {
    key: ['schema', 'grantee', 'privilege'],
    sql: `select n.nspname as schema, ${ROLE('g.grantee')} as grantee, g.privilege_type as privilege,
                 ${ROLE('g.grantor')} as grantor, g.is_grantable as grantable
          from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) g
          where n.nspname in ${SCHEMAS}`,
  },
  policies: {
    key: ['relation', 'policy'],
    sql: `select format('%I.%I', schemaname, tablename) as relation, policyname as policy, permissive,
                 roles::text as roles, cmd, qual, with_check
          from pg_policies where schemaname in ${SCHEMAS}`,
  },
  // Objects the migrations do not create today; listed so that one added by mistake shows up.
  other_objects: {
    key: ['object'],
    sql: `select format('trigger %s on %s', t.tgname, t.tgrelid::regclass) as object from pg_trigger t
            join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ${SCHEMAS} and not t.tgisinternal
          union all
          select format('type %I.%I', n.nspname, t.typname) from pg_type t join pg_namespace n on n.oid = t.typnamespace
            where n.nspname in ${SCHEMAS} and t.typtype <> 'b' and t.typrelid = 0
          union all
          select format('comment on %s', pg_describe_object(d.classoid, d.objoid, d.objsubid)) from pg_description d
            where d.classoid = 'pg_namespace'::regclass and d.objoid in (select oid from pg_namespace where nspname in ${SCHEMAS})
               or d.classoid = 'pg_class'::regclass and d.objoid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ${SCHEMAS})
               or d.classoid = 'pg_proc'::regclass and d.objoid in (select p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ${SCHEMAS})`,
  },
  // Reference data. The pepper is random per database, so it is left out of the policy row.
  data_policy: {
    key: ['id'],
    sql: `select id, draft_retention::text, closed_application_retention::text, lookup_window::text,
                 lookup_max_failures_per_reference, lookup_max_failures_per_client, lookup_failure_retention::text,
                 octet_length(client_key_pepper) as pepper_bytes
          from intake.policy`,
  },
  data_services: { key: ['service'], sql: `select * from intake.services` },
  data_actions: { key: ['service', 'action'], sql: `select * from intake.service_actions` },
  data_statuses: { key: ['service', 'status'], sql: `select * from intake.service_statuses` },
};

/** The pages table is named per schema version, so its data query is given separately. */
export async function readCatalog(db: SqlDatabase, pagesSql: string): Promise<Catalog> {
  const catalog: Catalog = {};
  for (const [name, { sql }] of Object.entries(CATEGORIES)) catalog[name] = (await db.query<CatalogRow>(sql)).rows;
  catalog['data_pages'] = (await db.query<CatalogRow>(pagesSql)).rows;
  return catalog;
}
export const PAGES_KEY = ['service', 'page'];

export interface CategoryDiff {
  /** Rows of the reference that the other database lacks (by key). */
  missing: CatalogRow[];
  /** Rows the other database has and the reference does not. */
  extra: CatalogRow[];
  /** Same key, different values: only the fields that differ, with both values. */
  changed: { key: string; fields: Record<string, { reference: unknown; actual: unknown }> }[];
}

function changedFields(reference: CatalogRow, actual: CatalogRow): Record<string, { reference: unknown; actual: unknown }> {
  const fields: Record<string, { reference: unknown; actual: unknown }> = {};
  for (const name of new Set([...Object.keys(reference), ...Object.keys(actual)])) {
    if (JSON.stringify(reference[name]) !== JSON.stringify(actual[name])) fields[name] = { reference: reference[name], actual: actual[name] };
  }
  return fields;
}

/** What differs between two lists of rows, by key: every difference, named. */
export function diffRows(reference: CatalogRow[], actual: CatalogRow[], key: string[]): CategoryDiff {
  const keyOf = (row: CatalogRow) => key.map((k) => String(row[k])).join(' | ');
  const index = (rows: CatalogRow[]) => {
    const map = new Map<string, CatalogRow>();
    for (const row of rows) {
      const k = keyOf(row);
      if (map.has(k)) throw new Error(`two catalog rows with the key ${k}`);
      map.set(k, row);
    }
    return map;
  };
  const ref = index(reference);
  const act = index(actual);
  const sorted = (keys: string[]) => keys.sort();
  return {
    missing: sorted([...ref.keys()].filter((k) => !act.has(k))).map((k) => ref.get(k)!),
    extra: sorted([...act.keys()].filter((k) => !ref.has(k))).map((k) => act.get(k)!),
    changed: sorted([...ref.keys()].filter((k) => act.has(k)))
      .map((k) => ({ key: k, fields: changedFields(ref.get(k)!, act.get(k)!) }))
      .filter((change) => Object.keys(change.fields).length > 0),
  };
}
