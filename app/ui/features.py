"""The list of features: importing this module registers every feature's pages, enterprise-file tabs and
status-bar widgets with `app.ui.shell.registry`. A new feature adds its registering module here."""

from app.ui import guided  # noqa: F401  (offers the matters of a visit that found problems)
from app.ui.admin import audit, maintenance  # noqa: F401
from app.ui.cases import page as cases_page  # noqa: F401
from app.ui.datapool import pages as datapool_pages  # noqa: F401
from app.ui.enterprises import pages as enterprise_pages  # noqa: F401
from app.ui.geo import page as geo_page  # noqa: F401
from app.ui.legislation import page as legislation_page  # noqa: F401
from app.ui.letters import pages as letter_pages  # noqa: F401
from app.ui.matters import chain as matter_chain  # noqa: F401
from app.ui.matters import pages as matter_pages  # noqa: F401
from app.ui.reports import pages as report_pages  # noqa: F401
from app.ui.sync import pages as sync_pages  # noqa: F401
from app.ui.unions import pages as union_pages  # noqa: F401
from app.ui.visits import pages as visit_pages  # noqa: F401
from app.ui.workorders import pages as workorder_pages  # noqa: F401
