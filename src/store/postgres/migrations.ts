import { NamedError } from '../../core/index.js';
import type { Db, Queryable } from './db.js';
import type { SchemaName } from './schema.js';

/**
 * The schema, as numbered steps. A step is never edited once released: a change is a new step. Each runs
 * in its own transaction, recorded in `migrations`; start-up runs the missing ones under an advisory lock,
 * so two instances starting together migrate once and the second finds it done.
 */
const STEPS: ReadonlyArray<(s: SchemaName) => string> = [
  (s) => `
    CREATE TABLE ${s.table('people')} (
      user_key     text COLLATE "C" PRIMARY KEY,
      flow_id      text NOT NULL,
      current_step text,
      platform     text NOT NULL,
      started      boolean NOT NULL,
      finished     boolean NOT NULL,
      muted        boolean NOT NULL,
      zone         text NOT NULL,
      entered_at   bigint,
      active_at    bigint NOT NULL,
      help_at      bigint,
      remind_at    bigint,
      lease_until  bigint,
      updated_at   timestamptz NOT NULL DEFAULT now(),
      progress     jsonb NOT NULL
    );
    CREATE INDEX people_flow_step ON ${s.table('people')} (flow_id, current_step, user_key);
    CREATE INDEX people_idle ON ${s.table('people')} (active_at, user_key);
    CREATE INDEX people_due ON ${s.table('people')} (remind_at, user_key) WHERE remind_at IS NOT NULL;
    CREATE INDEX people_help ON ${s.table('people')} (user_key) WHERE help_at IS NOT NULL;

    -- One row per person and flow they have been in (the current one and each shelved): the funnels.
    CREATE TABLE ${s.table('parts')} (
      flow_id   text NOT NULL,
      user_key  text COLLATE "C" NOT NULL,
      reached   text[] NOT NULL,
      took      int[] NOT NULL,
      started   boolean NOT NULL,
      finished  boolean NOT NULL,
      week      text,
      PRIMARY KEY (flow_id, user_key)
    );
    CREATE INDEX parts_user ON ${s.table('parts')} (user_key);

    CREATE TABLE ${s.table('deliveries')} (
      id  text PRIMARY KEY,
      at  bigint NOT NULL
    );
    CREATE INDEX deliveries_at ON ${s.table('deliveries')} (at);

    CREATE SEQUENCE ${s.table('audit_ids')};
    CREATE TABLE ${s.table('audit')} (
      seq     bigint PRIMARY KEY,
      target  text COLLATE "C",
      undoes  text,
      entry   jsonb NOT NULL
    );
    CREATE INDEX audit_target ON ${s.table('audit')} (target, seq);
    CREATE INDEX audit_undoes ON ${s.table('audit')} (undoes) WHERE undoes IS NOT NULL;

    -- The start of one person's change, in one round trip: their row locked (a person not yet stored is
    -- locked by an advisory lock on their key, so two first events cannot both insert), then whether
    -- the delivery was handled. Each statement here sees what committed before it, so a delivery
    -- claimed by another instance while this one waited for the lock is seen.
    CREATE FUNCTION ${s.table('begin_change')}(who text, delivery text, now_ms bigint, ttl_ms bigint)
    RETURNS TABLE (duplicate boolean, progress jsonb) LANGUAGE plpgsql AS $fn$
    DECLARE found_progress jsonb;
    BEGIN
      SELECT p.progress INTO found_progress FROM ${s.table('people')} p WHERE p.user_key = who FOR UPDATE;
      IF NOT FOUND THEN
        PERFORM pg_advisory_xact_lock(hashtextextended(who, 0));
        SELECT p.progress INTO found_progress FROM ${s.table('people')} p WHERE p.user_key = who FOR UPDATE;
      END IF;
      IF delivery IS NOT NULL AND EXISTS (
        SELECT 1 FROM ${s.table('deliveries')} d WHERE d.id = delivery AND d.at >= now_ms - ttl_ms
      ) THEN
        RETURN QUERY SELECT true, NULL::jsonb;
      ELSE
        RETURN QUERY SELECT false, found_progress;
      END IF;
    END
    $fn$;

    -- One person's record written with the columns the questions read, their funnel parts (NULL: as they
    -- were; the parts of flows they are no longer in go) and the delivery id claimed with it. A reminder
    -- lease ends with the write: the record now says what is due next.
    CREATE FUNCTION ${s.table('put_person')}(who text, flow text, step text, platform_ text, started_ boolean,
      finished_ boolean, muted_ boolean, zone_ text, entered bigint, active bigint, help bigint, remind bigint,
      record jsonb, parts_ jsonb, delivery text, delivery_at bigint, ttl_ms bigint)
    RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO ${s.table('people')} AS p (user_key, flow_id, current_step, platform, started, finished, muted,
        zone, entered_at, active_at, help_at, remind_at, lease_until, updated_at, progress)
      VALUES (who, flow, step, platform_, started_, finished_, muted_, zone_, entered, active, help, remind, NULL,
        now(), record)
      ON CONFLICT (user_key) DO UPDATE SET flow_id = excluded.flow_id, current_step = excluded.current_step,
        platform = excluded.platform, started = excluded.started, finished = excluded.finished,
        muted = excluded.muted, zone = excluded.zone, entered_at = excluded.entered_at,
        active_at = excluded.active_at, help_at = excluded.help_at, remind_at = excluded.remind_at,
        lease_until = NULL, updated_at = now(), progress = excluded.progress;
      IF parts_ IS NOT NULL THEN
        DELETE FROM ${s.table('parts')} t WHERE t.user_key = who
          AND t.flow_id NOT IN (SELECT x.flow_id FROM jsonb_to_recordset(parts_) AS x(flow_id text));
        INSERT INTO ${s.table('parts')} AS t (flow_id, user_key, reached, took, started, finished, week)
        SELECT x.flow_id, who, x.reached, x.took, x.started, x.finished, x.week
        FROM jsonb_to_recordset(parts_) AS x(flow_id text, reached text[], took int[], started boolean,
          finished boolean, week text)
        ON CONFLICT (flow_id, user_key) DO UPDATE SET reached = excluded.reached, took = excluded.took,
          started = excluded.started, finished = excluded.finished, week = excluded.week;
      END IF;
      IF delivery IS NOT NULL THEN
        INSERT INTO ${s.table('deliveries')} AS d (id, at) VALUES (delivery, delivery_at)
        ON CONFLICT (id) DO UPDATE SET at = excluded.at WHERE d.at < excluded.at - ttl_ms;
      END IF;
    END
    $fn$;
  `,
  (s) => `
    -- The start of several people's changes made together (one transaction): each locked as begin_change
    -- locks one, in key order, so two such batches (or a batch and a single change) never wait on each
    -- other in a circle; whether each delivery was handled is asked once its person is locked.
    CREATE FUNCTION ${s.table('begin_changes')}(items jsonb, now_ms bigint, ttl_ms bigint)
    RETURNS TABLE (who text, duplicate boolean, progress jsonb) LANGUAGE plpgsql AS $fn$
    DECLARE item record; found_progress jsonb;
    BEGIN
      FOR item IN SELECT x.who, x.delivery FROM jsonb_to_recordset(items) AS x(who text, delivery text)
        ORDER BY x.who COLLATE "C"
      LOOP
        SELECT p.progress INTO found_progress FROM ${s.table('people')} p WHERE p.user_key = item.who FOR UPDATE;
        IF NOT FOUND THEN
          PERFORM pg_advisory_xact_lock(hashtextextended(item.who, 0));
          SELECT p.progress INTO found_progress FROM ${s.table('people')} p WHERE p.user_key = item.who FOR UPDATE;
        END IF;
        who := item.who;
        duplicate := item.delivery IS NOT NULL AND EXISTS (
          SELECT 1 FROM ${s.table('deliveries')} d WHERE d.id = item.delivery AND d.at >= now_ms - ttl_ms);
        progress := CASE WHEN duplicate THEN NULL ELSE found_progress END;
        RETURN NEXT;
      END LOOP;
    END
    $fn$;

    -- Several people written at once, as put_person writes one: each item's record with its columns, its
    -- funnel parts when given (absent: as they were), its delivery id claimed. The people are distinct.
    CREATE FUNCTION ${s.table('put_people')}(items jsonb, ttl_ms bigint)
    RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO ${s.table('people')} AS p (user_key, flow_id, current_step, platform, started, finished, muted,
        zone, entered_at, active_at, help_at, remind_at, lease_until, updated_at, progress)
      SELECT x.who, x.flow, x.step, x.platform, x.started, x.finished, x.muted, x.zone, x.entered, x.active,
        x.help, x.remind, NULL, now(), x.record
      FROM jsonb_to_recordset(items) AS x(who text, flow text, step text, platform text, started boolean,
        finished boolean, muted boolean, zone text, entered bigint, active bigint, help bigint, remind bigint,
        record jsonb)
      ON CONFLICT (user_key) DO UPDATE SET flow_id = excluded.flow_id, current_step = excluded.current_step,
        platform = excluded.platform, started = excluded.started, finished = excluded.finished,
        muted = excluded.muted, zone = excluded.zone, entered_at = excluded.entered_at,
        active_at = excluded.active_at, help_at = excluded.help_at, remind_at = excluded.remind_at,
        lease_until = NULL, updated_at = now(), progress = excluded.progress;
      DELETE FROM ${s.table('parts')} t USING jsonb_to_recordset(items) AS x(who text, parts jsonb)
      WHERE x.parts IS NOT NULL AND t.user_key = x.who
        AND t.flow_id NOT IN (SELECT y.flow_id FROM jsonb_to_recordset(x.parts) AS y(flow_id text));
      INSERT INTO ${s.table('parts')} AS t (flow_id, user_key, reached, took, started, finished, week)
      SELECT y.flow_id, x.who, y.reached, y.took, y.started, y.finished, y.week
      FROM jsonb_to_recordset(items) AS x(who text, parts jsonb)
      CROSS JOIN LATERAL jsonb_to_recordset(x.parts) AS y(flow_id text, reached text[], took int[],
        started boolean, finished boolean, week text)
      WHERE x.parts IS NOT NULL
      ON CONFLICT (flow_id, user_key) DO UPDATE SET reached = excluded.reached, took = excluded.took,
        started = excluded.started, finished = excluded.finished, week = excluded.week;
      INSERT INTO ${s.table('deliveries')} AS d (id, at)
      SELECT DISTINCT ON (x.delivery) x.delivery, x.delivery_at
      FROM jsonb_to_recordset(items) AS x(delivery text, delivery_at bigint)
      WHERE x.delivery IS NOT NULL ORDER BY x.delivery
      ON CONFLICT (id) DO UPDATE SET at = excluded.at WHERE d.at < excluded.at - ttl_ms;
    END
    $fn$;
  `,
];

/** The newest schema this code knows. */
const SCHEMA_VERSION = STEPS.length;

/** Any fixed number: the advisory lock every instance takes to migrate (one per database). */
const MIGRATION_LOCK = 4_172_031_977;

/** Brings the schema up to `SCHEMA_VERSION`; refuses a database a newer Guidepost has upgraded. */
export async function migrate(db: Db, s: SchemaName): Promise<{ applied: number[] }> {
  return db.session(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await applyMissing(db, session, s);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

async function applyMissing(db: Db, session: Queryable, s: SchemaName): Promise<{ applied: number[] }> {
  await session.query(`CREATE SCHEMA IF NOT EXISTS ${s.quoted}`);
  await session.query(
    `CREATE TABLE IF NOT EXISTS ${s.table('migrations')} (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const rows = await session.query<{ version: number }>(`SELECT version FROM ${s.table('migrations')}`);
  const done = new Set(rows.map((r) => r.version));
  const newest = Math.max(0, ...done);
  if (newest > SCHEMA_VERSION)
    throw new NamedError(
      'DATABASE_URL',
      `DATABASE_URL: the database's schema is at version ${newest}, newer than this Guidepost knows (${SCHEMA_VERSION}); run the newer version, or point DATABASE_URL at another database`,
    );
  const applied: number[] = [];
  for (const [i, step] of STEPS.entries()) {
    const version = i + 1;
    if (done.has(version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(step(s));
      await tx.query(`INSERT INTO ${s.table('migrations')} (version) VALUES ($1)`, [version]);
    });
    applied.push(version);
  }
  return { applied };
}
