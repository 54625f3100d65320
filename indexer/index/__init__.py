"""The index: Whoosh schema, storage, incremental sync, posting layout, arrays."""
