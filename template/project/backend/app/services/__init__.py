"""Service layer: one module per resource or agent."""
