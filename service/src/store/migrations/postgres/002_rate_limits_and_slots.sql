-- Counters shared by every replica: sign-in rate limits (one row per limiter and client, hashed) and the per-org
-- Salesforce concurrency cap (one row per slot held, with a lease so a killed replica's slots free themselves).
CREATE TABLE rate_limit_hits (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE INDEX rate_limit_hits_reset_at ON rate_limit_hits (reset_at);

CREATE TABLE concurrency_slots (
  name TEXT NOT NULL,
  slot INTEGER NOT NULL,
  owner TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (name, slot)
);
