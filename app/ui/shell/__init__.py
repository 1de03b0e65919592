"""The program's frame: the QApplication and start-up (app), the main window, the page registry every
feature registers with, the crash dialog, the translators (i18n), the per-window context, background
tasks and the UI self-test. Features import `context`, `registry` and `background` from here; the shell
itself learns of the features only through `app.ui.features`."""
