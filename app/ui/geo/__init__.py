"""地址与底图: positions for enterprises (gazetteer, online geocoder, pin by hand), grids by address
rules, and the base map under the heat map and routes."""
