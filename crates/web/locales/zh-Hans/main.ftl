site-name = 湾联
footer = 湾联 — 深港澳科技联盟平台。内容以你所用的字体显示，原文按作者所写保存。
language = 语言
nav-organisations = 机构
nav-people = 人物
nav-alliance = 联盟
nav-memberships = 成员与授牌
nav-audit = 操作日志
nav-users = 账户
nav-api = API
nav-my-registrations = 我的报名
sign-in = 登录
sign-out = 退出登录
back-home = 返回首页
home-title = 深港澳科技联盟
home-intro = 联盟名录：成员单位、单位负责人、联盟三方，以及每年的授牌。
alliance-title = 联盟与三方
alliance-intro = 2009年由深圳市科协与香港资讯科技联会联合发起成立深港科技社团联盟；2019年引入澳门元素，成立深港澳科技联盟。
alliance-sides = 三方
alliance-history = 发展历程
add = 添加
add-designation = 新增授牌类别
add-membership = 授予称号
add-officer = 添加职务
add-position = 添加职位
add-user = 创建账户
edit = 编辑
delete = 删除
remove = 移除
save = 保存
cancel = 取消
filter = 筛选
none = （无）
none-yet = 暂无记录。
saved = 已保存。
synthetic = 示例数据
last-updated = 最后更新
ceremony = 授牌仪式
results-count = 共 { $count } 项
page-prev = ← 上一页
page-next = 下一页 →
confirm-delete-title = 确定删除此记录？
confirm-delete-body = 删除后无法恢复。操作日志会保留被删除内容的副本。
confirm-remove = 确定移除此项？
delete-org-positions = 在该机构任职的 { $count } 项职位将一并移除。
delete-org-memberships = { $count } 项成员资格及授牌将一并移除。
delete-person-positions = 此人的 { $count } 项职位将一并移除。
new-organisation = 新增机构
edit-organisation = 编辑机构
new-person = 新增人物
edit-person = 编辑人物
org-children = 下属机构
org-people = 人物
org-memberships = 成员资格及授牌
person-positions = 职位
manage-designations = 授牌类别
designations-title = 授牌类别
designations-intro = 秘书处每年授予的称号，例如成员单位、海智工作站。
filter-name = 名称（简繁均可）
filter-any-type = 所有类型
filter-any-region = 所有地区
filter-any-designation = 所有类别
filter-any-year = 所有年份
list-order = 排序
order-pinyin = 按拼音
order-strokes = 按笔画
order-alphabetical = 按英文名称
hint-name = 请按机构或本人的写法填写名称；读者会以自己的字体看到。
field-name = 名称
field-name-en = 英文名称
field-short-name = 简称
field-org-type = 类型
field-region = 地区
field-parent = 上级机构
field-website = 网站
field-description = 简介
field-written-in = 原文字体
field-bio = 简历
field-organisation = 机构
field-title = 职务
field-title-en = 英文职务
field-since = 起始年份
field-until = 结束年份
field-side = 所属方
field-person = 人物
field-role = 角色
field-year = 年份
field-designation = 类别
field-ceremony-date = 授牌日期
field-note = 备注
field-code = 代码
field-email = 电子邮箱
field-password = 密码
field-display-name = 显示名称
script-zh-Hant = 繁体中文
script-zh-Hans = 简体中文
script-en = 英文
org-type-alliance = 联盟
org-type-society = 社团／协会
org-type-company = 企业
org-type-university = 高校
org-type-institute = 研究院／实验室
org-type-government = 政府或公共机构
org-type-other = 其他
region-shenzhen = 深圳
region-hong-kong = 香港
region-macao = 澳门
region-mainland = 内地其他地区
region-overseas = 海外
role-admin = 平台管理员
role-secretariat = 秘书处
role-org-rep = 机构代表
role-participant = 参会者
officer-role-chair = 理事长
officer-role-vice-chair = 副理事长
officer-role-representative = 代表
officer-role-secretary-general = 秘书长
audit-when = 时间
audit-who = 操作人
audit-what = 操作
audit-record = 记录
audit-change = 变更
audit-details = 查看
audit-before = 变更前
audit-after = 变更后
audit-create = 新增
audit-update = 修改
audit-delete = 删除
audit-schedule = 编排
audit-publish = 发布
audit-cancel = 取消
audit-erase = 删除个人资料
audit-copy = 复制
audit-anonymise = 保留期满，删除个人资料
api-intro = JSON API 的全部接口。机器可读的 OpenAPI 3 文档位于
api-params = 参数
api-body = 请求体
api-responses = 响应
api-try = 试用
err-not-found = 此页面或记录不存在。
err-unauthorized = 请先登录。
err-forbidden = 你的账户无权进行此操作。
err-csrf = 此表单已过期或来自其他网站。请刷新页面后重试。
err-throttled = 登录失败次数过多，请在 { $minutes } 分钟后重试。
err-too-many-requests = 此 API 令牌在这一分钟内的请求过多，请稍候再发送。
err-idempotency-key = Idempotency-Key 请求头须为 1 至 255 个可见的 ASCII 字符（例如一个 UUID）。
err-idempotency-anonymous = 使用 Idempotency-Key 须先登录（API 令牌或登录会话）。请先登录，或不带此请求头发送。
err-idempotency-mismatch = 此 Idempotency-Key 已用于另一个请求。新的请求请使用新的键值。
err-idempotency-in-progress = 带此 Idempotency-Key 的首个请求仍在处理中，请稍后再发送。
err-login-failed = 邮箱或密码不正确。
err-invalid = 部分字段需要修改。
err-internal = 系统出现问题，已记录，请稍后重试。
err-bad-json = 请求体不是此接口可接受的 JSON。
err-json-content-type = 请以 JSON 发送请求体（Content-Type: application/json）。
err-bad-form = 无法读取表单内容。
err-bad-query = 查询参数的值无法识别。
err-alert-words-too-long = 订阅的字词请勿超过 100 个字符。
err-body-too-large = 请求内容过大。
err-required = 此项必填。
err-too-long = 最多 { $limit } 个字符。
err-control-chars = 含有无法保存的字符。
err-unknown-choice = 请从列出的选项中选择。
err-bad-url = 请输入网址，例如 https://example.org。
err-bad-date = 请按 YYYY-MM-DD 格式输入日期。
err-bad-year = 请输入 1900 至 2200 之间的年份。
err-date-out-of-range = 请输入 1900 至 2200 年之间的日期。
err-bad-email = 请输入邮箱地址，例如 name@example.org。
err-bad-code = 只能使用小写英文字母、数字和 _。
err-not-a-number = 请输入数字。
err-end-before-start = 结束年份早于起始年份。
err-date-outside-year = 授牌日期不在授牌年份之内。
err-password-short = 至少 { $limit } 个字符。
err-email-taken = 该邮箱已注册账户。
err-duplicate = 此记录已存在。
err-duplicate-name = 已有同名机构（简体或繁体）。
err-duplicate-membership = 该机构当年已获此称号。
err-designation-in-use = 此类别已有授牌记录，请先移除相关授牌。
err-still-referenced = 仍有其他记录引用此记录。
err-stale-edit = 你打开此记录后，已有其他人修改。请刷新查看后再编辑。
err-unknown-reference = 所选记录不存在（或已被删除）。
err-parent-cycle = 机构不能隶属于自己或其下属机构。
nav-events = 活动
events-upcoming = 即将举行
events-past = 已举行
events-all = 全部
filter-title = 标题（简繁均可）
filter-any-kind = 所有类型
filter-any-series = 所有系列
filter-participant = 姓名、邮箱或机构
field-event-kind = 类型
field-series = 系列
field-date = 日期
field-venue = 地点
field-your-name = 姓名
hint-your-name = 按你的写法填写；使用另一字体的读者会看到转换后的写法。
field-position = 职务
field-phone = 电话
field-dietary = 饮食要求
field-sessions = 场次
field-status = 状态
hong-kong-time = 香港时间
registration-open = 报名中
calendar-feed = 日历
calendar-all-events = 深港澳科技联盟活动
calendar-these-events = 按此筛选的活动
add-to-calendar = 添加到日历
register = 报名
registrations = 报名名单
registered = 已报名
attended = 已出席
attendance = 出席统计
participants = 参会者
by-region = 按地区
by-org-type = 按机构类型
by-session = 按场次
unknown = 未填写
approve = 通过
decline = 不通过
guests-of-honour = 出席嘉宾
programme = 议程
needs-approval = 主办方会审核每一份报名，结果将通过邮件通知。
seats-left = 剩余 { $count } 个座位
seats-taken = 已占 { $count } 个座位
consent-text = 我同意主办方按隐私政策保存和使用以上信息以组织本活动，并可要求导出或删除。
your-registration = 你的报名
find-title = 找回报名链接
find-help = 找不到载有报名链接或邀请的邮件？请输入你的电子邮箱，以此邮箱提交的所有报名链接，以及尚未使用的邀请链接，将发送到该邮箱。
find-send = 发送我的链接
find-sent = 如曾以 { $email } 报名，载有报名链接的邮件正在发送；可能需要几分钟，也可能被归入垃圾邮件。每个邮箱每十分钟最多发送一封。
err-find-throttled = 此连接的查询次数过多，请于一小时后再试。
find-link = 找不到报名链接？
delegation-title = 团体报名
delegation-help = 一次为{ $organisation }的同事报名。每人各自收到确认邮件、报名链接和门票，并像亲自报名一样获得座位或进入候补名单。
delegation-entered = 由您报名的人员
delegation-colleagues = 贵单位其他代表报名的人员
delegation-add = 添加同事
delegation-row-name = 第 { $count } 人的姓名
delegation-row-email = 第 { $count } 人的电子邮箱
delegation-row-position = 第 { $count } 人的职务
delegation-mail-language = 邮件语言
delegation-row-locale = 第 { $count } 人的邮件语言
delegation-row-answers = 代第 { $count } 位回答主办方的问题（可选）
delegation-answers-help = 您可现在代同事回答主办方的问题；一旦代答其中一题，必答的问题亦须作答。未答的，由同事在其报名页面自行回答。
delegation-consent = 我确认所列人员均已同意由我报名，并同意隐私政策。
delegation-submit = 提交报名
delegation-cancel-confirm = 取消这位同事的报名？其座位将让给候补名单上的下一位。
err-delegation-empty = 请至少填写一人。
err-delegation-twice = 此邮箱地址重复填写。
err-delegation-consent = 请确认所列人员均已同意。
err-delegation-too-many = 每次最多 { $limit } 人。
err-delegation-quota = 贵单位在本活动仅剩 { $limit } 个名额。
delegation-places = 贵单位在本活动已使用 { $count } 个名额，共 { $limit } 个。
delegation-no-places = 贵单位在本活动的名额已用完。可取消其中一人后再为他人报名，或向主办方申请增加名额。
delegation-badge = 团体报名
delegation-entered-by = 团体报名经办人
mine-help = 以 { $email } 提交的所有活动报名。每项报名都有专属页面：状态、入场券、场次及项目对接。
mine-none = 此邮箱尚无任何报名。
mine-invited = 待使用的邀请
mine-coming = 即将举行
mine-past = 已举行
mail-links-subject = 你的报名链接
mail-links-invited = 邀请，尚未使用（有效至 { $expires }）
mail-links-body =
    你好：

    有人申请发送以此电子邮箱提交的报名链接，以及发至此邮箱而尚未使用的邀请链接：

    { $lines }

    每条链接均属个人专用，可打开你的报名、入场券及会面安排，请勿转发。如非你本人申请，可忽略此邮件。

    — 湾联（深港澳科技联盟）
waiting-list = 候补中；有座位空出时将按顺序自动为你确认
waiting-position = 你在候补名单上排第 { $count } 位。
checked-in = 已签到
ticket = 入场券
ticket-hint = 请在入口出示此码，无需网络也可核验。
confirm-cancel = 确定取消报名？你的座位将让给下一位候补者。
cancel-registration = 取消报名
check-in = 签到
find-participant = 查找参会者
scan-camera = 用相机扫描
ticket-code = 入场券码
checkin-ok = 欢迎：
checkin-again = 已签到过：
checkin-queued = 入场券有效；已记录在本机，恢复网络后自动上传。
checkin-pending = 还有 { $count } 条签到待上传
offline = 离线
online = 在线
no-camera = 此手机无法在此扫描；请输入入场券码或在下方查找姓名。
event-kind-annual-conference = 年会
event-kind-forum = 论坛
event-kind-seminar = 研讨会
event-kind-visit = 参访
event-kind-exchange = 交流活动
event-kind-roadshow = 路演
event-kind-matchmaking = 对接会
event-kind-ceremony = 仪式
event-role-host = 主办
event-role-organiser = 承办
event-role-co-organiser = 协办
event-role-supporter = 支持
event-role-guide = 指导
session-kind-main = 主会场
session-kind-forum = 平行论坛
session-kind-other = 场次
item-kind-address = 致辞
item-kind-report = 作报告
item-kind-keynote = 主旨演讲
item-kind-talk = 演讲
item-kind-panel = 圆桌讨论
item-kind-ceremony = 仪式
item-kind-release = 发布
reg-status-confirmed = 已确认
reg-status-waiting = 候补中
reg-status-pending = 待审核
reg-status-cancelled = 已取消
reg-status-declined = 未通过
err-registration-closed = 本活动已截止报名。
err-already-registered = 该邮箱已报名本活动。
err-already-cancelled = 该报名已取消。
err-consent-required = 请同意隐私政策以完成报名。
err-not-confirmed = 该报名没有已确认的座位。
err-ticket-handed-on = 此入场券的名额已转让他人：请出示新持有人本人的入场券。
err-not-pending = 该报名不在待审核状态。
err-capacity-below-confirmed = 已确认人数多于此名额。
err-ticket-invalid = 无效入场券：伪造、被篡改或无法读取。
err-ticket-other-event = 此入场券属于其他活动。
mail-event-reminder-subject = 活动提醒：{ $event }，{ $when }
mail-event-reminder-body =
    { $name } 您好：

    提醒您，「{ $event }」将于 { $when }（香港时间）在{ $place }举行。

    入场时请出示门票；如无法出席，请通过同一链接取消报名，让候补名单上的人获得座位：
    { $link }

    — 湾联（深港澳科技联盟）
mail-event-reminder-body-no-place =
    { $name } 您好：

    提醒您，「{ $event }」将于 { $when }（香港时间）举行。

    入场时请出示门票；如无法出席，请通过同一链接取消报名，让候补名单上的人获得座位：
    { $link }

    — 湾联（深港澳科技联盟）
mail-confirmed-subject = 报名已确认：{ $event }
mail-waiting-subject = 已进入候补：{ $event }
mail-pending-subject = 已收到报名，待审核：{ $event }
mail-declined-subject = 报名未通过：{ $event }
mail-promoted-subject = 已为你确认座位：{ $event }
mail-cancelled-subject = 报名已取消：{ $event }
mail-transfer-in-subject = { $other }已将名额转给你：{ $event }
mail-transfer-in-body =
    { $name }，你好：

    { $other }已将其“{ $event }”（{ $when }，香港时间）的名额转给你。你的报名当前状态为：{ $status }。

    入场券及取消报名链接：
    { $link }{ $answers }

    请勿转发此链接，它就是你的入场券。

    — 湾联（深港澳科技联盟）
mail-transfer-out-subject = 你的名额已转给{ $other }：{ $event }
mail-transfer-out-body =
    { $name }，你好：

    按你的要求，你在“{ $event }”（{ $when }，香港时间）的名额已转给{ $other }。对方会另行收到入场券；你的入场券已不能再入场。

    你的报名页面：
    { $link }

    — 湾联（深港澳科技联盟）
mail-transfer-in-meetings = 此名额的一对一会谈（{ $count } 场）及会谈申请现已原样转给你，会谈另一方已获通知。{ $lines }

    你的对接页面：{ $link }
mail-mm-handed-on-subject = 您的会谈现改与{ $other }进行：{ $event }
mail-mm-handed-on-body =
    { $name }您好：

    { $before }已将其“{ $event }”的名额转给同事{ $other }。您与对方的一对一会谈或会谈申请保持不变，现改由{ $other }出席。

    您的页面：{ $link }
mail-mm-handed-on-placed-body =
    { $name }您好：

    { $before }已将其“{ $event }”的名额转给同事{ $other }。您的一对一会谈时间及桌号不变，现改与{ $other }进行：

    { $place }

    您的日程：{ $link }
transfer-title = 改派他人出席
transfer-link = 无法出席？改派同事代为出席
transfer-help = 你的座位，以及你在各平行论坛或候补名单上的位置，将转给你在此填写的人：对方会通过邮件收到自己的入场券及链接，你的入场券则不能再入场。如对方是你所在机构的同事，你的一对一会谈及会谈申请会随名额转给对方（并通知会谈另一方）；否则会谈将被取消。
transfer-help-staff = { $name } 的座位，以及其在各平行论坛或候补名单上的位置，将转给在此填写的人，对方会通过邮件收到自己的入场券及链接。如对方属同一机构，其一对一会谈及会谈申请会随名额转移；否则会谈将被取消（亦可在下方另行选择）。
transfer-meetings-held = 此名额现有 { $count } 场一对一会谈{ $limit ->
    [0] {""}
   *[other] 及 { $limit } 项待回复的会谈申请
}。
transfer-meetings = 其一对一会谈及会谈申请
transfer-meetings-auto = 如对方属同一机构则随名额转移，否则取消
transfer-meetings-keep = 随名额转移
transfer-meetings-cancel = 取消
transfer-name = 对方姓名
transfer-email = 对方邮箱
transfer-locale = 对方邮件所用语言
transfer-consent = 我确认对方同意代为出席，并同意隐私声明。
transfer-what-happens = 此操作无法在本页撤销。
transfer-submit = 转让名额
transferred-to = 你的名额已转给 { $name }，对方持有自己的入场券。
transferred-badge = 已转让名额
transferred-badge-to = 已转给 { $name }
transferred-badge-from = 代替 { $name }
err-transfer-not-possible = 只有已确认或在候补名单上的报名才可转让名额。
err-transfer-checked-in = 此报名已签到，名额不能转让。
err-transfer-too-late = 活动已开始，名额不能再转让。
err-transfer-organiser-only = 此名额经主办方审批或具名邀请，请联系主办方转让。
err-transfer-same-person = 请填写代你出席者的邮箱。
mail-body =
    { $name }，你好：

    你报名参加的“{ $event }”（{ $when }，香港时间）当前状态为：{ $status }。

    入场券及取消报名链接：
    { $link }{ $answers }

    请勿转发此链接，它就是你的入场券。

    — 湾联（深港澳科技联盟）
new-event = 新增活动
edit-event = 编辑活动
manage-event = 管理活动
add-role = 添加主办／承办单位
add-guest = 添加出席嘉宾
add-session = 添加场次
add-item = 添加议程项目
field-title-event = 标题
field-venue-en = 英文地点
field-starts = 开始
field-ends = 结束
field-capacity = 名额（留空为不限）
field-reminders-off = 活动前不发送提醒邮件
field-transfers-off = 不允许报名者自行改派他人出席（工作人员仍可代为转让）
field-delegation-quota = 每个成员单位名额（团体报名；留空为不限）
organisation-places = 各单位名额（团体报名）
organisation-places-help = 为某一成员单位设定不同于本活动统一名额的名额；人数留空即恢复为本活动的统一名额。
organisation-places-reset = 恢复统一名额
organisation-places-default = 本活动统一名额：每个单位 { $count } 人。
field-places = 名额
delegation-quota-hint = 同一成员单位的代表通过团体报名最多可报名的人数。留空为除座位外不限，0 为不接受团体报名；取消的报名会释放名额。
field-requires-approval = 报名需审核
field-theme = 主题
field-room = 会场
field-session = 场次
field-speaker = 讲者
field-title-at-time = 当时职务
field-order = 顺序
announcement-queued = 已排队 { $count } 封邮件，将陆续发出。
badges = 胸牌
write-to-registrants = 给报名者发邮件
recipients = 收件人
all-registrants = 全部报名者
field-subject = 主题
field-message = 内容
send = 发送
print = 打印
mail-invitation-subject = 邀请函：{ $event }
mail-invitation-body =
    { $name }，你好：

    诚邀你出席“{ $event }”（{ $when }，香港时间）。
    请在 { $expires } 前通过此专属链接报名：
    { $link }

    — 湾联（深港澳科技联盟）
invitation-title = 你的邀请
invite = 邀请
invitations = 邀请名单
field-expires = 有效期至
invitation-used = 已使用
err-invitation-expired = 此邀请已过期，请联系主办方重新发送。
err-invitation-used = 此邀请已被使用。
err-already-invited = 该邮箱已受邀参加本活动。
cancel-registration-staff = 取消
move-session = 调到其他场次
change-session = 更换分论坛
change-session-help = 从一个分论坛改到另一个；如要多参加一个分论坛，「从」一栏选「（无）」。新的分论坛已满时，您将进入其候补名单；您在原分论坛的座位将让给候补名单上的下一位。
change-session-confirm = 确定更换？您在原分论坛的座位将让给候补名单上的下一位。
err-event-over = 此活动已结束。
move-from = 从
move-to = 到
move = 调整
err-already-in-session = 已在该场次。
field-organiser = 主办或承办单位
filter-any-organiser = 所有单位
registration-fields = 报名表字段
ask = 询问
require = 必填
invitee-sheet = 邀请名单（XLSX 或 CSV：姓名、邮箱、语言）
invitee-sheet-hint = 系统先逐行检查；任何一行有误则不发出任何邀请。
invite-all = 发出邀请
invitations-sent = 已排队发出 { $count } 份邀请。
import-rejected = 未发出任何邀请：请更正以下各行后重新上传。
line-number = 第 { $line } 行
err-bad-sheet = 无法读取此文件：需要包含姓名和邮箱列的表格。
delete-event-registrations = { $count } 份报名及其入场券将一并移除。
add-milestone = 添加发展历程
field-text-en = 英文
show-original = 原文
regional-terms-on = 地区用语：开
regional-terms-off = 地区用语：关
regional-terms-help = 以您所在地区的用语显示介绍文字（信息技术 ↔ 資訊科技）；名称一律保持原样。
err-busy = 目前使用人数众多，这次操作未有保存。请于数秒后再试。
err-unwritable = 未能保存：服务器暂时无法写入数据（存储空间已满或出现故障），这次的内容没有保存。事件已记录在案，请稍后再试。
search = 搜索
search-placeholder = 搜索活动、人物、机构…
search-kind = 类别
search-kind-all = 所有类别
search-region-all = 所有地区
search-field = 领域
search-field-all = 所有领域
search-year = 年份
search-none = 找不到结果。请试用较少字词；以任何文字书写都能找到相同的记录。
search-found-further = 在正文后段或附件中找到：
search-count = 共 { $count } 项结果
search-kind-event = 活动
search-kind-item = 议程项目
search-kind-organisation = 机构
search-kind-person = 人物
search-kind-posting = 供需信息
search-kind-publication = 刊物
search-field-it = 信息技术
search-field-ai = 人工智能
search-field-comms = 通信
search-field-semi = 半导体、能源与制造
search-field-bio = 生物医药与中医药
search-field-finance = 金融与知识产权
search-field-edu = 教育与科研
search-field-gov = 政府与跨境事务

## Matchmaking (项目对接)
mm-status-open = 接受对接申请中
mm-status-scheduled = 日程已拟定
mm-status-published = 日程已公布
mm-request-pending = 等待回复
mm-request-accepted = 已接受
mm-request-declined = 已婉拒
mm-request-expired = 已逾期
mm-request-cancelled = 已取消
mm-outcome-not-held = 未能进行
mm-outcome-insufficient-interest = 兴趣不足
mm-outcome-informative = 有收获，暂无合作计划
mm-outcome-cooperation-possible = 有合作可能
err-mm-minutes = 每场会谈须为 5 至 240 分钟。
err-mm-max-requests = 每位参会者的申请上限须为 1 至 200。
err-mm-accept-before-request = 回复截止时间不能早于申请截止时间。
err-mm-priority = 请选择 1 至 3 的优先级。
err-mm-slot-order = 时段的结束时间须晚于开始时间。
err-mm-slots-none = 这段时间容不下一场会谈。
err-mm-slots-too-many = 一次最多新增 120 个时段。
err-mm-slot-length = 每场会谈须为 5 至 240 分钟，间隔为 0 至 240 分钟。
err-mm-slot-in-use = 此时段已排有会谈：请先移动或取消该会谈。
err-mm-table-in-use = 此会谈桌已排有会谈：请先移动或取消该会谈。
err-mm-table-count = 一次可新增 1 至 200 张会谈桌。
err-mm-reserved-one = 专用会谈桌须逐张新增。
err-mm-slot-overlap = 此时段与另一会谈时段重叠。
err-mm-table-label = 请为会谈桌命名（不超过 40 字）。
err-mm-not-participant = 只有本活动已确认的参会者可参与项目对接。
err-mm-self = 不能向自己申请会谈。
err-mm-duplicate = 您与这位参会者之间已有会谈申请。
err-mm-pair-taken = 这两位之间已有会谈申请或会谈。
err-mm-limit = 您的待处理申请已达上限。
err-mm-request-closed = 会谈申请已截止。
err-mm-accept-closed = 回复申请的期限已过。
err-mm-no-self-booking = 本活动的会谈时段由主办方安排。
err-mm-slot-taken = 你们其中一方在该时段缺席或已有其他会谈，请另选时段。
err-mm-cannot-move = 只能更改已接受且尚未举行的会谈的时间。
err-mm-slot-past = 该时段已过，请选择尚未开始的时段。
err-mm-slot-full = 该时段所有桌位已满，请另选时段。
err-mm-not-pending = 此申请已有回复。
err-mm-schedule-changed = 编排期间申请有变，请重新编排。
err-mm-not-published = 日程尚未公布。
err-mm-nothing-to-publish = 尚无可公布的日程。
err-mm-not-scheduled = 此会谈尚未安排时段。
err-mm-no-cooperation = 此会谈尚未开始合作跟进：须先由任何一方表示有合作可能。
mm-title = 项目对接
mm-accepted-count = 已接受的会谈
mm-unplaced = 未安排时段
mm-settings = 设置
mm-meeting-minutes = 每场会谈（分钟）
mm-max-requests = 每位参会者的申请上限
mm-request-deadline = 申请截止日期
mm-accept-deadline = 回复截止日期
mm-slots = 会谈时段
mm-tables = 会谈桌
mm-table = 桌号
mm-table-label = 桌名
mm-reserved-for = 专用于
mm-slot-length = 每场会谈（分钟）
mm-slot-pause = 会谈间隔（分钟）
mm-slots-help = 从开始到结束，按每场会谈的时长及间隔划分时段；不填时长则整段为一个时段。
mm-slot-count = { $count } 个时段
mm-table-count = 张数
mm-tables-help = 多张会谈桌按桌名顺序编号：“A1”及 3 张为 A1、A2、A3；“桌”及 3 张为桌 1 至桌 3；不填桌名则为 1、2、3。
mm-requests = 会谈申请
mm-stats-met = 有至少一场已接受会谈的参会者
mm-stats-online = 线上参与人数
mm-stats-across = 跨地区的已接受会谈（以已知地区者计）
mm-stats-research = 高校或研究机构与企业的已接受会谈（产学研；以已知机构类别者计）
mm-stats-per-participant = 每位有会谈的参会者平均会谈数
mm-from = 申请人
mm-to = 对象
mm-priority = 优先级
mm-schedule = 编排日程
mm-unpublish = 撤回日程，改回草稿
mm-unpublish-confirm = 撤回日程？再次公布前参会者将看不到日程；再次公布后，每人会重新收到日程。
mm-publish = 公布日程
mm-grid = 时段与会谈桌
mm-agenda = 您的会谈日程
mm-record-outcome = 记录结果
mm-comment = 给主办方的意见（选填）
mm-comments = 会谈意见
mm-with = 会谈对象
mm-comment-from = 意见（申请人所记）
mm-comment-to = 意见（对象所记）
mm-incoming = 收到的申请
mm-none-incoming = 没有待您回复的申请。
mm-none-sent = 您尚未向任何人申请会谈。
mm-accept = 接受
mm-decline = 婉拒
mm-send = 申请会谈
mm-message = 留言
mm-sent = 您发出的申请
mm-away = 您不在场的时段
mm-open-matchmaking = 项目对接：申请及安排一对一会谈
err-mm-no-slots = 编排前请先加入会谈时段及会谈桌。
mm-add-to-calendar = 加入日历（iCalendar）
mm-print = 打印
mm-cancel = 取消
mm-cancel-confirm = 确定取消此会谈？对方会收到邮件通知。
mm-received = 您已回复的申请
err-mm-cannot-cancel = 只可取消您发出而仍待回复的申请，或已接受的会谈。
err-mm-cancel-begun = 此会谈的时间已到，不能再取消：请改为回报会谈结果（如未能进行，请选「未能进行」）。
mm-outcomes = 会谈结果
mm-outcomes-help = 每场会谈计一次：任何一方表示未举行即计为未举行，否则取双方回复中较佳者。双方均未回复的会谈不计入下表。
mm-outcomes-scheduled = 已编入日程的会谈
mm-coop = 合作进展
mm-coop-ask = 向 { $count } 项仍在进行的合作双方查询最新进展
mm-coop-across = 跨地区签订的协议（以已知地区者计）
mm-coop-head = 会谈后的合作进展
mm-coop-help = 任何一方表示有合作可能后，会谈即列于此；双方或主办方（按其告知）可将其推进至已签约、已落地或已结束。由供需对接发起的会谈，改为推进该对接。已签约包括其后已落地或已结束的协议。
err-mm-not-cancellable = 只可取消仍待回复的申请，或已接受而尚未举行的会谈。
mm-cancel-confirm-organiser = 确定取消此会谈？双方都会收到邮件通知。
personal-data = 您的个人资料
personal-data-export = 下载本报名的资料（JSON）
correct-details = 更正个人资料
correct-details-email = 电子邮箱保持不变：您的链接和邮件都发往此地址。如需使用其他邮箱，请取消后重新报名。
correct-details-organisation = 单位名称、地区及类型保持为贵单位的资料。
err-registration-not-correctable = 已取消、未获批准或已删除资料的报名不能更改。
delegation-correct = 更正资料
back = 返回
personal-data-erase = 删除我的个人资料
personal-data-erase-confirm = 确定删除您的姓名、电子邮箱及其他资料？您的报名及会谈将会取消，且无法恢复。
personal-data-erased = 您的个人资料已删除；此报名已取消。
erased-name = 一位参会者（个人资料已删除）
my-data = 下载本平台所持有的您的账户资料
erase-account = 删除个人资料
erase-account-confirm = 永久删除此账户的姓名、电邮地址及密码？此账户将无法再登录；其为机构撰写的内容保留。
erase-account-help = 应账户持有人要求（《个人信息保护法》、《个人资料（私隐）条例》、澳门《个人资料保护法》）：删除姓名、电邮地址、密码、登录会话及其合作意向留言，并从审计日志中移除其姓名；其发布的供需信息及备注仍属所属机构。
account-erased = 一个账户（个人资料已删除）
err-erase-self = 不能删除自己的账户，请由另一位管理员处理。
personal-data-erase-staff = 删除个人资料
personal-data-erase-staff-confirm = 应此参会者要求删除其姓名、电子邮箱及其他资料？其报名及会谈将会取消，且无法恢复。
mm-who-org = { $name }（{ $organisation }）
mail-mm-quote = “{ $message }”
mail-mm-answer-by = 请于{ $date }（香港时间）前回复；逾期未复的申请将会失效。
mm-messages = 消息
mm-messages-unread = { $count ->
   *[other] { $count } 条新消息
}
mm-messages-title = 会谈消息
mm-messages-help = 只有你和对方可阅读这些消息（主办方不能阅读），各以自己的字体显示。消息发出十分钟后对方仍未阅读，会以邮件通知对方。
mm-messages-none = 还没有消息：可询问桌号、告知会迟到，或商定会谈语言。
mm-message-new = 你的消息
mm-message-send = 发送
mm-message-erased = （已随作者的个人信息删除）
err-messages-closed = 此申请已结束（已婉拒、取消或过期），不能再发送消息。
err-too-many-messages = 此对话的消息已达上限，不如见面再谈。
mail-mm-message-subject = { $other }就{ $event }的会谈给您发了消息
mail-mm-message-body =
    { $name }您好：

    { $other }就你们在{ $event }的一对一会谈给您发了消息：
    { $message }
    请在您的页面阅读并回复：{ $thread }
mail-mm-request-subject = { $other }希望在{ $event }与您会谈
mail-mm-request-body =
    { $name }您好：

    { $other }希望在{ $event }与您进行一对一会谈。
    { $message }
    请在您的页面接受或婉拒：{ $link }
    { $deadline }
mail-mm-auto-subject = 与{ $other }的会谈：{ $event }
mail-mm-auto-body =
    { $name }您好：

    { $other }申请在{ $event }与您进行一对一会谈。本活动的会谈申请即时接受，会谈已列入您的清单。
    { $message }
    如未能会面，请在您的页面取消：{ $link }
mail-mm-booked-subject = 会谈已预约：{ $other }，{ $event }
mail-mm-booked-body =
    { $name }您好：

    { $other }已接受您在{ $event }的一对一会谈申请，时间及桌号如下：

    { $place }

    会谈已列入您的日程：{ $link }
mail-mm-slot-booked-body =
    { $name }您好：

    { $other }已为您在{ $event }的一对一会谈预约以下时间及桌号：

    { $place }

    会谈已列入您的日程：{ $link }
mail-mm-moved-subject = 会谈已改期：{ $other }，{ $event }
mail-mm-moved-body =
    { $name }您好：

    { $other }已将您在{ $event }的一对一会谈改到以下时间及桌号：

    { $place }

    您的日程：{ $link }
mail-mm-coop-ask-subject = 合作进展如何？{ $other }，{ $event }
mail-mm-coop-ask-body =
    { $name }您好：

    您在{ $event }与{ $other }一对一会谈后的合作，目前记录为：{ $stage }。
    主办方希望了解其后进展：是否已签约（及协议类型）、已落地或已结束。请在您的页面更新：{ $link }
mail-mm-coop-subject = 会谈后合作进展：{ $stage }，{ $other }
mail-mm-coop-body =
    { $name }您好：

    { $other }已记录与您在{ $event }一对一会谈后的合作进展：{ $stage }。
    { $note }
    合作进展及后续更新：{ $link }
mail-mm-coop-organiser-body =
    { $name }您好：

    { $event }的主办方已记录您与{ $other }一对一会谈后的合作进展：{ $stage }。
    { $note }
    合作进展及后续更新：{ $link }
mail-mm-coop-back-body =
    { $name }您好：

    { $other }已撤回您在{ $event }一对一会谈后合作进展的上一步记录，现为：{ $stage }。
    { $note }
    合作进展及后续更新：{ $link }
mail-mm-coop-back-organiser-body =
    { $name }您好：

    { $event }的主办方已撤回您与{ $other }一对一会谈后合作进展的上一步记录，现为：{ $stage }。
    { $note }
    合作进展及后续更新：{ $link }
mail-mm-arranged-subject = 主办方为您安排了会谈：{ $other }，{ $event }
mail-mm-arranged-body =
    { $name }您好：

    { $event }的主办方已为您安排与{ $other }的一对一会谈。
    { $message }
    会谈时间及桌号将随您的日程通过邮件发送，也会在您的页面显示：{ $link }
mail-mm-accepted-subject = 会谈已获接受：{ $other }，{ $event }
mail-mm-accepted-body =
    { $name }您好：

    { $other }已接受您在{ $event }的一对一会谈申请。主办方公布日程后，会谈的时间及桌号将列入您的日程，日程也会以邮件发给您。

    您的页面：{ $link }
mail-mm-declined-subject = 会谈申请未获接受：{ $other }，{ $event }
mail-mm-declined-body =
    { $name }您好：

    { $other }婉拒了您在{ $event }的一对一会谈申请。您可在您的页面向其他参会者申请会谈：{ $link }
mail-mm-cancelled-subject = 会谈已取消：{ $other }，{ $event }
mail-mm-cancelled-body =
    { $name }您好：

    { $other }已取消在{ $event }与您的一对一会谈。您的页面列出您目前的会谈：{ $link }
mail-mm-digest-subject = 每日会谈申请摘要：{ $event }
mail-mm-reminder-subject = 有会谈申请等待您回复：{ $event }
mail-mm-reminder-body =
    { $name }您好：

    以下{ $event }的参会者希望与您进行一对一会谈，正等待您的回复：

    { $lines }

    请在您的页面接受或婉拒：{ $link }
    { $deadline }
mail-mm-followup-subject = 会谈成效如何？{ $event }
mail-mm-followup-body =
    { $name }您好：

    请告诉{ $event }的主办方以下一对一会谈的结果（每场只需点选一次：未能进行、兴趣不足、有收获但暂无合作计划，或有合作可能）：

    { $lines }

    您的页面：{ $link }
mm-remind = 提醒 { $count } 位尚有待回复申请的参会者
mm-nudge = 邀请 { $count } 位尚未有会谈的参会者预约会谈
mm-followup = 请尚未反馈的 { $count } 位参会者反馈会谈结果
mail-mm-request-by = 会谈申请截止时间为 { $date }（香港时间）。
mail-mm-nudge-subject = 预约您在{ $event }的一对一会谈
mail-mm-nudge-body =
    { $name }您好：

    您在{ $event }尚未有一对一会谈。您的页面列出其他参会者，推荐供给或需求与贵机构相应的机构，并可向他们申请会谈：{ $link }
    { $deadline }
mail-mm-cancelled-by-organiser-subject = 主办方已取消会谈：{ $other }，{ $event }
mail-mm-cancelled-by-organiser-body =
    { $name }您好：

    { $event }主办方已取消您与{ $other }的一对一会谈（或会谈申请）。您的页面列出您目前的会谈：{ $link }
mail-mm-withdrawn-subject = 会谈申请已撤回：{ $other }，{ $event }
mail-mm-withdrawn-body =
    { $name }您好：

    { $other }已撤回在{ $event }与您一对一会谈的申请，您无须回复。您的页面：{ $link }
mail-agenda-subject = 您在{ $event }的项目对接会谈
mail-agenda-body =
    { $name }您好：

    您在{ $event }的项目对接会谈如下：

    { $agenda }

    您的页面（可将日程加入日历）：{ $link }
mail-mm-unpublished-subject = 会谈日程已撤回修改：{ $event }
mail-mm-unpublished-body =
    { $name }您好：

    { $event }的主办方已撤回一对一会谈日程以作修改。此前发给您的时间及桌号不再适用；新日程公布后会以邮件发给您。

    您的页面：{ $link }
mail-mm-today-subject = 您今日在{ $event }的会谈
mail-mm-today-body =
    { $name }您好：

    您今日在{ $event }的项目对接会谈如下：

    { $agenda }

    您的页面（载有完整日程）：{ $link }
err-mm-not-accepted = 只有已接受的申请才会编入日程。
mm-conflicts = 此日程有以下冲突：
mm-conflict-busy = 同一时段有两场会谈
mm-conflict-table = 会谈桌重复使用
mm-conflict-away = 此时段不在场
mm-conflict-reserved = 使用了他人专用的展位
mm-why-no-session-slot = 活动在其要求的上午或下午没有会谈时段
mm-why-no-common-slot = 其要求的上午或下午没有双方都在场的会谈时段
mm-why-too-many = { $name }已接受的会谈多于其在场的时段
mm-why-full = 时段和会谈桌已排给其他会谈（优先级较高或可用时段较少）
mm-unscheduled = 已接受但未排入日程的会谈
mm-unscheduled-line = { $name }（{ $reason }）
mm-place = 时段及桌号
mm-locked = 锁定
mm-move = 调动
mm-table-cards = 会谈桌卡（可打印）
mm-printed-agendas = 可打印的个人日程（每人一页）
mm-printed-agendas-none = 尚未有已定时间及桌号的会谈。
mm-col-when = 时间
mm-col-with = 会谈对象
mm-from-org = 申请人机构
mm-to-org = 对象机构
mm-outcome-from = 会谈结果（申请人所记）
mm-outcome-to = 会谈结果（对象所记）
mm-export = 会谈清单下载
mm-participants-export = 参会者进度下载

# Supply and demand (供需對接)
nav-market = 供需对接
market-intro = 联盟成员的供给与需求：技术成果、产学研合作、出海代理、投资、人才及项目。以任何文字撰写，均以您的文字显示。
market-new = 发布供需
market-edit = 编辑供需
market-mine = 我的供需及对接
market-save = 收藏
market-saved = 已收藏
market-unsave = 取消收藏
market-saved-postings = 收藏的供需信息
market-no-saved = 尚未收藏：在供需信息页面点击“收藏”，即可在此找到。
market-saved-by = { $count ->
    [0] 尚未有读者收藏。
   *[other] 已有 { $count } 位读者收藏。
}
market-review = 审核供需
market-funnel = 合作漏斗
market-form-help = 秘书处会先审核每则供需才公开。联系方式只会向已接受对接的另一方显示。
market-contact-erased = 应当事人要求已删除；机构下次修改此项目时会提供新的联系方式。
market-contact-help = 私人信息：只向工作人员及您接受的对接方显示。
market-submit = 提交审核
market-at-event = 相关活动
market-expired = 已过期
market-returned-because = 退回原因：
market-withdraw = 撤回
market-review-note = 备注（退回时必填）
market-approve = 批准并公开
market-return = 退回发布者
market-your-interest = 您的意向
market-open-introduction = 查看对接
market-interest-message = 您为何感兴趣？（发布者可见）
market-express-interest = 表达意向
market-sign-in-to-interest = 后即可表达意向。
market-interests = 收到的意向
market-no-interests = 暂时没有。
market-recommended = 推荐对接方
market-recommended-help = 为供给找需求、为需求找供给，不论以何种文字撰写，并列出原因。
market-recommended-for-you = 为您推荐
market-no-recommendations = 暂时未有合适的对接方。
market-score = 匹配分数（0–100）
market-introduction = 对接
market-stage = 阶段
market-agreement = 协议类型
market-close-reason = 结束原因
market-interested = 有意向一方
market-owner-contact = 发布者联系方式
market-contact-after-accept = 发布者接受后显示。
market-move = 更新合作进度
market-note = 备注
market-meet = 在活动中会面
market-request-meeting = 申请一对一洽谈
market-history = 进度记录
market-my-postings = 本机构的供需
market-no-postings = 暂时没有供需。
market-no-org = 供需以会员机构名义发布，此账户未关联任何机构。秘书处可将账户关联至贵机构；在此之前，仍可就他人的供需表示兴趣。
market-received = 对本机构供需的意向
market-sent = 我表达的意向
market-pending = 待审核
market-none-pending = 没有待审核项目。
market-expiring = 30 天内到期
market-none-expiring = 没有即将到期的项目。
market-remind = 提醒发布者
market-reminded = 已提醒
field-kind = 类别
field-offer-need = 供给或需求
field-sectors = 领域
field-stage = 成熟度
field-modes = 合作方式
field-target-regions = 希望合作地区
field-ip = 知识产权
field-contact = 联系方式
field-summary = 摘要
field-shown-until = 有效期至
filter-any-side = 供给及需求
filter-any-sector = 所有领域
filter-any-stage = 所有成熟度
filter-any-mode = 所有合作方式
side-offer = 供给
side-need = 需求
kind-technology = 技术成果
kind-research = 产学研合作
kind-agency = 出海代理
kind-investment = 投融资
kind-talent = 人才
kind-project = 项目
sector-comms = 6G／通信
sector-ai = 人工智能
sector-iot = 物联网
sector-low-altitude = 低空经济
sector-biomedicine = 生物医药及中医药
sector-new-energy = 新能源
sector-manufacturing = 先进制造
sector-fintech = 金融科技
sector-education = 教育
sector-semiconductors = 半导体
sector-digital = 数字经济及软件
sector-cybersecurity = 网络安全
sector-smart-city = 智慧城市
sector-materials = 新材料
stage-concept = 构思
stage-prototype = 原型
stage-pilot = 试点
stage-production = 量产
stage-market = 已上市
mode-licensing = 技术许可
mode-joint-development = 合作开发
mode-consulting = 技术咨询
mode-investment = 投资
mode-agency = 代理
mode-joint-venture = 合资
mode-outsourcing = 委托研发
mode-training = 培训
ip-none = 无
ip-patent-pending = 专利申请中
ip-patent-granted = 已获专利
ip-software = 软件著作权
ip-know-how = 技术秘密
posting-status-pending = 待审核
posting-status-published = 已公开
posting-status-returned = 已退回
posting-status-withdrawn = 已撤回
interest-pending = 等待发布者回复
interest-accepted = 已接受
interest-declined = 已婉拒
pipeline-introduced = 已对接
pipeline-in-talks = 洽谈中
pipeline-signed = 已签约
pipeline-implemented = 已落地
pipeline-closed = 已结束
pipeline-back = 撤回
pipeline-back-to = 撤回上一步（回到“{ $stage }”）
pipeline-back-help = 适用于错误记录的一步，或结束后恢复洽谈。进度记录会保留该步及撤回原因，并通知对方。
pipeline-back-reason = 原因（必填）
pipeline-taken-back = 撤回上一步，回到“{ $stage }”
err-pipeline-back-reason = 请说明撤回原因。
err-pipeline-nothing-back = 没有可撤回的步骤：合作进度仍在起点。
agreement-licensing = 技术许可
agreement-joint-rd = 联合研发
agreement-agency = 代理
agreement-investment = 投资
agreement-joint-venture = 合资
agreement-consulting = 技术咨询
agreement-employment = 聘用
agreement-other = 其他
why-terms = 双方都提到“{ $terms }”
why-sectors = 同属领域：{ $sectors }
why-kind = 供需类别互相配合
why-kind-related = 相关的合作类别
why-academia-industry = 高校或研究机构与企业（产学研）
why-cross-border = 跨深港澳合作
why-target = 位于发布者希望合作的地区
why-modes = 相同合作方式：{ $modes }
why-fresh = 30 天内发布
funnel-help = 每个对接计入其到达过的每个阶段；已签约包括已落地。按类型统计的协议亦包括一对一会谈后签订者。
funnel-total = 全部
funnel-interests = 意向
funnel-by-side = 按方（发布机构所在地）
funnel-by-sector = 按领域
funnel-by-event = 按活动
funnel-by-meeting = 非由供需对接发起的一对一会谈（按活动；自任何一方表示有合作可能起计，不计入上列各行）
funnel-agreements = 按类型统计协议
funnel-elsewhere = 内地及海外
mail-market-interest-subject = 有人对您的供需表达意向：{ $title }
mail-market-interest-body =
    { $name }您好：

    { $other }对您发布的“{ $title }”表达了意向。
    { $message }
    请在该供需页面接受或婉拒；接受后双方均可看到对方的联系方式：{ $link }
mail-market-accepted-subject = 您的意向已获接受：{ $title }
mail-market-accepted-body =
    { $name }您好：

    { $other }已接受您对“{ $title }”的意向。对接页面列出双方的联系方式及日后的合作进度：{ $link }
mail-market-declined-subject = 您的意向未获接受：{ $title }
mail-market-declined-body =
    { $name }您好：

    { $other }婉拒了您对“{ $title }”的意向。其他供需或许与您相配：{ $link }
mail-market-stage-subject = 对接进度：{ $stage }，{ $title }
mail-market-stage-body =
    { $name }您好：

    { $other }已记录“{ $title }”对接的合作进度：{ $stage }。
    { $note }
    合作进度及后续更新：{ $link }
mail-market-stage-back-body =
    { $name }您好：

    { $other }已撤回“{ $title }”对接合作进度的上一步记录，现为：{ $stage }。
    { $note }
    合作进度及后续更新：{ $link }
mail-market-published-subject = 您的供需已发布：{ $title }
mail-market-published-body =
    { $name }您好：

    秘书处已发布您的供需“{ $title }”。会员现可查阅，平台也会向供给或需求相配的机构推荐：{ $link }
mail-market-returned-subject = 您的供需已退回：{ $title }
mail-market-returned-body =
    { $name }您好：

    秘书处已退回您的供需“{ $title }”，原因如下：
    { $note }
    请在此修改并重新提交：{ $link }
mail-expiry-subject = 您的供需“{ $title }”将于 { $date } 到期
mail-expiry-body = 您在湾联发布的“{ $title }”有效期至 { $date }。如需延长，请在此修改日期：{ $link }
err-market-not-your-org = 您只能为所代表的机构发布。
err-market-unknown-tag = 此项不在可选列表内。
err-market-no-sector = 请至少选择一个领域。
err-market-expiry-past = 日期已过。
err-market-expiry-far = 最多 { $limit } 天之后。
err-market-no-event = 此活动不存在。
err-market-not-owner = 只有发布者及秘书处可以进行此操作。
err-market-staff-only = 只有秘书处可以进行此操作。
err-market-return-reason = 请说明退回原因。
err-market-withdrawn = 此供需已撤回。
err-market-nobody-to-remind = 此供需没有可提醒的账户。
err-market-own-posting = 您不能对本机构的供需表达意向。
err-market-not-live = 此供需暂不开放：待审核、已撤回或已过期。
err-market-interest-twice = 您已对此供需表达过意向。
err-market-already-decided = 此意向已经回复。
err-market-not-party = 只有对接双方及秘书处可以进行此操作。
err-market-not-introduced = 发布者尚未接受此意向。
err-market-stage-order = 合作进度只可向前推进，结束或落地后也不可再更改；错误记录的一步可以撤回。
err-market-close-reason = 请说明结束原因。
err-market-no-shared-event = 双方并非同一个开放洽谈预约的活动的已确认参会者。
market-org-postings = 本机构的供需
market-event-postings = 本活动的供需对接
market-attachments = 附件
market-attach = 添加文件
market-attach-help = PDF、图片、Word、Excel 或 PowerPoint；最多 5 个文件，每个不超过 5 MB。PDF、Word、Excel 和 PowerPoint 文件的文字可供搜索。
market-upload = 上传
err-market-file-too-big = 每个文件最多 { $limit } MB。
err-market-file-type = 只能添加 PDF、图片、Word、Excel 或 PowerPoint 文件。
err-market-too-many-files = 每则供需最多 { $limit } 个附件。
mm-session = 时段
mm-session-any = 任何时段
mm-session-morning = 上午
mm-session-afternoon = 下午
mm-move-to = 改到
mm-move-meeting = 更改会谈时间
mm-rebook = 会谈未能进行：另约时间
mm-online = 线上
mm-online-room-of = 线上 · { $name }
mm-online-title = 线上参与
mm-online-choice = 我以线上方式参与：我的会谈在我专属的视频会议室进行
mm-online-your-room = 您的会议室：
mm-video-url = 线上会谈的视频服务（选填）
mm-video-url-help = 远程参与者各获一个会议室（例如在 Jitsi 服务器上），其所有会谈均在该会议室进行。
err-mm-video-url = 请填写以 https:// 开头的视频服务网址。
err-mm-no-online = 此活动不设线上会谈。
err-mm-online-in-use = 您的线上会议室已安排会谈：请先改期或取消这些会谈。
err-mm-video-in-use = 参会者的线上会议室内仍有会谈：请先移动或取消这些会谈，再关闭视频服务。
mm-met-before = 曾于{ $event }会谈
mm-met-before-outcome = 曾于{ $event }会谈：{ $outcome }
mm-met-before-org = 贵机构曾于{ $event }与其机构会谈
mm-met-before-org-outcome = 贵机构曾于{ $event }与其机构会谈：{ $outcome }
mm-pick-slot = 时段
mm-slot-by-organiser = 由主办方安排
mm-book = 预约此时段
mm-self-booking = 参会者接受申请时自选时段（如此预约的会谈安排在空闲桌位，重新编排日程时保留）
mm-auto-accept = 会谈申请即时接受（受邀一方会收到通知，并可取消会谈）
mm-auto-note = 本活动的会谈申请即时接受：发出即成为会谈，对方可取消。
mm-your-priority = 您的优先级
mm-weight = 权重（双方优先级）
err-mm-session = 请选择任何时段、上午或下午。
mm-scheduling = 正在编排……
mm-progress-meetings = 场洽谈
mm-progress-best = 目前最少空档
mm-progress-bound = 已证明至少
err-mm-scheduling = 此活动的日程正在编排中，请等候完成。
mm-participants = 参会者
mm-suggested = 为您推荐
mm-suggested-help = 按供需对接的推荐，供给或需求与贵机构相应的参会机构及其参会者；其后是简介与您相应的参会者。
mm-about-you = 关于您
mm-about-help = 您或贵机构能提供什么、希望寻找什么（其他参会者可见，并用于推荐会谈对象）
mm-daily = 每日一封邮件列出待我回复的会谈申请，而非每个申请一封
mm-languages = 我可用以会谈的语言
mm-languages-head = 会谈语言
mm-lang-yue = 粤语
mm-lang-cmn = 普通话
mm-lang-en = 英语
mm-lang-pt = 葡萄牙语
mm-speaks = 会谈语言：{ $languages }
mm-no-common-language = 没有共同语言：或需翻译
mm-interpreter-count = 没有共同语言的会谈（或需翻译）
mm-filter-participants = 按姓名、机构或地区筛选
mm-ask = 申请洽谈
mm-pass = 不感兴趣
mm-pass-help = 不再向我推荐此参会者（仍可向对方申请洽谈）
mm-passed = 已不再向您推荐 { $count } 位参会者。
mm-unpass = 重新推荐
mm-arrange = 安排会谈
mm-arrange-help = 为两位应当会面的参会者安排：会谈即时成立，双方均会收到邮件通知，并与其他会谈一同编排。不计入任何一方的申请上限。
mm-arrange-with = 对象
mm-arrange-note = 给双方的附言（选填）
mm-arranged = 由主办方安排
mm-arranged-head = 主办方安排
mm-suggest-title = 撮合会谈
mm-suggest-help = 选择一位参会者，即可看到平台建议其会见的对象（与其本人页面所见相同：按其机构的供需及其自述，跨简繁比对），已会面、已申请或已表示不感兴趣者除外。一键即可安排会谈，推荐理由即作附言，双方均会收到邮件通知。
mm-suggest-show = 显示建议
mm-suggest-none = 暂无建议：其机构未发布供需、本人亦无自述，或所有相配者已与其会面。
mm-suggest-idle = 尚无会谈或申请的参会者
mm-standings = 各参会者的进度
mm-standing-accepted = 已接受的会谈
mm-standing-placed = 已定时间及桌号
mm-standing-asking = 待对方回复的申请
mm-standing-asked = 待其回复的申请
mm-standing-untold = 未反馈的会谈结果
mm-suggest-open = 撮合会谈：为每位参会者建议会见对象
mm-arrange-with-name = 安排与{ $name }会谈
nav-reports = 工作报告
report-title = { $side }{ $year }年度工作报告
report-whole-alliance = 联盟整体
report-side = 方面
report-show = 显示
report-help = 按湾联当前的记录统计。可打印本页，或在浏览器的打印对话框中另存为 PDF，供理事会文件之用。
report-print = 如需打印或另存为 PDF，请使用浏览器的打印功能。
report-events-held = 已举办活动
report-events-planned = 尚待举办的活动
report-events-planned-n = 另有 { $count } 场尚待举办
report-registered = 已报名
report-attended = 已签到
report-attended-n = { $count } 人已签到
report-feedback = 活动反馈（满分 5）
report-feedback-average = 活动反馈，平均 { $average } 分
report-feedback-n = { $count } 份回复
report-memberships = 授予的成员资格及称号
report-awarded = 授予
report-meetings = 年内活动的一对一会谈
report-meetings-requested = 已发出邀约
report-meetings-accepted = 已接受
report-meetings-scheduled = 已安排时段及桌号
report-meetings-held = 已进行会谈
report-agreements = 已签署协议
report-agreements-after-meetings = 源自一对一会谈
report-agreements-after-postings = 源自供需对接
report-none = 本年度没有。
report-by-month = 按月份统计已举办活动
report-month = { $month }月
report-by-kind = 按类型统计活动
report-series = 系列活动（已报名／已签到）
report-events = 本年度活动
report-col-kind = 类型
report-col-event = 活动
report-col-section = 部分
report-col-item = 项目
report-col-count = 数量
report-summary = 摘要
report-planned = 尚待举办
report-rules = 一方的报告包括：在该方地区举行，或由该方机构主办或承办的活动（因此年会会列入每个主办方的报告）；该方授予的成员资格，或未记录授予方时，该方地区机构的成员资格；该方活动上的一对一会谈；以及本年度签署、源自该方活动上的会谈或涉及该方机构的供需对接的协议。“已报名”指已确认座位；任何一方填报会谈结果而双方均未表示未能进行，即计为已进行会谈。时间为香港时间。
err-report-year = 请输入 2000 至 2100 年之间的年份。
err-report-side = 没有此方面：请输入 sz、hk 或 mo，或略去以查看联盟整体。
err-publication-orgs = 最多可列出 { $limit } 个机构。
publication-kind-whitepaper = 白皮书
publication-kind-news = 新闻
publication-kind-event-report = 活动报道
publication-kind-challenge = 挑战赛
nav-publications = 刊物
publications-intro = 联盟及其成员的白皮书、新闻、活动报道和挑战赛。
new-publication = 新增刊物
edit-publication = 编辑刊物
publication-draft = 草稿
publication-deleted = 已删除该刊物。
publication-kind = 类型
publication-date = 发布日期
publication-event = 活动
publication-orgs = 机构
publication-orgs-hint = 先列出版机构，再列参与机构。
publication-url = 全文
publication-summary = 摘要
publication-body = 正文
publication-keep-draft = 保留为草稿（仅工作人员可见）
publications-here = 刊物
add-publication = 新增刊物
report-versus = { $year }年：{ $count }
report-year-before = 上一年度（{ $year }年）
report-published = 已发布
field-reminder-hours = 活动开始前多少小时提醒报名者
reminder-hours-hint = 3 至 168 小时（一周）；留空即提前一天。
err-reminder-hours = 请输入 3 至 { $limit } 之间的小时数。
org-publications = 该机构的刊物
report-versus-change = { $year }年：{ $count }（{ $change }）
publication-files = 文件
publication-file-add = 添加文件
publication-file-hint = PDF、图片、Word、Excel 或 PowerPoint；每个最多 20 MB，最多五个。PDF、Word、Excel 和 PowerPoint 文件的文字可供搜索。
file-searchable = 可供搜索：已读取 { $count } 字
file-not-searchable = 不能搜索：未能读取文字（图片不读取）
file-words-unread = 文字尚未读取
publication-file-delete-confirm = 删除此文件？
err-publication-too-many-files = 每份刊物最多 { $limit } 个文件。
report-by-side = 按方面
report-by-side-note = 两方合办的活动在两方均计算一次，因此各方合计多于联盟整体。

## 主办方自定义的报名问题
add-question = 在报名表加入问题
add-question-help = 在以上栏位之后询问每位报名者（由代表代为报名的同事，可稍后由代表或同事本人作答）。例如：跨境参访所需的证件号码、参加哪条参访路线、是否出席晚宴。
field-question = 问题
field-question-kind = 作答方式
field-question-options = 选项，每行一项（供选择题使用）
field-question-required = 必须作答
field-question-after-confirmation = 名额确认后才提问
question-after-confirmation-hint = 不在报名表上提问：名额获确认（获批准，或由候补名单递补）者在其报名页面作答，确认邮件会提醒他们。适用于只需由出席者提供的资料，例如参访所需的旅行证件号码。
question-after-confirmation = 名额确认后提问
err-condition-after-confirmation = 报名表上的问题不能取决于名额确认后才提问的问题。
question-kind-text = 一行文字
question-kind-choice = 选择其中一项
question-kind-choices = 可选多项
question-kind-yes-no = 是或否
registration-question = 报名问题
question-required = 必须作答
answer-yes = 是
answer-no = 否
questions-unanswered = 主办方有问题您尚未作答。
answer-questions = 前往作答
err-question-options = 请提供至少两个选项，每行一项。
err-too-many-options = 最多 { $limit } 个选项。
err-too-many-questions = 每项活动最多可自定义 10 个问题。
edit-question = 修改报名问题
question-kind-fixed = 作答方式不可更改；如需更改，请移除此问题再新增。
question-options-kept = 已有人选择的选项须保留；其他选项可修改、新增或移除。
err-question-kind-fixed = 问题的作答方式不可更改。
err-option-in-use = 已有人选择的选项不可移除或修改。
mail-answers = 你对主办方问题的回答：
mail-questions-unanswered = 主办方有问题你尚未作答，请在上述链接的页面作答。
mail-answer-line = { $question }：{ $answer }
move-up = 上移
confirm-remove-question = 确定移除此问题及所有对它的回答？
field-retention-days = 活动结束后保留报名者个人资料的天数
retention-days-hint = 1 至 3650 天（十年）；留空即保留至报名者自行删除。届时删除姓名、电邮、电话、问题回答及留言；各地区、各类机构的人数及出席记录保留，供报告统计。
err-retention-days = 请输入 1 至 { $limit } 之间的天数。
retention-note = 主办方保留您的报名资料至 { $date }（活动结束后 { $days } 天），届时删除。您亦可随时在报名页面提前删除。
retention-note-staff = 报名者个人资料将于 { $date }（活动结束后 { $days } 天）删除；统计人数保留。
retention-done-staff = 报名者个人资料已于 { $date }（活动结束后 { $days } 天）删除；统计人数保留。
field-answer-retention = 活动结束后保留回答的天数
answer-retention-hint = 0：活动结束即删除（如证件号码）；留空即随报名资料保留。
err-answer-retention-days = 请输入 0 至 { $limit } 之间的天数。
answer-retention = { $days ->
    [0] 您的回答将于活动结束后删除。
   *[other] 您的回答将于活动结束后 { $days } 天删除。
}
field-shown-if = 仅在以下情况提问
shown-always = 总是提问
shown-if-choice = { $question }：{ $answer }
shown-if-note = 仅在“{ $question }”答“{ $answer }”时提问
err-condition-question = 请选择排在前面、设有选项的问题。
err-question-before-condition = 问题不能排在其所依据的问题之前。
event-managers = 活动管理员
event-managers-help = 无需秘书处权限即可处理本活动报名及入场的账户（如承办本活动的成员单位）：报名、审批、更正、应要求删除资料、签到、邀请、通知、胸卡、导出及项目对接。不包括活动议程及名录。
field-manager-email = 账户登录电邮
err-no-such-account = 没有以此电邮登录的账户，请先由管理员建立。
mine-managed = 您管理的活动
roster = 名单
roster-seated = 已确认座位 { $count } 人
roster-waiting = 候补 { $count } 人
roster-came = 已签到 { $count } 人
roster-ratings = { $count } 份评分
mine-forums = 贵机构承办的平行论坛
all-statuses = 所有状态
mail-approvals-subject = { $count } 份报名待您审批：{ $event }
mail-approvals-body =
    您好：

    “{ $event }”有 { $count } 份报名待您审批（您是本活动的管理员）。请在此批准或拒绝：
    { $link }

    有新报名时，每小时最多通知一次。

    — 湾联（深港澳科技联盟）
copy-event = 复制此活动
copy-event-help = 用于同一系列的下一场活动或明年的年会：活动资料及设定复制到您选择的日期（复制多份时，其后每隔若干周或月一份），各项时间的钟点不变；报名保持关闭，待您开放。报名、邀请、嘉宾及项目对接的约见请求不会复制。
field-copy-date = 复制后的首日
copy-also = 一并复制
copy-programme = 分场、议程及讲者
copy-roles = 主办、承办等角色及各单位名额
copy-questions = 报名问题
copy-managers = 活动管理员
copy-matchmaking = 项目对接：设定、时段及桌位（不含约见请求及时间表）
api-tokens = API 令牌
api-tokens-help = 令牌让程序（成员单位网站、入场扫描器、脚本）以您的名义、按您的权限使用 API，以“Authorization: Bearer …”发送。不再使用的令牌请撤销；API 说明见 /api。
api-token-made = 新令牌只显示这一次，请立即复制。
field-token-name = 用途
field-token-days = 有效天数
token-days-hint = 1 至 730 天；留空即直至撤销。
err-token-days = 请输入 1 至 { $limit } 之间的天数。
token-created = 建立于
token-expires = 到期
token-last-used = 最近使用
token-no-expiry = 直至撤销
token-never-used = 未曾使用
token-revoke = 撤销
token-revoke-confirm = 撤销此令牌？使用它的程序此后将被拒绝。
no-tokens = 您没有令牌。
make-token = 建立令牌
field-repeat-count = 复制份数
field-repeat-every = 每隔
field-repeat-unit = 周或月
repeat-weeks = 周一份
repeat-months = 个月一份
err-repeat-interval = 请输入 1 至 { $limit } 之间的数字。
err-repeat-count = 请输入 1 至 { $limit } 之间的份数。
sign-in-sheet = 签到表
sign-in-sheet-room = 会场
sign-in-sheet-all = 整个活动
sign-in-sheet-signature = 签名
field-token-read-only = 只读：以它发出的任何修改都会被拒绝
token-read-only = 只读

## 活动反馈
feedback-title = 活动反馈
feedback-rating = 总体而言，活动如何？
feedback-rating-1 = 欠佳
feedback-rating-2 = 一般
feedback-rating-3 = 良好
feedback-rating-4 = 很好
feedback-rating-5 = 非常好
feedback-useful = 哪部分最有用？
feedback-improve = 下次可以怎样改进？
feedback-col-rating = 评分（1–5）
feedback-col-useful = 最有用
feedback-col-improve = 可改进之处
feedback-sessions = 您出席的各分论坛（可选）
feedback-submit = 提交反馈
feedback-thanks = 谢谢您的反馈。
feedback-open-until = 您可在 { $date } 前提交或修改。
feedback-link = 对本活动提供反馈
back-to-registration = 返回您的报名
feedback-ask = 邀请参加者提供反馈
feedback-ask-help = 每位获得名额的参加者（如入场时有签到，则为已签到者）会收到一封附有简短表单链接的邮件，以其语言发出；不会重复邀请。表单在活动结束后 30 天内开放。
feedback-ask-confirm = 现在发出反馈邀请邮件？
feedback-asked-now = { $count ->
    [one] 已邀请 1 位参加者提供反馈。
   *[other] 已邀请 { $count } 位参加者提供反馈。
}
feedback-asked-at = 首次邀请于 { $date } 发出。
feedback-remind = 提醒尚未回复的参加者
feedback-remind-confirm = 向每位已获邀请但尚未回复的参加者发出一次提醒？
feedback-reminded-now = 已提醒 { $count } 位参加者。
mail-feedback-reminder-subject = 提醒：“{ $event }”活动反馈
feedback-none = 暂时没有反馈。
feedback-average = 平均 { $average } 分（满分 5 分）
feedback-count = （{ $count } 份回复）
feedback-words = 参加者意见
err-feedback-too-early = 活动结束后才可邀请反馈。
err-feedback-not-asked = 主办方尚未就本活动邀请反馈，或此报名没有名额。
err-feedback-closed = 本活动的反馈已截止。
err-feedback-rating = 请选择 1 至 5 分。
mail-feedback-subject = “{ $event }”活动反馈
mail-feedback-body =
    { $name }：

    感谢您参加“{ $event }”。主办方希望了解您的看法：请给一个评分，如愿意也可写下意见。

    { $link }

    您可在 { $until } 前提交或修改反馈。

    — 湾联（深港澳科技联盟）
alerts-title = 供需订阅
alerts-intro = 每项订阅会每日或每周以邮件通知你，自上次通知以来发布、符合其筛选条件的供需信息。可在供需列表按所需条件筛选后订阅，或在搜索页按所搜索的字词订阅。
alerts-none = 你尚未有订阅。请先筛选供需列表，再选择“以邮件通知我同类新信息”。
alert-all-postings = 全部供需信息
alert-filters = 供需信息
alert-frequency = 频率
alert-frequency-daily = 每日
alert-frequency-weekly = 每周
alert-words = “{ $words }”
search-all-words = 须含全部字词
search-alert-subscribe = 以邮件通知我含这些字词的新供需信息：
search-alert-sign-in = 登录后可订阅含这些字词的新供需信息
alert-subscribe = 以邮件通知我同类新信息：
alert-save = 订阅
alert-follow-org = 每周以邮件通知我其新发布的供需信息
alert-stop = 取消此订阅
alert-stop-title = 取消供需订阅
alert-stop-ask = 不再接收符合以下条件的新供需信息通知：{ $filters }？
alert-stopped = 此订阅已取消，不会再收到相关邮件。
err-too-many-alerts = 每个账户最多可保留 20 项订阅，请先取消其中一项再新增。
mail-alert-subject = { $count } 项新供需信息：{ $filters }
mail-alert-body =
    符合你订阅条件（{ $filters }）的新供需信息：

    { $postings }

    你的订阅：{ $alerts }
    取消此订阅：{ $stop }

    — 湾联（深港澳科技联盟）
mail-alert-more = ……另有 { $count } 项：{ $link }
alert-counterparts = 本机构供需的新对接对象
alert-counterparts-subscribe = 每周以邮件通知我本机构供需的新对接对象
mail-counterparts-subject = 本机构供需有 { $count } 个新对接对象
mail-counterparts-body =
    本周发布、与贵机构所供所需相配的供需信息：

    { $postings }

    你的订阅：{ $alerts }
    取消此订阅：{ $stop }

    — 湾联（深港澳科技联盟）

## 密码：修改、忘记密码、通过管理员发送的链接设置
password-title = 密码
password-change-help = 请输入当前密码，再输入新密码（至少 10 个字符）。你在其他浏览器的登录将被退出；你的 API 令牌继续有效。
field-current-password = 当前密码
field-new-password = 新密码
password-change = 修改密码
password-changed = 你的密码已修改，其他浏览器的登录已被退出。
password-set = 你的密码已设置，你已登录。
err-password-wrong = 这不是你当前的密码。
forgot-link = 忘记密码？
forgot-title = 忘记密码
forgot-help = 请输入你账户的电子邮箱，设置新密码的链接将发送到该邮箱。链接有效一小时，只能使用一次。
forgot-send = 发送链接
forgot-sent = 如 { $email } 设有账户，载有设置新密码链接的邮件正在发送；可能需要几分钟，也可能被归入垃圾邮件。每个邮箱每十分钟最多发送一封。
forgot-ask-again = 索取新的链接
reset-title = 设置密码
reset-help = 请为 { $email } 设置新密码（至少 10 个字符）。设置后你将登录，其他地方的登录将被退出。
reset-invite-help = 已为 { $email } 开设账户。请设置密码（至少 10 个字符）以登录。
reset-set = 设置密码并登录
err-password-link = 此链接已失效：已被使用、已过期，或此后已设置新密码。请索取新的链接。
user-no-password = 尚未设置密码
user-send-link = 发送设置密码链接
user-link-sent = 设置密码的链接已发送至 { $email }，有效一周。
user-password-hint = 留空则发送链接，由账户持有人自行设置密码（建议：这样便无人知道其密码）。
mail-password-reset-subject = 设置新的湾联密码
mail-password-reset-body =
    { $name }，你好：

    有人（希望是你本人）为湾联账户 { $email } 申请新密码。请于 { $until }（香港时间）前打开以下链接设置：
    { $link }

    链接只能使用一次。如非你本人申请，请忽略此邮件，你的密码保持不变。

    — 湾联（深港澳科技联盟）
mail-account-invite-subject = 你的湾联账户
mail-account-invite-body =
    { $name }，你好：

    联盟秘书处已为你开设湾联账户：{ $email }。请于 { $until }（香港时间）前打开以下链接设置密码并登录：
    { $link }

    链接只能使用一次。日后请在 { $site } 登录。

    — 湾联（深港澳科技联盟）

## 账户：由管理员修改及暂停
user-suspended = 已暂停
user-suspended-since = 自 { $date }（香港时间）起暂停：无法登录，其 API 令牌及设置密码链接均失效。
user-access = 访问权限
user-suspend-help = 账户持有人离开秘书处或所属机构时，可暂停其账户：持有人将无法登录，其登录随即结束，API 令牌失效，也不再收到其机构的邮件；但其姓名仍保留在审计记录及其经手的资料上。恢复后，账户及其令牌可再次使用。只有在持有人要求删除其资料时，才应清除账户。
user-suspend = 暂停
user-reinstate = 恢复
err-suspend-self = 你不能暂停自己的账户。
err-own-role = 你不能修改自己的角色，请联系另一位管理员。
err-account-suspended = 此账户已暂停，请联系联盟秘书处。

## 两步验证登录（密码之后输入验证器的代码）
two-factor-title = 两步验证登录
two-factor-offer = 未启用：启用两步验证登录
two-factor-is-on = 已启用两步验证登录：输入密码后，还须输入验证器显示的代码。
two-factor-is-on-for = 此账户已启用两步验证登录。
two-factor-help = 启用两步验证登录后，即使密码被盗或被猜中也不足以登录：登录时还须输入手机验证器（Google Authenticator、Microsoft Authenticator、FreeOTP、1Password 等）显示的六位数代码。请用验证器扫描下方二维码，或输入密钥，再输入验证器显示的代码。
two-factor-secret = 密钥：
two-factor-turn-on = 启用
two-factor-turn-off = 停用两步验证登录
two-factor-turned-on = 已启用两步验证登录。请保留验证器，并把下列恢复码另行保存：两者皆失，只有管理员可让你再次登录。
two-factor-turned-off = 已停用两步验证登录。
two-factor-off-confirm = 要为此账户停用两步验证登录吗？在持有人再次启用前，只需密码即可登录。
two-factor-code-title = 验证器代码
two-factor-code-help = 请输入验证器为湾联显示的六位数代码。
two-factor-lost = 丢失了装有验证器的手机？请用其中一个恢复码登录，或请联盟秘书处的管理员为你的账户停用两步验证登录。
field-two-factor-code = 六位数代码
err-two-factor-code = 代码不正确或已被使用，请输入验证器当前显示的代码。
err-two-factor-required = 此账户须两步验证登录：请连同密码一并提交验证器的代码或其中一个恢复码（`code`）。
err-two-factor-expired = 登录等待代码的时间过长，请重新登录。

## 账户持有人的账户页
account-title = 我的账户
account-mail-language = 你的邮件以{ $languages }撰写，即你最近一次登录时页面所用的语言。
account-mail-language-unset = 你的邮件语言将依照你登录时页面所用的语言。
account-mail-language-title = 邮件语言
account-mail-language-chosen = 按你的选择，你的邮件以{ $languages }撰写，不论你以何种语言浏览网站。
account-mail-language-field = 邮件撰写语言
account-mail-language-follow = 依照我所用页面的语言
account-sessions = 登录状态
account-other-sessions = { $count ->
    [0] 你只在此浏览器登录。
   *[other] 你另外在 { $count } 个浏览器登录。
}
account-session-browser = 浏览器
account-session-address = 网络地址
account-session-since = 登录时间
account-session-this = （此浏览器）
account-session-unknown-browser = 未能识别的浏览器
account-end-sessions = 退出所有其他浏览器
account-sessions-ended = 已退出 { $count } 个其他浏览器。
account-more = 登录及资料
mail-password-changed-subject = 你的湾联密码已修改
mail-password-changed-body =
    { $name }，你好：

    你的湾联账户 { $email } 的密码已于 { $when }（香港时间）修改，其他以旧密码登录的浏览器均已退出。

    如是你本人所为，则无须理会。如非你本人所为，请立即通过以下链接设置新密码，并通知联盟秘书处：
    { $link }

    — 湾联（深港澳科技联盟）
mail-new-sign-in-subject = 有新的浏览器登录你的湾联账户
mail-new-sign-in-body =
    { $name } 你好：

    你的湾联账户 { $email } 于 { $when }（香港时间）从一个未曾使用过的浏览器登录：{ $browser }，网络地址 { $address }。

    如是你本人，无须理会。如非你本人，即有人取得你的密码：请立即在以下链接设置新密码，并在账户页面退出该浏览器：
    { $link }
    { $account }

    — 湾联（深港澳科技联盟）
mail-two-factor-on-subject = 你的湾联账户已启用两步验证登录
mail-two-factor-on-body =
    { $name }，你好：

    你的湾联账户 { $email } 已于 { $when }（香港时间）启用两步验证登录：输入密码后，还须输入验证器的代码方可登录。

    如非你本人所为，即有他人知道你的密码：请立即通过以下链接设置新密码，并通知联盟秘书处，秘书处可再次停用两步验证登录：
    { $link }

    — 湾联（深港澳科技联盟）
mail-two-factor-off-subject = 你的湾联账户已停用两步验证登录
mail-two-factor-off-body =
    { $name }，你好：

    你的湾联账户 { $email } 已于 { $when }（香港时间）停用两步验证登录：现在只需密码即可登录。你可在账户页面再次启用。

    如非你本人所为，也未曾要求秘书处停用，请立即通过以下链接设置新密码，并通知联盟秘书处：
    { $link }

    — 湾联（深港澳科技联盟）
security-title = 登录规则
security-staff-two-factor = 管理员、秘书处职员及活动管理人必须使用两步验证登录
security-staff-two-factor-help = 他们可阅读报名者的个人信息。在启用两步验证登录前，其账户（包括 API 令牌）只有参加者权限，不能管理任何活动，每个页面都会提示如何启用。请先为自己的账户启用。
security-without-two-factor = 未使用两步验证登录的职员
security-all-two-factor = 所有管理员及秘书处账户均已使用两步验证登录。
two-factor-due = 本网站要求管理员、秘书处职员及活动管理人使用两步验证登录：在你启用前，你的账户只有参加者权限。
err-two-factor-first = 请先为自己的账户启用两步验证登录，以免此规则把你拒之门外。
recovery-codes-title = 恢复码
recovery-codes-fresh = 请把这十个恢复码保存在安全且与手机分开的地方，例如密码管理器或打印件。每个恢复码可在没有验证器时登录一次。恢复码只显示这一次。
recovery-codes-left = { $count ->
    [0] 你已没有恢复码：请生成新的恢复码，否则丢失手机将无法登录。
    [one] 只剩一个恢复码：请尽快生成新的恢复码。
   *[other] 还剩 { $count } 个恢复码，每个可在没有验证器时登录一次。
}
recovery-codes-help = 丢失了清单或已用去大半？新的恢复码会取代之前所有恢复码。
recovery-codes-make = 生成新的恢复码
recovery-codes-made = 已生成新的恢复码：之前的恢复码已失效。
recovery-codes-download = 下载为文本文件
recovery-codes-left-for = { $count ->
    [0] 此账户已没有恢复码。
    [one] 此账户还剩一个恢复码。
   *[other] 此账户还剩 { $count } 个恢复码。
}
recovery-code-signed-in = { $count ->
    [0] 你用最后一个恢复码登录了。请立即在下方生成新的恢复码；如手机已丢失，请停用两步验证登录，再用新手机重新启用。
    [one] 你用恢复码登录了，还剩一个。请在下方生成新的恢复码；如手机已丢失，请停用两步验证登录，再用新手机重新启用。
   *[other] 你用恢复码登录了，还剩 { $count } 个。如手机已丢失，请停用两步验证登录，再用新手机重新启用。
}
recovery-code-use = 手机不在身边？改用恢复码
recovery-code-field = 恢复码
err-two-factor-off = 此账户未启用两步验证登录：请先启用。
mail-recovery-code-used-subject = 有人用恢复码登录了你的湾联账户
mail-recovery-code-used-body =
    { $name } 你好：

    你的湾联账户 { $email } 于 { $when }（香港时间）用一个恢复码代替验证器的代码登录。该恢复码已失效；账户的两步验证登录页面会显示还剩多少个，并可生成新的恢复码。

    如非你本人所为，即有人取得你的密码及其中一个恢复码：请立即在以下链接设置新密码，生成新的恢复码，并通知联盟秘书处：
    { $link }

    — 湾联（深港澳科技联盟）
user-last-sign-in = 最近登录
user-never-signed-in = 从未登录
audit-record-kind = 记录类别
audit-record-id = 记录编号
audit-any = （全部）
audit-from = 由
audit-until = 至
audit-history = 变更记录
audit-entity-announcement = 公告
audit-entity-api_token = API 令牌
audit-entity-attachment = 附件
audit-entity-cooperation = 合作
audit-entity-designation = 授牌类别
audit-entity-event = 活动
audit-entity-event_guest = 活动嘉宾
audit-entity-event_manager = 活动管理人
audit-entity-event_role = 活动角色
audit-entity-event_series = 系列活动
audit-entity-event_session = 活动环节
audit-entity-interest = 对供需信息的意向
audit-entity-invitation = 邀请
audit-entity-item_speaker = 议程项目讲者
audit-entity-matchmaking = 项目对接
audit-entity-matchmaking_slot = 对接时段
audit-entity-matchmaking_table = 对接桌位
audit-entity-meeting = 对接会面
audit-entity-membership = 会籍
audit-entity-milestone = 里程碑
audit-entity-organisation = 机构
audit-entity-person = 人物
audit-entity-position = 职位
audit-entity-posting = 供需信息
audit-entity-programme_item = 议程项目
audit-entity-publication = 刊物
audit-entity-publication_file = 刊物文件
audit-entity-registration = 报名
audit-entity-registration_question = 报名问题
audit-entity-session_registration = 环节报名
audit-entity-side = 所属方
audit-entity-side_officer = 所属方职务
audit-entity-site_setting = 网站设置
audit-entity-user = 账户

## 邮件发件箱（秘书处）
outbox-title = 邮件
outbox-waiting = { $count ->
    [0] 没有待发邮件。
   *[other] 有 { $count } 封邮件待发。
}
outbox-oldest = 最早一封自 { $date }（香港时间）起等待。
outbox-sent-day = 过去 24 小时发出 { $count } 封邮件。
outbox-failing = 邮件服务器拒收 { $count } 封邮件，或发送时无法连接：系统会以逐渐延长的间隔重试，最长间隔一小时。
outbox-retry = 立即重试失败的邮件
outbox-retried = 将立即重试 { $count } 封失败的邮件。
outbox-help = 每封邮件均与其所通知的事项一同写入发件箱，并由以 --smtp 启动的节点发出：邮件服务器停止运行时，邮件只会延迟，不会丢失。邮件在发出时以收件人的语言撰写。
outbox-waiting-title = 待发
outbox-none-waiting = 没有待发邮件。
outbox-sent-title = 最近发出
outbox-none-sent = 尚未发出任何邮件。
outbox-queued = 排入时间
outbox-kind = 类别
outbox-to = 收件人
outbox-attempts = 尝试次数
outbox-next = 下次尝试
outbox-error = 最近错误
outbox-sent-at = 发出时间
users-find = 电子邮箱或姓名
users-state = 状态
users-active = 可登录

## 账户持有人更改登录地址
account-email-title = 登录地址
account-email-now = 你以 { $email } 登录。
account-email-new = 新地址
account-email-send = 发送确认邮件
account-email-sent = 确认邮件已发送至 { $email }：请于一天内打开其链接，此后即以该地址登录。在此之前一切不变。
account-email-changed = 你的登录地址已更改。
account-email-confirm-help = 此后以 { $email } 登录？
account-email-confirm = 确认新地址
err-email-same = 这已是你的地址。
err-email-link = 此链接已失效：已被使用、已过期，或该账户无法登录。请在账户页面重新申请。
err-throttled-now = 密码错误次数过多，请于十五分钟后再试。
mail-email-confirm-subject = 确认你的湾联新登录地址
mail-email-confirm-body =
    你好：

    有已登录湾联的用户申请此后以 { $email } 登录。如是你本人，请于一天内在此确认：
    { $link }

    如非你本人，请忽略此邮件，一切不变。

    — 湾联（深港澳科技联盟）
mail-email-changed-subject = 你的湾联账户已改用另一地址登录
mail-email-changed-body =
    你好：

    原以此地址登录的湾联账户，此后改以 { $email } 登录；该账户的邮件也将发送至该地址。

    如非你本人所为，请立即通知联盟秘书处，秘书处可将账户交还给你。

    — 湾联（深港澳科技联盟）
outbox-about-registration = 报名
outbox-about-reminder = 活动提醒
outbox-about-feedback = 活动反馈
outbox-about-announcement = 公告
outbox-about-alerts = 供需订阅
outbox-about-account = 账户及登录
outbox-about-market = 供需对接
outbox-about-matchmaking = 项目对接
outbox-about-other = 其他
