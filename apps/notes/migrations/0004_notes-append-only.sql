-- A note saved to a client's profile is permanent, and so is an addendum: the database itself
-- refuses to change, remove or truncate them, whatever the application, a console session or a
-- compromised service account attempts. Corrections are new addenda.
CREATE FUNCTION notes_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is permanent: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notes_permanent
  BEFORE UPDATE OR DELETE ON notes
  FOR EACH ROW EXECUTE FUNCTION notes_refuse_change();
--> statement-breakpoint
CREATE TRIGGER notes_no_truncate
  BEFORE TRUNCATE ON notes
  FOR EACH STATEMENT EXECUTE FUNCTION notes_refuse_change();
--> statement-breakpoint
CREATE TRIGGER note_addenda_permanent
  BEFORE UPDATE OR DELETE ON note_addenda
  FOR EACH ROW EXECUTE FUNCTION notes_refuse_change();
--> statement-breakpoint
CREATE TRIGGER note_addenda_no_truncate
  BEFORE TRUNCATE ON note_addenda
  FOR EACH STATEMENT EXECUTE FUNCTION notes_refuse_change();
