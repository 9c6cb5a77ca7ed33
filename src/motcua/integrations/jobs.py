"""The integrations' periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEFAULT, OUTBOX, Job
from motcua.integrations import delivery, inbound, reconciliation

JOBS = (
    # its own queue and worker: nothing else ever waits in front of a delivery
    Job(
        "integrations.outbox",
        delivery.deliver_outbox,
        queue=OUTBOX,
        every="MOTCUA_OUTBOX_INTERVAL_SECONDS",
    ),  # fmt: skip
    # the national portal's dossiers (the portal also pushes them to the API)
    Job("integrations.national_pull", inbound.pull, queue=DEFAULT),
    # yesterday's dossiers against the national portal, once a day (a later run skips)
    Job("integrations.reconcile", reconciliation.reconcile_yesterday, queue=DEFAULT),
)
