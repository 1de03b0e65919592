"""Supervision matters (监督事项): the matter list and dialogs, the enterprise file's matter tab, and the
dossier export. Letters drafted from a matter come from `app.ui.letters`."""
