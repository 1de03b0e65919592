"""Office and maintenance pages: the audit log (audit) and backups, restore, language and settings
(maintenance)."""
