-- Cache invalidation through LISTEN/NOTIFY (lib/pg-notify.ts). Triggers send the notification in
-- the same transaction as the change, whoever makes it, so every process drops its cached entry as
-- soon as the change commits (PostgreSQL delivers notifications on commit, never on rollback).
--
-- The migration runner used here (the pg driver adapter) splits scripts at every semicolon, even
-- inside dollar quotes, so the function bodies are E'' strings that spell each semicolon as \073.

-- Issued tokens of an API client invalidated (deleting it with "also invalidate tokens").
-- tokensRevokedAt holds UTC without a zone: the epoch of a zone-less timestamp reads it as UTC.
CREATE FUNCTION "signaldiff_notify_api_client_revoked"() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."tokensRevokedAt" IS NOT NULL
     AND NEW."tokensRevokedAt" IS DISTINCT FROM OLD."tokensRevokedAt" THEN
    PERFORM pg_notify(''signaldiff_credentials'', json_build_object(
      ''t'', ''api_client_revoked'',
      ''clientId'', NEW."clientId",
      ''at'', floor(extract(epoch FROM NEW."tokensRevokedAt") * 1000)::bigint
    )::text)\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER "ApiClient_notify_revoked"
AFTER UPDATE OF "tokensRevokedAt" ON "ApiClient"
FOR EACH ROW EXECUTE FUNCTION "signaldiff_notify_api_client_revoked"();

-- Signing keys created, retired (rotation) or deleted (compromise).
CREATE FUNCTION "signaldiff_notify_signing_keys"() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''signaldiff_credentials'', ''{"t":"signing_keys"}'')\073
  RETURN NULL\073
END
';

CREATE TRIGGER "JwtSigningKey_notify"
AFTER INSERT OR UPDATE OR DELETE ON "JwtSigningKey"
FOR EACH STATEMENT EXECUTE FUNCTION "signaldiff_notify_signing_keys"();
