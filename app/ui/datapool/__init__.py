"""The data pool (数据池) and its maps: import wizard, batches, field conflicts, union-building targets
(建会目标) and the heat map (热力图)."""
