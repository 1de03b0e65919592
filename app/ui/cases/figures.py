"""The legal-supervision figures on the statistics page: cases by kind and outcome, amounts, the
network's other counts, and the 三员 per role and per person."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.store.case_stats import CaseFigures
from app.store.worklogs import WorkFigures
from app.ui.cases import labels


class CaseFiguresView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def show_figures(self, figures: CaseFigures | None) -> None:
        if figures is None:
            self.setHtml("")
            return
        head = "".join(f"<th>{h}</th>" for h in (
            self.tr("案件类型"), self.tr("受理"), self.tr("结案"), self.tr("调解成功"), self.tr("调解不成功"), self.tr("转仲裁"),
            self.tr("转诉讼"), self.tr("涉及职工"), self.tr("追回金额（元）")))
        rows = "".join(
            f"<tr><td>{labels.kind_label(k.kind)}</td><td>{k.received}</td><td>{k.closed}</td><td>{k.succeeded}</td><td>{k.failed}</td>"
            f"<td>{k.arbitration}</td><td>{k.litigation}</td><td>{k.workers}</td><td>{labels.yuan(k.recovered)}</td></tr>"
            for k in figures.kinds
        )
        other = [
            (self.tr("来访接待"), figures.receptions), (self.tr("移送部门"), figures.referrals_sent),
            (self.tr("部门已答复"), figures.referrals_answered), (self.tr("逾期未答复"), figures.referrals_overdue),
            (self.tr("专项行动"), figures.campaigns), (self.tr("行动覆盖企业"), figures.campaign_enterprises),
            (self.tr("公开提示"), figures.notices), (self.tr("公开提示函件"), figures.notice_letters),
        ]
        other_rows = "".join(f"<tr><td>{name}</td><td>{value}</td></tr>" for name, value in other)
        work_head = "".join(f"<th>{h}</th>" for h in (
            self.tr("人员/角色"), self.tr("日志条数"), self.tr("巡查次数"), self.tr("涉及企业"), self.tr("发现问题"), self.tr("推动解决")))

        def work_rows(items: list[WorkFigures], role: bool) -> str:
            return "".join(
                f"<tr><td>{labels.role_label(f.key) if role else f.label}</td><td>{f.entries}</td><td>{f.visits}</td>"
                f"<td>{f.enterprises}</td><td>{f.problems_raised}</td><td>{f.problems_resolved}</td></tr>"
                for f in items
            )

        table = '<table border="1" cellspacing="0" cellpadding="4">'
        self.setHtml(
            f"<h3>{self.tr('案件')}</h3>{table}<tr>{head}</tr>{rows}</table>"
            f"<h3>{self.tr('移送、行动与公开提示')}</h3>{table}{other_rows}</table>"
            f"<h3>{self.tr('三员（按角色）')}</h3>{table}<tr>{work_head}</tr>{work_rows(figures.per_role, True)}</table>"
            f"<h3>{self.tr('三员（按人员）')}</h3>{table}<tr>{work_head}</tr>{work_rows(figures.per_person, False)}</table>"
        )
