"""Pieces several features share: the one `PagedTableModel` every long list uses (paged_model), date
edits and the one-sentence error text (dates), form-definition fields (form_fields) and the signature
pad. Nothing here imports a feature package."""
