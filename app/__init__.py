"""Union Inspector (工会走访监督助手).

Layers, top to bottom (checked by import-linter, contracts in pyproject.toml): cli and commands; ui and
server; demo and health; sync, documents, planning, formkit; store; catalog, secrets, applog; core;
paths, resources. A layer imports only those below it; no module imports itself through others."""

__version__ = "0.1.0"
