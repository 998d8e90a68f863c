"""Domain errors: services raise them with a Russian message; views turn them into
form errors and the API into a 422 (or 403 for NotAllowed)."""

from __future__ import annotations


class DomainError(Exception):
    """A request that breaks a rule. ``field_errors`` names the offending fields."""

    def __init__(self, message: str, *, field_errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}


class NotAllowed(DomainError):
    """The actor has no right to do this (policy said no)."""


class NotFound(DomainError):
    """The object does not exist or is not visible to the actor."""
