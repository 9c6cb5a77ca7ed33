"""Dossier services: intake, processing actions and the sweep (one use case, one transaction)."""

from motcua.dossiers.services.counter import digitise
from motcua.dossiers.services.fees import assess_fee, note_payment
from motcua.dossiers.services.intake import receive_dossier, request_hash
from motcua.dossiers.services.matching import retry_pending_matches
from motcua.dossiers.services.parts import acknowledge, finish_part, hand_over
from motcua.dossiers.services.processing import (
    accept,
    apologize,
    approve,
    assign,
    evaluate,
    flag_overdue,
    forward,
    held_by_data,
    reject,
    request_supplement,
    return_result,
    supplement,
    withdraw,
)
from motcua.dossiers.services.results import sign_result
from motcua.dossiers.services.sweep import sweep
from motcua.dossiers.services.transfers import competent_agencies, transfer

__all__ = [
    "acknowledge",
    "finish_part",
    "hand_over",
    "accept",
    "apologize",
    "approve",
    "assess_fee",
    "assign",
    "competent_agencies",
    "digitise",
    "evaluate",
    "flag_overdue",
    "forward",
    "held_by_data",
    "note_payment",
    "receive_dossier",
    "reject",
    "request_hash",
    "request_supplement",
    "retry_pending_matches",
    "return_result",
    "sign_result",
    "supplement",
    "sweep",
    "transfer",
    "withdraw",
]
