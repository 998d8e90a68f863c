"""A logging filter that keeps the ballot tables out of the SQL log.

With SQL logging on (DEBUG, or a logger of ``django.db.backends`` at DEBUG level),
Django writes every statement with its parameters: the INSERT of a register row
followed by the INSERT of a ballot would link a voter to their choices in a log file.
This filter, attached to that logger in settings (``# --- voting ---``), drops every
record that touches the ballot tables; the register alone is staff knowledge.
"""

from __future__ import annotations

import logging

_SECRET_TABLES = ("voting_ballot",)  # also matches voting_ballotchoice


class SecretBallotFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        sql = getattr(record, "sql", None)
        text = sql if isinstance(sql, str) else record.getMessage()
        return not any(table in text for table in _SECRET_TABLES)
