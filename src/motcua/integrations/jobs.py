"""The integrations' periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import OUTBOX, Job
from motcua.integrations import delivery

JOBS = (
    # its own queue and worker: nothing else ever waits in front of a delivery
    Job(
        "integrations.outbox",
        delivery.deliver_outbox,
        queue=OUTBOX,
        every="MOTCUA_OUTBOX_INTERVAL_SECONDS",
    ),  # fmt: skip
)
