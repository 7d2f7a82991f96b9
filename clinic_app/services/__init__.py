"""Use cases over the database. The caller owns the session; services never import Qt."""
