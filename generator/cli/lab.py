"""Lab commands (filled in with the lab)."""
