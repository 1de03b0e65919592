"""PySide6 windows, dialogs and models: the only package that imports Qt widgets."""
