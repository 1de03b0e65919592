"""PySide6 windows, dialogs and models: the only package that imports Qt widgets.

- `shell/`: application start, main window, page registry, crash dialog, translators, context,
  background tasks, self-test.
- `widgets/`: what features share (the one `PagedTableModel`, date edits, form fields, signature pad).
- one package per feature: `enterprises`, `visits`, `matters`, `letters`, `datapool`, `workorders`,
  `sync`, `reports`, `admin`. A feature's screens, dialogs and models sit together; another feature uses
  them only through its public face (never a module or name starting with `_`).
- `features.py`: the modules that register the features' pages, tabs and status widgets."""
