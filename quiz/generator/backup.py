"""Small generic name lists: surnames to vet person names, and same-class fallbacks.

These are not about any one timeline: they are common Chinese surnames, countries, provinces,
cities and universities, used to classify places and to fill place distractors when a timeline
names fewer than three of a class. People are never invented: person distractors come from the
timeline itself.
"""

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤井焦骆雍柳"
)
COUNTRIES = (
    "中国", "日本", "美国", "韩国", "英国", "法国", "德国", "俄罗斯", "印度", "新加坡", "泰国",
    "越南", "菲律宾", "马来西亚", "印度尼西亚", "澳大利亚", "加拿大", "巴西", "意大利", "西班牙",
)
PROVINCES = (
    "浙江", "江苏", "广东", "福建", "山东", "四川", "湖北", "湖南", "河南", "河北", "陕西", "安徽",
)
CITIES = (
    "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津", "苏州",
    "洛阳", "开封", "长沙", "郑州", "沈阳", "青岛", "厦门", "大连", "昆明", "哈尔滨",
    "横滨", "东京", "大阪", "首尔", "纽约", "伦敦", "香港", "新加坡",
)
# One-character names of cities that also name things of the city (京剧, 沪剧, 津门, 杭帮菜); only
# characters that rarely stand for anything else.
CITY_ABBREVIATIONS = {"北京": "京", "上海": "沪", "天津": "津", "重庆": "渝", "广州": "穗", "杭州": "杭"}
# Cities that are modern as cities (the year each became one under this name): never offered for an
# earlier event (深圳 as the centre of the Sui canal). 深圳 a market town until made a city in 1979;
# 武汉 named so when 武昌, 汉口 and 汉阳 merged in 1927; 香港 British from 1842; 青岛 a Qing garrison
# from 1891, then a German port; 哈尔滨 grew from the 1898 railway; 大连 founded as Dalny in 1899;
# 横滨 a fishing village until its port opened in 1859; 东京 named so in 1868 (before, 东京 in Chinese
# texts is 开封); 新加坡 founded in 1819.
CITY_SINCE = {
    "深圳": 1979, "武汉": 1927, "香港": 1842, "青岛": 1891, "哈尔滨": 1898, "大连": 1899,
    "横滨": 1859, "东京": 1868, "新加坡": 1819,
}
# Institutions that always meet in one city: a blank for that city tests nothing.
FIXED_SEATS = {"全国人大": "北京", "全国人民代表大会": "北京", "全国政协": "北京", "政协全国委员会": "北京"}
FOREIGN_CITIES = ("横滨", "东京", "大阪", "首尔", "纽约", "伦敦", "新加坡")
UNIVERSITIES = (
    "北京大学", "清华大学", "浙江大学", "复旦大学", "南京大学", "武汉大学", "中山大学", "四川大学",
)
