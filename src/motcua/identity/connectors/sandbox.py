"""The demo and test stand-in for the national databases."""

from motcua.identity.idnumbers import id_number_problem

# ID numbers the sandbox says it does NOT hold, so that demos and tests can show the refusal.
UNKNOWN_TO_SANDBOX = frozenset({"001099000000"})


class SandboxNationalData:
    """Hold a record for every valid ID number except the few listed as unknown."""

    def holds(self, source: str, *, id_number: str) -> bool:
        return id_number not in UNKNOWN_TO_SANDBOX and id_number_problem(id_number) is None
