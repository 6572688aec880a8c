-- Grows the demo province on PostgreSQL to the scale of issue 21's
-- benchmark: :units schools, agencies and enterprises under the demo's
-- police bodies, :people people in all (the demo's, and copies of the
-- college's without contact details shared among the new units, at most
-- as many per unit as the college has), one session each attended by all of them, 112
-- tips each (copies of the demo's: their sealed text no longer opens, which
-- counting does not need), and the five years of a demo unit's
-- self-assessments and ratings. Run by bench/province.sh, never by CI.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;

CREATE TEMP TABLE template AS
  SELECT (SELECT id FROM units WHERE code = 'CDLC') AS college,
         (SELECT id FROM units WHERE code = 'DV0010') AS unit;

-- The new units, spread over the police bodies in turn.
WITH bodies AS (
  SELECT id, (row_number() OVER (ORDER BY code) - 1)::int AS i
  FROM units WHERE kind = 'ward_police'
), n AS (SELECT count(*)::int AS n FROM bodies),
todo AS (
  SELECT g FROM generate_series(1,
    :units - (SELECT count(*) FROM units WHERE kind NOT IN ('province_police', 'ward_police'))::int) g
)
INSERT INTO units (id, kind, code, name, search_key, address, authority_id, created_at)
SELECT gen_random_uuid(),
       (ARRAY['school', 'agency', 'enterprise'])[1 + g % 3],
       'BX' || lpad(g::text, 5, '0'),
       'Đơn vị mẫu số ' || g,
       'don vi mau so ' || g || ' bx' || lpad(g::text, 5, '0'),
       'tỉnh Lào Cai',
       (SELECT b.id FROM bodies b, n WHERE b.i = g % n.n),
       now()
FROM todo;

CREATE TEMP TABLE grown AS SELECT id FROM units WHERE code LIKE 'BX%';

INSERT INTO people (id, unit_id, kind, code, full_name, search_key, sort_key, birth_date,
                    gender, ethnicity, phone, email, department_id, class_id, position,
                    boarding, status, created_at, updated_at)
SELECT gen_random_uuid(), u.id, p.kind, p.code, p.full_name, p.search_key, p.sort_key,
       p.birth_date, p.gender, p.ethnicity, NULL, NULL, NULL, NULL, p.position, false,
       p.status, now(), now()
FROM grown u
CROSS JOIN (SELECT * FROM people WHERE unit_id = (SELECT college FROM template)
            ORDER BY code
            LIMIT (SELECT greatest(0, ceil((:people - (SELECT count(*) FROM people))::numeric
                                            / count(*)))::int FROM grown)) p
-- A unit's people together, as its import writes them (in the order of a
-- cross join every unit's rows would lie one to a page).
ORDER BY u.id, p.code;

INSERT INTO movement_sessions (id, unit_id, kind, title, topics, topic_note, organiser, partner,
                               starts_at, place, audience, outside_count, materials, posts,
                               check_in_code, check_in_until, created_at, updated_at)
SELECT gen_random_uuid(), u.id, s.kind, s.title, s.topics, s.topic_note, s.organiser, s.partner,
       s.starts_at, s.place, s.audience, s.outside_count, s.materials, s.posts, NULL, NULL,
       now(), now()
FROM grown u
CROSS JOIN (SELECT * FROM movement_sessions WHERE unit_id = (SELECT college FROM template)
            ORDER BY starts_at LIMIT 1) s;

INSERT INTO attendances (unit_id, session_id, person_id, method, recorded_at, recorded_by)
SELECT p.unit_id, s.id, p.id, 'ticked', s.starts_at, NULL
FROM people p JOIN movement_sessions s ON s.unit_id = p.unit_id
WHERE p.unit_id IN (SELECT id FROM grown)
ORDER BY p.unit_id;

INSERT INTO tips (id, unit_id, number, channel, category, urgent, state, anonymous, campus_id,
                  occurred_at, received_at, due_at, sealed_text, sealed_place, sealed_contact,
                  receipt_hash, assignee_id, recorded_by, incident_id, outcome, police_unit,
                  awaiting_staff, closed_at, hours_to_close)
SELECT gen_random_uuid(), u.id,
       row_number() OVER (PARTITION BY u.id ORDER BY g, t.number),
       t.channel, t.category, t.urgent, t.state, t.anonymous, NULL, t.occurred_at,
       t.received_at, t.due_at, t.sealed_text, NULL, NULL, NULL, NULL, NULL, NULL, t.outcome,
       t.police_unit, t.awaiting_staff, t.closed_at, t.hours_to_close
FROM grown u
CROSS JOIN (SELECT * FROM tips WHERE unit_id = (SELECT college FROM template)) t
CROSS JOIN generate_series(1, 16) g
ORDER BY u.id;

INSERT INTO assessments (unit_id, year, state, registered_on, meeting, dossier, decision,
                         returned_because, overrides, scores, reviewed_scores, updated_at)
SELECT u.id, a.year, a.state, a.registered_on, a.meeting, a.dossier, a.decision,
       a.returned_because, a.overrides, a.scores, a.reviewed_scores, a.updated_at
FROM grown u CROSS JOIN (SELECT * FROM assessments WHERE unit_id = (SELECT unit FROM template)) a;

INSERT INTO ratings (unit_id, year, subject, rating, rated_by, rated_at)
SELECT u.id, r.year, r.subject, r.rating, NULL, r.rated_at
FROM grown u CROSS JOIN (SELECT * FROM ratings WHERE unit_id = (SELECT unit FROM template)) r;

COMMIT;
-- What autovacuum would have done by the time anyone asks.
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM people) AS people,
       (SELECT count(*) FROM attendances) AS attendances, (SELECT count(*) FROM tips) AS tips;
