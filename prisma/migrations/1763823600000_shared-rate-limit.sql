-- Up Migration
-- Sign-in attempts per client address and fixed window, shared by every app instance
-- (an in-process counter let each instance of a fleet grant the limit again).
CREATE TABLE "rate_limit_windows" (
  "key"          text NOT NULL,
  "window_start" timestamptz(3) NOT NULL,
  "hits"         integer NOT NULL,
  PRIMARY KEY ("key", "window_start")
);

-- Down Migration
DROP TABLE "rate_limit_windows";
