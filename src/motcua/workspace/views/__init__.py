"""The officials' workspace: thin views over the dossier selectors and services (the same ones
the API calls)."""
