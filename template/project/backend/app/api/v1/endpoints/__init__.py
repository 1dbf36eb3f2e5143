"""One module per resource, each with a `router` (picked up by app.api.v1.router)."""
