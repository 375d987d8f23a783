"""Benchmarks run on the Qt loop too (they measure the window)."""

from tests.gui.conftest import confab, profile, pytest_asyncio_loop_factories

__all__ = ["confab", "profile", "pytest_asyncio_loop_factories"]
