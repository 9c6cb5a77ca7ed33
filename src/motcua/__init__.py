"""Motcua: a one-stop shop for administrative procedures."""
