-- matscreen campaign store, version 1. Plain SQL that runs on SQLite and PostgreSQL alike.

CREATE TABLE campaigns (
  name        VARCHAR(200) PRIMARY KEY,
  chemsys     VARCHAR(200) NOT NULL,
  spec_text   TEXT NOT NULL,
  workflow_id VARCHAR(300) NOT NULL,
  stage       VARCHAR(50) NOT NULL,
  status      VARCHAR(50) NOT NULL,
  created_at  VARCHAR(40) NOT NULL,
  updated_at  VARCHAR(40) NOT NULL
);

CREATE TABLE shards (
  campaign     VARCHAR(200) NOT NULL,
  shard        INTEGER NOT NULL,
  rows_count   INTEGER NOT NULL,
  content_hash VARCHAR(80) NOT NULL,
  screened     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign, shard)
);

CREATE TABLE candidates (
  campaign        VARCHAR(200) NOT NULL,
  id              VARCHAR(200) NOT NULL,
  shard           INTEGER NOT NULL,
  formula         VARCHAR(200) NOT NULL,
  reduced_formula VARCHAR(200) NOT NULL,
  origin          VARCHAR(300) NOT NULL,
  structure_json  TEXT NOT NULL,
  nsites          INTEGER NOT NULL,
  spacegroup      INTEGER,
  protostructure  VARCHAR(400),
  PRIMARY KEY (campaign, id)
);
CREATE INDEX candidates_shard ON candidates (campaign, shard);

CREATE TABLE predictions (
  campaign      VARCHAR(200) NOT NULL,
  candidate_id  VARCHAR(200) NOT NULL,
  model         VARCHAR(200) NOT NULL,
  e_form_mean   DOUBLE PRECISION NOT NULL,
  e_form_std    DOUBLE PRECISION NOT NULL,
  epistemic_std DOUBLE PRECISION NOT NULL,
  aleatoric_std DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (campaign, candidate_id)
);

-- kind: 'predicted' (ML energies on the known ML hull) or 'dft' (DFT energies on the DFT hull)
CREATE TABLE hull_results (
  campaign      VARCHAR(200) NOT NULL,
  candidate_id  VARCHAR(200) NOT NULL,
  kind          VARCHAR(20) NOT NULL,
  e_form        DOUBLE PRECISION NOT NULL,
  e_above_hull  DOUBLE PRECISION NOT NULL,
  decomposition VARCHAR(1000) NOT NULL,
  acquisition   DOUBLE PRECISION,
  passed_triage INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign, candidate_id, kind)
);

-- Entries of the known hulls; "references" is an SQL keyword, hence the name.
CREATE TABLE reference_entries (
  campaign        VARCHAR(200) NOT NULL,
  id              VARCHAR(200) NOT NULL,
  formula         VARCHAR(200) NOT NULL,
  energy_per_atom DOUBLE PRECISION NOT NULL,
  energy_kind     VARCHAR(20) NOT NULL,
  fingerprint     VARCHAR(300) NOT NULL,
  source          VARCHAR(300) NOT NULL,
  structure_json  TEXT,
  PRIMARY KEY (campaign, id)
);

CREATE TABLE dft_jobs (
  campaign      VARCHAR(200) NOT NULL,
  job_key       VARCHAR(400) NOT NULL,
  batch         INTEGER NOT NULL,
  subject_id    VARCHAR(200) NOT NULL,
  role          VARCHAR(20) NOT NULL,
  formula       VARCHAR(200) NOT NULL,
  input_set     VARCHAR(100) NOT NULL,
  executor      VARCHAR(50) NOT NULL,
  state         VARCHAR(20) NOT NULL,
  scheduler_id  VARCHAR(100),
  attempt       INTEGER NOT NULL DEFAULT 0,
  corrections   INTEGER NOT NULL DEFAULT 0,
  reason        VARCHAR(2000),
  job_dir       VARCHAR(1000),
  settings_json TEXT NOT NULL,
  structure_json TEXT NOT NULL,
  updated_at    VARCHAR(40) NOT NULL,
  PRIMARY KEY (campaign, job_key)
);
CREATE INDEX dft_jobs_batch ON dft_jobs (campaign, batch);

-- Provenance: every attempt of every DFT job, with the settings it ran with and how it ended.
CREATE TABLE dft_attempts (
  campaign      VARCHAR(200) NOT NULL,
  job_key       VARCHAR(400) NOT NULL,
  attempt       INTEGER NOT NULL,
  scheduler_id  VARCHAR(100),
  state         VARCHAR(20) NOT NULL,
  reason        VARCHAR(2000),
  settings_json TEXT NOT NULL,
  recorded_at   VARCHAR(40) NOT NULL,
  PRIMARY KEY (campaign, job_key, attempt)
);

CREATE TABLE dft_results (
  campaign             VARCHAR(200) NOT NULL,
  job_key              VARCHAR(400) NOT NULL,
  energy_total_ev      DOUBLE PRECISION NOT NULL,
  energy_per_atom_ev   DOUBLE PRECISION NOT NULL,
  n_atoms              INTEGER NOT NULL,
  fingerprint          VARCHAR(300) NOT NULL,
  final_structure_json TEXT,
  wall_time_s          DOUBLE PRECISION,
  PRIMARY KEY (campaign, job_key)
);

CREATE TABLE reports (
  campaign   VARCHAR(200) PRIMARY KEY,
  text       TEXT NOT NULL,
  created_at VARCHAR(40) NOT NULL
);
