"""Pages of this area, registered with app.ui.registry (filled by its issue)."""
