-- Row level security on the tables of surveys and events (issue 9, 11), like every other table in qk:
-- the app connects as the owner; the Supabase API roles see nothing.
do $$
declare t text;
begin
  for t in select tablename from pg_tables where schemaname = 'qk' and not rowsecurity loop
    execute format('alter table qk.%I enable row level security', t);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    execute 'revoke all on all tables in schema qk from anon';
  end if;
  if exists (select 1 from pg_roles where rolname = 'authenticated') then
    execute 'revoke all on all tables in schema qk from authenticated';
  end if;
end $$;
