"""The enterprise list (企业名录) and the enterprise file (一企一档): list model, edit form, the file
window with its tabs, and the page that registers them."""

from app.ui.enterprises.model import EnterpriseTableModel, union_status_label
from app.ui.enterprises.window import EnterpriseWindow, NewEnterpriseDialog

__all__ = ["EnterpriseTableModel", "EnterpriseWindow", "NewEnterpriseDialog", "union_status_label"]
