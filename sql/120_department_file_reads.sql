-- Department systems fetch material files through signed links (issue 20), and each fetch is a personal-data
-- access like a staff user's read. A department system is no row of `users`: its reads are recorded with no
-- actor id, named by actor_login (the department's code) and actor_role 'department_system'.
ALTER TABLE pii_access ALTER COLUMN actor_id DROP NOT NULL;
