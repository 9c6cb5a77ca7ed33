"""How residents write and say things: Vietnamese-normalised words and the shared vocabulary.

One resource for every reader of the catalog: the portal's and the API's search
(`catalog.search`) and the assistant read questions with the same words and synonyms.
"""
