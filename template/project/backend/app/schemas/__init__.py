"""Pydantic schemas: one module per resource (Create, Update, Read)."""
