"""Local storage: the only desktop package that talks SQL. Tables in `tables/` (one module per
feature), repositories per feature beside them, the outbox and audit log, migrations. Uses only core
and the small helpers; the demo data lives in app.demo, not here."""
