"""Statistics (统计报表): figures, charts and the monthly XLSX export."""
