"""Union building (建起来、转起来、强起来): the 工会建设 page and the enterprise file's 工会与服务 tab
(registered by `pages`), and what other features use of it: the union layer of the heat map, the lock
on the enterprise form's derived 建会状态, and the figures tab of the statistics page."""

from app.ui.unions.figures_view import UnionFiguresView
from app.ui.unions.map_layer import draw_union_layer
from app.ui.unions.status_lock import lock_if_covered

__all__ = ["UnionFiguresView", "draw_union_layer", "lock_if_covered"]
