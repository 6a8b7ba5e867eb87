"""apply and verify (filled in with the lab)."""
