"""立法联系点 (the grassroots legislative contact point): consultations, the informant network,
questionnaires and suggestions. Importing the package registers its page."""

from app.ui.legislation import page  # noqa: F401  (registers the page)
