"""The legal-supervision network's screens: the case register, walk-in reception, referrals,
campaigns and public notices, the 三员 and their logs, and the early warning. `page` registers the
page and the enterprise file's cases tab (listed in app/ui/features.py); `figures` is the statistics
page's part; `hooks` lets another feature turn a walk-in into its own record."""
