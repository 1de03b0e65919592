"""Rules of the legal-supervision network: case kinds and steps, referrals to departments, the roles
of the 三员, and the explainable early-warning score. Pure Python: no Qt, SQL or I/O."""
