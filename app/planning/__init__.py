"""Data-pool import and merge, union targeting, heat-map data and visit routes."""
