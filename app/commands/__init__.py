"""Sub-commands of `union-inspector`, one module per area; each module has `register(subparsers)`."""
