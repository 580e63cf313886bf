import type { SqlSession } from './local-supabase/sql.ts';

/**
 * The database's TypeScript types in the shape `supabase gen types typescript` writes them (the
 * Supabase CLI's generator, postgres-meta's typescript template, formatted as prettier formats it
 * with `semi: false`): `Json`, `Database` with Tables, Views, Functions, Enums and CompositeTypes of
 * each exposed schema, and the Tables / TablesInsert / TablesUpdate / Enums / CompositeTypes helpers
 * and Constants. Read from the catalog of a migrated database, so `npm run gen:types` writes
 * src/data/database.types.ts without the CLI (which needs Docker), and tests/sql/database-types.test.ts
 * proves the committed file matches the migrations. With a linked project,
 * `supabase gen types typescript --linked --schema public > src/data/database.types.ts` writes the
 * same types.
 */
const WIDTH = 80;

interface Column {
  relation: string;
  kind: 'table' | 'view';
  name: string;
  type: string;
  nullable: boolean;
  has_default: boolean;
  identity_always: boolean;
  updatable: boolean;
}
interface FunctionArg {
  name: string;
  type: string;
  has_default: boolean;
}
interface FunctionRow {
  name: string;
  args: FunctionArg[];
  returns: string;
  returns_set: boolean;
  unnamed_args: number;
}
interface Relationship {
  relation: string;
  foreign_key_name: string;
  columns: string[];
  referenced_relation: string;
  referenced_columns: string[];
  one_to_one: boolean;
}

const q = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** A Postgres type (typname, arrays as _name) as TypeScript, as postgres-meta maps it. */
function tsType(pgType: string, enums: Map<string, string[]>, composites: Set<string>, schema: string): string {
  if (pgType === 'bool') return 'boolean';
  if (['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'].includes(pgType)) return 'number';
  if (['bytea', 'bpchar', 'varchar', 'date', 'text', 'citext', 'time', 'timetz', 'timestamp', 'timestamptz', 'uuid', 'vector'].includes(pgType)) return 'string';
  if (pgType === 'json' || pgType === 'jsonb') return 'Json';
  if (pgType === 'void') return 'undefined';
  if (pgType === 'record') return 'Record<string, unknown>';
  if (pgType.startsWith('_')) return `${tsType(pgType.slice(1), enums, composites, schema)}[]`;
  if (enums.has(pgType)) return `Database[${JSON.stringify(schema)}]["Enums"][${JSON.stringify(pgType)}]`;
  if (composites.has(pgType)) return `Database[${JSON.stringify(schema)}]["CompositeTypes"][${JSON.stringify(pgType)}]`;
  return 'unknown';
}

/** An object type, on one line when it fits (as prettier prints it), else one member per line. */
function objectType(members: string[], indent: number, prefix: string): string {
  if (members.length === 0) return `${' '.repeat(indent)}${prefix}{}`;
  const line = `${' '.repeat(indent)}${prefix}{ ${members.join('; ')} }`;
  if (line.length <= WIDTH && !members.some((m) => m.includes('\n'))) return line;
  return [`${' '.repeat(indent)}${prefix}{`, ...members.map((m) => `${' '.repeat(indent + 2)}${m}`), `${' '.repeat(indent)}}`].join('\n');
}

const NEVER = (indent: number) => `${' '.repeat(indent)}  [_ in never]: never`;

async function readSchema(db: SqlSession, schema: string) {
  const columns = (
    await db.query<Column>(
      `select c.relname as relation, case when c.relkind in ('v', 'm') then 'view' else 'table' end as kind,
              a.attname as name,
              case when t.typcategory = 'A' then '_' || et.typname else t.typname end as type,
              not a.attnotnull as nullable, a.atthasdef as has_default, a.attidentity = 'a' as identity_always,
              coalesce(col.is_updatable = 'YES', false) as updatable
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem
       left join information_schema.columns col on col.table_schema = n.nspname and col.table_name = c.relname and col.column_name = a.attname
       where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped`,
      [schema],
    )
  ).rows;
  const functions = (
    await db.query<FunctionRow>(
      `select p.proname as name,
              coalesce((select json_agg(json_build_object(
                         'name', coalesce(p.proargnames[u.o], ''),
                         'type', case when t.typcategory = 'A' then '_' || et.typname else t.typname end,
                         'has_default', u.o > p.pronargs - p.pronargdefaults) order by u.o)
                        from unnest(p.proargtypes) with ordinality as u (type_oid, o)
                        join pg_type t on t.oid = u.type_oid
                        left join pg_type et on et.oid = t.typelem), '[]'::json) as args,
              case when rt.typcategory = 'A' then '_' || ret.typname else rt.typname end as returns,
              p.proretset as returns_set,
              (select count(*)::int from unnest(p.proargtypes) with ordinality as u (type_oid, o)
               where coalesce(p.proargnames[u.o], '') = '') as unnamed_args
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       join pg_type rt on rt.oid = p.prorettype left join pg_type ret on ret.oid = rt.typelem
       where n.nspname = $1 and p.prokind = 'f'
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
      [schema],
    )
  ).rows;
  const enums = new Map(
    (
      await db.query<{ name: string; labels: string[] }>(
        `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder) as labels
         from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
         where n.nspname = $1 group by t.typname`,
        [schema],
      )
    ).rows.map((r) => [r.name, r.labels]),
  );
  const compositeRows = (
    await db.query<{ name: string; attribute: string; type: string }>(
      `select t.typname as name, a.attname as attribute,
              case when at.typcategory = 'A' then '_' || aet.typname else at.typname end as type
       from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_class c on c.oid = t.typrelid
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       join pg_type at on at.oid = a.atttypid left join pg_type aet on aet.oid = at.typelem
       where n.nspname = $1 and t.typtype = 'c' and c.relkind = 'c' order by t.typname, a.attnum`,
      [schema],
    )
  ).rows;
  const relationships = (
    await db.query<Relationship>(
      `select c.relname as relation, k.conname as foreign_key_name,
              array(select a.attname from unnest(k.conkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns,
              rc.relname as referenced_relation,
              array(select a.attname from unnest(k.confkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as referenced_columns,
              exists (select 1 from pg_index i where i.indrelid = k.conrelid and i.indisunique and i.indkey::int2[] @> k.conkey and i.indkey::int2[] <@ k.conkey) as one_to_one
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_class rc on rc.oid = k.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
       where k.contype = 'f' and n.nspname = $1 and rn.nspname = $1`,
      [schema],
    )
  ).rows;
  return { columns, functions, enums, compositeRows, relationships };
}

function schemaBlock(schema: string, data: Awaited<ReturnType<typeof readSchema>>): string {
  const { columns, functions, enums, compositeRows, relationships } = data;
  const composites = new Set(compositeRows.map((r) => r.name));
  const ts = (t: string) => tsType(t, enums, composites, schema);
  const byName = (a: string, b: string) => a.localeCompare(b);
  const out: string[] = [`  ${q(schema)}: {`];

  for (const kind of ['table', 'view'] as const) {
    out.push(`    ${kind === 'table' ? 'Tables' : 'Views'}: {`);
    const relations = [...new Set(columns.filter((c) => c.kind === kind).map((c) => c.relation))].sort(byName);
    if (relations.length === 0) out.push(NEVER(4));
    for (const relation of relations) {
      const cols = columns.filter((c) => c.relation === relation).sort((a, b) => byName(a.name, b.name));
      out.push(`      ${q(relation)}: {`);
      out.push(objectType(cols.map((c) => `${q(c.name)}: ${ts(c.type)}${c.nullable ? ' | null' : ''}`), 8, 'Row: '));
      const writable = kind === 'table' || cols.some((c) => c.updatable);
      if (writable) {
        const member = (c: Column, insert: boolean) => {
          if (c.identity_always) return `${q(c.name)}?: never`;
          if (kind === 'view' && !c.updatable) return `${q(c.name)}?: never`;
          const optional = !insert || kind === 'view' || c.nullable || c.has_default;
          return `${q(c.name)}${optional ? '?' : ''}: ${ts(c.type)}${c.nullable || kind === 'view' ? ' | null' : ''}`;
        };
        out.push(objectType(cols.map((c) => member(c, true)), 8, 'Insert: '));
        out.push(objectType(cols.map((c) => member(c, false)), 8, 'Update: '));
      }
      const rels = relationships
        .filter((r) => r.relation === relation)
        .sort((a, b) => byName(a.foreign_key_name, b.foreign_key_name) || byName(a.referenced_relation, b.referenced_relation));
      if (rels.length === 0) out.push('        Relationships: []');
      else {
        out.push('        Relationships: [');
        for (const r of rels) {
          out.push('          {', `            foreignKeyName: ${JSON.stringify(r.foreign_key_name)}`, `            columns: ${JSON.stringify(r.columns).replace(/,/g, ', ')}`,
            `            isOneToOne: ${r.one_to_one}`, `            referencedRelation: ${JSON.stringify(r.referenced_relation)}`,
            `            referencedColumns: ${JSON.stringify(r.referenced_columns).replace(/,/g, ', ')}`, '          },');
        }
        out.push('        ]');
      }
      out.push('      }');
    }
    out.push('    }');
  }

  out.push('    Functions: {');
  // Functions whose arguments are all named, or that take one unnamed argument.
  const callable = functions.filter((f) => f.unnamed_args === 0 || f.args.length === 1).sort((a, b) => byName(a.name, b.name));
  if (callable.length === 0) out.push(NEVER(4));
  for (const name of [...new Set(callable.map((f) => f.name))]) {
    const overloads = callable.filter((f) => f.name === name);
    out.push(`      ${q(name)}: {`);
    const args = overloads.map((f) =>
      f.args.length === 0
        ? 'Record<PropertyKey, never>'
        : objectType([...f.args].sort((a, b) => byName(a.name, b.name)).map((a) => `${q(a.name)}${a.has_default ? '?' : ''}: ${ts(a.type)}`), 8, '').trimStart(),
    );
    out.push(`        Args: ${args.join(' | ')}`);
    out.push(`        Returns: ${ts(overloads[0]!.returns)}${overloads[0]!.returns_set ? '[]' : ''}`);
    out.push('      }');
  }
  out.push('    }');

  out.push('    Enums: {');
  if (enums.size === 0) out.push(NEVER(4));
  for (const [name, labels] of [...enums].sort(([a], [b]) => byName(a, b))) out.push(`      ${q(name)}: ${labels.map((l) => JSON.stringify(l)).join(' | ')}`);
  out.push('    }');

  out.push('    CompositeTypes: {');
  if (composites.size === 0) out.push(NEVER(4));
  for (const name of [...composites].sort(byName)) {
    out.push(objectType(compositeRows.filter((r) => r.name === name).map((r) => `${q(r.attribute)}: ${ts(r.type)} | null`), 6, `${q(name)}: `));
  }
  out.push('    }');
  out.push('  }');
  return out.join('\n');
}

const HELPERS = `type DefaultSchema = Database[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof (Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        Database[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? (Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      Database[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof Database },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof Database },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof Database }
  ? Database[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof Database },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof Database
  }
    ? keyof Database[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof Database }
  ? Database[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never`;

/** The types file for the given schemas (default: public, as `supabase gen types` defaults). */
export async function generateTypes(db: SqlSession, schemas: string[] = ['public']): Promise<string> {
  const blocks: string[] = [];
  const constants: string[] = [];
  for (const schema of [...schemas].sort()) {
    const data = await readSchema(db, schema);
    blocks.push(schemaBlock(schema, data));
    const enums = [...data.enums].sort(([a], [b]) => a.localeCompare(b));
    constants.push(
      enums.length === 0
        ? `  ${q(schema)}: {\n    Enums: {},\n  },`
        : `  ${q(schema)}: {\n    Enums: {\n${enums.map(([n, l]) => `      ${q(n)}: [${l.map((x) => JSON.stringify(x)).join(', ')}],`).join('\n')}\n    },\n  },`,
    );
  }
  return [
    'export type Json =',
    '  | string',
    '  | number',
    '  | boolean',
    '  | null',
    '  | { [key: string]: Json | undefined }',
    '  | Json[]',
    '',
    'export type Database = {',
    blocks.join('\n'),
    '}',
    '',
    HELPERS,
    '',
    'export const Constants = {',
    constants.join('\n'),
    '} as const',
    '',
  ].join('\n');
}
