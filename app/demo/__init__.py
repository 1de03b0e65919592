"""The whole demo district (示范区), built in one place: `district` makes the grids, inspectors,
enterprises and visits, then runs each feature's sample-data module named in its `DEMO_EXTENSIONS`
(`workorders`, `letters`, `datapool`, ...). A new feature adds `app/demo/<feature>.py` with
`extend_demo(session, rng) -> str` and one line in that list.

In the layers it sits above store, documents and planning (like `commands`): it uses their public
functions so the sample rows are written exactly as the program writes real ones."""

from app.demo.district import DEMO_EXTENSIONS, create_demo_district

__all__ = ["DEMO_EXTENSIONS", "create_demo_district"]
