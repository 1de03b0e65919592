<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>派往网格</source>
        <translation>Dispatch to grid</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>回访情况</source>
        <translation>Call-back result</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>AddToCampaignDialog</name>
    <message>
        <source>添加行动企业</source>
        <translation>Add enterprises</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>登记部门答复</source>
        <translation>Record the department&apos;s answer</translation>
    </message>
    <message>
        <source>答复日期</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>工会走访监督助手</source>
        <translation>Union Inspector</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>无法打开数据文件 {path}：{error}</source>
        <translation>Cannot open the data file {path}: {error}</translation>
    </message>
    <message>
        <source>尚无数据，已载入示例辖区供体验</source>
        <translation>There was no data yet, so a sample district has been loaded to try the program</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>需要处理的修改</source>
        <translation>Changes that need attention</translation>
    </message>
    <message>
        <source>重新提交</source>
        <translation>Submit again</translation>
    </message>
    <message>
        <source>放弃本机修改</source>
        <translation>Discard local changes</translation>
    </message>
    <message>
        <source>服务器拒绝了以下修改，其余修改已正常同步。</source>
        <translation>The server refused the changes below; all other changes were synced.</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>放弃所选的 {n} 项修改？这些字段会恢复为修改前的值。</source>
        <translation>Discard the {n} selected changes? These fields will go back to their earlier values.</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>服务器的理由</source>
        <translation>Server&apos;s reason</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>数据修改</source>
        <translation>Data change</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Insert</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>企业档案</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matter</translation>
    </message>
    <message>
        <source>事项办理记录</source>
        <translation>Matter history</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>12351工单</source>
        <translation>12351 work order</translation>
    </message>
    <message>
        <source>工单办理记录</source>
        <translation>Work order history</translation>
    </message>
    <message>
        <source>名录来源</source>
        <translation>List source record</translation>
    </message>
    <message>
        <source>名录冲突</source>
        <translation>List conflict</translation>
    </message>
    <message>
        <source>名录导入</source>
        <translation>List import</translation>
    </message>
    <message>
        <source>建会记录</source>
        <translation>Union history</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间（UTC）</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record ID</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>改动字段</source>
        <translation>Fields changed</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>审计日志仅供区总工会办公室和管理员查看。</source>
        <translation>The audit log is only available to the district union office and administrators.</translation>
    </message>
    <message>
        <source>对象编号</source>
        <translation>Record ID</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>校验链条</source>
        <translation>Verify chain</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>电话、证件号码、人员姓名和自由文本等敏感字段只记录字段名，不记录内容。</source>
        <translation>For sensitive fields (phone numbers, ID numbers, people&apos;s names, free text) only the field name is recorded, never the value.</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>链条完整：已校验 {n} 条记录。</source>
        <translation>Chain intact: {n} entries verified.</translation>
    </message>
    <message>
        <source>链条已断开：{message}。审计日志可能被改动，请报告管理员。</source>
        <translation>Chain broken: {message}. The audit log may have been tampered with; please report this to your administrator.</translation>
    </message>
    <message>
        <source>校验失败：{error}</source>
        <translation>Verification failed: {error}</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <source>尚未备份</source>
        <translation>Not backed up yet</translation>
    </message>
    <message>
        <source>已备份 {time}</source>
        <translation>Backed up {time}</translation>
    </message>
    <message>
        <source>备份文件夹：{folder}</source>
        <translation>Backup folder: {folder}</translation>
    </message>
</context>
<context>
    <name>BaseMap</name>
    <message>
        <source>没有底图：在“地址与底图”页导入办公室提供的底图文件（MBTiles），或联网时下载一次</source>
        <translation>No base map: import the office&apos;s base map file (MBTiles) on the Addresses and map page, or download it once while online</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>名录日期</source>
        <translation>List date</translation>
    </message>
    <message>
        <source>读取</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>新建专项行动</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>如：新就业形态、一法一条例</source>
        <translation>e.g. new forms of employment, one law one regulation</translation>
    </message>
    <message>
        <source>行动名称</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>对象群体</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
</context>
<context>
    <name>CampaignResultDialog</name>
    <message>
        <source>登记检查结果</source>
        <translation>Record check result</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <source>发现问题数</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>已整改数</source>
        <translation>Problems rectified</translation>
    </message>
    <message>
        <source>检查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>该行动名单中还没有企业</source>
        <translation>This campaign has no enterprise yet</translation>
    </message>
</context>
<context>
    <name>CampaignsTab</name>
    <message>
        <source>行动名称</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>对象群体</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>企业数</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <source>已检查</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <source>公开提示</source>
        <translation>Public notices</translation>
    </message>
    <message>
        <source>名单</source>
        <translation>List</translation>
    </message>
    <message>
        <source>发出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>函件数</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>新建专项行动</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>添加行动企业</source>
        <translation>Add enterprises</translation>
    </message>
    <message>
        <source>登记检查结果</source>
        <translation>Record check result</translation>
    </message>
    <message>
        <source>发出公开提示</source>
        <translation>Issue public notice</translation>
    </message>
    <message>
        <source>打开合并PDF</source>
        <translation>Open merged PDF</translation>
    </message>
    <message>
        <source>请先选择一项专项行动</source>
        <translation>Select a campaign first</translation>
    </message>
    <message>
        <source>正在生成公开提示…</source>
        <translation>Rendering the public notice…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>公开提示已发出：{n} 份提示函已编号登记</source>
        <translation>Public notice issued: {n} reminder letters numbered and registered</translation>
    </message>
    <message>
        <source>已取消，未发出任何函件</source>
        <translation>Cancelled; no letter was issued</translation>
    </message>
    <message>
        <source>生成公开提示失败，请重试</source>
        <translation>Rendering the public notice failed; please try again</translation>
    </message>
    <message>
        <source>请先选择一份公开提示</source>
        <translation>Select a public notice first</translation>
    </message>
    <message>
        <source>这份公开提示没有PDF</source>
        <translation>This public notice has no PDF</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>输入单位名称；档案中没有的单位照实填写</source>
        <translation>Type the employer; one not in the file is kept as typed</translation>
    </message>
    <message>
        <source>职工的请求事项</source>
        <translation>What the workers ask for</translation>
    </message>
    <message>
        <source> 元</source>
        <translation> yuan</translation>
    </message>
    <message>
        <source>（暂不指定）</source>
        <translation>(not yet)</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case kind</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>争议类别</source>
        <translation>Dispute category</translation>
    </message>
    <message>
        <source>请求事项</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>请求金额</source>
        <translation>Amount claimed</translation>
    </message>
    <message>
        <source>涉及职工人数</source>
        <translation>Workers involved</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>援助律师</source>
        <translation>Legal-aid lawyer</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>申请人姓名</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>CaseFiguresView</name>
    <message>
        <source>案件类型</source>
        <translation>Case kind</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close case</translation>
    </message>
    <message>
        <source>调解成功</source>
        <translation>Mediation succeeded</translation>
    </message>
    <message>
        <source>调解不成功</source>
        <translation>Mediation failed</translation>
    </message>
    <message>
        <source>转仲裁</source>
        <translation>To arbitration</translation>
    </message>
    <message>
        <source>转诉讼</source>
        <translation>To court</translation>
    </message>
    <message>
        <source>涉及职工</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>追回金额（元）</source>
        <translation>Recovered (yuan)</translation>
    </message>
    <message>
        <source>来访接待</source>
        <translation>Walk-in reception</translation>
    </message>
    <message>
        <source>移送部门</source>
        <translation>Refer to department</translation>
    </message>
    <message>
        <source>部门已答复</source>
        <translation>Answered by departments</translation>
    </message>
    <message>
        <source>逾期未答复</source>
        <translation>Overdue without answer</translation>
    </message>
    <message>
        <source>专项行动</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>行动覆盖企业</source>
        <translation>Campaign enterprises</translation>
    </message>
    <message>
        <source>公开提示</source>
        <translation>Public notices</translation>
    </message>
    <message>
        <source>公开提示函件</source>
        <translation>Public-notice letters</translation>
    </message>
    <message>
        <source>人员/角色</source>
        <translation>Person/role</translation>
    </message>
    <message>
        <source>日志条数</source>
        <translation>Log entries</translation>
    </message>
    <message>
        <source>巡查次数</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <source>涉及企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>推动解决</source>
        <translation>Resolved</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>劳动争议调解</source>
        <translation>Labour-dispute mediation</translation>
    </message>
    <message>
        <source>法律援助</source>
        <translation>Legal aid</translation>
    </message>
    <message>
        <source>综治中心案件</source>
        <translation>Governance-centre case</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>调解中</source>
        <translation>Mediating</translation>
    </message>
    <message>
        <source>调解成功</source>
        <translation>Mediation succeeded</translation>
    </message>
    <message>
        <source>调解不成功</source>
        <translation>Mediation failed</translation>
    </message>
    <message>
        <source>已转仲裁</source>
        <translation>Sent to arbitration</translation>
    </message>
    <message>
        <source>已转诉讼</source>
        <translation>Sent to court</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>直接结案</source>
        <translation>Closed directly</translation>
    </message>
    <message>
        <source>转仲裁</source>
        <translation>To arbitration</translation>
    </message>
    <message>
        <source>转诉讼</source>
        <translation>To court</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>开始调解</source>
        <translation>Start mediation</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close case</translation>
    </message>
    <message>
        <source>已移送</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Matters</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>12351工单</source>
        <translation>12351 order</translation>
    </message>
    <message>
        <source>建议书</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已立案</source>
        <translation>Case opened</translation>
    </message>
    <message>
        <source>已转监督事项</source>
        <translation>Turned into a matter</translation>
    </message>
    <message>
        <source>已转服务</source>
        <translation>Handed to services</translation>
    </message>
    <message>
        <source>当场解答</source>
        <translation>Answered on the spot</translation>
    </message>
    <message>
        <source>劳动法律监督员</source>
        <translation>Labour-law supervisor</translation>
    </message>
    <message>
        <source>劳动关系信息员</source>
        <translation>Labour-relations informant</translation>
    </message>
    <message>
        <source>劳动保护监督检查员</source>
        <translation>Labour-protection inspector</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>巡查</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <source>接待</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>宣讲</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>出勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>欠薪类12351工单</source>
        <translation>Wage-arrears 12351 orders</translation>
    </message>
    <message>
        <source>欠薪类监督事项</source>
        <translation>Wage-arrears matters</translation>
    </message>
    <message>
        <source>劳动争议案件</source>
        <translation>Labour-dispute cases</translation>
    </message>
    <message>
        <source>欠薪金额（万元）</source>
        <translation>Arrears (10,000 yuan)</translation>
    </message>
    <message>
        <source>参保人数下降</source>
        <translation>Insured headcount drop</translation>
    </message>
    <message>
        <source>经营异常</source>
        <translation>Abnormal operation</translation>
    </message>
    <message>
        <source>注销/吊销</source>
        <translation>Deregistered/revoked</translation>
    </message>
    <message>
        <source>逾期未回复函件</source>
        <translation>Letters overdue without reply</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <source>用人单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>请求金额（元）</source>
        <translation>Claimed (yuan)</translation>
    </message>
    <message>
        <source>追回金额（元）</source>
        <translation>Recovered (yuan)</translation>
    </message>
    <message>
        <source>调解员/律师</source>
        <translation>Mediator/lawyer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>接待时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>来访职工</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>反映的单位</source>
        <translation>Employer named</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>移送日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>答复日期</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>已保存到 {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <source>法律监督</source>
        <translation>Legal supervision</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <source>案件编号或单位名称</source>
        <translation>Case number or employer</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>只看我调解的</source>
        <translation>Only cases I mediate</translation>
    </message>
    <message>
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>受理通知书</source>
        <translation>Acceptance notice</translation>
    </message>
    <message>
        <source>调解协议书</source>
        <translation>Mediation agreement</translation>
    </message>
    <message>
        <source>添加材料</source>
        <translation>Add document</translation>
    </message>
    <message>
        <source>关联事项或工单</source>
        <translation>Link matter or order</translation>
    </message>
    <message>
        <source>移送部门</source>
        <translation>Refer to department</translation>
    </message>
    <message>
        <source>导入案件台账</source>
        <translation>Import case list</translation>
    </message>
    <message>
        <source>共 {n} 件</source>
        <translation>{n} cases</translation>
    </message>
    <message>
        <source>选择一件案件查看当事人、步骤和材料</source>
        <translation>Select a case to see its parties, steps and documents</translation>
    </message>
    <message>
        <source>案件已登记</source>
        <translation>Case registered</translation>
    </message>
    <message>
        <source>请先在列表中选择一件案件</source>
        <translation>Select a case in the list first</translation>
    </message>
    <message>
        <source>该案件已结案，没有可执行的步骤</source>
        <translation>This case is closed; no step is left</translation>
    </message>
    <message>
        <source>选择扫描件或照片</source>
        <translation>Choose a scan or photo</translation>
    </message>
    <message>
        <source>材料 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>无法读取文件 {name}</source>
        <translation>Cannot read the file {name}</translation>
    </message>
    <message>
        <source>选择案件台账</source>
        <translation>Choose a case list</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>（另有 {n} 处）</source>
        <translation>(and {n} more)</translation>
    </message>
    <message>
        <source>未导入任何案件，请修改以下问题后重试：</source>
        <translation>No case was imported; fix the following and try again:</translation>
    </message>
    <message>
        <source>已导入 {n} 件案件</source>
        <translation>{n} cases imported</translation>
    </message>
</context>
<context>
    <name>Chain</name>
    <message>
        <source>办理链条</source>
        <translation>Case chain</translation>
    </message>
</context>
<context>
    <name>ChainTab</name>
    <message>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>尚无走访、监督事项或函件。</source>
        <translation>No visits, matters or letters yet.</translation>
    </message>
    <message>
        <source>走访 → 监督事项 → 函件 → 企业回复；双击打开事项或函件。</source>
        <translation>Visit → matters → letters → employer&apos;s replies; double-click opens a matter or letter.</translation>
    </message>
    <message>
        <source>监督事项：{category} — {title}</source>
        <translation>Supervision matter: {category} — {title}</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>企业回复：{note}</source>
        <translation>Employer&apos;s reply: {note}</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>走访：发现问题 {n} 类</source>
        <translation>Visit: {n} kinds of problems found</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>— 请选择 —</source>
        <translation>— Please choose —</translation>
    </message>
</context>
<context>
    <name>ChooseFilePage</name>
    <message>
        <source>选择名录文件</source>
        <translation>Choose a list file</translation>
    </message>
    <message>
        <source>市场监管、税务、人社、民政导出的企业名录，或工会会员库；CSV（UTF-8/GBK/GB18030）或 XLSX。</source>
        <translation>Enterprise lists exported by market regulation, tax, human resources or civil affairs, or the union member registry; CSV (UTF-8/GBK/GB18030) or XLSX.</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>自动判断</source>
        <translation>Detect automatically</translation>
    </message>
    <message>
        <source>数据来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>XLSX 的工作表（默认第一个）</source>
        <translation>Worksheet of an XLSX file (the first by default)</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Worksheet</translation>
    </message>
    <message>
        <source>名录文件 (*.csv *.xlsx *.txt);;所有文件 (*)</source>
        <translation>List files (*.csv *.xlsx *.txt);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ConflictBulkBar</name>
    <message>
        <source>批量处理：</source>
        <translation>Settle in bulk:</translation>
    </message>
    <message>
        <source>所有字段</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>一律采用</source>
        <translation>take the values of</translation>
    </message>
    <message>
        <source>档案现值</source>
        <translation>the file as it stands</translation>
    </message>
    <message>
        <source>批量处理</source>
        <translation>Settle</translation>
    </message>
    <message>
        <source>撤销上次批量处理</source>
        <translation>Undo the last settlement</translation>
    </message>
    <message>
        <source>冲突规则…</source>
        <translation>Conflict rules…</translation>
    </message>
    <message>
        <source>已处理 {n} 条，{m} 条没有该来源的值，仍待确认</source>
        <translation>{n} settled; {m} have no value from that source and still wait</translation>
    </message>
    <message>
        <source>已撤销，{n} 条冲突重新待确认</source>
        <translation>Undone; {n} conflicts are open again</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>各来源的值</source>
        <translation>Values by source</translation>
    </message>
    <message>
        <source>本机的值</source>
        <translation>Value on this computer</translation>
    </message>
    <message>
        <source>服务器的值</source>
        <translation>Value on the server</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>或者填写另一个值</source>
        <translation>Or enter another value</translation>
    </message>
    <message>
        <source>保留本机的值</source>
        <translation>Keep this computer&apos;s value</translation>
    </message>
    <message>
        <source>采用服务器的值</source>
        <translation>Use the server&apos;s value</translation>
    </message>
    <message>
        <source>使用填写的值</source>
        <translation>Use the value entered</translation>
    </message>
    <message>
        <source>本机的值</source>
        <translation>Value on this computer</translation>
    </message>
    <message>
        <source>服务器的值</source>
        <translation>Value on the server</translation>
    </message>
    <message>
        <source>所选冲突</source>
        <translation>Selected conflict</translation>
    </message>
    <message>
        <source>没有未解决的冲突。</source>
        <translation>There are no unresolved conflicts.</translation>
    </message>
    <message>
        <source>{entity}“{title}”的“{field}”在本机和服务器上被改成了不同的值</source>
        <translation>“{field}” of {entity} “{title}” was changed to different values on this computer and on the server</translation>
    </message>
    <message>
        <source>修改前的值：{value}</source>
        <translation>Value before the changes: {value}</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法保存这个决定：{error}</source>
        <translation>This decision could not be saved: {error}</translation>
    </message>
    <message>
        <source>值无效</source>
        <translation>Invalid value</translation>
    </message>
    <message>
        <source>“{text}”不是这个字段能保存的值</source>
        <translation>“{text}” is not a value this field can hold</translation>
    </message>
</context>
<context>
    <name>ConflictsWidget</name>
    <message>
        <source>采用所选值</source>
        <translation>Use the selected value</translation>
    </message>
    <message>
        <source>待确认的冲突：{n} 条</source>
        <translation>Conflicts to decide: {n}</translation>
    </message>
    <message>
        <source>无法处理</source>
        <translation>Cannot do this</translation>
    </message>
</context>
<context>
    <name>ConsultationDialog</name>
    <message>
        <source>新建征询</source>
        <translation>New consultation</translation>
    </message>
    <message>
        <source>例如：某市新就业形态劳动者权益保障条例（草案）</source>
        <translation>e.g. Draft regulation on the rights of workers in new forms of employment</translation>
    </message>
    <message>
        <source>草案名称</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>征询机关</source>
        <translation>Consulting body</translation>
    </message>
    <message>
        <source>收到日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>反馈截止</source>
        <translation>Reply due</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
</context>
<context>
    <name>ConsultationsTab</name>
    <message>
        <source>搜索草案名称或征询机关</source>
        <translation>Search drafts or consulting bodies</translation>
    </message>
    <message>
        <source>新建征询</source>
        <translation>New consultation</translation>
    </message>
    <message>
        <source>发送任务</source>
        <translation>Send tasks</translation>
    </message>
    <message>
        <source>登记反馈</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>登记会议</source>
        <translation>Record meeting</translation>
    </message>
    <message>
        <source>意见汇总PDF</source>
        <translation>Summary PDF</translation>
    </message>
    <message>
        <source>草案文本…</source>
        <translation>Draft text…</translation>
    </message>
    <message>
        <source>请先在列表中选择一项征询</source>
        <translation>Select a consultation in the list first.</translation>
    </message>
    <message>
        <source>选择一项征询，这里显示它的任务、会议和建议。</source>
        <translation>Select a consultation to see its tasks, meetings and suggestions here.</translation>
    </message>
    <message>
        <source>草案文本：{0}</source>
        <translation>Draft text: {0}</translation>
    </message>
    <message>
        <source>尚未附草案文本</source>
        <translation>No draft text attached yet</translation>
    </message>
    <message>
        <source>&lt;p&gt;征询机关：{0}&#x3000;反馈截止：{1}&#x3000;建议 {2} 条&lt;/p&gt;</source>
        <translation>&lt;p&gt;Consulting body: {0}&#x3000;Reply due: {1}&#x3000;Suggestions: {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;征询任务&lt;/b&gt;（收回 {0} / 发出 {1}）&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tasks&lt;/b&gt; ({0} returned / {1} sent)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;征询会议&lt;/b&gt;（{0} 场，参会 {1} 人次）&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Meetings&lt;/b&gt; ({0} held, {1} attendees)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>草案文本还没有从服务器取回，请同步后再打开</source>
        <translation>The draft text has not been fetched from the server yet; sync, then open it again.</translation>
    </message>
    <message>
        <source>选择草案文本</source>
        <translation>Choose the draft text</translation>
    </message>
    <message>
        <source>草案文本 (*.pdf *.doc *.docx *.txt *.wps *.ofd)</source>
        <translation>Draft text (*.pdf *.doc *.docx *.txt *.wps *.ofd)</translation>
    </message>
    <message>
        <source>无法读取文件“{0}”</source>
        <translation>Cannot read the file “{0}”.</translation>
    </message>
    <message>
        <source>已发送 {0} 件征询任务</source>
        <translation>{0} consultation tasks sent</translation>
    </message>
    <message>
        <source>这项征询没有待反馈的任务</source>
        <translation>This consultation has no tasks awaiting a reply.</translation>
    </message>
    <message>
        <source>意见汇总</source>
        <translation>Summary of suggestions</translation>
    </message>
    <message>
        <source>请填写意见汇总的文号</source>
        <translation>Enter the document number of the summary.</translation>
    </message>
    <message>
        <source>意见汇总.pdf</source>
        <translation>summary-of-suggestions.pdf</translation>
    </message>
    <message>
        <source>保存意见汇总</source>
        <translation>Save summary</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>意见汇总已保存：{0}</source>
        <translation>Summary saved: {0}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>程序出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>程序遇到了一个意外的错误，刚才的操作没有完成。</source>
        <translation>The program ran into an unexpected error, and the last action was not completed.</translation>
    </message>
    <message>
        <source>您正在填写的内容已经保存，可以继续工作。</source>
        <translation>What you were filling in has been saved; you can carry on working.</translation>
    </message>
    <message>
        <source>部分正在填写的内容可能没能保存，请检查后再继续。</source>
        <translation>Some of what you were filling in may not have been saved. Please check it before you carry on.</translation>
    </message>
    <message>
        <source>错误详情已记录在日志文件中：
{path}
如果问题反复出现，请把这个文件发给管理员。</source>
        <translation>The details were written to a log file:
{path}
If this keeps happening, please send that file to your administrator.</translation>
    </message>
    <message>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
</context>
<context>
    <name>DataPool</name>
    <message>
        <source>数据池</source>
        <translation>Data pool</translation>
    </message>
    <message>
        <source>建会目标</source>
        <translation>Union targets</translation>
    </message>
    <message>
        <source>热力图</source>
        <translation>Heat map</translation>
    </message>
    <message>
        <source>走访计划</source>
        <translation>Visit plan</translation>
    </message>
</context>
<context>
    <name>DataPoolPage</name>
    <message>
        <source>导入名录…</source>
        <translation>Import list…</translation>
    </message>
    <message>
        <source>市场监管、税务、人社、民政的企业名录，或工会会员库（CSV / XLSX）</source>
        <translation>Enterprise lists from market regulation, tax, human resources and civil affairs, or the union member registry (CSV / XLSX)</translation>
    </message>
</context>
<context>
    <name>DateDialog</name>
    <message>
        <source>回复内容</source>
        <translation>Reply</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>记录采纳结果</source>
        <translation>Record outcome</translation>
    </message>
    <message>
        <source>已采纳</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>部分采纳</source>
        <translation>Partly adopted</translation>
    </message>
    <message>
        <source>未采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>采纳它的法律法规名称（公布后的正式名称）</source>
        <translation>Law or regulation that adopted it (official published title)</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>法律法规</source>
        <translation>Law or regulation</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>结果日期</source>
        <translation>Outcome date</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <source>新增部门</source>
        <translation>Add department</translation>
    </message>
    <message>
        <source>字母简称，如 RS</source>
        <translation>Letter code, e.g. RS</translation>
    </message>
    <message>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <source>简称代码</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>Enterprise</name>
    <message>
        <source>未建会</source>
        <translation>No union</translation>
    </message>
    <message>
        <source>筹建中</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <source>已建会</source>
        <translation>Union established</translation>
    </message>
    <message>
        <source>已注销</source>
        <translation>deregistered</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>licence revoked</translation>
    </message>
    <message>
        <source>已迁出</source>
        <translation>moved away</translation>
    </message>
</context>
<context>
    <name>EnterpriseForm</name>
    <message>
        <source>与营业执照一致</source>
        <translation>As on the business licence</translation>
    </message>
    <message>
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <source>（未划分）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <source>企业名称 *</source>
        <translation>Enterprise name *</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>职工人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>建会状态</source>
        <translation>Union status</translation>
    </message>
    <message>
        <source>建会日期</source>
        <translation>Union established on</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Union members</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>✓ 代码格式和校验位正确</source>
        <translation>✓ Code format and check character are correct</translation>
    </message>
</context>
<context>
    <name>EnterpriseMattersTab</name>
    <message>
        <source>生成一企一档</source>
        <translation>Create enterprise dossier</translation>
    </message>
    <message>
        <source>%1 次走访发现的问题尚未登记为监督事项，点击登记</source>
        <translation>%1 visit(s) found problems not yet registered as matters; click to register</translation>
    </message>
</context>
<context>
    <name>EnterprisePicker</name>
    <message>
        <source>关联企业档案</source>
        <translation>Link to an enterprise file</translation>
    </message>
    <message>
        <source>输入企业名称，可从档案中选择</source>
        <translation>Type an enterprise name to pick one from the files</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>职工人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>建会状态</source>
        <translation>Union status</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Union members</translation>
    </message>
    <message>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>列入经营异常名录</source>
        <translation>On the list of abnormal business operations</translation>
    </message>
    <message>
        <source>校验位不符，请与营业执照核对</source>
        <translation>The check character does not match; compare with the business licence</translation>
    </message>
    <message>
        <source>未登记统一社会信用代码</source>
        <translation>No unified social credit code on file</translation>
    </message>
</context>
<context>
    <name>EnterpriseUnionTab</name>
    <message>
        <source>请求日期</source>
        <translation>Requested on</translation>
    </message>
    <message>
        <source>服务类型</source>
        <translation>Kind of service</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>服务请求及办理结果</source>
        <translation>Service requests and their outcome</translation>
    </message>
    <message>
        <source>尚未申请</source>
        <translation>not applied yet</translation>
    </message>
    <message>
        <source>最近步骤：{s}；会员 {m} 人</source>
        <translation>latest step: {s}; {m} members</translation>
    </message>
    <message>
        <source>尚未纳入任何工会组织</source>
        <translation>Not covered by any union yet</translation>
    </message>
    <message>
        <source>建会前后一年对比</source>
        <translation>One year before and after founding</translation>
    </message>
    <message>
        <source>该企业尚未建会，暂无前后对比</source>
        <translation>No union yet, so no before/after comparison</translation>
    </message>
    <message>
        <source>建会前一年</source>
        <translation>Year before founding</translation>
    </message>
    <message>
        <source>建会后一年</source>
        <translation>Year after founding</translation>
    </message>
    <message>
        <source>12351工单</source>
        <translation>12351 orders</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matters</translation>
    </message>
    <message>
        <source>建会日期 {d}；人数波动率 建会前 {a}，建会后 {b}</source>
        <translation>Founded on {d}; headcount churn before {a}, after {b}</translation>
    </message>
</context>
<context>
    <name>EnterpriseWindow</name>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>新建走访</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>企业档案 — {name}</source>
        <translation>Enterprise file — {name}</translation>
    </message>
    <message>
        <source>信用代码 {code} ｜ 职工 {headcount} 人 ｜ {status}</source>
        <translation>Credit code {code} | {headcount} employees | {status}</translation>
    </message>
    <message>
        <source>未保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>企业信息有未保存的修改，是否保存？</source>
        <translation>The enterprise information has unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>EnterpriseWorkOrders</name>
    <message>
        <source>涉及本企业的12351工单 {n} 张</source>
        <translation>{n} 12351 work orders about this enterprise</translation>
    </message>
</context>
<context>
    <name>EnterprisesPage</name>
    <message>
        <source>搜索企业名称、地址或信用代码（Ctrl+F）</source>
        <translation>Search name, address or credit code (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>全部建会状态</source>
        <translation>All union statuses</translation>
    </message>
    <message>
        <source>仅看建会目标（≥{n}人且未建会）</source>
        <translation>Targets only (≥{n} employees, no union)</translation>
    </message>
    <message>
        <source>统计确切数目</source>
        <translation>Count exactly</translation>
    </message>
    <message>
        <source>新建企业 (Ctrl+N)</source>
        <translation>New enterprise (Ctrl+N)</translation>
    </message>
    <message>
        <source>共 {n} 家企业</source>
        <translation>{n} enterprises</translation>
    </message>
    <message>
        <source>超过 {n} 家企业（已列出前面的，向下滚动继续）</source>
        <translation>More than {n} enterprises (the first are listed; scroll down for more)</translation>
    </message>
</context>
<context>
    <name>EstablishDialog</name>
    <message>
        <source>登记建会</source>
        <translation>Record union established</translation>
    </message>
    <message>
        <source>建会日期</source>
        <translation>Union established on</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Union members</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>企业数</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <source>应建会</source>
        <translation>Should have a union</translation>
    </message>
    <message>
        <source>已建会</source>
        <translation>Union established</translation>
    </message>
    <message>
        <source>筹建中</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <source>建会率</source>
        <translation>Union rate</translation>
    </message>
    <message>
        <source>会员总数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>本年新增会员</source>
        <translation>New members this year</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>（未分类）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>Geo</name>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>（未分网格）</source>
        <translation>(no grid)</translation>
    </message>
    <message>
        <source>地址与底图</source>
        <translation>Addresses and map</translation>
    </message>
</context>
<context>
    <name>GeoPage</name>
    <message>
        <source>搜索未定位企业的名称或地址</source>
        <translation>Search unplaced enterprises by name or address</translation>
    </message>
    <message>
        <source>在地图上放置…</source>
        <translation>Place on map…</translation>
    </message>
    <message>
        <source>用地名地址库定位</source>
        <translation>Locate from gazetteer</translation>
    </message>
    <message>
        <source>联网定位（天地图）</source>
        <translation>Locate online (Tianditu)</translation>
    </message>
    <message>
        <source>按地址规则分配网格</source>
        <translation>Assign grids by address rules</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>底图</source>
        <translation>Base map</translation>
    </message>
    <message>
        <source>导入底图文件…</source>
        <translation>Import base map file…</translation>
    </message>
    <message>
        <source>下载本区底图…</source>
        <translation>Download district base map…</translation>
    </message>
    <message>
        <source>地名地址库与联网定位</source>
        <translation>Gazetteer and online lookup</translation>
    </message>
    <message>
        <source>导入地名地址表…</source>
        <translation>Import gazetteer…</translation>
    </message>
    <message>
        <source>办公室申请的天地图服务密钥</source>
        <translation>The office&apos;s Tianditu service key</translation>
    </message>
    <message>
        <source>天地图密钥</source>
        <translation>Tianditu key</translation>
    </message>
    <message>
        <source>按地址分配网格的规则</source>
        <translation>Grid rules by address</translation>
    </message>
    <message>
        <source>街道、社区或道路名，如 东湖街道</source>
        <translation>Street, community or road, e.g. 东湖街道</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>地名地址库</source>
        <translation>gazetteer</translation>
    </message>
    <message>
        <source>联网定位</source>
        <translation>online</translation>
    </message>
    <message>
        <source>手工放置</source>
        <translation>placed by hand</translation>
    </message>
    <message>
        <source>走访时定位</source>
        <translation>from visits</translation>
    </message>
    <message>
        <source>导入或原有</source>
        <translation>imported or existing</translation>
    </message>
    <message>
        <source>已定位 {0} 家（{1}）；未定位 {2} 家，热力图和路线不显示它们。</source>
        <translation>{0} placed ({1}); {2} without a position, which the heat map and routes cannot show.</translation>
    </message>
    <message>
        <source>地名地址库：{0}</source>
        <translation>Gazetteer: {0}</translation>
    </message>
    <message>
        <source>还没有导入地名地址库（含“地址、经度、纬度”列的 CSV 或 XLSX）</source>
        <translation>No gazetteer imported yet (a CSV or XLSX with address, longitude and latitude columns)</translation>
    </message>
    <message>
        <source>{0}：缩放级别 {1}–{2}，{3} 张瓦片。{4}</source>
        <translation>{0}: zoom levels {1}–{2}, {3} tiles. {4}</translation>
    </message>
    <message>
        <source>地址与底图</source>
        <translation>Addresses and map</translation>
    </message>
    <message>
        <source>请先在列表中选择一家企业</source>
        <translation>Select an enterprise in the list first.</translation>
    </message>
    <message>
        <source>已取消；已找到的位置已保存。</source>
        <translation>Cancelled; the positions found so far are saved.</translation>
    </message>
    <message>
        <source>定位没有完成，数据未改动</source>
        <translation>Locating did not finish; nothing was changed.</translation>
    </message>
    <message>
        <source>按地址规则分配网格：{0} 家</source>
        <translation>Grids assigned by address rules: {0}</translation>
    </message>
    <message>
        <source>还没有网格</source>
        <translation>There are no grids yet.</translation>
    </message>
    <message>
        <source>导入地名地址表</source>
        <translation>Import gazetteer</translation>
    </message>
    <message>
        <source>表格 (*.csv *.xlsx)</source>
        <translation>Tables (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>已导入 {0} 条地名地址</source>
        <translation>{0} gazetteer entries imported</translation>
    </message>
    <message>
        <source>，跳过 {0} 行（第一处：{1}）</source>
        <translation>, {0} rows skipped (first: {1})</translation>
    </message>
    <message>
        <source>导入底图</source>
        <translation>Import base map</translation>
    </message>
    <message>
        <source>底图文件 (*.mbtiles)</source>
        <translation>Base map files (*.mbtiles)</translation>
    </message>
    <message>
        <source>底图已导入：{0}，{1} 张瓦片</source>
        <translation>Base map imported: {0}, {1} tiles</translation>
    </message>
    <message>
        <source>还不知道本区的范围：先导入网格边界或为企业定位</source>
        <translation>The district&apos;s extent is not known yet: import grid boundaries or place enterprises first.</translation>
    </message>
    <message>
        <source>下载本区底图</source>
        <translation>Download district base map</translation>
    </message>
    <message>
        <source>瓦片地址</source>
        <translation>Tile URL</translation>
    </message>
    <message>
        <source>最小缩放级别</source>
        <translation>Lowest zoom level</translation>
    </message>
    <message>
        <source>最大缩放级别</source>
        <translation>Highest zoom level</translation>
    </message>
    <message>
        <source>范围：经度 {0:.3f}–{1:.3f}，纬度 {2:.3f}–{3:.3f}</source>
        <translation>Extent: longitude {0:.3f}–{1:.3f}, latitude {2:.3f}–{3:.3f}</translation>
    </message>
    <message>
        <source>本区底图</source>
        <translation>District base map</translation>
    </message>
    <message>
        <source>底图已下载：{0} 张瓦片，今后离线可用</source>
        <translation>Base map downloaded: {0} tiles, available offline from now on</translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message>
        <source>建会目标且逾期未走访</source>
        <translation>Union target, visit overdue</translation>
    </message>
    <message>
        <source>建会目标（未建会）</source>
        <translation>Union target (no union yet)</translation>
    </message>
    <message>
        <source>逾期未走访（非建会目标）</source>
        <translation>Visit overdue (not a union target)</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>密度</source>
        <translation>density</translation>
    </message>
</context>
<context>
    <name>HeatMapPage</name>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>建会目标与逾期走访</source>
        <translation>Union targets and overdue visits</translation>
    </message>
    <message>
        <source>仅建会目标</source>
        <translation>Union targets only</translation>
    </message>
    <message>
        <source>仅逾期走访</source>
        <translation>Overdue visits only</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>友好商户与体检未达标工会</source>
        <translation>Friendly partners and slipping unions</translation>
    </message>
    <message>
        <source>点击热点查看周边企业</source>
        <translation>Click a hot spot to see the enterprises around it</translation>
    </message>
    <message>
        <source>建会目标 {t} 家，逾期未走访 {o} 家</source>
        <translation>{t} union targets, {o} enterprises overdue for a visit</translation>
    </message>
    <message>
        <source>半径 {r} 米内：{n} 家</source>
        <translation>Within {r} m: {n} enterprises</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入名录</source>
        <translation>Import list</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>新建12351工单</source>
        <translation>New 12351 work order</translation>
    </message>
    <message>
        <source>输入企业名称，可从档案中选择</source>
        <translation>Type an enterprise name to pick one from the files</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation>Employer concerned</translation>
    </message>
    <message>
        <source>诉求类别</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>诉求主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>办理级别</source>
        <translation>Handling level</translation>
    </message>
</context>
<context>
    <name>IssueModel</name>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>LegalSupervisionPage</name>
    <message>
        <source>案件登记</source>
        <translation>Case register</translation>
    </message>
    <message>
        <source>来访接待</source>
        <translation>Walk-in reception</translation>
    </message>
    <message>
        <source>移送联动</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>专项行动与公开提示</source>
        <translation>Campaigns and public notices</translation>
    </message>
    <message>
        <source>三员与工作日志</source>
        <translation>Monitors and work logs</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Early warning</translation>
    </message>
</context>
<context>
    <name>Legislation</name>
    <message>
        <source>已收集</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>已归纳</source>
        <translation>Summarised</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已采纳</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>部分采纳</source>
        <translation>Partly adopted</translation>
    </message>
    <message>
        <source>未采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>征询任务</source>
        <translation>Consultation task</translation>
    </message>
    <message>
        <source>座谈会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>问卷</source>
        <translation>Questionnaires</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>意见征询会</source>
        <translation>Consultation hearing</translation>
    </message>
    <message>
        <source>专家解读会</source>
        <translation>Expert briefing</translation>
    </message>
    <message>
        <source>片区征询</source>
        <translation>Area consultation</translation>
    </message>
    <message>
        <source>基层交流会</source>
        <translation>Grassroots exchange</translation>
    </message>
    <message>
        <source>立法信息员</source>
        <translation>Legislative informant</translation>
    </message>
    <message>
        <source>联系单位</source>
        <translation>Contact unit</translation>
    </message>
    <message>
        <source>采集点</source>
        <translation>Collection point</translation>
    </message>
    <message>
        <source>征询中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已汇总</source>
        <translation>Summarised</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>草案名称</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>征询机关</source>
        <translation>Consulting body</translation>
    </message>
    <message>
        <source>收到日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>反馈截止</source>
        <translation>Reply due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>任务（收回/发出）</source>
        <translation>Tasks (returned/sent)</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>收集日期</source>
        <translation>Collected on</translation>
    </message>
    <message>
        <source>草案</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>建议内容</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>信息员</source>
        <translation>Informant</translation>
    </message>
    <message>
        <source>报送文号</source>
        <translation>Sent as</translation>
    </message>
    <message>
        <source>采纳情况</source>
        <translation>Adopted in</translation>
    </message>
    <message>
        <source>【归纳{0}条】</source>
        <translation>[Summary of {0}] </translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>从事领域</source>
        <translation>Field of work</translation>
    </message>
    <message>
        <source>镇街/园区</source>
        <translation>Town or park</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>任务（反馈/发出）</source>
        <translation>Tasks (returned/sent)</translation>
    </message>
    <message>
        <source>立法联系点</source>
        <translation>Legislative contact point</translation>
    </message>
</context>
<context>
    <name>LegislationPage</name>
    <message>
        <source>征询</source>
        <translation>Consultations</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>信息员网络</source>
        <translation>Informant network</translation>
    </message>
    <message>
        <source>问卷</source>
        <translation>Questionnaires</translation>
    </message>
    <message>
        <source>{0}年：参与征询 {1} 项，召开会议 {2} 场，收集建议 {3} 条，报送 {4} 条，采纳 {5} 条（其中部分采纳 {6} 条），涉及法律法规 {7} 部，有效问卷 {8} 份</source>
        <translation>{0}: {1} consultations, {2} meetings, {3} suggestions collected, {4} sent, {5} adopted ({6} of them partly), in {7} laws or regulations; {8} valid questionnaires</translation>
    </message>
</context>
<context>
    <name>LetterEditorDialog</name>
    <message>
        <source>每段一行；以 # 开头的行为一级标题，## 为二级标题；【期限】处印出本函的期限，发出时按发出日期计算</source>
        <translation>One paragraph per line; lines starting with # are level-1 headings, ## level-2; 【期限】 prints the letter&apos;s deadline, counted from the day it is issued</translation>
    </message>
    <message>
        <source>多个单位以顿号分隔</source>
        <translation>Separate several recipients with 、</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主送</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>送达</source>
        <translation>Serve</translation>
    </message>
    <message>
        <source>回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>作废草稿</source>
        <translation>Void draft</translation>
    </message>
    <message>
        <source>按正式文号重新生成PDF</source>
        <translation>Regenerate the PDF with the official number</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>法律依据中的%1尚未与官方文本核对，发出时须由区总工会工作人员确认。</source>
        <translation>%1 in the legal basis has not been checked against the official text; district union office staff must confirm it when the letter is issued.</translation>
    </message>
    <message>
        <source>无法生成预览：</source>
        <translation>Cannot create the preview: </translation>
    </message>
    <message>
        <source>存档PDF（发出时生成，内容不可修改）</source>
        <translation>Archived PDF (made when issued; cannot be changed)</translation>
    </message>
    <message>
        <source>发出函件</source>
        <translation>Issue letter</translation>
    </message>
    <message>
        <source>发出后将取号并生成正式文本，内容不能再修改。确认发出？</source>
        <translation>Issuing takes a document number and creates the official text, which can no longer be changed. Issue the letter?</translation>
    </message>
    <message>
        <source>发出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>没有可用的文号</source>
        <translation>No document number available</translation>
    </message>
    <message>
        <source>是否使用临时编号发出？同步领取号段后将自动换为正式文号。</source>
        <translation>Issue with a provisional number? It is replaced by an official number automatically once a block of numbers has been fetched by syncing.</translation>
    </message>
    <message>
        <source>法律依据中的%1尚未核对，须由区总工会工作人员确认后才能发出。</source>
        <translation>%1 in the legal basis has not been checked; the letter can be issued once district union office staff have confirmed it.</translation>
    </message>
    <message>
        <source>核对法律依据</source>
        <translation>Check the legal basis</translation>
    </message>
    <message>
        <source>以下条文尚未与官方文本核对：%1。确认已核对无误？确认记录将写入审计日志。</source>
        <translation>These articles have not been checked against the official text: %1. Confirm that you have checked them? The confirmation is written to the audit log.</translation>
    </message>
    <message>
        <source>确认函件已送达（以回执签收日期为准）？</source>
        <translation>Confirm that the letter was served (use the date signed on the receipt)?</translation>
    </message>
    <message>
        <source>送达日期</source>
        <translation>Served on</translation>
    </message>
    <message>
        <source>确认已收到书面回复？</source>
        <translation>Confirm that a written reply was received?</translation>
    </message>
    <message>
        <source>回复日期</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <source>确认此函件办结？</source>
        <translation>Close this letter?</translation>
    </message>
    <message>
        <source>确认作废此草稿？</source>
        <translation>Void this draft?</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>另存为PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
</context>
<context>
    <name>LetterList</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>只看临时编号</source>
        <translation>Provisional numbers only</translation>
    </message>
    <message>
        <source>搜索文号、企业、主送</source>
        <translation>Search number, enterprise or addressee</translation>
    </message>
    <message>
        <source>%1 份函件已换为正式文号，重新生成PDF</source>
        <translation>%1 letters received official numbers; regenerate their PDFs</translation>
    </message>
    <message>
        <source>草稿 %1，已发出 %2，已送达 %3，已回复 %4，已办结 %5，临时编号 %6</source>
        <translation>Drafts %1, issued %2, served %3, replied %4, closed %5, provisional numbers %6</translation>
    </message>
    <message>
        <source>共 %1 份</source>
        <translation>%1 letters</translation>
    </message>
    <message>
        <source>已重新生成 %1 份函件的PDF</source>
        <translation>Regenerated the PDFs of %1 letters</translation>
    </message>
    <message>
        <source>重新生成PDF</source>
        <translation>Regenerate PDFs</translation>
    </message>
</context>
<context>
    <name>LetterSettingsDialog</name>
    <message>
        <source>函件与期限设置</source>
        <translation>Letter and deadline settings</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>默认：网格所属辖区 + 总工会，如 示范区总工会</source>
        <translation>Default: the grid&apos;s district + 总工会, e.g. 示范区总工会</translation>
    </message>
    <message>
        <source>发文机关</source>
        <translation>Issuing union</translation>
    </message>
    <message>
        <source>默认：模板中的代字，如 </source>
        <translation>Default: the template&apos;s prefix, e.g. </translation>
    </message>
    <message>
        <source>代字</source>
        <translation> number prefix</translation>
    </message>
    <message>
        <source>如 示范区人力资源和社会保障局劳动保障监察大队</source>
        <translation>e.g. the district labour inspection brigade</translation>
    </message>
    <message>
        <source>建议书主送部门</source>
        <translation>Department for advice letters</translation>
    </message>
    <message>
        <source>如 示范区人民检察院（留空则不抄送）</source>
        <translation>e.g. the district procuratorate (empty: no copy)</translation>
    </message>
    <message>
        <source>抄送检察院</source>
        <translation>Copy to procuratorate</translation>
    </message>
    <message>
        <source>期限（各地规定不同，请按本地条例设置）</source>
        <translation>Deadlines (they vary by locality; follow your local regulations)</translation>
    </message>
    <message>
        <source>新事项处理期限</source>
        <translation>Handling a new matter</translation>
    </message>
    <message>
        <source>提示函答复期限</source>
        <translation>Reply to a reminder letter</translation>
    </message>
    <message>
        <source>意见书答复期限</source>
        <translation>Reply to an opinion letter</translation>
    </message>
    <message>
        <source>建议书处理期限</source>
        <translation>Department acting on an advice letter</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>每行一个日期，如 2026-10-01</source>
        <translation>One date per line, e.g. 2026-10-01</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <source>调休上班的周末，每行一个日期</source>
        <translation>Weekend days worked in lieu, one date per line</translation>
    </message>
    <message>
        <source>调休上班日</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <source>%1第%2行“%3”不是日期，应写作 2026-10-01</source>
        <translation>%1, line %2: “%3” is not a date; write it as 2026-10-01</translation>
    </message>
</context>
<context>
    <name>Letters</name>
    <message>
        <source>小标宋</source>
        <translation>Xiaobiaosong</translation>
    </message>
    <message>
        <source>仿宋</source>
        <translation>FangSong</translation>
    </message>
    <message>
        <source>黑体</source>
        <translation>HeiTi</translation>
    </message>
    <message>
        <source>楷体</source>
        <translation>KaiTi</translation>
    </message>
    <message>
        <source>宋体</source>
        <translation>SongTi</translation>
    </message>
    <message>
        <source>本机未安装公文字体（{roles}），预览和PDF用相近字体代替，与正式公文略有差异；详见“备份与设置”。</source>
        <translation>The official fonts ({roles}) are not installed on this computer; the preview and PDF use similar fonts and differ slightly from official documents. See “Backup &amp; settings”.</translation>
    </message>
    <message>
        <source>无法开始打印</source>
        <translation>Cannot start printing</translation>
    </message>
    <message>
        <source>函件登记</source>
        <translation>Letter register</translation>
    </message>
    <message>
        <source>提示函</source>
        <translation>Notice letter</translation>
    </message>
    <message>
        <source>意见书</source>
        <translation>Opinion letter</translation>
    </message>
    <message>
        <source>建议书</source>
        <translation>Recommendation letter</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已发出</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>（未编号）</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <source>［临时编号］</source>
        <translation>[provisional number]</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>主送</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>送达日期</source>
        <translation>Served on</translation>
    </message>
    <message>
        <source>回复日期</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>答复期限已过，尚未收到回复</source>
        <translation>The reply deadline has passed and no reply has arrived</translation>
    </message>
    <message>
        <source>临时编号：同步领取号段后将自动换为正式文号</source>
        <translation>Provisional number: replaced by an official number automatically once a block of numbers has been fetched by syncing</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>关联事项或工单</source>
        <translation>Link matter or order</translation>
    </message>
    <message>
        <source>监督事项标题</source>
        <translation>Matter title</translation>
    </message>
    <message>
        <source>12351工单编号</source>
        <translation>12351 order number</translation>
    </message>
    <message>
        <source>关联对象</source>
        <translation>Link to</translation>
    </message>
    <message>
        <source>编号或标题</source>
        <translation>Number or title</translation>
    </message>
    <message>
        <source>找不到“{n}”，请核对编号或标题</source>
        <translation>Nothing found for “{n}”; check the number or title</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录区服务器</source>
        <translation>Log in to the district server</translation>
    </message>
    <message>
        <source>例如 https://gh.example.cn</source>
        <translation>e.g. https://gh.example.cn</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>登录令牌只保存在系统密钥库中；每台设备只需登录一次。</source>
        <translation>The login token is kept only in the system keyring; each device needs to log in only once.</translation>
    </message>
    <message>
        <source>请填写服务器地址、账号和密码</source>
        <translation>Please enter the server address, account and password</translation>
    </message>
    <message>
        <source>先清除示例数据</source>
        <translation>Clear the demo data first</translation>
    </message>
    <message>
        <source>本机现在是示例辖区的演示数据，不能同步到区服务器。登录前需要清除全部示例数据，现在清除吗？</source>
        <translation>This computer holds the demo district&apos;s sample data, which must never be synced to the district server. All demo data has to be cleared before signing in. Clear it now?</translation>
    </message>
    <message>
        <source>未登录：请先清除示例数据（文件菜单 → 清除示例数据）。</source>
        <translation>Not signed in: clear the demo data first (File menu → Clear demo data).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>网格员</source>
        <translation>Grid inspector</translation>
    </message>
    <message>
        <source>区总工会办公室</source>
        <translation>District union office</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>工会走访监督助手</source>
        <translation>Union Inspector</translation>
    </message>
    <message>
        <source>示例辖区：这里是演示数据（虚构的企业和人员），不会同步到区服务器。</source>
        <translation>Demo district: this is sample data (made-up enterprises and people); it is never synced to the district server.</translation>
    </message>
    <message>
        <source>清除示例数据…</source>
        <translation>Clear demo data…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>切换用户(&amp;U)…</source>
        <translation>Switch &amp;user…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>清除示例数据(&amp;D)…</source>
        <translation>Clear &amp;demo data…</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>当前用户：{name}</source>
        <translation>Current user: {name}</translation>
    </message>
    <message>
        <source>点击切换用户（Ctrl+Shift+U）</source>
        <translation>Click to switch user (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <source>尚无人员</source>
        <translation>No people yet</translation>
    </message>
    <message>
        <source>已切换为 {name}</source>
        <translation>Now working as {name}</translation>
    </message>
    <message>
        <source> — 示例辖区（演示数据）</source>
        <translation> — demo district (sample data)</translation>
    </message>
    <message>
        <source>清除示例数据</source>
        <translation>Clear demo data</translation>
    </message>
    <message>
        <source>将删除本机的全部示例数据（示例企业、走访、事项、函件和人员），之后可导入名录或登录区服务器开始正式使用。确定清除吗？</source>
        <translation>All demo data on this computer (sample enterprises, visits, matters, letters and people) will be deleted; afterwards you can import registers or sign in to the district server to start real work. Clear it?</translation>
    </message>
    <message>
        <source>示例数据已清除（{n} 行）</source>
        <translation>Demo data cleared ({n} rows)</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>工会走访监督助手 {version}
数据文件夹：{folder}</source>
        <translation>Union Inspector {version}
Data folder: {folder}</translation>
    </message>
    <message>
        <source>有内容未能保存</source>
        <translation>Some input could not be saved</translation>
    </message>
    <message>
        <source>以下内容保存失败：{errors}
仍要退出吗？</source>
        <translation>Saving failed for: {errors}
Exit anyway?</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>自动备份</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <source>手动备份</source>
        <translation>Manual backup</translation>
    </message>
    <message>
        <source>恢复前备份</source>
        <translation>Backup before restore</translation>
    </message>
    <message>
        <source>升级前备份</source>
        <translation>Backup before upgrade</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>自动备份失败，详情见日志。</source>
        <translation>Automatic backup failed; see the log for details.</translation>
    </message>
    <message>
        <source>备份与设置</source>
        <translation>Backup and settings</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <source>数据备份</source>
        <translation>Data backups</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从所选备份恢复…</source>
        <translation>Restore from selected backup…</translation>
    </message>
    <message>
        <source>程序运行时每隔几小时自动备份一次，保留最近7天每天一份和最近4周每周一份。备份保存在：{folder}</source>
        <translation>While the program runs it backs up automatically every few hours, keeping one backup a day for the last 7 days and one a week for the last 4 weeks. Backups are kept in: {folder}</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已备份到 {name}</source>
        <translation>Backed up to {name}</translation>
    </message>
    <message>
        <source>备份失败：{error}</source>
        <translation>Backup failed: {error}</translation>
    </message>
    <message>
        <source>恢复数据</source>
        <translation>Restore data</translation>
    </message>
    <message>
        <source>用 {time} 的{kind}替换当前全部数据吗？

当前数据会先另存为“恢复前备份”，如选错了可以再恢复回来。恢复后，备份之后所做的修改将不在当前数据中；尚未同步的修改也会一并回到备份时的状态。</source>
        <translation>Replace all current data with the {kind} from {time}?

The current data is first saved as a “backup before restore”, so a wrong choice can be undone. After the restore, changes made since the backup will no longer be in the data, and changes not yet synced go back to how they were at the time of the backup.</translation>
    </message>
    <message>
        <source>请先在列表中选择一个备份。</source>
        <translation>Please select a backup in the list first.</translation>
    </message>
    <message>
        <source>有正在编辑的内容未能保存，已取消恢复。</source>
        <translation>Some unsaved input could not be saved, so the restore was cancelled.</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>已恢复。原数据另存为 {name}</source>
        <translation>Restored. The previous data was saved as {name}</translation>
    </message>
    <message>
        <source>恢复失败：{error}</source>
        <translation>Restore failed: {error}</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>跟随系统</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>重新启动程序后生效。</source>
        <translation>Takes effect when the program is restarted.</translation>
    </message>
    <message>
        <source>12351工单办理时限（工作日）</source>
        <translation>12351 work order deadlines (working days)</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>疑难</source>
        <translation>Difficult</translation>
    </message>
    <message>
        <source>特别复杂</source>
        <translation>Especially complex</translation>
    </message>
    <message>
        <source>12351 工单按一般、疑难、特别复杂分别规定办理时限，请按本地规定填写。新的时限只用于此后受理或调整级别的工单。法定节假日和调休上班日沿用“函件与期限设置”中的日历。</source>
        <translation>12351 work orders have separate time limits for ordinary, difficult and especially complex cases; enter the limits your locality sets. New limits apply only to work orders received or re-graded afterwards. Public holidays and make-up working days follow the calendar in &quot;Letters and deadlines&quot;.</translation>
    </message>
    <message>
        <source>保存时限</source>
        <translation>Save deadlines</translation>
    </message>
    <message>
        <source>已保存（{time}）</source>
        <translation>Saved ({time})</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>列映射</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>请确认每一列对应的企业档案字段；不需要的列选“不导入”。</source>
        <translation>Confirm which enterprise field each column goes to; choose “(do not import)” for columns that are not needed.</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>保存为：</source>
        <translation>Save as:</translation>
    </message>
</context>
<context>
    <name>MatterDialog</name>
    <message>
        <source>转为监督事项</source>
        <translation>Turn into supervision matter</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>事实经过</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matters</translation>
    </message>
    <message>
        <source>每行一条；标有“〔条文待核实〕”的条文须对照官方文本核实后再引用。</source>
        <translation>One per line; articles marked “〔条文待核实〕” (to be verified) must be checked against the official text before they are cited.</translation>
    </message>
    <message>
        <source>按类别重新填入法律依据</source>
        <translation>Refill the legal basis from the category</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>违法类别</source>
        <translation>Violation category</translation>
    </message>
    <message>
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Rectification required</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>起草</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>打开函件</source>
        <translation>Open letter</translation>
    </message>
    <message>
        <source>事实与依据</source>
        <translation>Facts and legal basis</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>登记于</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>建议的下一步</source>
        <translation>Suggested next step</translation>
    </message>
    <message>
        <source>用目录中的条文替换当前的法律依据？</source>
        <translation>Replace the current legal basis with the articles from the catalog?</translation>
    </message>
    <message>
        <source>起草函件</source>
        <translation>Draft letter</translation>
    </message>
</context>
<context>
    <name>MatterList</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>搜索企业、事项</source>
        <translation>Search enterprise or matter</translation>
    </message>
    <message>
        <source>登记事项</source>
        <translation>Register matter</translation>
    </message>
    <message>
        <source>函件与期限设置</source>
        <translation>Letter and deadline settings</translation>
    </message>
    <message>
        <source>共 %1 项：进行中 %2，已整改 %3，已办结 %4，</source>
        <translation>%1 matters: active %2, rectified %3, closed %4, </translation>
    </message>
</context>
<context>
    <name>Matters</name>
    <message>
        <source>保存一企一档</source>
        <translation>Save enterprise dossier</translation>
    </message>
    <message>
        <source>正在生成一企一档……</source>
        <translation>Creating the enterprise dossier…</translation>
    </message>
    <message>
        <source>一企一档已保存：</source>
        <translation>Enterprise dossier saved: </translation>
    </message>
    <message>
        <source>一企一档</source>
        <translation>Enterprise dossier</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matters</translation>
    </message>
    <message>
        <source>函件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已发函</source>
        <translation>Letter issued</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <source>已整改（已核实）</source>
        <translation>Rectified (verified)</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已移送</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>走访发现</source>
        <translation>Found on a visit</translation>
    </message>
    <message>
        <source>12351热线工单</source>
        <translation>12351 hotline work order</translation>
    </message>
    <message>
        <source>群众反映</source>
        <translation>Reported by the public</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>起草函件</source>
        <translation>Draft letter</translation>
    </message>
    <message>
        <source>发函</source>
        <translation>Issue letter</translation>
    </message>
    <message>
        <source>函件送达</source>
        <translation>Letter served</translation>
    </message>
    <message>
        <source>函件回复</source>
        <translation>Letter replied</translation>
    </message>
    <message>
        <source>函件办结</source>
        <translation>Letter closed</translation>
    </message>
    <message>
        <source>作废草稿</source>
        <translation>Void draft</translation>
    </message>
    <message>
        <source>单位承诺整改</source>
        <translation>Employer promises to rectify</translation>
    </message>
    <message>
        <source>核实已整改</source>
        <translation>Verify rectification</translation>
    </message>
    <message>
        <source>移送有关部门</source>
        <translation>Refer to the authorities</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>不予立项</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>复查未通过</source>
        <translation>Re-check failed</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>已超过期限仍未整改到位</source>
        <translation>Past the deadline and still not rectified</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>登记征询会议</source>
        <translation>Record consultation meeting</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Kind of meeting</translation>
    </message>
    <message>
        <source>召开日期</source>
        <translation>Held on</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>参会人数</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>会议情况</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>所属工会</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Workplace</translation>
    </message>
    <message>
        <source>重点群体</source>
        <translation>Key group</translation>
    </message>
    <message>
        <source>入会日期</source>
        <translation>Joined on</translation>
    </message>
    <message>
        <source>新会员</source>
        <translation>New member</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>归纳建议</source>
        <translation>Summarise suggestions</translation>
    </message>
    <message>
        <source>原始建议</source>
        <translation>Original suggestions</translation>
    </message>
    <message>
        <source>归纳后的建议（报送时使用这段文字）</source>
        <translation>Summarised suggestion (this text is sent)</translation>
    </message>
    <message>
        <source>归纳后的建议</source>
        <translation>Summarised suggestion</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
</context>
<context>
    <name>NearCodesPanel</name>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>文件中的企业和代码</source>
        <translation>Enterprise and code in the file</translation>
    </message>
    <message>
        <source>已有企业和代码</source>
        <translation>Enterprise and code on file</translation>
    </message>
    <message>
        <source>差别</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>勾选的并入已有企业，其余作为新企业导入</source>
        <translation>Merge the ticked rows into the enterprise on file, import the others as new enterprises</translation>
    </message>
    <message>
        <source>{n} 行的统一社会信用代码与已有企业只差一位，可能是同一家企业，这些行暂未导入。请勾选确认是同一家企业的行：</source>
        <translation>{n} rows have a credit code one character away from an enterprise on file, probably the same enterprise; they were not imported. Tick the rows that are the same enterprise:</translation>
    </message>
</context>
<context>
    <name>NearbyModel</name>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>职工人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>从未走访</source>
        <translation>Never visited</translation>
    </message>
</context>
<context>
    <name>NetworkDialog</name>
    <message>
        <source>新增联系单位</source>
        <translation>New contact unit</translation>
    </message>
    <message>
        <source>新增采集点</source>
        <translation>New collection point</translation>
    </message>
    <message>
        <source>新增立法信息员</source>
        <translation>New legislative informant</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>镇街/园区</source>
        <translation>Town or park</translation>
    </message>
    <message>
        <source>从事领域</source>
        <translation>Field of work</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>联系单位</source>
        <translation>Contact unit</translation>
    </message>
    <message>
        <source>采集点</source>
        <translation>Collection point</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>全区（不属于某个网格）</source>
        <translation>Whole district (no grid)</translation>
    </message>
    <message>
        <source>所在网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>搜索信息员、领域、单位或采集点</source>
        <translation>Search informants, fields, units or collection points</translation>
    </message>
    <message>
        <source>新增联系单位</source>
        <translation>New contact unit</translation>
    </message>
    <message>
        <source>新增采集点</source>
        <translation>New collection point</translation>
    </message>
    <message>
        <source>新增信息员</source>
        <translation>New informant</translation>
    </message>
    <message>
        <source>联系单位 {0} 个 · 采集点 {1} 个 · 信息员 {2} 名</source>
        <translation>{0} contact units · {1} collection points · {2} informants</translation>
    </message>
</context>
<context>
    <name>NewEnterpriseDialog</name>
    <message>
        <source>新建企业档案</source>
        <translation>New enterprise file</translation>
    </message>
</context>
<context>
    <name>NewMatterDialog</name>
    <message>
        <source>登记监督事项</source>
        <translation>Register supervision matter</translation>
    </message>
    <message>
        <source>输入企业名称查找</source>
        <translation>Type an enterprise name to search</translation>
    </message>
    <message>
        <source>查找企业</source>
        <translation>Find enterprise</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>12351工单编号</source>
        <translation>12351 order number</translation>
    </message>
    <message>
        <source>工单</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>反映人（可匿名）</source>
        <translation>Reported by (may be anonymous)</translation>
    </message>
    <message>
        <source>反映人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>违法类别</source>
        <translation>Violation category</translation>
    </message>
    <message>
        <source>发现的事实：时间、地点、涉及人数、金额……</source>
        <translation>Facts found: when, where, how many workers, amounts…</translation>
    </message>
    <message>
        <source>事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <source>（发现问题）</source>
        <translation>(problem found)</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>发出公开提示</source>
        <translation>Issue public notice</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>所选名单中没有企业</source>
        <translation>The chosen list has no enterprise</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>企业档案</source>
        <translation>Enterprises</translation>
    </message>
</context>
<context>
    <name>PartnerTableModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>优惠或服务</source>
        <translation>Discount or service</translation>
    </message>
    <message>
        <source>营业时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>使用人次</source>
        <translation>Uses</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>人员/角色</source>
        <translation>Person/role</translation>
    </message>
    <message>
        <source>日志条数</source>
        <translation>Log entries</translation>
    </message>
    <message>
        <source>巡查次数</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <source>涉及企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>推动解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
    <message>
        <source>记工作日志</source>
        <translation>Log work</translation>
    </message>
    <message>
        <source>统计起始日期</source>
        <translation>Figures from</translation>
    </message>
    <message>
        <source>请先选择一位人员</source>
        <translation>Select a person first</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>{n} 张</source>
        <translation>{n} photo(s)</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>最多 {n} 张，其余未添加</source>
        <translation>At most {n} photos; the others were not added</translation>
    </message>
    <message>
        <source>无法读取 {name}：{err}</source>
        <translation>Cannot read {name}: {err}</translation>
    </message>
    <message>
        <source>{name} 不是可识别的图片</source>
        <translation>{name} is not an image that can be read</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>在地图上放置：{0}</source>
        <translation>Place on map: {0}</translation>
    </message>
    <message>
        <source>地址：{0}。滚轮缩放，拖动平移，单击放置位置。</source>
        <translation>Address: {0}. Wheel to zoom, drag to pan, click to place.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>检查识别结果</source>
        <translation>Check what was recognised</translation>
    </message>
    <message>
        <source>编辑列映射…</source>
        <translation>Edit column mapping…</translation>
    </message>
    <message>
        <source>只检查，不写入（试运行）</source>
        <translation>Check only, write nothing (dry run)</translation>
    </message>
    <message>
        <source>编码：{encoding}</source>
        <translation>Encoding: {encoding}</translation>
    </message>
    <message>
        <source>表头在第 {row} 行</source>
        <translation>Header in row {row}</translation>
    </message>
    <message>
        <source>数据约 {n} 行</source>
        <translation>About {n} data rows</translation>
    </message>
    <message>
        <source>来源：{source}</source>
        <translation>Source: {source}</translation>
    </message>
    <message>
        <source>工作表：{sheet}</source>
        <translation>Worksheet: {sheet}</translation>
    </message>
    <message>
        <source>列映射：</source>
        <translation>Column mapping:</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>列映射不完整</source>
        <translation>The column mapping is incomplete</translation>
    </message>
</context>
<context>
    <name>QuestionnairesTab</name>
    <message>
        <source>填写问卷</source>
        <translation>Fill in questionnaire</translation>
    </message>
    <message>
        <source>导出XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>题目</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>选项或指标</source>
        <translation>Option or figure</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>占有效问卷</source>
        <translation>Share of valid</translation>
    </message>
    <message>
        <source>全部征询</source>
        <translation>All consultations</translation>
    </message>
    <message>
        <source>没有问卷定义</source>
        <translation>No questionnaire definitions</translation>
    </message>
    <message>
        <source>有效问卷 {0} 份，无效 {1} 份</source>
        <translation>{0} valid, {1} invalid</translation>
    </message>
    <message>
        <source>平均 {0:.1f}（最小 {1:g}，最大 {2:g}）</source>
        <translation>Mean {0:.1f} (min {1:g}, max {2:g})</translation>
    </message>
    <message>
        <source>文字回答</source>
        <translation>Text answers</translation>
    </message>
    <message>
        <source>问卷已保存，计为无效问卷：{0}</source>
        <translation>Questionnaire saved and counted as invalid: {0}</translation>
    </message>
    <message>
        <source>导出问卷</source>
        <translation>Export questionnaire</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>问卷已导出：{0}</source>
        <translation>Questionnaire exported: {0}</translation>
    </message>
</context>
<context>
    <name>ReceptionDialog</name>
    <message>
        <source>来访接待登记</source>
        <translation>Register a walk-in</translation>
    </message>
    <message>
        <source>职工所说的单位名称（可不填）</source>
        <translation>Employer as the worker named it (optional)</translation>
    </message>
    <message>
        <source>接待时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>接待地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>接待网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>来访职工</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>反映的单位</source>
        <translation>Employer named</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>反映的问题</source>
        <translation>Problem reported</translation>
    </message>
    <message>
        <source>涉及职工人数</source>
        <translation>Workers involved</translation>
    </message>
</context>
<context>
    <name>ReceptionTab</name>
    <message>
        <source>只看待处理</source>
        <translation>Pending only</translation>
    </message>
    <message>
        <source>登记来访</source>
        <translation>Register walk-in</translation>
    </message>
    <message>
        <source>立案</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>转监督事项</source>
        <translation>Turn into matter</translation>
    </message>
    <message>
        <source>当场解答</source>
        <translation>Answered on the spot</translation>
    </message>
    <message>
        <source>来访已登记</source>
        <translation>Walk-in registered</translation>
    </message>
    <message>
        <source>请先在列表中选择一条接待记录</source>
        <translation>Select a reception in the list first</translation>
    </message>
    <message>
        <source>已立案：{n}</source>
        <translation>Case opened: {n}</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <source>移送部门</source>
        <translation>Refer to department</translation>
    </message>
    <message>
        <source>部门名单为空：请办公室在“移送联动”中新增部门，或同步后再试</source>
        <translation>The department list is empty: the office adds departments under Referrals, or sync and try again</translation>
    </message>
    <message>
        <source>接收部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>移送日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>移送说明</source>
        <translation>Referral note</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <source>只看逾期未答复</source>
        <translation>Overdue without answer only</translation>
    </message>
    <message>
        <source>12351工单编号</source>
        <translation>12351 order number</translation>
    </message>
    <message>
        <source>监督事项标题</source>
        <translation>Matter title</translation>
    </message>
    <message>
        <source>建议书文号</source>
        <translation>Recommendation number</translation>
    </message>
    <message>
        <source>输入编号或标题</source>
        <translation>Number or title</translation>
    </message>
    <message>
        <source>登记答复</source>
        <translation>Record answer</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>新增部门</source>
        <translation>Add department</translation>
    </message>
    <message>
        <source>移送/派往部门</source>
        <translation>Refer/dispatch to department</translation>
    </message>
    <message>
        <source>请先在列表中选择一条移送记录</source>
        <translation>Select a referral in the list first</translation>
    </message>
    <message>
        <source>找不到“{n}”，请核对编号或标题</source>
        <translation>Nothing found for “{n}”; check the number or title</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>统计报表</source>
        <translation>Statistics</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出月报XLSX…</source>
        <translation>Export monthly report (XLSX)…</translation>
    </message>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>走访次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>新建工会</source>
        <translation>Unions established</translation>
    </message>
    <message>
        <source>发展会员</source>
        <translation>Members recruited</translation>
    </message>
    <message>
        <source>新增监督事项</source>
        <translation>New matters</translation>
    </message>
    <message>
        <source>办结监督事项</source>
        <translation>Matters resolved</translation>
    </message>
    <message>
        <source>超期监督事项</source>
        <translation>Overdue matters</translation>
    </message>
    <message>
        <source>发出一函两书</source>
        <translation>Letters issued</translation>
    </message>
    <message>
        <source>受理12351工单</source>
        <translation>12351 orders received</translation>
    </message>
    <message>
        <source>超期工单</source>
        <translation>Overdue orders</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>建会与会员</source>
        <translation>Unions and members</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matters</translation>
    </message>
    <message>
        <source>一函两书</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>12351工单</source>
        <translation>12351 work orders</translation>
    </message>
    <message>
        <source>立法联系点</source>
        <translation>Legislative contact point</translation>
    </message>
    <message>
        <source>法律监督</source>
        <translation>Legal supervision</translation>
    </message>
    <message>
        <source>工会建设</source>
        <translation>Union building</translation>
    </message>
    <message>
        <source>结束月份早于开始月份</source>
        <translation>The end month is before the start month</translation>
    </message>
    <message>
        <source>各网格每月走访次数</source>
        <translation>Visits per grid and month</translation>
    </message>
    <message>
        <source>各网格新建工会与发展会员</source>
        <translation>Unions established and members recruited per grid</translation>
    </message>
    <message>
        <source>新建工会（家）</source>
        <translation>Unions established</translation>
    </message>
    <message>
        <source>发展会员（人）</source>
        <translation>Members recruited</translation>
    </message>
    <message>
        <source>监督事项：新增、办结与超期</source>
        <translation>Supervision matters: new, resolved and overdue</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>超期未结</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>每月发出的一函两书</source>
        <translation>Letters issued per month</translation>
    </message>
    <message>
        <source>12351工单办理状态（超期 {n} 张）</source>
        <translation>12351 work orders by status ({n} overdue)</translation>
    </message>
    <message>
        <source>基层立法联系点：意见建议的收集、报送和采纳</source>
        <translation>Legislative contact point: suggestions collected, sent and adopted</translation>
    </message>
    <message>
        <source>收集</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>归纳</source>
        <translation>Summarised</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>采纳</source>
        <translation>Adopted</translation>
    </message>
    <message>
        <source>部分采纳</source>
        <translation>Partly adopted</translation>
    </message>
    <message>
        <source>未采纳</source>
        <translation>Not adopted</translation>
    </message>
    <message>
        <source>有效问卷</source>
        <translation>Valid questionnaires</translation>
    </message>
    <message>
        <source>条数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>导出月报</source>
        <translation>Export monthly report</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>文件被占用或没有写入权限</source>
        <translation>the file is in use or cannot be written</translation>
    </message>
    <message>
        <source>导出失败：{reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>登记任务反馈</source>
        <translation>Record task reply</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>反馈日期</source>
        <translation>Replied on</translation>
    </message>
    <message>
        <source>反馈说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>条款，如：第十二条（可不填）</source>
        <translation>Article, e.g. Article 12 (optional)</translation>
    </message>
    <message>
        <source>建议{0}</source>
        <translation>Suggestion {0}</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>{name} 的角色</source>
        <translation>Roles of {name}</translation>
    </message>
</context>
<context>
    <name>RouteSketch</name>
    <message>
        <source>当天没有带坐标的走访点</source>
        <translation>No visits with coordinates on this day</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>冲突规则</source>
        <translation>Conflict rules</translation>
    </message>
    <message>
        <source>导入时按以下规则自动处理来源之间的冲突，处理方式记入冲突记录；规则未覆盖的冲突仍由人工确认。</source>
        <translation>Imports settle disagreements between sources by these rules and record how; conflicts no rule covers still wait for a person.</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>所有字段</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>容差（相差不超过百分比时不算冲突）</source>
        <translation>Tolerance (a difference within the percentage is no conflict)</translation>
    </message>
    <message>
        <source>来源优先</source>
        <translation>Source priority</translation>
    </message>
    <message>
        <source>最新名录优先</source>
        <translation>Newest list wins</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>容差</source>
        <translation>Tolerance</translation>
    </message>
    <message>
        <source>任一来源</source>
        <translation>Any source</translation>
    </message>
    <message>
        <source>容差内采用其新数值的来源</source>
        <translation>Source whose newer figure is taken within the tolerance</translation>
    </message>
    <message>
        <source>来源代码按优先顺序，以逗号分隔：market 市场监管、tax 税务、hr 人社、civil 民政、members 工会会员库、current 档案现值</source>
        <translation>Source codes in order of priority, separated by commas: market, tax, hr, civil, members, current (the file as it stands)</translation>
    </message>
    <message>
        <source>来源顺序</source>
        <translation>Source order</translation>
    </message>
    <message>
        <source>添加规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>删除所选规则</source>
        <translation>Delete the selected rule</translation>
    </message>
    <message>
        <source>按规则处理现有冲突</source>
        <translation>Apply the rules to open conflicts</translation>
    </message>
    <message>
        <source>（已停用）</source>
        <translation> (disabled)</translation>
    </message>
    <message>
        <source>来源顺序有误</source>
        <translation>Source order not valid</translation>
    </message>
    <message>
        <source>来源顺序只能由 market、tax、hr、civil、members、current 组成，以逗号分隔</source>
        <translation>The source order may only list market, tax, hr, civil, members and current, separated by commas</translation>
    </message>
    <message>
        <source>按规则处理了 {n} 条冲突（可在冲突列表下方撤销）</source>
        <translation>{n} conflicts settled by the rules (undo below the conflict list)</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>导入在一个事务中完成：取消或出错时不会留下任何改动。</source>
        <translation>The import runs in one transaction: cancelling or an error leaves nothing changed.</translation>
    </message>
    <message>
        <source>准备中…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>取消导入</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>{phase}：{done}{of} 行，每秒 {rate} 行</source>
        <translation>{phase}: {done}{of} rows, {rate} rows per second</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>导入已取消，数据库未作任何改动。</source>
        <translation>Import cancelled; nothing in the database was changed.</translation>
    </message>
    <message>
        <source>导入失败，数据库未作任何改动：{error}</source>
        <translation>Import failed; nothing in the database was changed: {error}</translation>
    </message>
</context>
<context>
    <name>SelectionWidget</name>
    <message>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>按行业</source>
        <translation>By industry</translation>
    </message>
    <message>
        <source>专项行动名单</source>
        <translation>Campaign list</translation>
    </message>
    <message>
        <source>选择方式</source>
        <translation>Choose by</translation>
    </message>
    <message>
        <source>名单</source>
        <translation>List</translation>
    </message>
    <message>
        <source>请选择名单</source>
        <translation>Choose a list</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>报送建议</source>
        <translation>Send suggestions</translation>
    </message>
    <message>
        <source>将所选 {0} 条建议报送人大常委会法工委。</source>
        <translation>Send the {0} selected suggestions to the congress&apos;s legislative affairs commission.</translation>
    </message>
    <message>
        <source>报送文件的文号，如 示工〔2026〕12号</source>
        <translation>Document number, e.g. 示工〔2026〕12号</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document number</translation>
    </message>
    <message>
        <source>报送日期</source>
        <translation>Sent on</translation>
    </message>
</context>
<context>
    <name>ServiceTableModel</name>
    <message>
        <source>请求日期</source>
        <translation>Requested on</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>服务类型</source>
        <translation>Kind of service</translation>
    </message>
    <message>
        <source>提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>具体提供者</source>
        <translation>Provided by</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>签名未确认</source>
        <translation>Signature not confirmed</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>按住鼠标左键在此签名</source>
        <translation>Hold the left mouse button and sign here</translation>
    </message>
    <message>
        <source>请在此处签名</source>
        <translation>Please sign here</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>案件步骤</source>
        <translation>Case step</translation>
    </message>
    <message>
        <source> 元</source>
        <translation> yuan</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>追回金额（结案时填写）</source>
        <translation>Amount recovered (when closing)</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>该案件已结案，没有可执行的步骤</source>
        <translation>This case is closed; no step is left</translation>
    </message>
</context>
<context>
    <name>SuggestionDialog</name>
    <message>
        <source>新增建议</source>
        <translation>New suggestion</translation>
    </message>
    <message>
        <source>座谈会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>征询任务</source>
        <translation>Consultation task</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>草案</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>信息员</source>
        <translation>Informant</translation>
    </message>
    <message>
        <source>条款</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>建议内容</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>收集日期</source>
        <translation>Collected on</translation>
    </message>
</context>
<context>
    <name>SuggestionsTab</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>待办（已收集、已报送）</source>
        <translation>To do (collected, sent)</translation>
    </message>
    <message>
        <source>搜索建议内容或条款</source>
        <translation>Search suggestions or articles</translation>
    </message>
    <message>
        <source>新增建议</source>
        <translation>New suggestion</translation>
    </message>
    <message>
        <source>归纳所选</source>
        <translation>Summarise selected</translation>
    </message>
    <message>
        <source>报送所选</source>
        <translation>Send selected</translation>
    </message>
    <message>
        <source>记录采纳结果</source>
        <translation>Record outcome</translation>
    </message>
    <message>
        <source>转为监督事项</source>
        <translation>Make supervision matter</translation>
    </message>
    <message>
        <source>全部草案</source>
        <translation>All drafts</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} in all</translation>
    </message>
    <message>
        <source>请先新建一项征询，再登记对它的建议</source>
        <translation>Create a consultation first, then record suggestions on it.</translation>
    </message>
    <message>
        <source>归纳至少需要选择两条建议（按住 Ctrl 多选）</source>
        <translation>Select at least two suggestions to summarise (hold Ctrl to select several).</translation>
    </message>
    <message>
        <source>请写出归纳后的建议</source>
        <translation>Write the summarised suggestion.</translation>
    </message>
    <message>
        <source>请先选择要报送的建议</source>
        <translation>Select the suggestions to send first.</translation>
    </message>
    <message>
        <source>请选择一条已报送的建议</source>
        <translation>Select one suggestion that was sent.</translation>
    </message>
    <message>
        <source>请选择一条反映违法问题的建议</source>
        <translation>Select one suggestion that reports a violation.</translation>
    </message>
    <message>
        <source>这条建议已经转为监督事项</source>
        <translation>This suggestion is already a supervision matter.</translation>
    </message>
    <message>
        <source>找不到这家企业，请从列表中选择，或输入完整的企业名称</source>
        <translation>Enterprise not found: pick it from the list or type its full name.</translation>
    </message>
    <message>
        <source>已登记监督事项：{0}</source>
        <translation>Supervision matter registered: {0}</translation>
    </message>
    <message>
        <source>归纳自：</source>
        <translation>Summarised from:</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestions</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>拒绝的行与警告：</source>
        <translation>Rejected rows and warnings:</translation>
    </message>
    <message>
        <source>导出为 CSV…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <source>正在按所选导入这些行…</source>
        <translation>Importing these rows as chosen…</translation>
    </message>
    <message>
        <source>导出拒绝的行</source>
        <translation>Export rejected rows</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>无法写入 {path}：{error}</source>
        <translation>Cannot write {path}: {error}</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>同步时出错：{error}</source>
        <translation>Sync error: {error}</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <source>企业档案</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>成立日期</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <source>职工人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>建会情况</source>
        <translation>Union status</translation>
    </message>
    <message>
        <source>建会日期</source>
        <translation>Union established on</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Union members</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>走访内容</source>
        <translation>Visit content</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>与区服务器同步（{key}）</source>
        <translation>Sync with the district server ({key})</translation>
    </message>
    <message>
        <source>未登录服务器</source>
        <translation>Not logged in to the server</translation>
    </message>
    <message>
        <source>设备登录已被撤销</source>
        <translation>This device&apos;s login was revoked</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>服务器无法连接（上次同步 {time}）</source>
        <translation>Server unreachable (last sync {time})</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>上次同步 {time}</source>
        <translation>Last sync {time}</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>待同步 {n}</source>
        <translation>{n} to sync</translation>
    </message>
    <message>
        <source>冲突 {n}</source>
        <translation>{n} conflicts</translation>
    </message>
    <message>
        <source>需处理 {n}</source>
        <translation>{n} need attention</translation>
    </message>
    <message>
        <source>登录…</source>
        <translation>Log in…</translation>
    </message>
    <message>
        <source>服务器已撤销此设备的登录（例如设备被挂失）。本机未同步的修改仍然保留；请联系管理员后重新登录。</source>
        <translation>The server has revoked this device&apos;s login (for example because the device was reported lost). Changes not yet synced are still kept on this computer; please contact your administrator and log in again.</translation>
    </message>
</context>
<context>
    <name>SyncValues</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>TargetModel</name>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>职工人数</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>建会状态</source>
        <translation>Union status</translation>
    </message>
    <message>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>未结事项</source>
        <translation>Open matters</translation>
    </message>
    <message>
        <source>优先分</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>从未走访</source>
        <translation>Never visited</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>发送征询任务</source>
        <translation>Send consultation tasks</translation>
    </message>
    <message>
        <source>勾选接收任务的信息员、联系单位和采集点：</source>
        <translation>Tick the informants, contact units and collection points that receive the task:</translation>
    </message>
    <message>
        <source>发送日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>反馈期限</source>
        <translation>Reply due</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>职工人数门槛</source>
        <translation>Employee threshold</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> employees</translation>
    </message>
    <message>
        <source>标记为筹建中</source>
        <translation>Mark as preparing</translation>
    </message>
    <message>
        <source>登记已建会…</source>
        <translation>Record union established…</translation>
    </message>
    <message>
        <source>开始走访</source>
        <translation>Start visit</translation>
    </message>
    <message>
        <source>为选中的企业新建走访记录（双击或回车打开企业档案）</source>
        <translation>New visit record for the selected enterprise (double-click or Enter opens its file)</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>共 {n} 家建会目标</source>
        <translation>{n} union targets</translation>
    </message>
    <message>
        <source>无法登记</source>
        <translation>Cannot record</translation>
    </message>
</context>
<context>
    <name>ToMatterDialog</name>
    <message>
        <source>转为监督事项</source>
        <translation>Make supervision matter</translation>
    </message>
    <message>
        <source>监督事项须关联企业档案：输入并选择企业</source>
        <translation>A matter needs an enterprise of the file: type and choose it</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>请从企业档案中选择企业</source>
        <translation>Choose an enterprise from the file</translation>
    </message>
    <message>
        <source>涉及企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>核实情况</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <source>核实日期</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>确认单位已承诺整改，并设定整改期限？</source>
        <translation>Confirm that the employer has promised to rectify, and set a deadline?</translation>
    </message>
    <message>
        <source>确认已到现场或通过材料核实整改到位？请写明核实情况。</source>
        <translation>Confirm that the rectification was verified on site or from documents? Please describe the verification.</translation>
    </message>
    <message>
        <source>确认单位拒不整改，将事项移送有关部门（建议书）？</source>
        <translation>Confirm that the employer refuses to rectify, and refer the matter to the authorities (recommendation letter)?</translation>
    </message>
    <message>
        <source>确认办结此事项？办结后不能再修改。</source>
        <translation>Close this matter? It cannot be changed once closed.</translation>
    </message>
    <message>
        <source>确认经核查不属实或不属于监督范围，办结此事项？请说明理由。</source>
        <translation>Close this matter because it proved untrue or outside the scope of supervision? Please give the reason.</translation>
    </message>
    <message>
        <source>确认复查发现问题未整改到位，重新进入整改？</source>
        <translation>Confirm that the re-check found the problem not rectified, and send the matter back to rectification?</translation>
    </message>
</context>
<context>
    <name>UnionFiguresView</name>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>新建工会组织</source>
        <translation>Unions founded</translation>
    </message>
    <message>
        <source>覆盖单位</source>
        <translation>Covered units</translation>
    </message>
    <message>
        <source>新入会会员</source>
        <translation>New members</translation>
    </message>
    <message>
        <source>转入会员</source>
        <translation>Transferred members</translation>
    </message>
    <message>
        <source>新就业形态新会员</source>
        <translation>New members from new forms of employment</translation>
    </message>
    <message>
        <source>集中入会人数</source>
        <translation>Enrolled in drives</translation>
    </message>
    <message>
        <source>服务请求</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <source>服务办结</source>
        <translation>Services delivered</translation>
    </message>
    <message>
        <source>服务超期未办</source>
        <translation>Services overdue</translation>
    </message>
    <message>
        <source>友好商户</source>
        <translation>Friendly partners</translation>
    </message>
    <message>
        <source>友好商户使用人次</source>
        <translation>Partner uses</translation>
    </message>
</context>
<context>
    <name>UnionTableModel</name>
    <message>
        <source>工会名称</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>组织形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>建会状态</source>
        <translation>Union status</translation>
    </message>
    <message>
        <source>当前步骤</source>
        <translation>Current step</translation>
    </message>
    <message>
        <source>批复日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>覆盖单位</source>
        <translation>Covered units</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>年度体检得分</source>
        <translation>Yearly check score</translation>
    </message>
</context>
<context>
    <name>Unions</name>
    <message>
        <source>单独建会</source>
        <translation>Single-employer union</translation>
    </message>
    <message>
        <source>联合工会</source>
        <translation>Joint union</translation>
    </message>
    <message>
        <source>楼宇工会</source>
        <translation>Building union</translation>
    </message>
    <message>
        <source>商圈工会</source>
        <translation>Business-district union</translation>
    </message>
    <message>
        <source>行业工会</source>
        <translation>Industry union</translation>
    </message>
    <message>
        <source>区域工会</source>
        <translation>Area union</translation>
    </message>
    <message>
        <source>站点/网点工会</source>
        <translation>Station union</translation>
    </message>
    <message>
        <source>快递站点</source>
        <translation>Express station</translation>
    </message>
    <message>
        <source>小微企业</source>
        <translation>Small firm</translation>
    </message>
    <message>
        <source>商户</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>申请</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>筹备组</source>
        <translation>Preparatory group</translation>
    </message>
    <message>
        <source>会员大会/选举</source>
        <translation>Members&apos; assembly / election</translation>
    </message>
    <message>
        <source>上级批复</source>
        <translation>Approval by the higher union</translation>
    </message>
    <message>
        <source>法人资格登记</source>
        <translation>Legal-person registration</translation>
    </message>
    <message>
        <source>未建会</source>
        <translation>No union</translation>
    </message>
    <message>
        <source>筹建中</source>
        <translation>Being founded</translation>
    </message>
    <message>
        <source>已建会</source>
        <translation>Union founded</translation>
    </message>
    <message>
        <source>快递员</source>
        <translation>Couriers</translation>
    </message>
    <message>
        <source>外卖骑手</source>
        <translation>Delivery riders</translation>
    </message>
    <message>
        <source>网约车司机</source>
        <translation>Ride-hailing drivers</translation>
    </message>
    <message>
        <source>货车司机</source>
        <translation>Truck drivers</translation>
    </message>
    <message>
        <source>其他职工</source>
        <translation>Other workers</translation>
    </message>
    <message>
        <source>待办理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>无法办理</source>
        <translation>Could not be delivered</translation>
    </message>
    <message>
        <source>工会办公室</source>
        <translation>Union office</translation>
    </message>
    <message>
        <source>律师</source>
        <translation>Lawyer</translation>
    </message>
    <message>
        <source>友好商户/机构</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>职能部门</source>
        <translation>Government department</translation>
    </message>
    <message>
        <source>友好商户</source>
        <translation>Friendly partners</translation>
    </message>
    <message>
        <source>友好食堂</source>
        <translation>Friendly canteen</translation>
    </message>
    <message>
        <source>友好童心港湾</source>
        <translation>After-school care</translation>
    </message>
    <message>
        <source>爱心驿站</source>
        <translation>Rest stop</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>技能培训需求</source>
        <translation>Skills training</translation>
    </message>
    <message>
        <source>法律咨询</source>
        <translation>Legal advice</translation>
    </message>
    <message>
        <source>招聘信息发布</source>
        <translation>Job postings</translation>
    </message>
    <message>
        <source>子女托管</source>
        <translation>Childcare</translation>
    </message>
    <message>
        <source>就餐</source>
        <translation>Meals</translation>
    </message>
    <message>
        <source>困难帮扶</source>
        <translation>Hardship support</translation>
    </message>
    <message>
        <source>政策宣讲</source>
        <translation>Policy briefing</translation>
    </message>
    <message>
        <source>建会指导</source>
        <translation>Help founding a union</translation>
    </message>
    <message>
        <source>友好商户：{n}</source>
        <translation>Friendly partner: {n}</translation>
    </message>
    <message>
        <source>体检未达标：{n}（{p}%）</source>
        <translation>Below the line in the yearly check: {n} ({p}%)</translation>
    </message>
    <message>
        <source>工会建设</source>
        <translation>Union building</translation>
    </message>
    <message>
        <source>工会与服务</source>
        <translation>Union and services</translation>
    </message>
    <message>
        <source>建会状态由工会组织“{n}”的建会步骤得出，请在“工会建设”页修改</source>
        <translation>The union status follows the founding steps of “{n}”; change it on the Union building page</translation>
    </message>
</context>
<context>
    <name>UnionsPage</name>
    <message>
        <source>工会组织</source>
        <translation>Unions</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>服务跟踪</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>友好商户</source>
        <translation>Friendly partners</translation>
    </message>
    <message>
        <source>运行体检</source>
        <translation>Yearly check</translation>
    </message>
    <message>
        <source>建会前后对比</source>
        <translation>Before/after founding</translation>
    </message>
    <message>
        <source>搜索工会名称或地址</source>
        <translation>Search union name or address</translation>
    </message>
    <message>
        <source>全部组织形式</source>
        <translation>All forms</translation>
    </message>
    <message>
        <source>仅看体检未达标</source>
        <translation>Only unions below the line</translation>
    </message>
    <message>
        <source>新建工会…</source>
        <translation>New union…</translation>
    </message>
    <message>
        <source>添加覆盖单位…</source>
        <translation>Add covered unit…</translation>
    </message>
    <message>
        <source>记录建会步骤…</source>
        <translation>Record founding step…</translation>
    </message>
    <message>
        <source>年度体检…</source>
        <translation>Yearly check…</translation>
    </message>
    <message>
        <source>记录会员人数…</source>
        <translation>Record member count…</translation>
    </message>
    <message>
        <source>重新计算建会状态</source>
        <translation>Recompute union status</translation>
    </message>
    <message>
        <source>按姓名或完整身份证号查找</source>
        <translation>Find by name or full ID number</translation>
    </message>
    <message>
        <source>全部群体</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>仅新就业形态</source>
        <translation>New forms of employment only</translation>
    </message>
    <message>
        <source>导入会员库…</source>
        <translation>Import member registry…</translation>
    </message>
    <message>
        <source>登记集中入会…</source>
        <translation>Record enrolment drive…</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>仅看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>从走访记录生成</source>
        <translation>Create from visit records</translation>
    </message>
    <message>
        <source>更新办理情况…</source>
        <translation>Update handling…</translation>
    </message>
    <message>
        <source>服务类型…</source>
        <translation>Kinds of service…</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>新增友好商户…</source>
        <translation>New friendly partner…</translation>
    </message>
    <message>
        <source>登记使用人次…</source>
        <translation>Record uses…</translation>
    </message>
    <message>
        <source>打印本网格清单…</source>
        <translation>Print this grid&apos;s list…</translation>
    </message>
    <message>
        <source>工会名称</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>组织形式</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>体检年度</source>
        <translation>Check year</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>失分原因</source>
        <translation>Points lost for</translation>
    </message>
    <message>
        <source>编辑体检清单…</source>
        <translation>Edit check list…</translation>
    </message>
    <message>
        <source>最近一次年度体检得分低于{n}%的工会（转起来、强起来）</source>
        <translation>Unions whose latest yearly check scored below {n}% (running and growing strong)</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>建会日期</source>
        <translation>Founded on</translation>
    </message>
    <message>
        <source>12351工单（前/后）</source>
        <translation>12351 orders (before/after)</translation>
    </message>
    <message>
        <source>监督事项（前/后）</source>
        <translation>Matters (before/after)</translation>
    </message>
    <message>
        <source>人数波动率（前/后）</source>
        <translation>Headcount churn (before/after)</translation>
    </message>
    <message>
        <source>工单变化</source>
        <translation>Change in orders</translation>
    </message>
    <message>
        <source>事项变化</source>
        <translation>Change in matters</translation>
    </message>
    <message>
        <source>建会前后各一年：12351工单、监督事项和人数波动（来自数据池和走访的职工人数）</source>
        <translation>One year before and after founding: 12351 orders, supervision matters and headcount churn (headcounts from the data pool and visits)</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>共 {n} 个</source>
        <translation>{n} in total</translation>
    </message>
    <message>
        <source>共 {n} 人；新就业形态会员 {m} 人</source>
        <translation>{n} in total; {m} from new forms of employment</translation>
    </message>
    <message>
        <source>共 {n} 条；超期 {m} 条</source>
        <translation>{n} in total; {m} overdue</translation>
    </message>
    <message>
        <source>共 {n} 家</source>
        <translation>{n} in total</translation>
    </message>
    <message>
        <source>主席：{c}（委员 {n} 人）</source>
        <translation>Chair: {c} ({n} committee members)</translation>
    </message>
    <message>
        <source>已登记工会“{n}”</source>
        <translation>Registered union “{n}”</translation>
    </message>
    <message>
        <source>请先在列表中选择一个工会</source>
        <translation>Please select a union in the list first</translation>
    </message>
    <message>
        <source>请输入要覆盖的单位名称</source>
        <translation>Please enter the name of the unit to cover</translation>
    </message>
    <message>
        <source>没有找到名称含“{t}”的企业</source>
        <translation>No enterprise name contains “{t}”</translation>
    </message>
    <message>
        <source>找到多家名称含“{t}”的企业，请输入完整名称</source>
        <translation>Several enterprises match “{t}”; please enter the full name</translation>
    </message>
    <message>
        <source>已添加覆盖单位“{n}”</source>
        <translation>Added covered unit “{n}”</translation>
    </message>
    <message>
        <source>已记录建会步骤</source>
        <translation>Founding step recorded</translation>
    </message>
    <message>
        <source>已保存年度体检</source>
        <translation>Yearly check saved</translation>
    </message>
    <message>
        <source>已记录会员人数</source>
        <translation>Member count recorded</translation>
    </message>
    <message>
        <source>已重新计算建会状态：{n} 家企业有变化</source>
        <translation>Union status recomputed: {n} enterprises changed</translation>
    </message>
    <message>
        <source>多人以“、”分隔</source>
        <translation>Separate several names with 、</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>主席</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>委员</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>新建工会</source>
        <translation>New union</translation>
    </message>
    <message>
        <source>企业、商户或快递站点的名称</source>
        <translation>Name of the enterprise, shop or express station</translation>
    </message>
    <message>
        <source>添加覆盖单位</source>
        <translation>Add covered unit</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Kind of unit</translation>
    </message>
    <message>
        <source>记录建会步骤</source>
        <translation>Record founding step</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>年度体检</source>
        <translation>Yearly check</translation>
    </message>
    <message>
        <source>记录会员人数</source>
        <translation>Record member count</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>其中新就业形态</source>
        <translation>Of them, new forms of employment</translation>
    </message>
    <message>
        <source>体检清单可在此文件中编辑（JSON）：{p}</source>
        <translation>The check list can be edited in this file (JSON): {p}</translation>
    </message>
    <message>
        <source>选择会员库文件</source>
        <translation>Choose member registry file</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>正在导入 {f}…</source>
        <translation>Importing {f}…</translation>
    </message>
    <message>
        <source>导入失败，请检查文件</source>
        <translation>Import failed; please check the file</translation>
    </message>
    <message>
        <source>已登记集中入会</source>
        <translation>Enrolment drive recorded</translation>
    </message>
    <message>
        <source>（不指定工会）</source>
        <translation>(no union)</translation>
    </message>
    <message>
        <source>工会</source>
        <translation>Union</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>重点群体</source>
        <translation>Key group</translation>
    </message>
    <message>
        <source>入会人数</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>其中首次入会</source>
        <translation>Of them, first-time members</translation>
    </message>
    <message>
        <source>登记集中入会</source>
        <translation>Record enrolment drive</translation>
    </message>
    <message>
        <source>从走访记录新生成 {n} 条服务请求</source>
        <translation>{n} new service requests from visit records</translation>
    </message>
    <message>
        <source>已更新服务请求</source>
        <translation>Service request updated</translation>
    </message>
    <message>
        <source>请先在列表中选择一条服务请求</source>
        <translation>Please select a service request in the list first</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>提供方</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>具体提供者</source>
        <translation>Provided by</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>更新办理情况</source>
        <translation>Update handling</translation>
    </message>
    <message>
        <source>已保存服务类型“{n}”</source>
        <translation>Saved kind of service “{n}”</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>办理时限（天）</source>
        <translation>Days to deliver</translation>
    </message>
    <message>
        <source>服务类型</source>
        <translation>Kind of service</translation>
    </message>
    <message>
        <source>已登记友好商户</source>
        <translation>Partner registered</translation>
    </message>
    <message>
        <source>已登记使用人次</source>
        <translation>Uses recorded</translation>
    </message>
    <message>
        <source>经纬度应为数字，例如 120.155 和 30.274</source>
        <translation>Longitude and latitude must be numbers, e.g. 120.155 and 30.274</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>优惠或服务</source>
        <translation>Discount or service</translation>
    </message>
    <message>
        <source>营业时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>有效期自</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>新增友好商户</source>
        <translation>New friendly partner</translation>
    </message>
    <message>
        <source>请先在列表中选择一家友好商户</source>
        <translation>Please select a partner in the list first</translation>
    </message>
    <message>
        <source>登记使用人次</source>
        <translation>Record uses</translation>
    </message>
    <message>
        <source>使用人次</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>报告日期</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <source>请先选择一个网格</source>
        <translation>Please choose a grid first</translation>
    </message>
    <message>
        <source>保存友好商户清单</source>
        <translation>Save partner list</translation>
    </message>
    <message>
        <source>友好商户清单.pdf</source>
        <translation>friendly-partners.pdf</translation>
    </message>
    <message>
        <source>无法保存清单：{e}</source>
        <translation>Could not save the list: {e}</translation>
    </message>
    <message>
        <source>已保存 {p}</source>
        <translation>Saved {p}</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>数据口令</source>
        <translation>Data passphrase</translation>
    </message>
    <message>
        <source>再输入一次</source>
        <translation>Repeat it</translation>
    </message>
    <message>
        <source>数据口令至少要 8 个字符</source>
        <translation>The data passphrase needs at least 8 characters</translation>
    </message>
    <message>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>请输入数据口令</source>
        <translation>Enter the data passphrase</translation>
    </message>
    <message>
        <source>本机数据已锁定</source>
        <translation>Data on this computer is locked</translation>
    </message>
    <message>
        <source>此设备已被区工会撤销</source>
        <translation>The district union office revoked this device</translation>
    </message>
    <message>
        <source>区工会已撤销这台设备（{reason}），本机数据已锁定，程序不会再显示或修改它们。可以先把未上传的工作导出为加密文件交给区工会；区工会办公室账号在本机重新登录后即可解锁。</source>
        <translation>The district union office revoked this device ({reason}); its data is locked and the program will no longer show or change it. You can first export the unsent work to an encrypted file for the office; an office account signing in on this computer unlocks it.</translation>
    </message>
    <message>
        <source>导出未上传的工作…</source>
        <translation>Export unsent work…</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>办公室账号</source>
        <translation>Office account</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>办公室账号登录解锁</source>
        <translation>Unlock with an office sign-in</translation>
    </message>
    <message>
        <source>导出未上传的工作</source>
        <translation>Export unsent work</translation>
    </message>
    <message>
        <source>加密导出文件 (*.uix)</source>
        <translation>Encrypted export (*.uix)</translation>
    </message>
    <message>
        <source>为导出文件设定口令，交给区工会时另行告知（至少 8 个字符）</source>
        <translation>Choose a passphrase for the export file and give it to the office separately (at least 8 characters)</translation>
    </message>
    <message>
        <source>已导出 {n} 项未上传的修改（{rows} 行数据）到 {path}</source>
        <translation>Exported {n} unsent changes ({rows} rows) to {path}</translation>
    </message>
    <message>
        <source>请填写服务器地址、办公室账号和密码</source>
        <translation>Fill in the server address, the office account and its password</translation>
    </message>
    <message>
        <source>本机没有安全的系统密钥库，无法保存数据库密钥。可以设定一个数据口令来加密本机数据（每次打开程序时输入，忘记后数据无法找回），或者取消并先安装、解锁系统密钥库。</source>
        <translation>This computer has no secure system keyring to keep the database key. You can set a data passphrase to encrypt the data here (typed at each start; a forgotten passphrase cannot be recovered), or cancel and install or unlock a system keyring first.</translation>
    </message>
    <message>
        <source>无法打开数据</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>数据口令不对，请重新输入</source>
        <translation>Wrong data passphrase, please try again</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>走访记录 — {name}</source>
        <translation>Visit record — {name}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>关闭时自动保存草稿</source>
        <translation>The draft is saved automatically when you close</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>修改“{label}”</source>
        <translation>Edit “{label}”</translation>
    </message>
    <message>
        <source>找不到该企业档案，无法填写走访记录。</source>
        <translation>The enterprise file cannot be found, so no visit record can be filled in.</translation>
    </message>
    <message>
        <source>填写位置：经度 {lon:.5f}，纬度 {lat:.5f}</source>
        <translation>Filled at: longitude {lon:.5f}, latitude {lat:.5f}</translation>
    </message>
    <message>
        <source>（误差约 {m:.0f} 米）</source>
        <translation> (within about {m:.0f} m)</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>档案记录：{value}</source>
        <translation>On file: {value}</translation>
    </message>
    <message>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>删除这份尚未提交的走访记录</source>
        <translation>Delete this visit record, which has not been submitted</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>提交 (Ctrl+Enter)</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>撤销：{what} (Ctrl+Z)</source>
        <translation>Undo: {what} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>重做：{what} (Ctrl+Shift+Z)</source>
        <translation>Redo: {what} (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>正在修改已提交的走访记录；修改后请重新提交。</source>
        <translation>You are editing a submitted visit record; submit it again when you are done.</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>草稿 · 有未保存的修改</source>
        <translation>Draft · unsaved changes</translation>
    </message>
    <message>
        <source>草稿 · 已自动保存</source>
        <translation>Draft · saved automatically</translation>
    </message>
    <message>
        <source>新走访记录</source>
        <translation>New visit record</translation>
    </message>
    <message>
        <source>草稿未能保存：{error}</source>
        <translation>The draft could not be saved: {error}</translation>
    </message>
    <message>
        <source>确定放弃这份走访记录草稿吗？已填写的内容和照片将被删除。</source>
        <translation>Discard this visit record draft? What has been filled in, and the photos, will be deleted.</translation>
    </message>
    <message>
        <source>走访记录未能提交：{error}</source>
        <translation>The visit record could not be submitted: {error}</translation>
    </message>
    <message>
        <source>本次走访的“{label}”为 {new}，企业档案中为 {old}。是否同时更新企业档案？</source>
        <translation>This visit recorded “{label}” as {new}; the enterprise file says {old}. Update the enterprise file too?</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>更新企业档案</source>
        <translation>Update enterprise file</translation>
    </message>
    <message>
        <source>企业档案未更新</source>
        <translation>Enterprise file not updated</translation>
    </message>
</context>
<context>
    <name>VisitMattersDialog</name>
    <message>
        <source>登记监督事项</source>
        <translation>Register supervision matters</translation>
    </message>
    <message>
        <source>本次走访发现以下问题，每类问题登记一项监督事项；可修改事实后再登记。</source>
        <translation>This visit found the problems below; each kind of problem becomes one supervision matter. You may edit the facts before registering.</translation>
    </message>
    <message>
        <source>未识别类别</source>
        <translation>Category not recognised</translation>
    </message>
    <message>
        <source>（已登记）</source>
        <translation> (registered)</translation>
    </message>
    <message>
        <source>请选择违法类别</source>
        <translation>Choose a violation category</translation>
    </message>
    <message>
        <source>同时起草各事项的提示函（草稿，发出前可修改）</source>
        <translation>Also draft the tips letter of each matter (a draft you can edit before issuing)</translation>
    </message>
    <message>
        <source>登记所选</source>
        <translation>Register selected</translation>
    </message>
    <message>
        <source>暂不登记</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>没有勾选要登记的问题；不登记请点“暂不登记”。</source>
        <translation>No problem is ticked; to register nothing, press &quot;Not now&quot;.</translation>
    </message>
    <message>
        <source>已登记 %1 项监督事项，起草 %2 份提示函</source>
        <translation>Registered %1 supervision matters and drafted %2 tips letters</translation>
    </message>
</context>
<context>
    <name>VisitPlanPage</name>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>周</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>导出路线单…</source>
        <translation>Export route sheet…</translation>
    </message>
    <message>
        <source>开始走访</source>
        <translation>Start visit</translation>
    </message>
    <message>
        <source>为选中的企业新建走访记录（双击或回车打开企业档案）</source>
        <translation>New visit record for the selected enterprise (double-click or Enter opens its file)</translation>
    </message>
    <message>
        <source>尚无网格</source>
        <translation>No grids yet</translation>
    </message>
    <message>
        <source>本周 {n} 次走访（每周至少3次、每家每月一次），路线共约 {km} 公里</source>
        <translation>{n} visits this week (at least 3 a week, each enterprise once a month); routes total about {km} km</translation>
    </message>
    <message>
        <source>；另有 {b} 家逾期企业排到以后</source>
        <translation>; {b} more overdue enterprises are scheduled later</translation>
    </message>
    <message>
        <source>保存路线单</source>
        <translation>Save route sheet</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>无法写入 {path}：{error}</source>
        <translation>Cannot write {path}: {error}</translation>
    </message>
    <message>
        <source>路线单已保存：{path}</source>
        <translation>Route sheet saved: {path}</translation>
    </message>
</context>
<context>
    <name>VisitTimelineModel</name>
    <message>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>WarningTab</name>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>风险分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <source>预警企业</source>
        <translation>Flagged enterprises</translation>
    </message>
    <message>
        <source>高风险</source>
        <translation>High risk</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>按行业</source>
        <translation>By industry</translation>
    </message>
    <message>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>违法线索热力图</source>
        <translation>Violation heat map</translation>
    </message>
    <message>
        <source>重新计算</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>调整权重</source>
        <translation>Edit weights</translation>
    </message>
    <message>
        <source>欠薪月报</source>
        <translation>Monthly arrears note</translation>
    </message>
    <message>
        <source>违法线索（按风险分加权）</source>
        <translation>Violation signals (weighted by risk score)</translation>
    </message>
    <message>
        <source>预警企业 {n} 家，其中高风险 {h} 家（规则见 {file}）</source>
        <translation>{n} enterprises flagged, {h} at high risk (rules in {file})</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>从未走访</source>
        <translation>Never visited</translation>
    </message>
</context>
<context>
    <name>WeightsDialog</name>
    <message>
        <source>预警规则权重</source>
        <translation>Early-warning weights</translation>
    </message>
    <message>
        <source>每条规则的分值 = 权重 × 信号值；企业得分为各项之和。保存后本机使用修改后的权重。</source>
        <translation>Each rule scores weight × signal; an enterprise&apos;s score is the sum. Once saved, this computer uses the edited weights.</translation>
    </message>
    <message>
        <source>高风险分数线</source>
        <translation>High-risk threshold</translation>
    </message>
    <message>
        <source>中风险分数线</source>
        <translation>Medium-risk threshold</translation>
    </message>
    <message>
        <source>中风险分数线应低于高风险分数线</source>
        <translation>The medium-risk threshold must be below the high-risk threshold</translation>
    </message>
</context>
<context>
    <name>WorkLogDialog</name>
    <message>
        <source>记工作日志</source>
        <translation>Log work</translation>
    </message>
    <message>
        <source>（按本人角色）</source>
        <translation>(the person&apos;s roles)</translation>
    </message>
    <message>
        <source>巡查内容、宣讲所用案例等</source>
        <translation>What was patrolled, the case used in a lecture, etc.</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>工作类型</source>
        <translation>Kind of work</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>时长（小时）</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>发现问题数</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>推动解决数</source>
        <translation>Problems resolved</translation>
    </message>
    <message>
        <source>企业“{name}”不在企业档案中</source>
        <translation>The enterprise “{name}” is not in the enterprise file</translation>
    </message>
</context>
<context>
    <name>WorkOrders</name>
    <message>
        <source>已受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已派单</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>已回访</source>
        <translation>Called back</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>疑难</source>
        <translation>Difficult</translation>
    </message>
    <message>
        <source>特别复杂</source>
        <translation>Especially complex</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>签收办理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>退回重办</source>
        <translation>Send back</translation>
    </message>
    <message>
        <source>转为监督事项</source>
        <translation>Turn into supervision matter</translation>
    </message>
    <message>
        <source>咨询类</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <source>求决类</source>
        <translation>Request for action</translation>
    </message>
    <message>
        <source>意见建议类</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation>Employer concerned</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>（超期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>12351工单</source>
        <translation>12351 work orders</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPage</name>
    <message>
        <source>搜索工单编号、单位或主题</source>
        <translation>Search order number, employer or topic</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>新建工单…</source>
        <translation>New order…</translation>
    </message>
    <message>
        <source>导入XLSX…</source>
        <translation>Import XLSX…</translation>
    </message>
    <message>
        <source>导入模板…</source>
        <translation>Import template…</translation>
    </message>
    <message>
        <source>转为监督事项…</source>
        <translation>Turn into matter…</translation>
    </message>
    <message>
        <source>关联企业…</source>
        <translation>Link enterprise…</translation>
    </message>
    <message>
        <source>调整级别…</source>
        <translation>Change level…</translation>
    </message>
    <message>
        <source>共 {n} 张</source>
        <translation>{n} orders</translation>
    </message>
    <message>
        <source>选择一张工单查看详情。</source>
        <translation>Select a work order to see its details.</translation>
    </message>
    <message>
        <source>工单须关联企业档案后才能转为监督事项</source>
        <translation>Link the order to an enterprise file before turning it into a matter</translation>
    </message>
    <message>
        <source>工单编号</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation>Employer concerned</translation>
    </message>
    <message>
        <source>诉求类别</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>办理级别</source>
        <translation>Handling level</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>（已超期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>监督事项</source>
        <translation>Supervision matters</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <source>无法办理</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <source>无法转为监督事项</source>
        <translation>Cannot turn into a matter</translation>
    </message>
    <message>
        <source>没有找到问题类别目录。</source>
        <translation>The problem category catalog was not found.</translation>
    </message>
    <message>
        <source>关联企业</source>
        <translation>Link enterprise</translation>
    </message>
    <message>
        <source>没有名为“{name}”的企业档案。</source>
        <translation>There is no enterprise file named “{name}”.</translation>
    </message>
    <message>
        <source>调整级别</source>
        <translation>Change level</translation>
    </message>
    <message>
        <source>办理级别（时限随之重新计算）</source>
        <translation>Handling level (the deadline is recalculated)</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>无法写入 {path}</source>
        <translation>Cannot write {path}</translation>
    </message>
    <message>
        <source>导入模板已保存：{path}</source>
        <translation>Import template saved: {path}</translation>
    </message>
    <message>
        <source>导入12351工单</source>
        <translation>Import 12351 work orders</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导入 {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>已导入 {n} 张工单，其中 {m} 张已关联企业档案。</source>
        <translation>Imported {n} work orders; {m} of them were linked to enterprise files.</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>未导入任何工单，请修改表格后重新导入：</source>
        <translation>No work orders were imported. Please correct the sheet and import it again:</translation>
    </message>
    <message>
        <source>另有 {n} 处问题。</source>
        <translation>{n} more problems.</translation>
    </message>
    <message>
        <source>导入失败：{error}</source>
        <translation>Import failed: {error}</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
</context>
<context>
    <name>YesNoField</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>_Model</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>_Tab</name>
    <message>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>修改企业信息</source>
        <translation>Edit enterprise information</translation>
    </message>
</context>
</TS>
