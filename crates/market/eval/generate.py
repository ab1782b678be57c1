"""Writes the recommender's evaluation set: synthetic postings and the judged counterparts.

Run once; the output is committed (postings.tsv, judged.tsv) so every machine evaluates the
same data:  python3 crates/market/eval/generate.py

Each topic is one cooperation opportunity named three ways: as a Shenzhen writer puts it
(Simplified, mainland terms), as a Hong Kong or Macao writer puts it (Traditional, Hong
Kong terms: 資訊保安 for 信息安全, 雲端運算 for 云计算, 機械人 for 机器人) and in English.
For each topic six postings are written by different kinds of organisation:

- two needs: one Shenzhen company in Simplified, and one in Traditional or English;
- three offers: a Hong Kong or Macao university or company in Traditional, a Shenzhen or
  mainland one in Simplified, and an overseas or Macao one in English;
- one decoy offer: training or recruitment services that name the same technology, which
  share its words but are not what a need for it asks for.

Every posting also mentions another topic in passing, so a topic's words appear in
postings that are not about it. Judgement is by construction and written down before any
recommender was run: a need's right counterparts are the three offers of its topic; an
offer's are the two needs of its topic. The decoy is never relevant.
"""
import pathlib, random

here = pathlib.Path(__file__).parent
rng = random.Random(20241209)

# sector codes, kind, (Simplified concept, Traditional/HK concept, English concept),
# (Simplified application, Traditional application, English application)
TOPICS = [
    ("cybersecurity", "technology", ("信息安全态势感知", "資訊保安態勢感知", "information security situational awareness"), ("金融机构", "金融機構", "financial institutions")),
    ("digital", "technology", ("云计算资源调度", "雲端運算資源調度", "cloud computing resource scheduling"), ("政务平台", "政務平台", "government platforms")),
    ("ai,manufacturing", "technology", ("工业机器人视觉引导", "工業機械人視覺引導", "industrial robot vision guidance"), ("汽车零部件装配", "汽車零部件裝配", "auto parts assembly")),
    ("digital", "technology", ("分布式数据库", "分佈式數據庫", "distributed database"), ("电商订单系统", "電商訂單系統", "e-commerce order systems")),
    ("fintech", "technology", ("跨境移动支付", "跨境流動支付", "cross-border mobile payment"), ("零售商户", "零售商戶", "retail merchants")),
    ("fintech,digital", "technology", ("区块链贸易融资", "區塊鏈貿易融資", "blockchain trade finance"), ("中小出口企业", "中小出口企業", "small exporters")),
    ("ai,cybersecurity", "technology", ("人脸识别活体检测", "人臉識別活體檢測", "face recognition liveness detection"), ("银行开户", "銀行開戶", "bank account opening")),
    ("semiconductors", "technology", ("车规级芯片测试", "車規級晶片測試", "automotive-grade chip testing"), ("新能源汽车", "新能源汽車", "electric vehicles")),
    ("semiconductors", "research", ("集成电路设计自动化", "集成電路設計自動化", "integrated circuit design automation"), ("模拟芯片", "模擬晶片", "analogue chips")),
    ("low_altitude,ai", "technology", ("无人机物流配送", "無人機物流配送", "drone logistics delivery"), ("海岛与山区", "離島與山區", "islands and hill areas")),
    ("low_altitude", "project", ("低空飞行器起降场", "低空飛行器升降場", "low-altitude aircraft vertiports"), ("城市空中交通", "城市空中交通", "urban air mobility")),
    ("manufacturing", "technology", ("激光精密焊接", "激光精密焊接", "precision laser welding"), ("动力电池", "動力電池", "power batteries")),
    ("digital", "technology", ("服务器液冷散热", "伺服器液冷散熱", "liquid cooling for servers"), ("数据中心", "數據中心", "data centres")),
    ("ai", "research", ("大语言模型微调", "大型語言模型微調", "large language model fine-tuning"), ("法律文书", "法律文件", "legal documents")),
    ("comms", "research", ("6G太赫兹通信", "6G太赫茲通訊", "6G terahertz communication"), ("卫星互联网", "衛星互聯網", "satellite internet")),
    ("comms,iot", "technology", ("5G工业专网", "5G工業專網", "5G private industrial networks"), ("港口码头", "港口碼頭", "container ports")),
    ("iot,smart_city", "technology", ("智能水表远程抄读", "智能水錶遙距抄讀", "smart water meter remote reading"), ("供水管网", "供水管網", "water supply networks")),
    ("iot,new_energy", "technology", ("楼宇能耗监测", "樓宇能耗監測", "building energy monitoring"), ("商业综合体", "商業綜合體", "commercial complexes")),
    ("biomedicine", "research", ("中医药经典名方", "中醫藥經典名方", "classical Chinese medicine formulas"), ("慢性病调理", "慢性病調理", "chronic disease care")),
    ("biomedicine", "technology", ("医疗器械注册咨询", "醫療器械註冊諮詢", "medical device registration consulting"), ("大湾区上市", "大灣區上市", "Greater Bay Area market entry")),
    ("biomedicine,ai", "research", ("基因测序数据分析", "基因測序數據分析", "gene sequencing data analysis"), ("罕见病筛查", "罕見病篩查", "rare disease screening")),
    ("biomedicine", "technology", ("mRNA疫苗递送", "mRNA疫苗遞送", "mRNA vaccine delivery"), ("传染病防控", "傳染病防控", "infectious disease control")),
    ("new_energy", "technology", ("固态锂电池", "固態鋰電池", "solid-state lithium batteries"), ("储能电站", "儲能電站", "energy storage stations")),
    ("new_energy", "research", ("氢燃料电池", "氫燃料電池", "hydrogen fuel cells"), ("重型货车", "重型貨車", "heavy trucks")),
    ("new_energy,smart_city", "project", ("光伏建筑一体化", "光伏建築一體化", "building-integrated photovoltaics"), ("公共建筑屋顶", "公共建築天台", "public building rooftops")),
    ("materials", "research", ("石墨烯导热膜", "石墨烯導熱膜", "graphene thermal films"), ("智能手机", "智能手機", "smartphones")),
    ("materials,manufacturing", "technology", ("可降解塑料", "可降解塑膠", "biodegradable plastics"), ("食品包装", "食品包裝", "food packaging")),
    ("education,ai", "project", ("青少年编程教育", "青少年編程教育", "youth coding education"), ("中小学课堂", "中小學課堂", "school classrooms")),
    ("education", "talent", ("博士后联合培养", "博士後聯合培養", "joint postdoctoral training"), ("人工智能实验室", "人工智能實驗室", "AI laboratories")),
    ("ai", "talent", ("算法工程师", "演算法工程師", "algorithm engineers"), ("自动驾驶", "自動駕駛", "autonomous driving")),
    ("digital", "agency", ("跨境电商出海", "跨境電商出海", "cross-border e-commerce expansion"), ("东南亚市场", "東南亞市場", "Southeast Asian markets")),
    ("manufacturing", "agency", ("智能硬件中东分销", "智能硬件中東分銷", "smart hardware distribution in the Middle East"), ("海湾国家", "海灣國家", "Gulf countries")),
    ("biomedicine", "agency", ("中成药海外注册", "中成藥海外註冊", "overseas registration of proprietary Chinese medicines"), ("欧盟市场", "歐盟市場", "the EU market")),
    ("fintech", "investment", ("金融科技A轮融资", "金融科技A輪融資", "fintech Series A funding"), ("财富管理", "財富管理", "wealth management")),
    ("biomedicine", "investment", ("创新药早期投资", "創新藥早期投資", "early-stage investment in innovative drugs"), ("抗肿瘤", "抗腫瘤", "oncology")),
    ("low_altitude", "investment", ("eVTOL天使投资", "eVTOL天使投資", "eVTOL angel investment"), ("载人飞行", "載人飛行", "passenger flight")),
    ("smart_city,ai", "technology", ("视频结构化分析", "視頻結構化分析", "structured video analytics"), ("交通路口", "交通路口", "road junctions")),
    ("smart_city", "project", ("智慧灯杆", "智慧燈柱", "smart lamp posts"), ("新区道路", "新區道路", "new district roads")),
    ("digital", "technology", ("3D打印建模", "3D打印建模", "3D printing modelling"), ("牙科修复", "牙科修復", "dental restoration")),
    ("manufacturing,ai", "technology", ("机器视觉缺陷检测", "機器視覺缺陷檢測", "machine vision defect inspection"), ("显示面板", "顯示面板", "display panels")),
    ("digital,education", "technology", ("网络课程平台", "網絡課程平台", "online course platforms"), ("职业教育", "職業教育", "vocational education")),
    ("cybersecurity,digital", "technology", ("软件供应链安全", "軟件供應鏈保安", "software supply chain security"), ("开源组件", "開源組件", "open-source components")),
    ("iot", "research", ("低功耗广域网传感器", "低功耗廣域網感測器", "low-power wide-area network sensors"), ("农业大棚", "農業溫室", "agricultural greenhouses")),
    ("fintech,ai", "research", ("智能风控模型", "智能風控模型", "AI credit risk models"), ("消费金融", "消費金融", "consumer finance")),
    ("comms", "technology", ("光纤传感监测", "光纖傳感監測", "fibre-optic sensing"), ("地铁隧道", "地鐵隧道", "metro tunnels")),
    ("biomedicine,manufacturing", "technology", ("康复外骨骼机器人", "康復外骨骼機械人", "rehabilitation exoskeleton robots"), ("养老机构", "安老院舍", "elderly care homes")),
    ("new_energy", "project", ("电动汽车充电桩运营", "電動車充電樁營運", "EV charging station operation"), ("住宅小区", "住宅屋苑", "residential estates")),
    ("materials,semiconductors", "research", ("第三代半导体碳化硅", "第三代半導體碳化矽", "silicon carbide third-generation semiconductors"), ("光伏逆变器", "光伏逆變器", "solar inverters")),
    ("ai", "technology", ("智能客服语音识别", "智能客服語音識別", "speech recognition for customer service"), ("粤语服务", "粵語服務", "Cantonese service")),
    ("digital,smart_city", "technology", ("数字孪生城市", "數碼孿生城市", "digital twin cities"), ("城市规划", "城市規劃", "urban planning")),
]

REGION_OF = {"zh-Hans": ["shenzhen", "shenzhen", "mainland"], "zh-Hant": ["hong_kong", "hong_kong", "macao"], "en": ["overseas", "macao", "hong_kong"]}

# Templates: (title, summary) per (side, kind group, script). {c} the concept, {a} the
# application, {o} another topic's concept mentioned in passing.
T = {
 ("need", "tech", "zh-Hans"): [("寻求{c}技术", "我司在{a}领域有大量应用场景，现寻求成熟的{c}技术及团队，可采用技术许可或联合开发方式，另外也关注{o}。"),
                              ("{c}解决方案需求", "我们计划在{a}中引入{c}，希望对接有落地案例的合作方，预算已落实；同时对{o}有一定兴趣。")],
 ("need", "tech", "zh-Hant"): [("徵求{c}方案", "本公司服務{a}，需要{c}相關技術支援，歡迎有實際案例的團隊聯絡，亦考慮{o}方面的合作。"),
                              ("尋找{c}合作夥伴", "我們正為{a}規劃{c}項目，希望與具備研發能力的機構合作開發；另外亦留意{o}。")],
 ("need", "tech", "en"): [("Looking for {c}", "We serve {a} and need proven {c} technology; licensing or joint development welcome. We are also exploring {o}."),
                         ("Partner wanted: {c}", "Our company plans a {c} deployment for {a} and seeks a technology partner with references; {o} is of secondary interest.")],
 ("offer", "tech", "zh-Hans"): [("{c}技术转让", "团队拥有{c}核心专利，已在{a}完成试点，可提供技术许可、联合开发与技术咨询；团队亦具备{o}经验。"),
                               ("提供{c}成果", "我们研发的{c}系统已稳定运行，适用于{a}，诚邀企业合作推广；另可提供{o}支持。")],
 ("offer", "tech", "zh-Hant"): [("{c}技術成果", "本實驗室研發的{c}已獲專利，適用於{a}，歡迎企業洽談授權或合作開發；團隊亦熟悉{o}。"),
                               ("提供{c}技術", "我們的{c}方案已在香港試行，可服務{a}，期望與大灣區企業合作；亦可支援{o}。")],
 ("offer", "tech", "en"): [("{c} available for licensing", "Our lab has patented {c} and piloted it for {a}; we offer licensing and joint development. We also work on {o}."),
                          ("Offering {c}", "A mature {c} solution, proven for {a}, is available to partners in the Greater Bay Area; experience in {o} too.")],
 ("need", "agency", "zh-Hans"): [("寻找{c}代理", "我司产品准备进入{a}，寻求当地代理或渠道伙伴协助{c}，也可考虑{o}相关合作。")],
 ("need", "agency", "zh-Hant"): [("徵求{c}代理", "本公司計劃進入{a}，需要熟悉{c}的代理夥伴協助；亦關注{o}。")],
 ("need", "agency", "en"): [("Agent wanted for {c}", "We plan to enter {a} and need an agent experienced in {c}; we are also open to {o}.")],
 ("offer", "agency", "zh-Hans"): [("提供{c}代理服务", "我们在{a}拥有成熟渠道，可为企业提供{c}一站式代理服务；亦熟悉{o}。")],
 ("offer", "agency", "zh-Hant"): [("{c}代理服務", "本公司在{a}設有辦事處，為大灣區企業提供{c}代理及落地服務；亦可協助{o}。")],
 ("offer", "agency", "en"): [("{c} agency services", "With offices in {a}, we provide {c} agency and local partner services; {o} expertise available.")],
 ("need", "investment", "zh-Hans"): [("{c}项目寻求融资", "团队专注{a}，现开展{c}，寻求投资机构合作；另有{o}方向储备。")],
 ("need", "investment", "zh-Hant"): [("{c}項目尋求投資", "本初創企業專注{a}，正進行{c}，誠邀投資者洽談；另涉及{o}。")],
 ("need", "investment", "en"): [("Raising {c}", "Our start-up focuses on {a} and is raising {c}; we also have work in {o}.")],
 ("offer", "investment", "zh-Hans"): [("{c}基金", "本基金专注{a}方向的{c}，单笔可投数百万至数千万元；亦关注{o}。")],
 ("offer", "investment", "zh-Hant"): [("{c}資金", "本基金提供{a}領域的{c}，歡迎大灣區團隊申請；亦留意{o}。")],
 ("offer", "investment", "en"): [("{c} fund", "Our fund provides {c} for teams in {a}; {o} is also in scope.")],
 ("need", "talent", "zh-Hans"): [("招聘{c}", "我司{a}业务扩张，招聘{c}，可在深港两地工作；熟悉{o}者优先。")],
 ("need", "talent", "zh-Hant"): [("招募{c}", "本機構{a}團隊招募{c}，可於港深兩地工作；熟悉{o}者優先。")],
 ("need", "talent", "en"): [("Hiring {c}", "Our {a} team is hiring {c} for Shenzhen and Hong Kong; knowledge of {o} is a plus.")],
 ("offer", "talent", "zh-Hans"): [("{c}人才输送", "我校设有{c}计划，面向{a}方向输送人才，欢迎企业合作；亦有{o}方向学生。")],
 ("offer", "talent", "zh-Hant"): [("{c}人才計劃", "本校的{c}計劃面向{a}，可向企業輸送人才；亦培養{o}人才。")],
 ("offer", "talent", "en"): [("{c} talent programme", "Our university runs a {c} programme for {a} and places graduates with partner companies; {o} graduates too.")],
}
# Decoys: services that name a technology without being it.
DECOY = {
 "zh-Hans": [("{c}培训课程", "面向企业员工开设{c}入门培训课程，可上门授课；另有{o}讲座。"), ("{c}人才招聘服务", "猎头团队提供{c}方向的人才招聘服务；亦覆盖{o}岗位。")],
 "zh-Hant": [("{c}培訓課程", "為企業員工提供{c}入門培訓，可到校授課；另設{o}講座。"), ("{c}人才招聘服務", "獵頭團隊提供{c}方向的人才招聘；亦涵蓋{o}職位。")],
 "en": [("{c} training courses", "Introductory {c} courses for company staff, on site; talks on {o} too."), ("{c} recruitment services", "Headhunting for {c} roles; {o} roles covered as well.")],
}
IDX = {"zh-Hans": 0, "zh-Hant": 1, "en": 2}
GROUP = {"technology": "tech", "research": "tech", "project": "tech", "agency": "agency", "investment": "investment", "talent": "talent"}

def org_type(side, kind, script):
    if kind == "research" and side == "offer":
        return rng.choice(["university", "institute"])
    if kind == "talent" and side == "offer":
        return "university"
    if kind == "investment" and side == "offer":
        return "company"
    if kind == "project" and side == "need":
        return rng.choice(["government", "company"])
    if side == "offer" and script == "zh-Hant":
        return rng.choice(["university", "company", "institute"])
    return "company"

postings, judged = [], []
n = 0
def write(side, kind, sectors, script, topic, other, decoy=False):
    global n
    n += 1
    key = f"M{n:04d}"
    i = IDX[script]
    c, a = topic[2][i], topic[3][i]
    o = other[2][i]
    title, summary = rng.choice(DECOY[script] if decoy else T[(side, GROUP[kind], script)])
    region = rng.choice(REGION_OF[script])
    otype = "company" if decoy else org_type(side, kind, script)
    days = rng.randint(0, 300)
    postings.append((key, side, "talent" if decoy else kind, sectors, otype, region, script, str(days),
                     title.format(c=c, a=a, o=o), summary.format(c=c, a=a, o=o)))
    return key

for t in TOPICS:
    others = [x for x in TOPICS if x is not t]
    sectors, kind = t[0], t[1]
    needs = [write("need", kind, sectors, "zh-Hans", t, rng.choice(others)),
             write("need", kind, sectors, rng.choice(["zh-Hant", "en"]), t, rng.choice(others))]
    offers = [write("offer", kind, sectors, "zh-Hant", t, rng.choice(others)),
              write("offer", kind, sectors, "zh-Hans", t, rng.choice(others)),
              write("offer", kind, sectors, "en", t, rng.choice(others))]
    write("offer", kind, sectors, rng.choice(["zh-Hans", "zh-Hant", "en"]), t, rng.choice(others), decoy=True)
    for k in needs:
        judged.append((k, offers))
    for k in offers:
        judged.append((k, needs))

with open(here / "postings.tsv", "w", encoding="utf-8", newline="") as f:
    f.write("# key\tside\tkind\tsectors\torg_type\tregion\tscript\tdays_old\ttitle\tsummary  (generated by generate.py; synthetic)\n")
    for p in postings:
        f.write("\t".join(p) + "\n")
with open(here / "judged.tsv", "w", encoding="utf-8", newline="") as f:
    f.write("# posting key\tits right counterparts (generated by generate.py)\n")
    for k, rel in judged:
        f.write(f"{k}\t{','.join(rel)}\n")
print(len(postings), "postings,", len(judged), "judged")
