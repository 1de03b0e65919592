"""The phone web application for community grid workers, served by the district server under /m/."""
