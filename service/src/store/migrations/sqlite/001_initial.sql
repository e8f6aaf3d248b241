-- GRAX Connect store, initial schema (SQLite). Times are epoch milliseconds; *_enc columns hold SecretBox envelopes;
-- *_hash columns hold SHA-256 hex of a token that is never stored. Keep in step with postgres/001_initial.sql.

CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('disconnected', 'connected', 'reauthorization_required')),
  org_id TEXT NOT NULL,
  org_name TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox')),
  org_type TEXT,
  instance_url TEXT NOT NULL,
  login_url TEXT NOT NULL,
  my_domain TEXT,
  user_id TEXT NOT NULL,
  username TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('auto_config', 'manual')),
  identity_url TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '',
  refresh_token_enc TEXT,
  access_token_enc TEXT,
  issued_at INTEGER,
  connected_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_error TEXT
);
CREATE UNIQUE INDEX connections_one_active ON connections (is_active) WHERE is_active = 1;
CREATE INDEX connections_connected_at ON connections (connected_at);

CREATE TABLE orgs_seen (
  org_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  instance_url TEXT NOT NULL,
  my_domain TEXT,
  environment TEXT CHECK (environment IN ('production', 'sandbox')),
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX orgs_seen_my_domain ON orgs_seen (my_domain);

CREATE TABLE oauth_states (
  state_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('connect', 'update', 'sso', 'reauth')),
  browser_hash TEXT NOT NULL,
  code_verifier_enc TEXT NOT NULL,
  environment TEXT CHECK (environment IN ('production', 'sandbox')),
  login_url TEXT NOT NULL,
  mode TEXT CHECK (mode IN ('auto_config', 'manual')),
  expected_org_id TEXT,
  actor TEXT,
  return_to TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX oauth_states_expires_at ON oauth_states (expires_at);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL CHECK (principal_kind IN ('sso', 'local')),
  principal_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  org_id TEXT,
  csrf_secret_enc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  reauthenticated_at INTEGER,
  idle_expires_at INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_principal ON sessions (principal_kind, principal_id);
CREATE INDEX sessions_absolute_expires_at ON sessions (absolute_expires_at);

CREATE TABLE local_users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  password_hash TEXT NOT NULL,
  totp_secret_enc TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  expires_at INTEGER,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_login_at INTEGER
);
CREATE UNIQUE INDEX local_users_username ON local_users (lower(username));

CREATE TABLE link_keys (
  key_id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  rotated_from TEXT REFERENCES link_keys (key_id),
  expires_at INTEGER,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX link_keys_org_id ON link_keys (org_id);

CREATE TABLE connect_links (
  link_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox')),
  mode TEXT NOT NULL CHECK (mode IN ('auto_config', 'manual')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX connect_links_expires_at ON connect_links (expires_at);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('autoconfig', 'verify', 'scan', 'autofix')),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  triggered_by TEXT NOT NULL,
  org_id TEXT,
  progress TEXT,
  steps TEXT NOT NULL DEFAULT '[]',
  api_calls INTEGER NOT NULL DEFAULT 0,
  result TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0
);
-- At most one queued or running job of each kind: starting a second one returns the first.
CREATE UNIQUE INDEX jobs_one_active_per_kind ON jobs (kind) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_created_at ON jobs (created_at);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  org_id TEXT,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_org_id ON audit_events (org_id, seq);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE api_calls (
  org_id TEXT NOT NULL,
  hour_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (org_id, hour_start)
);

CREATE TABLE locks (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
