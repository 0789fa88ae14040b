"""What travels: request bodies (schemas), answer models for OpenAPI (answers), engine results as
JSON (views) and as ``.npy`` (npy)."""
