"""The client side of sync with the district server. Middle layer: uses store and core; its checks
return `app.core.checks.CheckResult` so that app.health can gather them without a cycle."""
