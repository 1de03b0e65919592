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
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
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
    <name>ChoiceField</name>
    <message>
        <source>— 请选择 —</source>
        <translation>— Please choose —</translation>
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
    <name>DateField</name>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
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
        <translation>Backup &amp; settings</translation>
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
        <source>注意：12351 标准对一般、疑难、特别复杂工单分别规定了办理时限，但具体天数未能查到，以上为暂定值，请按本地规定修改。新的时限只用于此后受理或调整级别的工单。</source>
        <translation>Note: the 12351 standard sets separate deadlines for ordinary, difficult and especially complex orders, but the actual day counts could not be found. The values above are placeholders; please set them according to your local rules. New deadlines apply only to orders received or re-levelled from now on.</translation>
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
        <translation>Unions &amp; members</translation>
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
        <source>转为监督事项…</source>
        <translation>Turn into matter…</translation>
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
</TS>
