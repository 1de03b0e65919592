"""立法联系点 (the grassroots legislative contact point): consultations, the informant network,
questionnaires and suggestions. `page` registers the page (listed in app/ui/features.py)."""
