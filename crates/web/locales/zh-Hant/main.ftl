site-name = 灣聯
footer = 灣聯 — 深港澳科技聯盟平台。內容以你所用的字體顯示，原文按作者所寫保存。
language = 語言
nav-organisations = 機構
nav-people = 人物
nav-alliance = 聯盟
nav-memberships = 成員與授牌
nav-audit = 操作記錄
nav-users = 帳戶
nav-api = API
nav-my-registrations = 我的報名
sign-in = 登入
sign-out = 登出
back-home = 返回首頁
home-title = 深港澳科技聯盟
home-intro = 聯盟名錄：成員機構、機構負責人、聯盟三方，以及每年的授牌。
alliance-title = 聯盟與三方
alliance-intro = 2009年由深圳市科協與香港資訊科技聯會聯合發起成立深港科技社團聯盟；2019年引入澳門，成立深港澳科技聯盟。
alliance-sides = 三方
alliance-history = 發展歷程
add = 新增
add-designation = 新增授牌類別
add-membership = 授予稱號
add-officer = 新增職務
add-position = 新增職位
add-user = 建立帳戶
edit = 編輯
delete = 刪除
remove = 移除
save = 儲存
cancel = 取消
filter = 篩選
none = （無）
none-yet = 暫無記錄。
saved = 已儲存。
synthetic = 示範資料
last-updated = 最後更新
ceremony = 授牌儀式
results-count = 共 { $count } 項
page-prev = ← 上一頁
page-next = 下一頁 →
confirm-delete-title = 確定刪除此記錄？
confirm-delete-body = 刪除後無法復原。操作記錄會保留被刪除內容的副本。
confirm-remove = 確定移除此項？
delete-org-positions = 在該機構任職的 { $count } 項職位將一併移除。
delete-org-memberships = { $count } 項成員資格及授牌將一併移除。
delete-person-positions = 此人的 { $count } 項職位將一併移除。
new-organisation = 新增機構
edit-organisation = 編輯機構
new-person = 新增人物
edit-person = 編輯人物
org-children = 下屬機構
org-people = 人物
org-memberships = 成員資格及授牌
person-positions = 職位
manage-designations = 授牌類別
designations-title = 授牌類別
designations-intro = 秘書處每年授予的稱號，例如成員單位、海智工作站。
filter-name = 名稱（繁簡皆可）
filter-any-type = 所有類型
filter-any-region = 所有地區
filter-any-designation = 所有類別
filter-any-year = 所有年份
list-order = 排序
order-pinyin = 按拼音
order-strokes = 按筆劃
order-alphabetical = 按英文名稱
hint-name = 請按機構或本人的寫法填寫名稱；讀者會以自己的字體看到。
field-name = 名稱
field-name-en = 英文名稱
field-short-name = 簡稱
field-org-type = 類型
field-region = 地區
field-parent = 所屬機構
field-website = 網站
field-description = 簡介
field-written-in = 原文字體
field-bio = 簡歷
field-organisation = 機構
field-title = 職銜
field-title-en = 英文職銜
field-since = 起始年份
field-until = 結束年份
field-side = 所屬方
field-person = 人物
field-role = 角色
field-year = 年份
field-designation = 類別
field-ceremony-date = 授牌日期
field-note = 備註
field-code = 代碼
field-email = 電郵
field-password = 密碼
field-display-name = 顯示名稱
script-zh-Hant = 繁體中文
script-zh-Hans = 簡體中文
script-en = 英文
org-type-alliance = 聯盟
org-type-society = 社團／協會
org-type-company = 企業
org-type-university = 大學
org-type-institute = 研究院／實驗室
org-type-government = 政府或公共機構
org-type-other = 其他
region-shenzhen = 深圳
region-hong-kong = 香港
region-macao = 澳門
region-mainland = 內地其他地區
region-overseas = 海外
role-admin = 平台管理員
role-secretariat = 秘書處
role-org-rep = 機構代表
role-participant = 參加者
officer-role-chair = 理事長
officer-role-vice-chair = 副理事長
officer-role-representative = 代表
officer-role-secretary-general = 秘書長
audit-when = 時間
audit-who = 操作者
audit-what = 操作
audit-record = 記錄
audit-change = 變更
audit-details = 查看
audit-before = 變更前
audit-after = 變更後
audit-create = 新增
audit-update = 修改
audit-delete = 刪除
audit-schedule = 編排
audit-publish = 發布
audit-cancel = 取消
audit-erase = 刪除個人資料
audit-copy = 複製
audit-anonymise = 保留期滿，刪除個人資料
api-intro = JSON API 的全部操作。機器可讀的 OpenAPI 3 文件位於
api-params = 參數
api-body = 請求內容
api-responses = 回應
api-try = 試用
err-not-found = 此頁面或記錄不存在。
err-unauthorized = 請先登入。
err-forbidden = 你的帳戶無權進行此操作。
err-csrf = 此表格已過期或來自其他網站。請重新載入頁面再試。
err-throttled = 登入失敗次數過多，請於 { $minutes } 分鐘後再試。
err-too-many-requests = 此 API 權杖在這一分鐘內的請求過多，請稍候再發送。
err-idempotency-key = Idempotency-Key 標頭須為 1 至 255 個可見的 ASCII 字元（例如一個 UUID）。
err-idempotency-anonymous = 使用 Idempotency-Key 須先登入（API 權杖或登入工作階段）。請先登入，或不帶此標頭傳送。
err-idempotency-mismatch = 此 Idempotency-Key 已用於另一個請求。新的請求請使用新的鍵值。
err-idempotency-in-progress = 帶此 Idempotency-Key 的首個請求仍在處理中，請稍後再傳送。
err-login-failed = 電郵地址或密碼不正確。
err-invalid = 部分欄位需要更正。
err-internal = 系統出現問題，已記錄在案，請稍後再試。
err-bad-json = 請求內容不是此操作可接受的 JSON。
err-json-content-type = 請以 JSON 傳送內容（Content-Type: application/json）。
err-bad-form = 無法讀取表格內容。
err-bad-query = 查詢參數的值無法識別。
err-alert-words-too-long = 訂閱的字詞請勿超過 100 個字元。
err-body-too-large = 請求內容過大。
err-required = 此欄必須填寫。
err-too-long = 最多 { $limit } 個字元。
err-control-chars = 含有無法儲存的字元。
err-unknown-choice = 請從列出的選項中選擇。
err-bad-url = 請輸入網址，例如 https://example.org。
err-bad-date = 請以 YYYY-MM-DD 格式輸入日期。
err-bad-year = 請輸入 1900 至 2200 之間的年份。
err-date-out-of-range = 請輸入 1900 至 2200 年之間的日期。
err-bad-email = 請輸入電郵地址，例如 name@example.org。
err-bad-code = 只可使用小寫英文字母、數字及 _。
err-not-a-number = 請輸入數字。
err-end-before-start = 結束年份早於起始年份。
err-date-outside-year = 授牌日期不在授牌年份之內。
err-password-short = 最少 { $limit } 個字元。
err-email-taken = 已有帳戶使用此電郵地址。
err-duplicate = 此記錄已存在。
err-duplicate-name = 已有同名機構（繁體或簡體）。
err-duplicate-membership = 此機構在該年已獲此稱號。
err-designation-in-use = 此類別已有授牌記錄，請先移除相關授牌。
err-still-referenced = 仍有其他記錄引用此記錄。
err-stale-edit = 你開啟此記錄後，已有其他人修改。請重新載入查看後再編輯。
err-unknown-reference = 所選記錄不存在（或已被刪除）。
err-parent-cycle = 機構不能隸屬於自己或其下屬機構。
nav-events = 活動
events-upcoming = 即將舉行
events-past = 已舉行
events-all = 全部
filter-title = 標題（繁簡皆可）
filter-any-kind = 所有類型
filter-any-series = 所有系列
filter-participant = 姓名、電郵或機構
field-event-kind = 類型
field-series = 系列
field-date = 日期
field-venue = 地點
field-your-name = 姓名
hint-your-name = 按你的寫法填寫；用另一字體的讀者會看到轉換後的寫法。
field-position = 職位
field-phone = 電話
field-dietary = 膳食要求
field-sessions = 場次
field-status = 狀態
hong-kong-time = 香港時間
registration-open = 接受報名
calendar-feed = 日曆
calendar-all-events = 深港澳科技聯盟活動
calendar-these-events = 按此篩選的活動
add-to-calendar = 加入日曆
register = 報名
registrations = 報名名單
registered = 已報名
attended = 已出席
attendance = 出席統計
participants = 參加者
by-region = 按地區
by-org-type = 按機構類型
by-session = 按場次
unknown = 未填寫
approve = 批准
decline = 不批准
guests-of-honour = 出席嘉賓
programme = 議程
needs-approval = 主辦方會審核每項報名，結果將以電郵通知。
seats-left = 尚餘 { $count } 個座位
seats-taken = 已佔 { $count } 個座位
consent-text = 我同意主辦方按私隱政策保存及使用以上資料以籌辦本活動，並可要求匯出或刪除。
your-registration = 你的報名
find-title = 找回報名連結
find-help = 找不到載有報名連結或邀請的郵件？請輸入你的電郵地址，以此地址作出的所有報名連結，以及尚未使用的邀請連結，將寄到該地址。
find-send = 寄出我的連結
find-sent = 如曾以 { $email } 報名，載有報名連結的郵件已在寄出途中；可能需時數分鐘，亦可能被歸入垃圾郵件。每個地址每十分鐘最多寄出一封。
err-find-throttled = 此連線的查詢次數過多，請於一小時後再試。
find-link = 找不到報名連結？
delegation-title = 團體報名
delegation-help = 一次為{ $organisation }的同事報名。每人各自收到確認電郵、報名連結和門票，並如親自報名一樣獲得座位或進入候補名單。
delegation-entered = 由您報名的人員
delegation-colleagues = 貴單位其他代表報名的人員
delegation-add = 加入同事
delegation-row-name = 第 { $count } 人的姓名
delegation-row-email = 第 { $count } 人的電郵地址
delegation-row-position = 第 { $count } 人的職位
delegation-mail-language = 電郵語言
delegation-row-locale = 第 { $count } 人的電郵語言
delegation-row-answers = 代第 { $count } 位回答主辦方的問題（可選）
delegation-answers-help = 您可現在代同事回答主辦方的問題；一旦代答其中一題，必答的問題亦須作答。未答的，由同事在其報名頁面自行回答。
delegation-consent = 本人確認所列人士均已同意由本人代為報名，並同意私隱政策。
delegation-submit = 提交報名
delegation-cancel-confirm = 取消這位同事的報名？其座位將讓予候補名單上的下一位。
err-delegation-empty = 請至少填寫一人。
err-delegation-twice = 此電郵地址重複填寫。
err-delegation-consent = 請確認所列人士均已同意。
err-delegation-too-many = 每次最多 { $limit } 人。
err-delegation-quota = 貴單位於本活動只餘 { $limit } 個名額。
delegation-places = 貴單位於本活動已使用 { $count } 個名額，共 { $limit } 個。
delegation-no-places = 貴單位於本活動的名額已滿。可取消其中一人後再為他人報名，或向主辦單位申請增加名額。
delegation-badge = 團體報名
delegation-entered-by = 團體報名經辦人
mine-help = 以 { $email } 作出的所有活動報名。每項報名均有專屬頁面：狀態、入場券、場次及項目對接。
mine-none = 此地址尚未有任何報名。
mine-invited = 待使用的邀請
mine-coming = 即將舉行
mine-past = 已舉行
mail-links-subject = 你的報名連結
mail-links-invited = 邀請，尚未使用（有效至 { $expires }）
mail-links-body =
    你好：

    有人要求寄出以此電郵地址作出的報名連結，以及寄至此地址而尚未使用的邀請連結：

    { $lines }

    每條連結均屬個人專用，可開啟你的報名、入場券及會面安排，請勿轉發。如非你本人要求，可不理會此郵件。

    — 灣聯（深港澳科技聯盟）
waiting-list = 候補中；有座位空出時會按次序自動為你確認
waiting-position = 你在候補名單上排第 { $count } 位。
checked-in = 已簽到
ticket = 入場券
ticket-hint = 請在入口出示此碼，無需網絡亦可核實。
confirm-cancel = 確定取消報名？你的座位將讓予下一位候補者。
cancel-registration = 取消報名
check-in = 簽到
find-participant = 查找參加者
scan-camera = 以相機掃描
ticket-code = 入場券碼
checkin-ok = 歡迎：
checkin-again = 已簽到過：
checkin-queued = 入場券有效；已記錄於本機，恢復網絡後自動上傳。
checkin-pending = 尚有 { $count } 項簽到待上傳
offline = 離線
online = 在線
no-camera = 此手機無法在此掃描；請輸入入場券碼或於下方查找姓名。
event-kind-annual-conference = 年會
event-kind-forum = 論壇
event-kind-seminar = 研討會
event-kind-visit = 參訪
event-kind-exchange = 交流活動
event-kind-roadshow = 路演
event-kind-matchmaking = 對接會
event-kind-ceremony = 儀式
event-role-host = 主辦
event-role-organiser = 承辦
event-role-co-organiser = 協辦
event-role-supporter = 支持
event-role-guide = 指導
session-kind-main = 主會場
session-kind-forum = 平行論壇
session-kind-other = 場次
item-kind-address = 致辭
item-kind-report = 作報告
item-kind-keynote = 主題演講
item-kind-talk = 演講
item-kind-panel = 圓桌討論
item-kind-ceremony = 儀式
item-kind-release = 發布
reg-status-confirmed = 已確認
reg-status-waiting = 候補中
reg-status-pending = 待審核
reg-status-cancelled = 已取消
reg-status-declined = 未獲批准
err-registration-closed = 此活動已截止報名。
err-already-registered = 此電郵地址已報名本活動。
err-already-cancelled = 此報名已取消。
err-consent-required = 請同意私隱政策以完成報名。
err-not-confirmed = 此報名未獲確認座位。
err-ticket-handed-on = 此入場券的名額已轉讓他人：請出示新持有人本人的入場券。
err-not-pending = 此報名並非待審核。
err-capacity-below-confirmed = 已確認人數多於此名額。
err-ticket-invalid = 無效入場券：偽造、被改動或無法讀取。
err-ticket-other-event = 此入場券屬於其他活動。
mail-event-reminder-subject = 活動提醒：{ $event }，{ $when }
mail-event-reminder-body =
    { $name } 你好：

    提醒你，「{ $event }」將於 { $when }（香港時間）在{ $place }舉行。

    入場時請出示入場券；如未能出席，請透過同一連結取消報名，讓候補名單上的人士獲得座位：
    { $link }

    — 灣聯（深港澳科技聯盟）
mail-event-reminder-body-no-place =
    { $name } 你好：

    提醒你，「{ $event }」將於 { $when }（香港時間）舉行。

    入場時請出示入場券；如未能出席，請透過同一連結取消報名，讓候補名單上的人士獲得座位：
    { $link }

    — 灣聯（深港澳科技聯盟）
mail-confirmed-subject = 報名已確認：{ $event }
mail-waiting-subject = 已列入候補：{ $event }
mail-pending-subject = 已收到報名，待審核：{ $event }
mail-declined-subject = 報名未獲批准：{ $event }
mail-promoted-subject = 已為你確認座位：{ $event }
mail-cancelled-subject = 報名已取消：{ $event }
mail-transfer-in-subject = { $other }已將名額轉給你：{ $event }
mail-transfer-in-body =
    { $name } 你好：

    { $other }已將其「{ $event }」（{ $when }，香港時間）的名額轉給你。你的報名目前狀態為：{ $status }。

    入場券及取消報名連結：
    { $link }{ $answers }

    請勿轉發此連結，它就是你的入場券。

    — 灣聯（深港澳科技聯盟）
mail-transfer-out-subject = 你的名額已轉給{ $other }：{ $event }
mail-transfer-out-body =
    { $name } 你好：

    按你的要求，你在「{ $event }」（{ $when }，香港時間）的名額已轉給{ $other }。對方會另行收到入場券；你的入場券已不能再入場。

    你的報名頁面：
    { $link }

    — 灣聯（深港澳科技聯盟）
mail-transfer-in-meetings = 此名額的一對一會談（{ $count } 場）及會談申請現已原樣轉給你，會談另一方已獲通知。{ $lines }

    你的配對頁面：{ $link }
mail-mm-handed-on-subject = 您的會談現改與{ $other }進行：{ $event }
mail-mm-handed-on-body =
    { $name }您好：

    { $before }已將其「{ $event }」的名額轉給同事{ $other }。您與對方的一對一會談或會談申請維持不變，現改由{ $other }出席。

    您的頁面：{ $link }
mail-mm-handed-on-placed-body =
    { $name }您好：

    { $before }已將其「{ $event }」的名額轉給同事{ $other }。您的一對一會談時間及桌號不變，現改與{ $other }進行：

    { $place }

    您的日程：{ $link }
transfer-title = 改派他人出席
transfer-link = 未能出席？改派同事代為出席
transfer-help = 你的座位，以及你在各平行論壇或候補名單上的位置，將轉給你在此填寫的人：對方會以電郵收到自己的入場券及連結，你的入場券則不能再入場。如對方是你所屬機構的同事，你的一對一會談及會談申請會隨名額轉給對方（並通知會談另一方）；否則會談將會取消。
transfer-help-staff = { $name } 的座位，以及其在各平行論壇或候補名單上的位置，將轉給在此填寫的人，對方會以電郵收到自己的入場券及連結。如對方屬同一機構，其一對一會談及會談申請會隨名額轉移；否則會談將會取消（亦可在下方另行選擇）。
transfer-meetings-held = 此名額現有 { $count } 場一對一會談{ $limit ->
    [0] {""}
   *[other] 及 { $limit } 項待回覆的會談申請
}。
transfer-meetings = 其一對一會談及會談申請
transfer-meetings-auto = 如對方屬同一機構則隨名額轉移，否則取消
transfer-meetings-keep = 隨名額轉移
transfer-meetings-cancel = 取消
transfer-name = 對方姓名
transfer-email = 對方電郵地址
transfer-locale = 對方電郵所用語言
transfer-consent = 我確認對方同意代為出席，並同意私隱聲明。
transfer-what-happens = 此操作無法在本頁撤回。
transfer-submit = 轉讓名額
transferred-to = 你的名額已轉給 { $name }，對方持有自己的入場券。
transferred-badge = 已轉讓名額
transferred-badge-to = 已轉給 { $name }
transferred-badge-from = 代替 { $name }
err-transfer-not-possible = 只有已確認或在候補名單上的報名才可轉讓名額。
err-transfer-checked-in = 此報名已簽到，名額不能轉讓。
err-transfer-too-late = 活動已開始，名額不能再轉讓。
err-transfer-organiser-only = 此名額經主辦方審批或具名邀請，請聯絡主辦方轉讓。
err-transfer-same-person = 請填寫代你出席者的電郵地址。
mail-body =
    { $name } 你好：

    你報名參加的「{ $event }」（{ $when }，香港時間）目前狀態為：{ $status }。

    入場券及取消報名連結：
    { $link }{ $answers }

    請勿轉發此連結，它就是你的入場券。

    — 灣聯（深港澳科技聯盟）
new-event = 新增活動
edit-event = 編輯活動
manage-event = 管理活動
add-role = 新增主辦／承辦機構
add-guest = 新增出席嘉賓
add-session = 新增場次
add-item = 新增議程項目
field-title-event = 標題
field-venue-en = 英文地點
field-starts = 開始
field-ends = 結束
field-capacity = 名額（留空為不限）
field-reminders-off = 活動前不發送提醒電郵
field-transfers-off = 不容許報名者自行改派他人出席（職員仍可代為轉讓）
field-delegation-quota = 每個成員單位名額（團體報名；留空為不限）
organisation-places = 各單位名額（團體報名）
organisation-places-help = 為個別成員單位設定有別於本活動統一名額的名額；人數留空即回復為本活動的統一名額。
organisation-places-reset = 回復統一名額
organisation-places-default = 本活動統一名額：每個單位 { $count } 人。
field-places = 名額
delegation-quota-hint = 同一成員單位的代表透過團體報名最多可報名的人數。留空為座位以外不設上限，0 為不接受團體報名；取消的報名會釋出名額。
field-requires-approval = 報名需經審核
field-theme = 主題
field-room = 會場
field-session = 場次
field-speaker = 講者
field-title-at-time = 當時職銜
field-order = 次序
announcement-queued = 已排隊 { $count } 封郵件，將陸續寄出。
badges = 名牌
write-to-registrants = 致函報名者
recipients = 收件人
all-registrants = 全部報名者
field-subject = 主題
field-message = 內容
send = 發送
print = 列印
mail-invitation-subject = 邀請函：{ $event }
mail-invitation-body =
    { $name } 你好：

    誠邀你出席「{ $event }」（{ $when }，香港時間）。
    請於 { $expires } 前以此專屬連結報名：
    { $link }

    — 灣聯（深港澳科技聯盟）
invitation-title = 你的邀請
invite = 邀請
invitations = 邀請名單
field-expires = 有效期至
invitation-used = 已使用
err-invitation-expired = 此邀請已過期，請聯絡主辦方另發邀請。
err-invitation-used = 此邀請已被使用。
err-already-invited = 此電郵地址已獲邀參加本活動。
cancel-registration-staff = 取消
move-session = 調往其他場次
change-session = 更換分論壇
change-session-help = 由一個分論壇改到另一個；如要多參加一個分論壇，「由」一欄選「（無）」。新的分論壇已滿時，你將進入其候補名單；你在原分論壇的座位將讓予候補名單上的下一位。
change-session-confirm = 確定更換？你在原分論壇的座位將讓予候補名單上的下一位。
err-event-over = 此活動已結束。
move-from = 由
move-to = 至
move = 調動
err-already-in-session = 已在該場次。
field-organiser = 主辦或承辦機構
filter-any-organiser = 所有機構
registration-fields = 報名表欄位
ask = 詢問
require = 必填
invitee-sheet = 邀請名單（XLSX 或 CSV：姓名、電郵、語言）
invitee-sheet-hint = 系統先逐行檢查；任何一行有誤則不發出任何邀請。
invite-all = 發出邀請
invitations-sent = 已排隊發出 { $count } 份邀請。
import-rejected = 未發出任何邀請：請更正以下各行後重新上載。
line-number = 第 { $line } 行
err-bad-sheet = 無法讀取此檔案：需要包含姓名及電郵欄的試算表。
delete-event-registrations = { $count } 項報名及其入場券將一併移除。
add-milestone = 新增發展歷程
field-text-en = 英文
show-original = 原文
regional-terms-on = 地區用語：開
regional-terms-off = 地區用語：關
regional-terms-help = 以您所在地區的用語顯示介紹文字（信息技术 ↔ 資訊科技）；名稱一律保持原樣。
err-busy = 目前使用人數眾多，這次操作未有儲存。請於數秒後再試。
err-unwritable = 未能儲存：伺服器暫時無法寫入資料（儲存空間已滿或出現故障），這次的內容沒有保存。事件已記錄在案，請稍後再試。
search = 搜尋
search-placeholder = 搜尋活動、人物、機構…
search-kind = 類別
search-kind-all = 所有類別
search-region-all = 所有地區
search-field = 領域
search-field-all = 所有領域
search-year = 年份
search-none = 找不到結果。請試用較少字詞；以任何文字書寫都能找到相同的紀錄。
search-found-further = 在正文後段或附件中找到：
search-count = 共 { $count } 項結果
search-kind-event = 活動
search-kind-item = 議程項目
search-kind-organisation = 機構
search-kind-person = 人物
search-kind-posting = 供需資訊
search-kind-publication = 刊物
search-field-it = 資訊科技
search-field-ai = 人工智能
search-field-comms = 通訊
search-field-semi = 半導體、能源與製造
search-field-bio = 生物醫藥與中醫藥
search-field-finance = 金融與知識產權
search-field-edu = 教育與科研
search-field-gov = 政府與跨境事務

## Matchmaking (項目對接)
mm-status-open = 接受對接申請中
mm-status-scheduled = 日程已擬定
mm-status-published = 日程已公佈
mm-request-pending = 等待回覆
mm-request-accepted = 已接受
mm-request-declined = 已婉拒
mm-request-expired = 已逾期
mm-request-cancelled = 已取消
mm-outcome-not-held = 未能進行
mm-outcome-insufficient-interest = 興趣不足
mm-outcome-informative = 有收穫，暫無合作計劃
mm-outcome-cooperation-possible = 有合作可能
err-mm-minutes = 每場會談須為 5 至 240 分鐘。
err-mm-max-requests = 每位參加者的申請上限須為 1 至 200。
err-mm-accept-before-request = 回覆截止時間不能早於申請截止時間。
err-mm-priority = 請選擇 1 至 3 的優先級。
err-mm-slot-order = 時段的結束時間須晚於開始時間。
err-mm-slots-none = 這段時間容不下一場會談。
err-mm-slots-too-many = 一次最多新增 120 個時段。
err-mm-slot-length = 每場會談須為 5 至 240 分鐘，間隔為 0 至 240 分鐘。
err-mm-slot-in-use = 此時段已排有會談：請先移動或取消該會談。
err-mm-table-in-use = 此會談桌已排有會談：請先移動或取消該會談。
err-mm-table-count = 一次可新增 1 至 200 張會談桌。
err-mm-reserved-one = 專用會談桌須逐張新增。
err-mm-slot-overlap = 此時段與另一會談時段重疊。
err-mm-table-label = 請為會談桌命名（不超過 40 字）。
err-mm-not-participant = 只有本活動已確認的參加者可參與項目對接。
err-mm-self = 不能向自己申請會談。
err-mm-duplicate = 您與這位參加者之間已有會談申請。
err-mm-pair-taken = 這兩位之間已有會談申請或會談。
err-mm-limit = 您的待處理申請已達上限。
err-mm-request-closed = 會談申請已截止。
err-mm-accept-closed = 回覆申請的期限已過。
err-mm-no-self-booking = 本活動的會談時段由主辦方安排。
err-mm-slot-taken = 你們其中一方在該時段缺席或已有其他會談，請另選時段。
err-mm-cannot-move = 只可更改已接受而尚未舉行的會談的時間。
err-mm-slot-past = 該時段已過，請選擇尚未開始的時段。
err-mm-slot-full = 該時段所有桌位已滿，請另選時段。
err-mm-not-pending = 此申請已有回覆。
err-mm-schedule-changed = 編排期間申請有變，請重新編排。
err-mm-not-published = 日程尚未公佈。
err-mm-nothing-to-publish = 尚無可公佈的日程。
err-mm-not-scheduled = 此會談尚未安排時段。
err-mm-no-cooperation = 此會談尚未開始合作跟進：須先由任何一方表示有合作可能。
mm-title = 項目對接
mm-accepted-count = 已接受的會談
mm-unplaced = 未安排時段
mm-settings = 設定
mm-meeting-minutes = 每場會談（分鐘）
mm-max-requests = 每位參加者的申請上限
mm-request-deadline = 申請截止日期
mm-accept-deadline = 回覆截止日期
mm-slots = 會談時段
mm-tables = 會談桌
mm-table = 桌號
mm-table-label = 桌名
mm-reserved-for = 專用於
mm-slot-length = 每場會談（分鐘）
mm-slot-pause = 會談間隔（分鐘）
mm-slots-help = 由開始至結束，按每場會談的長度及間隔劃分時段；不填長度則整段為一個時段。
mm-slot-count = { $count } 個時段
mm-table-count = 張數
mm-tables-help = 多張會談桌按桌名順序編號：「A1」及 3 張為 A1、A2、A3；「桌」及 3 張為桌 1 至桌 3；不填桌名則為 1、2、3。
mm-requests = 會談申請
mm-stats-met = 有至少一場已接受會談的參加者
mm-stats-online = 網上參與人數
mm-stats-across = 跨地區的已接受會談（以已知地區者計）
mm-stats-research = 高校或研究機構與企業的已接受會談（產學研；以已知機構類別者計）
mm-stats-per-participant = 每位有會談的參加者平均會談數
mm-from = 申請人
mm-to = 對象
mm-priority = 優先級
mm-schedule = 編排日程
mm-unpublish = 撤回日程，改回草稿
mm-unpublish-confirm = 撤回日程？再次公佈前參加者將看不到日程；再次公佈後，每人會重新收到日程。
mm-publish = 公佈日程
mm-grid = 時段與會談桌
mm-agenda = 您的會談日程
mm-record-outcome = 記錄結果
mm-comment = 給主辦方的意見（可選填）
mm-comments = 會談意見
mm-with = 會談對象
mm-comment-from = 意見（申請人所記）
mm-comment-to = 意見（對象所記）
mm-incoming = 收到的申請
mm-none-incoming = 沒有待您回覆的申請。
mm-none-sent = 您尚未向任何人申請會談。
mm-accept = 接受
mm-decline = 婉拒
mm-send = 申請會談
mm-message = 留言
mm-sent = 您發出的申請
mm-away = 您不在場的時段
mm-open-matchmaking = 項目對接：申請及安排一對一會談
err-mm-no-slots = 編排前請先加入會談時段及會談桌。
mm-add-to-calendar = 加入行事曆（iCalendar）
mm-print = 列印
mm-cancel = 取消
mm-cancel-confirm = 確定取消此會談？對方會收到郵件通知。
mm-received = 您已回覆的申請
err-mm-cannot-cancel = 只可取消您發出而仍待回覆的申請，或已接受的會談。
err-mm-cancel-begun = 此會談的時間已到，不能再取消：請改為回報會談結果（如未能進行，請選「未能進行」）。
mm-outcomes = 會談結果
mm-outcomes-help = 每場會談計一次：任何一方表示未舉行即計為未舉行，否則取雙方回覆中較佳者。雙方均未回覆的會談不計入下表。
mm-outcomes-scheduled = 已編入日程的會談
mm-coop = 合作進展
mm-coop-ask = 向 { $count } 項仍在進行的合作雙方查詢最新進展
mm-coop-across = 跨地區簽訂的協議（以已知地區者計）
mm-coop-head = 會談後的合作進展
mm-coop-help = 任何一方表示有合作可能後，會談即列於此；雙方或主辦方（按其告知）可將其推進至已簽約、已落地或已結束。由供需對接發起的會談，改為推進該對接。已簽約包括其後已落地或已結束的協議。
err-mm-not-cancellable = 只可取消仍待回覆的申請，或已接受而尚未舉行的會談。
mm-cancel-confirm-organiser = 確定取消此會談？雙方都會收到郵件通知。
personal-data = 您的個人資料
personal-data-export = 下載本報名的資料（JSON）
correct-details = 更正個人資料
correct-details-email = 電郵地址維持不變：您的連結和電郵均寄往此地址。如需使用其他電郵地址，請取消後重新報名。
correct-details-organisation = 機構名稱、地區及類型維持為貴機構的資料。
err-registration-not-correctable = 已取消、未獲批准或已刪除資料的報名不能更改。
delegation-correct = 更正資料
back = 返回
personal-data-erase = 刪除我的個人資料
personal-data-erase-confirm = 確定刪除您的姓名、電郵及其他資料？您的報名及會談將會取消，且無法復原。
personal-data-erased = 您的個人資料已刪除；此報名已取消。
erased-name = 一位參加者（個人資料已刪除）
my-data = 下載本平台所持有的您的帳戶資料
erase-account = 刪除個人資料
erase-account-confirm = 永久刪除此帳戶的姓名、電郵地址及密碼？此帳戶將無法再登入；其為機構撰寫的內容保留。
erase-account-help = 應帳戶持有人要求（《個人信息保護法》、《個人資料（私隱）條例》、澳門《個人資料保護法》）：刪除姓名、電郵地址、密碼、登入工作階段及其合作意向留言，並從審計日誌中移除其姓名；其發佈的供需信息及備註仍屬所屬機構。
account-erased = 一個帳戶（個人資料已刪除）
err-erase-self = 不能刪除自己的帳戶，請由另一位管理員處理。
personal-data-erase-staff = 刪除個人資料
personal-data-erase-staff-confirm = 應此參加者要求刪除其姓名、電郵及其他資料？其報名及會談將會取消，且無法復原。
mm-who-org = { $name }（{ $organisation }）
mail-mm-quote = 「{ $message }」
mail-mm-answer-by = 請於{ $date }（香港時間）前回覆；逾期未覆的申請將會失效。
mm-messages = 訊息
mm-messages-unread = { $count ->
   *[other] { $count } 則新訊息
}
mm-messages-title = 會談訊息
mm-messages-help = 只有你和對方可閱讀這些訊息（主辦方不能閱讀），各以自己的字體顯示。訊息發出十分鐘後對方仍未閱讀，會以郵件通知對方。
mm-messages-none = 尚未有訊息：可詢問桌號、告知會遲到，或商定會談語言。
mm-message-new = 你的訊息
mm-message-send = 發送
mm-message-erased = （已隨作者的個人資料刪除）
err-messages-closed = 此申請已結束（已婉拒、取消或過期），不能再發送訊息。
err-too-many-messages = 此對話的訊息已達上限，不如見面再談。
mail-mm-message-subject = { $other }就{ $event }的會談給您發了訊息
mail-mm-message-body =
    { $name }您好：

    { $other }就你們在{ $event }的一對一會談給您發了訊息：
    { $message }
    請在您的頁面閱讀及回覆：{ $thread }
mail-mm-request-subject = { $other }希望在{ $event }與您會談
mail-mm-request-body =
    { $name }您好：

    { $other }希望在{ $event }與您進行一對一會談。
    { $message }
    請在您的頁面接受或婉拒：{ $link }
    { $deadline }
mail-mm-auto-subject = 與{ $other }的會談：{ $event }
mail-mm-auto-body =
    { $name }您好：

    { $other }申請在{ $event }與您進行一對一會談。本活動的會談申請即時接受，會談已列入您的清單。
    { $message }
    如未能會面，請在您的頁面取消：{ $link }
mail-mm-booked-subject = 會談已預約：{ $other }，{ $event }
mail-mm-booked-body =
    { $name }您好：

    { $other }已接受您在{ $event }的一對一會談申請，時間及桌號如下：

    { $place }

    會談已列入您的日程：{ $link }
mail-mm-slot-booked-body =
    { $name }您好：

    { $other }已為您在{ $event }的一對一會談預約以下時間及桌號：

    { $place }

    會談已列入您的日程：{ $link }
mail-mm-moved-subject = 會談已改期：{ $other }，{ $event }
mail-mm-moved-body =
    { $name }您好：

    { $other }已將您在{ $event }的一對一會談改到以下時間及桌號：

    { $place }

    您的日程：{ $link }
mail-mm-coop-ask-subject = 合作進展如何？{ $other }，{ $event }
mail-mm-coop-ask-body =
    { $name }您好：

    您在{ $event }與{ $other }一對一會談後的合作，目前記錄為：{ $stage }。
    主辦方希望了解其後進展：是否已簽約（及協議類型）、已落地或已結束。請在您的頁面更新：{ $link }
mail-mm-coop-subject = 會談後合作進展：{ $stage }，{ $other }
mail-mm-coop-body =
    { $name }您好：

    { $other }已記錄與您在{ $event }一對一會談後的合作進展：{ $stage }。
    { $note }
    合作進展及後續更新：{ $link }
mail-mm-coop-organiser-body =
    { $name }您好：

    { $event }的主辦方已記錄您與{ $other }一對一會談後的合作進展：{ $stage }。
    { $note }
    合作進展及後續更新：{ $link }
mail-mm-coop-back-body =
    { $name }您好：

    { $other }已撤回您在{ $event }一對一會談後合作進展的上一步記錄，現為：{ $stage }。
    { $note }
    合作進展及後續更新：{ $link }
mail-mm-coop-back-organiser-body =
    { $name }您好：

    { $event }的主辦方已撤回您與{ $other }一對一會談後合作進展的上一步記錄，現為：{ $stage }。
    { $note }
    合作進展及後續更新：{ $link }
mail-mm-arranged-subject = 主辦方為您安排了會談：{ $other }，{ $event }
mail-mm-arranged-body =
    { $name }您好：

    { $event }的主辦方已為您安排與{ $other }的一對一會談。
    { $message }
    會談時間及桌號將隨您的日程以電郵寄出，亦會在您的頁面顯示：{ $link }
mail-mm-accepted-subject = 會談已獲接受：{ $other }，{ $event }
mail-mm-accepted-body =
    { $name }您好：

    { $other }已接受您在{ $event }的一對一會談申請。主辦方公布日程後，會談的時間及桌號將列入您的日程，日程亦會以郵件寄給您。

    您的頁面：{ $link }
mail-mm-declined-subject = 會談申請未獲接受：{ $other }，{ $event }
mail-mm-declined-body =
    { $name }您好：

    { $other }婉拒了您在{ $event }的一對一會談申請。您可在您的頁面向其他參加者申請會談：{ $link }
mail-mm-cancelled-subject = 會談已取消：{ $other }，{ $event }
mail-mm-cancelled-body =
    { $name }您好：

    { $other }已取消在{ $event }與您的一對一會談。您的頁面列出您現時的會談：{ $link }
mail-mm-digest-subject = 每日會談申請摘要：{ $event }
mail-mm-reminder-subject = 有會談申請等待您回覆：{ $event }
mail-mm-reminder-body =
    { $name }您好：

    以下{ $event }的參加者希望與您進行一對一會談，正等待您的回覆：

    { $lines }

    請在您的頁面接受或婉拒：{ $link }
    { $deadline }
mail-mm-followup-subject = 會談成效如何？{ $event }
mail-mm-followup-body =
    { $name }您好：

    請告訴{ $event }的主辦方以下一對一會談的結果（每場只需一按：未能進行、興趣不足、有收穫但暫無合作計劃，或有合作可能）：

    { $lines }

    您的頁面：{ $link }
mm-remind = 提醒 { $count } 位尚有待回覆申請的參加者
mm-nudge = 邀請 { $count } 位尚未有會談的參加者預約會談
mm-followup = 請尚未回報的 { $count } 位參加者回報會談結果
mail-mm-request-by = 會談申請截止時間為 { $date }（香港時間）。
mail-mm-nudge-subject = 預約您在{ $event }的一對一會談
mail-mm-nudge-body =
    { $name }您好：

    您在{ $event }尚未有一對一會談。您的頁面列出其他參加者，推薦供給或需求與貴機構相應的機構，並可向他們申請會談：{ $link }
    { $deadline }
mail-mm-cancelled-by-organiser-subject = 主辦方已取消會談：{ $other }，{ $event }
mail-mm-cancelled-by-organiser-body =
    { $name }您好：

    { $event }主辦方已取消您與{ $other }的一對一會談（或會談申請）。您的頁面列出您現時的會談：{ $link }
mail-mm-withdrawn-subject = 會談申請已撤回：{ $other }，{ $event }
mail-mm-withdrawn-body =
    { $name }您好：

    { $other }已撤回在{ $event }與您一對一會談的申請，您無須回覆。您的頁面：{ $link }
mail-agenda-subject = 您在{ $event }的項目對接會談
mail-agenda-body =
    { $name }您好：

    您在{ $event }的項目對接會談如下：

    { $agenda }

    您的頁面（可將日程加入行事曆）：{ $link }
mail-mm-unpublished-subject = 會談日程已撤回修改：{ $event }
mail-mm-unpublished-body =
    { $name }您好：

    { $event }的主辦方已撤回一對一會談日程以作修改。先前寄給您的時間及桌號不再適用；新日程公佈後會以電郵寄給您。

    您的頁面：{ $link }
mail-mm-today-subject = 您今日在{ $event }的會談
mail-mm-today-body =
    { $name }您好：

    您今日在{ $event }的項目對接會談如下：

    { $agenda }

    您的頁面（載有完整日程）：{ $link }
err-mm-not-accepted = 只有已接受的申請才會編入日程。
mm-conflicts = 此日程有以下衝突：
mm-conflict-busy = 同一時段有兩場會談
mm-conflict-table = 會談桌重複使用
mm-conflict-away = 此時段不在場
mm-conflict-reserved = 使用了他人專用的展位
mm-why-no-session-slot = 活動在其要求的上午或下午沒有會談時段
mm-why-no-common-slot = 其要求的上午或下午沒有雙方都在場的會談時段
mm-why-too-many = { $name }已接受的會談多於其在場的時段
mm-why-full = 時段和會談桌已排給其他會談（優先級較高或可用時段較少）
mm-unscheduled = 已接受但未排入日程的會談
mm-unscheduled-line = { $name }（{ $reason }）
mm-place = 時段及桌號
mm-locked = 鎖定
mm-move = 調動
mm-table-cards = 會談桌卡（可列印）
mm-printed-agendas = 可列印的個人日程（每人一頁）
mm-printed-agendas-none = 尚未有已定時間及桌號的會談。
mm-col-when = 時間
mm-col-with = 會談對象
mm-from-org = 申請人機構
mm-to-org = 對象機構
mm-outcome-from = 會談結果（申請人所記）
mm-outcome-to = 會談結果（對象所記）
mm-export = 會談清單下載
mm-participants-export = 參加者進度下載

# Supply and demand (供需對接)
nav-market = 供需對接
market-intro = 聯盟成員的供給與需求：技術成果、產學研合作、出海代理、投資、人才及項目。以任何文字撰寫，均以您的文字顯示。
market-new = 發佈供需
market-edit = 編輯供需
market-mine = 我的供需及對接
market-save = 收藏
market-saved = 已收藏
market-unsave = 取消收藏
market-saved-postings = 收藏的供需資訊
market-no-saved = 尚未收藏：在供需資訊頁面按「收藏」，即可在此找到。
market-saved-by = { $count ->
    [0] 尚未有讀者收藏。
   *[other] 已有 { $count } 位讀者收藏。
}
market-review = 審核供需
market-funnel = 合作漏斗
market-form-help = 秘書處會先審核每則供需才公開。聯絡資料只會向已接受對接的另一方顯示。
market-contact-erased = 應當事人要求已刪除；機構下次修改此項目時會提供新的聯絡方式。
market-contact-help = 私人資料：只向職員及您接受的對接方顯示。
market-submit = 提交審核
market-at-event = 相關活動
market-expired = 已過期
market-returned-because = 退回原因：
market-withdraw = 撤回
market-review-note = 備註（退回時必填）
market-approve = 批准並公開
market-return = 退回發佈者
market-your-interest = 您的意向
market-open-introduction = 查看對接
market-interest-message = 您為何有興趣？（發佈者可見）
market-express-interest = 表達意向
market-sign-in-to-interest = 後即可表達意向。
market-interests = 收到的意向
market-no-interests = 暫時沒有。
market-recommended = 推薦對接方
market-recommended-help = 為供給找需求、為需求找供給，不論以何種文字撰寫，並列出原因。
market-recommended-for-you = 為您推薦
market-no-recommendations = 暫時未有合適的對接方。
market-score = 匹配分數（0–100）
market-introduction = 對接
market-stage = 階段
market-agreement = 協議類型
market-close-reason = 結束原因
market-interested = 有意向一方
market-owner-contact = 發佈者聯絡
market-contact-after-accept = 發佈者接受後顯示。
market-move = 更新合作進度
market-note = 備註
market-meet = 在活動中會面
market-request-meeting = 申請一對一會談
market-history = 進度記錄
market-my-postings = 本機構的供需
market-no-postings = 暫時沒有供需。
market-no-org = 供需以會員機構名義發佈，此帳戶未連結任何機構。秘書處可將帳戶連結至貴機構；在此之前，仍可就他人的供需表示興趣。
market-received = 對本機構供需的意向
market-sent = 我表達的意向
market-pending = 待審核
market-none-pending = 沒有待審核項目。
market-expiring = 30 日內到期
market-none-expiring = 沒有即將到期的項目。
market-remind = 提醒發佈者
market-reminded = 已提醒
field-kind = 類別
field-offer-need = 供給或需求
field-sectors = 領域
field-stage = 成熟度
field-modes = 合作方式
field-target-regions = 希望合作地區
field-ip = 知識產權
field-contact = 聯絡方式
field-summary = 摘要
field-shown-until = 有效期至
filter-any-side = 供給及需求
filter-any-sector = 所有領域
filter-any-stage = 所有成熟度
filter-any-mode = 所有合作方式
side-offer = 供給
side-need = 需求
kind-technology = 技術成果
kind-research = 產學研合作
kind-agency = 出海代理
kind-investment = 投融資
kind-talent = 人才
kind-project = 項目
sector-comms = 6G／通訊
sector-ai = 人工智能
sector-iot = 物聯網
sector-low-altitude = 低空經濟
sector-biomedicine = 生物醫藥及中醫藥
sector-new-energy = 新能源
sector-manufacturing = 先進製造
sector-fintech = 金融科技
sector-education = 教育
sector-semiconductors = 半導體
sector-digital = 數碼經濟及軟件
sector-cybersecurity = 資訊保安
sector-smart-city = 智慧城市
sector-materials = 新材料
stage-concept = 構思
stage-prototype = 原型
stage-pilot = 試點
stage-production = 量產
stage-market = 已上市
mode-licensing = 技術授權
mode-joint-development = 合作開發
mode-consulting = 技術顧問
mode-investment = 投資
mode-agency = 代理
mode-joint-venture = 合資
mode-outsourcing = 委託研發
mode-training = 培訓
ip-none = 無
ip-patent-pending = 專利申請中
ip-patent-granted = 已獲專利
ip-software = 軟件版權
ip-know-how = 技術訣竅
posting-status-pending = 待審核
posting-status-published = 已公開
posting-status-returned = 已退回
posting-status-withdrawn = 已撤回
interest-pending = 等待發佈者回覆
interest-accepted = 已接受
interest-declined = 已婉拒
pipeline-introduced = 已對接
pipeline-in-talks = 洽談中
pipeline-signed = 已簽約
pipeline-implemented = 已落地
pipeline-closed = 已結束
pipeline-back = 撤回
pipeline-back-to = 撤回上一步（回到「{ $stage }」）
pipeline-back-help = 適用於錯誤記錄的一步，或結束後恢復洽談。進度記錄會保留該步及撤回原因，並通知對方。
pipeline-back-reason = 原因（必填）
pipeline-taken-back = 撤回上一步，回到「{ $stage }」
err-pipeline-back-reason = 請說明撤回原因。
err-pipeline-nothing-back = 沒有可撤回的步驟：合作進度仍在起點。
agreement-licensing = 技術授權
agreement-joint-rd = 聯合研發
agreement-agency = 代理
agreement-investment = 投資
agreement-joint-venture = 合資
agreement-consulting = 技術顧問
agreement-employment = 聘用
agreement-other = 其他
why-terms = 雙方都提到「{ $terms }」
why-sectors = 同屬領域：{ $sectors }
why-kind = 供需類別互相配合
why-kind-related = 相關的合作類別
why-academia-industry = 高校或研究機構與企業（產學研）
why-cross-border = 跨深港澳合作
why-target = 位於發佈者希望合作的地區
why-modes = 相同合作方式：{ $modes }
why-fresh = 30 日內發佈
funnel-help = 每個對接計入其到達過的每個階段；已簽約包括已落地。按類型統計的協議亦包括一對一會談後簽訂者。
funnel-total = 全部
funnel-interests = 意向
funnel-by-side = 按方（發佈機構所在地）
funnel-by-sector = 按領域
funnel-by-event = 按活動
funnel-by-meeting = 非由供需對接發起的一對一會談（按活動；自任何一方表示有合作可能起計，不計入上列各行）
funnel-agreements = 按類型統計協議
funnel-elsewhere = 內地及海外
mail-market-interest-subject = 有人對您的供需表達意向：{ $title }
mail-market-interest-body =
    { $name }您好：

    { $other }對您發佈的「{ $title }」表達了意向。
    { $message }
    請在該供需頁面接受或婉拒；接受後雙方均可看到對方的聯絡方式：{ $link }
mail-market-accepted-subject = 您的意向已獲接受：{ $title }
mail-market-accepted-body =
    { $name }您好：

    { $other }已接受您對「{ $title }」的意向。對接頁面列出雙方的聯絡方式及日後的合作進度：{ $link }
mail-market-declined-subject = 您的意向未獲接受：{ $title }
mail-market-declined-body =
    { $name }您好：

    { $other }婉拒了您對「{ $title }」的意向。其他供需或許與您相配：{ $link }
mail-market-stage-subject = 對接進度：{ $stage }，{ $title }
mail-market-stage-body =
    { $name }您好：

    { $other }已記錄「{ $title }」對接的合作進度：{ $stage }。
    { $note }
    合作進度及後續更新：{ $link }
mail-market-stage-back-body =
    { $name }您好：

    { $other }已撤回「{ $title }」對接合作進度的上一步記錄，現為：{ $stage }。
    { $note }
    合作進度及後續更新：{ $link }
mail-market-published-subject = 您的供需已公開：{ $title }
mail-market-published-body =
    { $name }您好：

    秘書處已公開您的供需「{ $title }」。會員現可查閱，平台亦會向供給或需求相配的機構推薦：{ $link }
mail-market-returned-subject = 您的供需已退回：{ $title }
mail-market-returned-body =
    { $name }您好：

    秘書處已退回您的供需「{ $title }」，原因如下：
    { $note }
    請在此修改並重新提交：{ $link }
mail-expiry-subject = 您的供需「{ $title }」將於 { $date } 到期
mail-expiry-body = 您在灣聯發佈的「{ $title }」有效期至 { $date }。如需延長，請在此修改日期：{ $link }
err-market-not-your-org = 您只可為所代表的機構發佈。
err-market-unknown-tag = 此項不在可選清單內。
err-market-no-sector = 請至少選擇一個領域。
err-market-expiry-past = 日期已過。
err-market-expiry-far = 最多 { $limit } 日之後。
err-market-no-event = 此活動不存在。
err-market-not-owner = 只有發佈者及秘書處可以進行此操作。
err-market-staff-only = 只有秘書處可以進行此操作。
err-market-return-reason = 請說明退回原因。
err-market-withdrawn = 此供需已撤回。
err-market-nobody-to-remind = 此供需沒有可提醒的帳戶。
err-market-own-posting = 您不能對本機構的供需表達意向。
err-market-not-live = 此供需暫不開放：待審核、已撤回或已過期。
err-market-interest-twice = 您已對此供需表達過意向。
err-market-already-decided = 此意向已經回覆。
err-market-not-party = 只有對接雙方及秘書處可以進行此操作。
err-market-not-introduced = 發佈者尚未接受此意向。
err-market-stage-order = 合作進度只可向前推進，結束或落地後亦不可再更改；錯誤記錄的一步可以撤回。
err-market-close-reason = 請說明結束原因。
err-market-no-shared-event = 雙方並非同一個開放會談預約的活動的已確認參加者。
market-org-postings = 本機構的供需
market-event-postings = 本活動的供需對接
market-attachments = 附件
market-attach = 附加檔案
market-attach-help = PDF、圖片、Word、Excel 或 PowerPoint；最多 5 個檔案，每個不超過 5 MB。PDF、Word、Excel 及 PowerPoint 檔案的文字可供搜尋。
market-upload = 上載
err-market-file-too-big = 每個檔案最多 { $limit } MB。
err-market-file-type = 只可附加 PDF、圖片、Word、Excel 或 PowerPoint 檔案。
err-market-too-many-files = 每則供需最多 { $limit } 個附件。
mm-session = 時段
mm-session-any = 任何時段
mm-session-morning = 上午
mm-session-afternoon = 下午
mm-move-to = 改到
mm-move-meeting = 更改會談時間
mm-rebook = 會談未能進行：另約時間
mm-online = 網上
mm-online-room-of = 網上 · { $name }
mm-online-title = 網上參與
mm-online-choice = 我以網上方式參與：我的會談在我專屬的視像會議室進行
mm-online-your-room = 您的會議室：
mm-video-url = 網上會談的視像服務（可選填）
mm-video-url-help = 遠程參與者各獲一個會議室（例如在 Jitsi 伺服器上），其所有會談均在該會議室進行。
err-mm-video-url = 請填寫以 https:// 開頭的視像服務網址。
err-mm-no-online = 此活動不設網上會談。
err-mm-online-in-use = 您的網上會議室已安排會談：請先改期或取消這些會談。
err-mm-video-in-use = 參加者的網上會議室內仍有會談：請先移動或取消這些會談，再關閉視像服務。
mm-met-before = 曾於{ $event }會談
mm-met-before-outcome = 曾於{ $event }會談：{ $outcome }
mm-met-before-org = 貴機構曾於{ $event }與其機構會談
mm-met-before-org-outcome = 貴機構曾於{ $event }與其機構會談：{ $outcome }
mm-pick-slot = 時段
mm-slot-by-organiser = 由主辦方安排
mm-book = 預約此時段
mm-self-booking = 參加者接受申請時自選時段（如此預約的會談安排在空閒桌位，重新編排日程時保留）
mm-auto-accept = 會談申請即時接受（獲邀一方會收到通知，並可取消會談）
mm-auto-note = 本活動的會談申請即時接受：送出即成為會談，對方可取消。
mm-your-priority = 您的優先度
mm-weight = 權重（雙方優先度）
err-mm-session = 請選擇任何時段、上午或下午。
mm-scheduling = 正在編排……
mm-progress-meetings = 場會談
mm-progress-best = 目前最少空檔
mm-progress-bound = 已證明至少
err-mm-scheduling = 此活動的日程正在編排中，請等候完成。
mm-participants = 參加者
mm-suggested = 為您推薦
mm-suggested-help = 按供需對接的推薦，供給或需求與貴機構相應的與會機構及其參加者；其後是簡介與您相應的參加者。
mm-about-you = 關於您
mm-about-help = 您或貴機構能提供甚麼、希望尋找甚麼（其他參加者可見，並用於推薦會談對象）
mm-daily = 每日一封電郵列出待我回覆的會談申請，而非每個申請一封
mm-languages = 我可用以會談的語言
mm-languages-head = 會談語言
mm-lang-yue = 粵語
mm-lang-cmn = 普通話
mm-lang-en = 英語
mm-lang-pt = 葡萄牙語
mm-speaks = 會談語言：{ $languages }
mm-no-common-language = 沒有共通語言：或需傳譯
mm-interpreter-count = 沒有共通語言的會談（或需傳譯）
mm-filter-participants = 按姓名、機構或地區篩選
mm-ask = 申請會談
mm-pass = 不感興趣
mm-pass-help = 不再向我推薦此參加者（仍可向對方申請會談）
mm-passed = 已不再向您推薦 { $count } 位參加者。
mm-unpass = 重新推薦
mm-arrange = 安排會談
mm-arrange-help = 為兩位應當會面的參加者安排：會談即時成立，雙方均會收到電郵通知，並與其他會談一同編排。不計入任何一方的申請上限。
mm-arrange-with = 對象
mm-arrange-note = 給雙方的附言（選填）
mm-arranged = 由主辦方安排
mm-arranged-head = 主辦方安排
mm-suggest-title = 撮合會談
mm-suggest-help = 選擇一位參加者，即可看到平台建議其會見的對象（與其本人頁面所見相同：按其機構的供需及其自述，跨簡繁比對），已會面、已申請或已表示不感興趣者除外。一按即可安排會談，推薦理由即作附言，雙方均會收到電郵通知。
mm-suggest-show = 顯示建議
mm-suggest-none = 暫無建議：其機構未發佈供需、本人亦無自述，或所有相配者已與其會面。
mm-suggest-idle = 尚無會談或申請的參加者
mm-standings = 各參加者的進度
mm-standing-accepted = 已接受的會談
mm-standing-placed = 已定時間及桌號
mm-standing-asking = 待對方回覆的申請
mm-standing-asked = 待其回覆的申請
mm-standing-untold = 未回報的會談結果
mm-suggest-open = 撮合會談：為每位參加者建議會見對象
mm-arrange-with-name = 安排與{ $name }會談
nav-reports = 工作報告
report-title = { $side }{ $year }年度工作報告
report-whole-alliance = 聯盟整體
report-side = 方面
report-show = 顯示
report-help = 按灣聯目前的記錄統計。可列印本頁，或在瀏覽器的列印對話框中另存為 PDF，供理事會文件之用。
report-print = 如需列印或另存為 PDF，請使用瀏覽器的列印功能。
report-events-held = 已舉辦活動
report-events-planned = 尚待舉辦的活動
report-events-planned-n = 另有 { $count } 場尚待舉辦
report-registered = 已報名
report-attended = 已簽到
report-attended-n = { $count } 人已簽到
report-feedback = 活動回饋（滿分 5）
report-feedback-average = 活動回饋，平均 { $average } 分
report-feedback-n = { $count } 份回覆
report-memberships = 授予的成員資格及稱號
report-awarded = 授予
report-meetings = 年內活動的一對一會談
report-meetings-requested = 已發出邀約
report-meetings-accepted = 已接受
report-meetings-scheduled = 已安排時段及桌號
report-meetings-held = 已進行會談
report-agreements = 已簽署協議
report-agreements-after-meetings = 源自一對一會談
report-agreements-after-postings = 源自供需對接
report-none = 本年度沒有。
report-by-month = 按月份統計已舉辦活動
report-month = { $month }月
report-by-kind = 按類型統計活動
report-series = 系列活動（已報名／已簽到）
report-events = 本年度活動
report-col-kind = 類型
report-col-event = 活動
report-col-section = 部分
report-col-item = 項目
report-col-count = 數目
report-summary = 摘要
report-planned = 尚待舉辦
report-rules = 一方的報告包括：在該方地區舉行，或由該方機構主辦或承辦的活動（因此年會會列入每個主辦方的報告）；該方授予的成員資格，或未記錄授予方時，該方地區機構的成員資格；該方活動上的一對一會談；以及本年度簽署、源自該方活動上的會談或涉及該方機構的供需對接的協議。「已報名」指已確認座位；任何一方填報會談結果而雙方均未表示未能進行，即計為已進行會談。時間為香港時間。
err-report-year = 請輸入 2000 至 2100 年之間的年份。
err-report-side = 沒有此方面：請輸入 sz、hk 或 mo，或略去以查看聯盟整體。
err-publication-orgs = 最多可列出 { $limit } 個機構。
publication-kind-whitepaper = 白皮書
publication-kind-news = 新聞
publication-kind-event-report = 活動報道
publication-kind-challenge = 挑戰賽
nav-publications = 刊物
publications-intro = 聯盟及其成員的白皮書、新聞、活動報道和挑戰賽。
new-publication = 新增刊物
edit-publication = 編輯刊物
publication-draft = 草稿
publication-deleted = 已刪除該刊物。
publication-kind = 類型
publication-date = 發佈日期
publication-event = 活動
publication-orgs = 機構
publication-orgs-hint = 先列出版機構，再列參與機構。
publication-url = 全文
publication-summary = 摘要
publication-body = 內文
publication-keep-draft = 保留為草稿（只有職員可見）
publications-here = 刊物
add-publication = 新增刊物
report-versus = { $year }年：{ $count }
report-year-before = 上一年度（{ $year }年）
report-published = 已發佈
field-reminder-hours = 活動開始前多少小時提醒報名者
reminder-hours-hint = 3 至 168 小時（一星期）；留空即提前一天。
err-reminder-hours = 請輸入 3 至 { $limit } 之間的小時數。
org-publications = 該機構的刊物
report-versus-change = { $year }年：{ $count }（{ $change }）
publication-files = 檔案
publication-file-add = 附加檔案
publication-file-hint = PDF、圖片、Word、Excel 或 PowerPoint；每個最多 20 MB，最多五個。PDF、Word、Excel 及 PowerPoint 檔案的文字可供搜尋。
file-searchable = 可供搜尋：已讀取 { $count } 字
file-not-searchable = 不能搜尋：未能讀取文字（圖片不讀取）
file-words-unread = 文字尚未讀取
publication-file-delete-confirm = 刪除此檔案？
err-publication-too-many-files = 每份刊物最多 { $limit } 個檔案。
report-by-side = 按方面
report-by-side-note = 兩方合辦的活動在兩方均計算一次，因此各方合計多於聯盟整體。

## 主辦方自訂的報名問題
add-question = 在報名表加入問題
add-question-help = 在以上欄位之後詢問每位報名者（由代表代為報名的同事，可稍後由代表或同事本人作答）。例如：跨境參訪所需的證件號碼、參加哪條參訪路線、是否出席晚宴。
field-question = 問題
field-question-kind = 作答方式
field-question-options = 選項，每行一項（供選擇題使用）
field-question-required = 必須作答
field-question-after-confirmation = 名額確認後才提問
question-after-confirmation-hint = 不在報名表上提問：名額獲確認（獲批核，或由候補名單遞補）者在其報名頁面作答，確認電郵會提醒他們。適用於只需由出席者提供的資料，例如參訪所需的旅行證件號碼。
question-after-confirmation = 名額確認後提問
err-condition-after-confirmation = 報名表上的問題不能取決於名額確認後才提問的問題。
question-kind-text = 一行文字
question-kind-choice = 選擇其中一項
question-kind-choices = 可選多項
question-kind-yes-no = 是或否
registration-question = 報名問題
question-required = 必須作答
answer-yes = 是
answer-no = 否
questions-unanswered = 主辦方有問題您尚未作答。
answer-questions = 前往作答
err-question-options = 請提供至少兩個選項，每行一項。
err-too-many-options = 最多 { $limit } 個選項。
err-too-many-questions = 每項活動最多可自訂 10 個問題。
edit-question = 修改報名問題
question-kind-fixed = 作答方式不可更改；如需更改，請移除此問題再新增。
question-options-kept = 已有人選擇的選項須保留；其他選項可修改、新增或移除。
err-question-kind-fixed = 問題的作答方式不可更改。
err-option-in-use = 已有人選擇的選項不可移除或修改。
mail-answers = 你對主辦方問題的回答：
mail-questions-unanswered = 主辦方有問題你尚未作答，請在上述連結的頁面作答。
mail-answer-line = { $question }：{ $answer }
move-up = 上移
confirm-remove-question = 確定移除此問題及所有對它的回答？
field-retention-days = 活動結束後保留報名者個人資料的日數
retention-days-hint = 1 至 3650 日（十年）；留空即保留至報名者自行刪除。屆時刪除姓名、電郵、電話、問題回答及留言；各地區、各類機構的人數及出席紀錄保留，供報告統計。
err-retention-days = 請輸入 1 至 { $limit } 之間的日數。
retention-note = 主辦方保留您的報名資料至 { $date }（活動結束後 { $days } 日），屆時刪除。您亦可隨時在報名頁面提前刪除。
retention-note-staff = 報名者個人資料將於 { $date }（活動結束後 { $days } 日）刪除；統計人數保留。
retention-done-staff = 報名者個人資料已於 { $date }（活動結束後 { $days } 日）刪除；統計人數保留。
field-answer-retention = 活動結束後保留回答的日數
answer-retention-hint = 0：活動結束即刪除（如證件號碼）；留空即隨報名資料保留。
err-answer-retention-days = 請輸入 0 至 { $limit } 之間的日數。
answer-retention = { $days ->
    [0] 您的回答將於活動結束後刪除。
   *[other] 您的回答將於活動結束後 { $days } 日刪除。
}
field-shown-if = 僅在以下情況提問
shown-always = 總是提問
shown-if-choice = { $question }：{ $answer }
shown-if-note = 僅在「{ $question }」答「{ $answer }」時提問
err-condition-question = 請選擇排在前面、設有選項的問題。
err-question-before-condition = 問題不能排在其所依據的問題之前。
event-managers = 活動管理員
event-managers-help = 無需秘書處權限即可處理本活動報名及入場的帳戶（如承辦本活動的成員單位）：報名、審批、更正、應要求刪除資料、簽到、邀請、通知、名牌、匯出及項目對接。不包括活動議程及名錄。
field-manager-email = 帳戶登入電郵
err-no-such-account = 沒有以此電郵登入的帳戶，請先由管理員建立。
mine-managed = 您管理的活動
roster = 名單
roster-seated = 已確認座位 { $count } 人
roster-waiting = 候補 { $count } 人
roster-came = 已簽到 { $count } 人
roster-ratings = { $count } 份評分
mine-forums = 貴機構承辦的平行論壇
all-statuses = 所有狀態
mail-approvals-subject = { $count } 份報名待您審批：{ $event }
mail-approvals-body =
    您好：

    「{ $event }」有 { $count } 份報名待您審批（您是本活動的管理員）。請在此批准或拒絕：
    { $link }

    有新報名時，每小時最多通知一次。

    — 灣聯（深港澳科技聯盟）
copy-event = 複製此活動
copy-event-help = 用於同一系列的下一場活動或明年的年會：活動資料及設定複製到您選擇的日期（複製多份時，其後每隔若干星期或月一份），各項時間的鐘點不變；報名保持關閉，待您開放。報名、邀請、嘉賓及項目對接的約見請求不會複製。
field-copy-date = 複製後的首日
copy-also = 一併複製
copy-programme = 分場、議程及講者
copy-roles = 主辦、承辦等角色及各單位名額
copy-questions = 報名問題
copy-managers = 活動管理員
copy-matchmaking = 項目對接：設定、時段及桌位（不含約見請求及時間表）
api-tokens = API 權杖
api-tokens-help = 權杖讓程式（成員單位網站、入場掃描器、指令碼）以您的名義、按您的權限使用 API，以「Authorization: Bearer …」傳送。不再使用的權杖請撤銷；API 說明見 /api。
api-token-made = 新權杖只顯示這一次，請立即複製。
field-token-name = 用途
field-token-days = 有效日數
token-days-hint = 1 至 730 日；留空即直至撤銷。
err-token-days = 請輸入 1 至 { $limit } 之間的日數。
token-created = 建立於
token-expires = 到期
token-last-used = 最近使用
token-no-expiry = 直至撤銷
token-never-used = 未曾使用
token-revoke = 撤銷
token-revoke-confirm = 撤銷此權杖？使用它的程式此後將被拒絕。
no-tokens = 您沒有權杖。
make-token = 建立權杖
field-repeat-count = 複製份數
field-repeat-every = 每隔
field-repeat-unit = 星期或月
repeat-weeks = 星期一份
repeat-months = 個月一份
err-repeat-interval = 請輸入 1 至 { $limit } 之間的數字。
err-repeat-count = 請輸入 1 至 { $limit } 之間的份數。
sign-in-sheet = 簽到表
sign-in-sheet-room = 會場
sign-in-sheet-all = 整個活動
sign-in-sheet-signature = 簽名
field-token-read-only = 唯讀：以它發出的任何修改都會被拒絕
token-read-only = 唯讀

## 活動回饋
feedback-title = 活動回饋
feedback-rating = 整體而言，活動如何？
feedback-rating-1 = 欠佳
feedback-rating-2 = 一般
feedback-rating-3 = 良好
feedback-rating-4 = 很好
feedback-rating-5 = 極好
feedback-useful = 哪部分最有用？
feedback-improve = 下次可以怎樣改善？
feedback-col-rating = 評分（1–5）
feedback-col-useful = 最有用
feedback-col-improve = 可改善之處
feedback-sessions = 您出席的各分論壇（可選）
feedback-submit = 提交回饋
feedback-thanks = 謝謝您的回饋。
feedback-open-until = 您可於 { $date } 前提交或修改。
feedback-link = 就本活動給予回饋
back-to-registration = 返回您的報名
feedback-ask = 邀請參加者給予回饋
feedback-ask-help = 每位獲得名額的參加者（如入場時有簽到，則為已簽到者）會收到一封附有簡短表格連結的郵件，以其語言發出；不會重複邀請。表格於活動結束後 30 天內開放。
feedback-ask-confirm = 現在發出回饋邀請郵件？
feedback-asked-now = { $count ->
    [one] 已邀請 1 位參加者給予回饋。
   *[other] 已邀請 { $count } 位參加者給予回饋。
}
feedback-asked-at = 首次邀請於 { $date } 發出。
feedback-remind = 提醒尚未回覆的參加者
feedback-remind-confirm = 向每位已獲邀請但尚未回覆的參加者發出一次提醒？
feedback-reminded-now = 已提醒 { $count } 位參加者。
mail-feedback-reminder-subject = 提醒：「{ $event }」活動回饋
feedback-none = 暫時未有回饋。
feedback-average = 平均 { $average } 分（滿分 5 分）
feedback-count = （{ $count } 份回覆）
feedback-words = 參加者意見
err-feedback-too-early = 活動結束後才可邀請回饋。
err-feedback-not-asked = 主辦方尚未就本活動邀請回饋，或此報名並無名額。
err-feedback-closed = 本活動的回饋已截止。
err-feedback-rating = 請選擇 1 至 5 分。
mail-feedback-subject = 「{ $event }」活動回饋
mail-feedback-body =
    { $name }：

    感謝您參加「{ $event }」。主辦方希望了解您的看法：請給一個評分，如願意亦可寫下意見。

    { $link }

    您可於 { $until } 前提交或修改回饋。

    — 灣聯（深港澳科技聯盟）
alerts-title = 供需訂閱
alerts-intro = 每項訂閱會每日或每週以電郵通知你，自上次通知以來發布、符合其篩選條件的供需資訊。可在供需列表按所需條件篩選後訂閱，或在搜尋頁按所搜尋的字詞訂閱。
alerts-none = 你尚未有訂閱。請先篩選供需列表，再選擇「以電郵通知我同類新資訊」。
alert-all-postings = 全部供需資訊
alert-filters = 供需資訊
alert-frequency = 頻率
alert-frequency-daily = 每日
alert-frequency-weekly = 每週
alert-words = 「{ $words }」
search-all-words = 須含全部字詞
search-alert-subscribe = 以電郵通知我含這些字詞的新供需資訊：
search-alert-sign-in = 登入後可訂閱含這些字詞的新供需資訊
alert-subscribe = 以電郵通知我同類新資訊：
alert-save = 訂閱
alert-follow-org = 每週以電郵通知我其新發布的供需資訊
alert-stop = 取消此訂閱
alert-stop-title = 取消供需訂閱
alert-stop-ask = 不再接收符合以下條件的新供需資訊通知：{ $filters }？
alert-stopped = 此訂閱已取消，不會再收到相關電郵。
err-too-many-alerts = 每個帳戶最多可保留 20 項訂閱，請先取消其中一項再新增。
mail-alert-subject = { $count } 項新供需資訊：{ $filters }
mail-alert-body =
    符合你訂閱條件（{ $filters }）的新供需資訊：

    { $postings }

    你的訂閱：{ $alerts }
    取消此訂閱：{ $stop }

    — 灣聯（深港澳科技聯盟）
mail-alert-more = ……另有 { $count } 項：{ $link }
alert-counterparts = 本機構供需的新對接對象
alert-counterparts-subscribe = 每週以電郵通知我本機構供需的新對接對象
mail-counterparts-subject = 本機構供需有 { $count } 個新對接對象
mail-counterparts-body =
    本週發布、與貴機構所供所需相配的供需資訊：

    { $postings }

    你的訂閱：{ $alerts }
    取消此訂閱：{ $stop }

    — 灣聯（深港澳科技聯盟）

## 密碼：更改、忘記密碼、以管理員寄出的連結設定
password-title = 密碼
password-change-help = 請輸入目前的密碼，再輸入新密碼（至少 10 個字元）。你在其他瀏覽器的登入將被登出；你的 API 權杖繼續有效。
field-current-password = 目前的密碼
field-new-password = 新密碼
password-change = 更改密碼
password-changed = 你的密碼已更改，其他瀏覽器的登入已被登出。
password-set = 你的密碼已設定，你已登入。
err-password-wrong = 這不是你目前的密碼。
forgot-link = 忘記密碼？
forgot-title = 忘記密碼
forgot-help = 請輸入你帳戶的電郵地址，設定新密碼的連結將寄到該地址。連結有效一小時，只可使用一次。
forgot-send = 寄出連結
forgot-sent = 如 { $email } 設有帳戶，載有設定新密碼連結的郵件已在寄出途中；可能需時數分鐘，亦可能被歸入垃圾郵件。每個地址每十分鐘最多寄出一封。
forgot-ask-again = 索取新的連結
reset-title = 設定密碼
reset-help = 請為 { $email } 設定新密碼（至少 10 個字元）。設定後你將登入，其他地方的登入將被登出。
reset-invite-help = 已為 { $email } 開設帳戶。請設定密碼（至少 10 個字元）以登入。
reset-set = 設定密碼並登入
err-password-link = 此連結已失效：已被使用、已過期，或其後已設定新密碼。請索取新的連結。
user-no-password = 尚未設定密碼
user-send-link = 寄出設定密碼連結
user-link-sent = 設定密碼的連結已寄往 { $email }，有效一星期。
user-password-hint = 留空則寄出連結，由帳戶持有人自行設定密碼（建議：如此便無人知悉其密碼）。
mail-password-reset-subject = 設定新的灣聯密碼
mail-password-reset-body =
    { $name } 你好：

    有人（希望是你本人）為灣聯帳戶 { $email } 申請新密碼。請於 { $until }（香港時間）前打開以下連結設定：
    { $link }

    連結只可使用一次。如非你本人申請，請略去此郵件，你的密碼維持不變。

    — 灣聯（深港澳科技聯盟）
mail-account-invite-subject = 你的灣聯帳戶
mail-account-invite-body =
    { $name } 你好：

    聯盟秘書處已為你開設灣聯帳戶：{ $email }。請於 { $until }（香港時間）前打開以下連結設定密碼並登入：
    { $link }

    連結只可使用一次。日後請於 { $site } 登入。

    — 灣聯（深港澳科技聯盟）

## 帳戶：由管理員更改及暫停
user-suspended = 已暫停
user-suspended-since = 自 { $date }（香港時間）起暫停：無法登入，其 API 權杖及設定密碼連結均失效。
user-access = 存取權限
user-suspend-help = 帳戶持有人離開秘書處或所屬機構時，可暫停其帳戶：持有人將無法登入，其登入即告結束，API 權杖失效，亦不再收到其機構的郵件；但其姓名仍保留於審計記錄及其經手的資料上。恢復後，帳戶及其權杖可再次使用。只有在持有人要求刪除其資料時，才應清除帳戶。
user-suspend = 暫停
user-reinstate = 恢復
err-suspend-self = 你不能暫停自己的帳戶。
err-own-role = 你不能更改自己的角色，請聯絡另一位管理員。
err-account-suspended = 此帳戶已暫停，請聯絡聯盟秘書處。

## 兩步驟登入（密碼之後輸入驗證程式的代碼）
two-factor-title = 兩步驟登入
two-factor-offer = 未啟用：啟用兩步驟登入
two-factor-is-on = 已啟用兩步驟登入：輸入密碼後，還須輸入驗證程式顯示的代碼。
two-factor-is-on-for = 此帳戶已啟用兩步驟登入。
two-factor-help = 啟用兩步驟登入後，即使密碼被盜或被猜中亦不足以登入：登入時還須輸入手機驗證程式（Google Authenticator、Microsoft Authenticator、FreeOTP、1Password 等）顯示的六位數代碼。請以程式掃描下方二維碼，或輸入金鑰，再輸入程式顯示的代碼。
two-factor-secret = 金鑰：
two-factor-turn-on = 啟用
two-factor-turn-off = 停用兩步驟登入
two-factor-turned-on = 已啟用兩步驟登入。請保留驗證程式，並把下列備用碼另行存放：兩者皆失，只有管理員可讓你再次登入。
two-factor-turned-off = 已停用兩步驟登入。
two-factor-off-confirm = 要為此帳戶停用兩步驟登入嗎？在持有人再次啟用前，只須密碼即可登入。
two-factor-code-title = 驗證程式代碼
two-factor-code-help = 請輸入驗證程式為灣聯顯示的六位數代碼。
two-factor-lost = 遺失了裝有驗證程式的手機？請以其中一個備用碼登入，或請聯盟秘書處的管理員為你的帳戶停用兩步驟登入。
field-two-factor-code = 六位數代碼
err-two-factor-code = 代碼不正確或已被使用，請輸入程式目前顯示的代碼。
err-two-factor-required = 此帳戶須兩步驟登入：請連同密碼一併提交驗證程式的代碼或其中一個備用碼（`code`）。
err-two-factor-expired = 登入等候代碼的時間過長，請重新登入。

## 帳戶持有人的帳戶頁
account-title = 我的帳戶
account-mail-language = 你的郵件以{ $languages }撰寫，即你最近一次登入時頁面所用的語言。
account-mail-language-unset = 你的郵件語言將依照你登入時頁面所用的語言。
account-mail-language-title = 郵件語言
account-mail-language-chosen = 按你的選擇，你的郵件以{ $languages }撰寫，不論你以何種語言瀏覽網站。
account-mail-language-field = 郵件撰寫語言
account-mail-language-follow = 依照我所用頁面的語言
account-sessions = 登入狀態
account-other-sessions = { $count ->
    [0] 你只在此瀏覽器登入。
   *[other] 你另外在 { $count } 個瀏覽器登入。
}
account-session-browser = 瀏覽器
account-session-address = 網絡位址
account-session-since = 登入時間
account-session-this = （此瀏覽器）
account-session-unknown-browser = 未能識別的瀏覽器
account-end-sessions = 登出所有其他瀏覽器
account-sessions-ended = 已登出 { $count } 個其他瀏覽器。
account-more = 登入及資料
mail-password-changed-subject = 你的灣聯密碼已更改
mail-password-changed-body =
    { $name } 你好：

    你的灣聯帳戶 { $email } 的密碼已於 { $when }（香港時間）更改，其他以舊密碼登入的瀏覽器均已登出。

    如是你本人所為，則無須理會。如非你本人所為，請立即於以下連結設定新密碼，並通知聯盟秘書處：
    { $link }

    — 灣聯（深港澳科技聯盟）
mail-new-sign-in-subject = 有新的瀏覽器登入你的灣聯帳戶
mail-new-sign-in-body =
    { $name } 你好：

    你的灣聯帳戶 { $email } 於 { $when }（香港時間）從一個未曾使用過的瀏覽器登入：{ $browser }，網絡位址 { $address }。

    如是你本人，無須理會。如非你本人，即有人取得你的密碼：請立即於以下連結設定新密碼，並在帳戶頁面登出該瀏覽器：
    { $link }
    { $account }

    — 灣聯（深港澳科技聯盟）
mail-two-factor-on-subject = 你的灣聯帳戶已啟用兩步驟登入
mail-two-factor-on-body =
    { $name } 你好：

    你的灣聯帳戶 { $email } 已於 { $when }（香港時間）啟用兩步驟登入：輸入密碼後，還須輸入驗證程式的代碼方可登入。

    如非你本人所為，即有他人知悉你的密碼：請立即於以下連結設定新密碼，並通知聯盟秘書處，秘書處可再次停用兩步驟登入：
    { $link }

    — 灣聯（深港澳科技聯盟）
mail-two-factor-off-subject = 你的灣聯帳戶已停用兩步驟登入
mail-two-factor-off-body =
    { $name } 你好：

    你的灣聯帳戶 { $email } 已於 { $when }（香港時間）停用兩步驟登入：現在只須密碼即可登入。你可在帳戶頁面再次啟用。

    如非你本人所為，亦未有要求秘書處停用，請立即於以下連結設定新密碼，並通知聯盟秘書處：
    { $link }

    — 灣聯（深港澳科技聯盟）
security-title = 登入規則
security-staff-two-factor = 管理員、秘書處職員及活動管理人必須使用兩步驟登入
security-staff-two-factor-help = 他們可閱讀報名者的個人資料。在啟用兩步驟登入前，其帳戶（包括 API 權杖）只具參加者權限，不能管理任何活動，每個頁面都會提示如何啟用。請先為自己的帳戶啟用。
security-without-two-factor = 未使用兩步驟登入的職員
security-all-two-factor = 所有管理員及秘書處帳戶均已使用兩步驟登入。
two-factor-due = 本網站要求管理員、秘書處職員及活動管理人使用兩步驟登入：在你啟用前，你的帳戶只具參加者權限。
err-two-factor-first = 請先為自己的帳戶啟用兩步驟登入，以免此規則把你拒諸門外。
recovery-codes-title = 備用碼
recovery-codes-fresh = 請把這十個備用碼存放在安全且與手機分開的地方，例如密碼管理工具或列印本。每個備用碼可在沒有驗證程式時登入一次。備用碼只會顯示這一次。
recovery-codes-left = { $count ->
    [0] 你已沒有備用碼：請產生新的備用碼，否則遺失手機將無法登入。
    [one] 只餘一個備用碼：請盡快產生新的備用碼。
   *[other] 尚餘 { $count } 個備用碼，每個可在沒有驗證程式時登入一次。
}
recovery-codes-help = 遺失了清單或已用去大半？新的備用碼會取代之前所有備用碼。
recovery-codes-make = 產生新的備用碼
recovery-codes-made = 已產生新的備用碼：之前的備用碼已失效。
recovery-codes-download = 下載為文字檔
recovery-codes-left-for = { $count ->
    [0] 此帳戶已沒有備用碼。
    [one] 此帳戶尚餘一個備用碼。
   *[other] 此帳戶尚餘 { $count } 個備用碼。
}
recovery-code-signed-in = { $count ->
    [0] 你以最後一個備用碼登入。請立即在下方產生新的備用碼；如手機已遺失，請停用兩步驟登入，再以新手機重新啟用。
    [one] 你以備用碼登入，尚餘一個。請在下方產生新的備用碼；如手機已遺失，請停用兩步驟登入，再以新手機重新啟用。
   *[other] 你以備用碼登入，尚餘 { $count } 個。如手機已遺失，請停用兩步驟登入，再以新手機重新啟用。
}
recovery-code-use = 手機不在身邊？改用備用碼
recovery-code-field = 備用碼
err-two-factor-off = 此帳戶未啟用兩步驟登入：請先啟用。
mail-recovery-code-used-subject = 有人以備用碼登入你的灣聯帳戶
mail-recovery-code-used-body =
    { $name } 你好：

    你的灣聯帳戶 { $email } 於 { $when }（香港時間）以一個備用碼代替驗證程式的代碼登入。該備用碼已失效；帳戶的兩步驟登入頁面會顯示尚餘多少個，並可產生新的備用碼。

    如非你本人所為，即有人取得你的密碼及其中一個備用碼：請立即於以下連結設定新密碼，產生新的備用碼，並通知聯盟秘書處：
    { $link }

    — 灣聯（深港澳科技聯盟）
user-last-sign-in = 最近登入
user-never-signed-in = 從未登入
audit-record-kind = 紀錄類別
audit-record-id = 紀錄編號
audit-any = （全部）
audit-from = 由
audit-until = 至
audit-history = 變更紀錄
audit-entity-announcement = 公告
audit-entity-api_token = API 權杖
audit-entity-attachment = 附件
audit-entity-cooperation = 合作
audit-entity-designation = 授牌類別
audit-entity-event = 活動
audit-entity-event_guest = 活動嘉賓
audit-entity-event_manager = 活動管理人
audit-entity-event_role = 活動角色
audit-entity-event_series = 系列活動
audit-entity-event_session = 活動環節
audit-entity-interest = 對供需資訊的興趣
audit-entity-invitation = 邀請
audit-entity-item_speaker = 議程項目講者
audit-entity-matchmaking = 項目對接
audit-entity-matchmaking_slot = 對接時段
audit-entity-matchmaking_table = 對接桌位
audit-entity-meeting = 對接會面
audit-entity-membership = 會籍
audit-entity-milestone = 里程碑
audit-entity-organisation = 機構
audit-entity-person = 人物
audit-entity-position = 職位
audit-entity-posting = 供需資訊
audit-entity-programme_item = 議程項目
audit-entity-publication = 刊物
audit-entity-publication_file = 刊物檔案
audit-entity-registration = 報名
audit-entity-registration_question = 報名問題
audit-entity-session_registration = 環節報名
audit-entity-side = 所屬方
audit-entity-side_officer = 所屬方職務
audit-entity-site_setting = 網站設定
audit-entity-user = 帳戶

## 郵件寄件匣（秘書處）
outbox-title = 郵件
outbox-waiting = { $count ->
    [0] 沒有待寄郵件。
   *[other] 有 { $count } 封郵件待寄。
}
outbox-oldest = 最早一封自 { $date }（香港時間）起等候。
outbox-sent-day = 過去 24 小時寄出 { $count } 封郵件。
outbox-failing = 郵件伺服器拒收 { $count } 封郵件，或寄出時無法連線：系統會以逐漸延長的間隔重試，最長相隔一小時。
outbox-retry = 立即重試失敗的郵件
outbox-retried = 將立即重試 { $count } 封失敗的郵件。
outbox-help = 每封郵件均與其所通知的事項一同寫入寄件匣，並由以 --smtp 啟動的節點寄出：郵件伺服器停止運作時，郵件只會延遲，不會遺失。郵件於寄出時以收件人的語言撰寫。
outbox-waiting-title = 待寄
outbox-none-waiting = 沒有待寄郵件。
outbox-sent-title = 最近寄出
outbox-none-sent = 尚未寄出任何郵件。
outbox-queued = 排入時間
outbox-kind = 類別
outbox-to = 收件人
outbox-attempts = 嘗試次數
outbox-next = 下次嘗試
outbox-error = 最近錯誤
outbox-sent-at = 寄出時間
users-find = 電郵地址或姓名
users-state = 狀態
users-active = 可登入

## 帳戶持有人更改登入地址
account-email-title = 登入地址
account-email-now = 你以 { $email } 登入。
account-email-new = 新地址
account-email-send = 寄出確認郵件
account-email-sent = 確認郵件已寄往 { $email }：請於一天內打開其連結，此後即以該地址登入。在此之前一切不變。
account-email-changed = 你的登入地址已更改。
account-email-confirm-help = 此後以 { $email } 登入？
account-email-confirm = 確認新地址
err-email-same = 這已是你的地址。
err-email-link = 此連結已失效：已被使用、已過期，或該帳戶無法登入。請在帳戶頁面重新申請。
err-throttled-now = 密碼錯誤次數過多，請於十五分鐘後再試。
mail-email-confirm-subject = 確認你的灣聯新登入地址
mail-email-confirm-body =
    你好：

    有已登入灣聯的用戶申請此後以 { $email } 登入。如是你本人，請於一天內在此確認：
    { $link }

    如非你本人，請略去此郵件，一切不變。

    — 灣聯（深港澳科技聯盟）
mail-email-changed-subject = 你的灣聯帳戶已改用另一地址登入
mail-email-changed-body =
    你好：

    原以此地址登入的灣聯帳戶，此後改以 { $email } 登入；該帳戶的郵件亦將寄往該地址。

    如非你本人所為，請立即通知聯盟秘書處，秘書處可將帳戶交還給你。

    — 灣聯（深港澳科技聯盟）
outbox-about-registration = 報名
outbox-about-reminder = 活動提醒
outbox-about-feedback = 活動回饋
outbox-about-announcement = 公告
outbox-about-alerts = 供需訂閱
outbox-about-account = 帳戶及登入
outbox-about-market = 供需對接
outbox-about-matchmaking = 項目對接
outbox-about-other = 其他
