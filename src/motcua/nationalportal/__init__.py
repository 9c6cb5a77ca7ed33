"""Dossiers exchanged with the national public service portal: those filed there and received
here (inbound), and the reconciliation of both sides' figures. Above dossiers (it files through
intake), below monitoring (which reports the reconciled figures); the outbox, the connectors and
the sandbox portal stay in integrations."""
