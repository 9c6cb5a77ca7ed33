"""Directives: the tasks the centre (or the city) assigns to agencies with a deadline, the
assignees' progress reports, the daily urging of the overdue ones and the compiled difficulties.

A sibling of monitoring (docs/adr/0001-layering.md): it imports neither monitoring nor readiness.
"""
