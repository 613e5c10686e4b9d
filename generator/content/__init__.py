"""Stage 1, content: find the YAML files, read them, check them against the schemas and the rules
the schemas cannot say, and hand on a validated tree (`files.ContentSet`) or every problem found."""
