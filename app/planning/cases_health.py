"""`union-inspector check` for the legal-supervision network: the register's consistency (a case's
status matches its last step; no party or step without its case), what waits for a person (overdue
referrals, pending receptions), the early-warning weights file and the case document templates."""

from __future__ import annotations

from app.core.checks import CheckResult
from app.paths import DataPaths


def check_cases(paths: DataPaths) -> list[CheckResult]:
    from app.documents.case_templates import CASE_DOCUMENTS, CaseTemplateError, load_case_template
    from app.planning import risk
    from app.store import quickcheck

    results: list[CheckResult] = []
    try:
        settings = risk.load_settings(paths.root)
        results.append(CheckResult("预警权重", "ok", f"使用 {settings.path.name}（{'办公室修改版' if settings.path.parent == paths.root else '默认'}）"))
    except risk.WeightsError as exc:
        results.append(CheckResult("预警权重", "fail", str(exc)))
    for name in (*CASE_DOCUMENTS.values(), "public_notice"):
        try:
            load_case_template(name, paths.root)
        except CaseTemplateError as exc:
            results.append(CheckResult("案件文书模板", "fail", str(exc)))
    if not paths.database.exists():
        return results
    with quickcheck.connection(paths) as conn:
        total, open_cases = conn.execute("SELECT count(*), coalesce(sum(status <> 'closed'), 0) FROM legal_case WHERE deleted = 0").fetchone()
        mismatched = quickcheck.scalar(conn,
            "SELECT count(*) FROM legal_case c WHERE c.deleted = 0 AND c.status <> ("
            "SELECT s.to_status FROM case_step s WHERE s.case_id = c.id AND s.deleted = 0 "
            "ORDER BY s.step_date DESC, s.updated_at DESC, s.rowid DESC LIMIT 1)"
        )
        orphans = quickcheck.scalar(conn,
            "SELECT (SELECT count(*) FROM case_party p LEFT JOIN legal_case c ON c.id = p.case_id WHERE p.deleted = 0 AND c.id IS NULL)"
            " + (SELECT count(*) FROM case_step s LEFT JOIN legal_case c ON c.id = s.case_id WHERE s.deleted = 0 AND c.id IS NULL)"
        )
        overdue = quickcheck.scalar(conn, "SELECT count(*) FROM referral WHERE deleted = 0 AND status = 'sent' AND due_on < date('now', 'localtime')")
        pending = quickcheck.scalar(conn, "SELECT count(*) FROM reception WHERE deleted = 0 AND outcome = 'pending'")
    results.append(CheckResult("案件登记", "ok", f"{total} 件案件，其中 {open_cases} 件未结案"))
    if mismatched:
        results.append(CheckResult("案件步骤", "warn", f"{mismatched} 件案件的状态与最后一个步骤不一致（可能是两台电脑同时办理，同步后请核对）"))
    if orphans:
        results.append(CheckResult("案件数据", "fail", f"{orphans} 条当事人或步骤记录找不到所属案件"))
    if overdue:
        results.append(CheckResult("移送联动", "warn", f"{overdue} 件移送已过办理期限仍未答复"))
    if pending:
        results.append(CheckResult("来访接待", "warn", f"{pending} 条来访接待尚未处理（立案、转事项或解答）"))
    return results
