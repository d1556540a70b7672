"""Vocabulary of the synthetic SCO termbases (benchmarks/search_synth.py): aligned Chinese,
Russian and English pieces taken from the language of SCO documents.

A phrase concept is built as modifiers + complement + head:
    zh  地区 + 反恐怖 + 机构                 (modifiers, complement, head, run together)
    ru  Региональная антитеррористическая структура   (adjectives agree with the head;
                                                       the complement follows in the genitive)
    en  Regional Anti-Terrorist Structure    (modifiers, complement, head)
Names are built from transliteration syllables, the way Chinese writes foreign names.
"""

# (zh, Russian noun lemma, English) — the head of a phrase.
HEADS = [
    ("组织", "организация", "Organisation"), ("机构", "структура", "Structure"),
    ("委员会", "комиссия", "Commission"), ("理事会", "совет", "Council"),
    ("会议", "совещание", "Meeting"), ("论坛", "форум", "Forum"), ("中心", "центр", "Centre"),
    ("银行", "банк", "Bank"), ("基金", "фонд", "Fund"), ("秘书处", "секретариат", "Secretariat"),
    ("公约", "конвенция", "Convention"), ("协定", "соглашение", "Agreement"),
    ("条约", "договор", "Treaty"), ("宣言", "декларация", "Declaration"),
    ("纲要", "программа", "Programme"), ("战略", "стратегия", "Strategy"),
    ("计划", "план", "Plan"), ("构想", "концепция", "Concept"), ("演习", "учение", "Exercise"),
    ("博览会", "выставка", "Exhibition"), ("网络", "сеть", "Network"),
    ("走廊", "коридор", "Corridor"), ("大学", "университет", "University"),
    ("学院", "институт", "Institute"), ("俱乐部", "клуб", "Club"), ("联盟", "союз", "Union"),
    ("小组", "группа", "Group"), ("机制", "механизм", "Mechanism"),
    ("议定书", "протокол", "Protocol"),
    ("宪章", "хартия", "Charter"), ("倡议", "инициатива", "Initiative"),
    ("平台", "платформа", "Platform"), ("伙伴关系", "партнёрство", "Partnership"),
    ("联合会", "федерация", "Federation"), ("委员会会议", "заседание", "Session"),
    ("峰会", "саммит", "Summit"), ("办公室", "бюро", "Office"), ("项目", "проект", "Project"),
    ("部长会议", "конференция", "Conference"), ("合作区", "зона", "Zone"),
]

# (zh, Russian adjective lemma, English) — modifiers.
MODIFIERS = [
    ("地区", "региональный", "Regional"), ("反恐怖", "антитеррористический", "Anti-Terrorist"),
    ("经济", "экономический", "Economic"), ("文化", "культурный", "Cultural"),
    ("教育", "образовательный", "Educational"), ("科技", "научно-технический", "Scientific"),
    ("环保", "природоохранный", "Environmental"), ("能源", "энергетический", "Energy"),
    ("交通", "транспортный", "Transport"), ("金融", "финансовый", "Financial"),
    ("海关", "таможенный", "Customs"), ("边防", "пограничный", "Border"),
    ("军事", "военный", "Military"), ("联合", "совместный", "Joint"),
    ("国际", "международный", "International"),
    ("政府间", "межправительственный", "Intergovernmental"),
    ("常设", "постоянный", "Permanent"), ("多边", "многосторонний", "Multilateral"),
    ("数字", "цифровой", "Digital"), ("农业", "сельскохозяйственный", "Agricultural"),
    ("工业", "промышленный", "Industrial"), ("青年", "молодёжный", "Youth"),
    ("妇女", "женский", "Women's"), ("卫生", "санитарный", "Health"),
    ("信息", "информационный", "Information"), ("旅游", "туристический", "Tourism"),
    ("体育", "спортивный", "Sports"), ("媒体", "медийный", "Media"),
    ("法律", "правовой", "Legal"), ("人道主义", "гуманитарный", "Humanitarian"),
    ("欧亚", "евразийский", "Eurasian"), ("上海", "шанхайский", "Shanghai"),
    ("亚洲", "азиатский", "Asian"), ("中亚", "центральноазиатский", "Central Asian"),
    ("新", "новый", "New"), ("高级", "высший", "Senior"), ("专家", "экспертный", "Expert"),
    ("协调", "координационный", "Coordinating"), ("咨询", "консультативный", "Advisory"),
    ("执行", "исполнительный", "Executive"), ("创新", "инновационный", "Innovation"),
    ("投资", "инвестиционный", "Investment"), ("贸易", "торговый", "Trade"),
    ("工商", "деловой", "Business"), ("战略", "стратегический", "Strategic"),
    ("安全", "безопасный", "Security"), ("禁毒", "антинаркотический", "Anti-Drug"),
    ("区域", "зональный", "Zonal"), ("全球", "глобальный", "Global"),
    ("民间", "общественный", "Public"), ("议会", "парламентский", "Parliamentary"),
    ("外交", "дипломатический", "Diplomatic"), ("国防", "оборонный", "Defence"),
    ("司法", "судебный", "Judicial"), ("检察", "прокурорский", "Prosecutorial"),
    ("航空", "авиационный", "Aviation"), ("铁路", "железнодорожный", "Railway"),
    ("电信", "телекоммуникационный", "Telecommunications"),
    ("统计", "статистический", "Statistical"),
    ("灾害", "чрезвычайный", "Emergency"), ("地震", "сейсмический", "Seismic"),
    ("海洋", "морской", "Maritime"), ("太空", "космический", "Space"),
]

# (zh, Russian noun lemma (put in the genitive), English) — the complement.
COMPLEMENTS = [
    ("合作", "сотрудничество", "Cooperation"), ("安全", "безопасность", "Security"),
    ("发展", "развитие", "Development"), ("贸易", "торговля", "Trade"),
    ("能源", "энергетика", "Energy"), ("交通", "транспорт", "Transport"),
    ("信任", "доверие", "Confidence"), ("和平", "мир", "Peace"), ("友好", "дружба", "Friendship"),
    ("睦邻", "добрососедство", "Good-Neighbourliness"), ("创新", "инновация", "Innovation"),
    ("教育", "образование", "Education"), ("文化", "культура", "Culture"),
    ("旅游", "туризм", "Tourism"), ("体育", "спорт", "Sport"),
    ("卫生", "здравоохранение", "Health"), ("海关", "таможня", "Customs"),
    ("边境", "граница", "Border"), ("投资", "инвестирование", "Investment"),
    ("反恐", "антитерроризм", "Counter-Terrorism"), ("禁毒", "наркоконтроль", "Drug Control"),
    ("科学", "наука", "Science"), ("青年", "молодёжь", "Youth"), ("媒体", "пресса", "Press"),
    ("农业", "агропромышленность", "Agriculture"), ("粮食", "продовольствие", "Food"),
    ("环境", "экология", "Environment"), ("金融", "финансы", "Finance"),
    ("信息", "информатизация", "Informatisation"),
    ("互联互通", "взаимосвязанность", "Connectivity"),
    ("司法", "правосудие", "Justice"), ("救灾", "спасение", "Rescue"),
    ("统计", "статистика", "Statistics"), ("工业", "индустрия", "Industry"),
    ("物流", "логистика", "Logistics"), ("标准化", "стандартизация", "Standardisation"),
    ("经贸", "коммерция", "Commerce"), ("防务", "оборона", "Defence"),
    ("反腐", "антикоррупция", "Anti-Corruption"), ("减贫", "бедность", "Poverty Reduction"),
]

# Chinese surnames and given-name characters (for Chinese person names, with Palladius).
SURNAMES = list("王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧"
                "潘袁蔡蒋余于杜叶程魏苏吕丁沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然晨阳凯"
             "文斌辉波宁志国建新春海峰林云龙庆东")

# Transliteration syllables of foreign names: (Russian, English, Chinese).
NAME_SYLLABLES = [
    ("На", "Na", "纳"), ("зар", "zar", "扎尔"), ("ба", "ba", "巴"), ("Ток", "Tok", "托卡"),
    ("Ка", "Ka", "卡"), ("рим", "rim", "里姆"), ("Мир", "Mir", "米尔"), ("зи", "zi", "济"),
    ("Рах", "Rakh", "拉赫"), ("мон", "mon", "蒙"), ("Жэ", "Zhe", "热"), ("нба", "nba", "恩巴"),
    ("Ал", "Al", "阿尔"), ("ма", "ma", "马"), ("Ис", "Is", "伊斯"), ("ла", "la", "拉"),
    ("Ас", "As", "阿斯"), ("та", "ta", "塔"), ("Ду", "Du", "杜"), ("шан", "shan", "尚"),
    ("Са", "Sa", "萨"), ("мар", "mar", "马尔"), ("кан", "kan", "坎"), ("Бу", "Bu", "布"),
    ("хар", "khar", "哈尔"), ("Ха", "Kha", "哈"), ("ли", "li", "利"), ("Ку", "Ku", "库"),
    ("сей", "sei", "赛"), ("Те", "Te", "捷"), ("ре", "re", "列"), ("Шав", "Shav", "沙夫"),
    ("Ми", "Mi", "米"), ("Жан", "Zhan", "让"), ("Бек", "Bek", "别克"), ("Ту", "Tu", "图"),
    ("Ор", "Or", "奥尔"), ("Ер", "Yer", "叶尔"), ("Ну", "Nu", "努"), ("Ол", "Ol", "奥利"),
]
# Surname endings: (Russian, English, Chinese).
SURNAME_ENDINGS = [("ев", "yev", "耶夫"), ("ов", "ov", "奥夫"), ("баев", "bayev", "巴耶夫"),
                   ("ин", "in", "因"), ("енко", "enko", "延科"), ("зода", "zoda", "佐达")]
# Place-name endings: (Russian, English, Chinese).
PLACE_ENDINGS = [("абад", "abad", "阿巴德"), ("кент", "kent", "肯特"), ("стан", "stan", "斯坦"),
                 ("ана", "ana", "阿纳"), ("ар", "ar", "阿尔"), ("ск", "sk", "斯克")]
# Given names of foreign persons: (Russian, English, Chinese).
FOREIGN_GIVEN = [("Нурсултан", "Nursultan", "努尔苏丹"), ("Шавкат", "Shavkat", "沙夫卡特"),
                 ("Эмомали", "Emomali", "埃莫马利"), ("Алмазбек", "Almazbek", "阿尔马兹别克"),
                 ("Касым-Жомарт", "Kassym-Jomart", "卡瑟姆若马尔特"), ("Садыр", "Sadyr", "萨德尔"),
                 ("Владимир", "Vladimir", "弗拉基米尔"), ("Сергей", "Sergey", "谢尔盖"),
                 ("Рашид", "Rashid", "拉希德"), ("Бахтиёр", "Bakhtiyor", "巴赫季约尔")]
