"""Imports every room's ORM module so `Base.metadata` knows all tables (alembic, tests)."""
from .jobs import orm as _jobs  # noqa: F401
from .experiments import orm as _experiments  # noqa: F401
from .tuning import orm as _tuning  # noqa: F401
