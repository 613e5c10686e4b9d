"""The model stage: the catalogue built from validated content, and what it can compute (estimates)."""
