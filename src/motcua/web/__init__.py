"""What the two sites' pages share (the citizens' portal and the officials' workspace):
pagination and messages, forms, the wording of a dossier's history, the filing form's shared
parts, the template tags. Below both (neither site imports the other), above the domain apps."""
