"""Readiness: each service point's staff, training, counters, equipment and merger history, and
the ranking that reads them against the point's workload.

A sibling of monitoring (docs/adr/0001-layering.md): it imports neither monitoring nor directives.
"""
