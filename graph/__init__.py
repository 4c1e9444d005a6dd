"""newsgraph domain layer: reading, NLP, extraction, graph building, the filter engine, store and export (no Dash here)."""
