-- Messages are a record both parties and the agent rely on: never edited, never deleted.
CREATE TRIGGER messages_append_only BEFORE UPDATE OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION sendback_refuse_change();
