"""Opening encrypted data: the passphrase prompt when there is no secure key store or the folder uses a
passphrase, and the screen of a locked (revoked) device: export unsent work, or unlock by an office
account."""
