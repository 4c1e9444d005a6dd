"""newsgraph domain layer: ingest, NLP, extraction, graph building and export (no Dash here)."""
