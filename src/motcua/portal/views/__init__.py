"""The citizen portal's pages: thin views over the catalog, dossier and payment selectors and
services (the same ones the API calls)."""
