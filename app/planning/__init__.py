"""Data-pool import and merge, union targeting, heat-map data and visit routes. Middle layer: uses
store, core and documents; used by ui, commands and health."""
