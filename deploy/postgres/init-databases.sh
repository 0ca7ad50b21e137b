#!/usr/bin/env bash
# Creates the databases of the compose stack on the first start of an empty PostgreSQL volume
# (the postgres image runs /docker-entrypoint-initdb.d/* once, as the superuser):
#   temporal, temporal_visibility  Temporal's persistence and visibility (role "temporal");
#                                  temporalio/auto-setup then loads their schemas
#                                  (it runs with SKIP_DB_CREATE=true, so it does not create them)
#   matscreen                      the matscreen campaign store (role "matscreen"); matscreen's
#                                  Flyway migrations create its tables on first use
# Passwords come from TEMPORAL_DB_PASSWORD and MATSCREEN_DB_PASSWORD (see docker-compose.yml).
set -euo pipefail

: "${TEMPORAL_DB_PASSWORD:?set TEMPORAL_DB_PASSWORD}"
: "${MATSCREEN_DB_PASSWORD:?set MATSCREEN_DB_PASSWORD}"

# Values are passed as psql variables and quoted by psql (:'name'), never pasted into SQL.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v matscreen_pw="$MATSCREEN_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;

CREATE ROLE matscreen LOGIN PASSWORD :'matscreen_pw';
CREATE DATABASE matscreen OWNER matscreen;
SQL
