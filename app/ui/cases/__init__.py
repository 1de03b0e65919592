"""The legal-supervision network's screens: the case register, walk-in reception, referrals,
campaigns and public notices, the 三员 and their logs, and the early warning. Importing the package
registers its page and its tab in the enterprise file."""

from app.ui.cases import page  # noqa: F401  (registers the page and the enterprise tab)
