"""The grid worker's phone app: a web application the district server serves under /m/, kept offline
on the phone (service worker + IndexedDB) and synced through the same /v1 push/pull as the laptops."""
