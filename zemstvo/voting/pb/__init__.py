"""Participatory budgeting: the greedy rule, the Method of Equal Shares and Pabulib files.

Pure Python (no Django), so the rules can be checked against the reference
implementation and reused by the poll results, `zemstvo pb-import` and `pb-export`.
"""

from zemstvo.voting.pb.pabulib import PabulibError, PBElection, PBVote, dump, load, parse
from zemstvo.voting.pb.rules import PBProject, greedy_winners, mes_winners, project_scores

__all__ = [
    "PBElection",
    "PBProject",
    "PBVote",
    "PabulibError",
    "dump",
    "greedy_winners",
    "load",
    "mes_winners",
    "parse",
    "project_scores",
]
