"""Sub-commands of `union-inspector`, one module per area; each module has `register(subparsers)`.
Top layer with app.cli: may use every package below (the GUI lazily, from `gui`)."""
