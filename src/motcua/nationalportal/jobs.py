"""The national portal's periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEFAULT, Job
from motcua.nationalportal import inbound, reconciliation

JOBS = (
    # the national portal's dossiers (the portal also pushes them to the API)
    Job("integrations.national_pull", inbound.pull, queue=DEFAULT),
    # yesterday's dossiers against the national portal, once a day (a later run skips)
    Job("integrations.reconcile", reconciliation.reconcile_yesterday, queue=DEFAULT),
)
