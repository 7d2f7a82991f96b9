"""Pure rules of the domain: standard library only, no database, no Qt."""
