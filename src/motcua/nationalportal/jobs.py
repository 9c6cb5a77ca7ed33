"""The national portal's periodic jobs (collected by `motcua.worker`; see motcua.core.jobs)."""

from motcua.core.jobs import DEFAULT, Job
from motcua.dossiers.services import national_updates
from motcua.nationalportal import inbound, reconciliation

JOBS = (
    # the national portal's dossiers (the portal also pushes them to the API)
    Job("integrations.national_pull", inbound.pull, queue=DEFAULT),
    # the applicants' changes made there (withdrawn, paid, supplement sent), after the dossiers
    Job("nationalportal.updates", national_updates.pull_updates, queue=DEFAULT),
    # yesterday's dossiers against the national portal, once a day (a later run skips)
    Job("integrations.reconcile", reconciliation.reconcile_yesterday, queue=DEFAULT),
)
