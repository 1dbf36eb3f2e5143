"""Every module of `endpoints/` that defines `router` is mounted, by convention:
a new endpoint module needs no edit here."""

import importlib
import pkgutil

from fastapi import APIRouter

from app.api.v1 import endpoints


def build_api_router() -> APIRouter:
    api_router = APIRouter()
    for module_info in sorted(pkgutil.iter_modules(endpoints.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{endpoints.__name__}.{module_info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            api_router.include_router(router)
    return api_router
