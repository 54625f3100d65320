"""Searching the index."""

from .engine import *  # noqa: F401,F403
