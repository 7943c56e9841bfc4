namespace Platform.DemoCounty;

/// <summary>Name parts for people and villages. Frequencies are rough national ones, Hubei names included.</summary>
internal static class ChineseNames
{
    /// <summary>Surnames with their rough share of the population (per cent).</summary>
    public static readonly Weighted<string> Surnames = new(
    [
        ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.2), ("赵", 2.1),
        ("吴", 2.0), ("周", 1.9), ("徐", 1.3), ("孙", 1.3), ("马", 1.1), ("朱", 1.1), ("胡", 1.0), ("郭", 1.0),
        ("何", 0.9), ("高", 0.9), ("林", 0.9), ("罗", 0.9), ("郑", 0.8), ("梁", 0.7), ("谢", 0.6), ("宋", 0.6),
        ("唐", 0.6), ("许", 0.5), ("韩", 0.5), ("冯", 0.5), ("邓", 0.5), ("曹", 0.5), ("彭", 0.5), ("曾", 0.5),
        ("肖", 0.4), ("田", 0.4), ("董", 0.4), ("袁", 0.4), ("潘", 0.4), ("于", 0.4), ("蒋", 0.4), ("蔡", 0.4),
        ("余", 0.4), ("杜", 0.4), ("叶", 0.4), ("程", 0.4), ("苏", 0.3), ("魏", 0.3), ("吕", 0.3), ("丁", 0.3),
        ("任", 0.3), ("沈", 0.3), ("姚", 0.3), ("卢", 0.3), ("姜", 0.3), ("崔", 0.3), ("钟", 0.3), ("谭", 0.3),
        ("陆", 0.3), ("汪", 0.3), ("范", 0.3), ("金", 0.3), ("石", 0.3), ("廖", 0.3), ("贾", 0.3), ("夏", 0.3),
        ("付", 0.2), ("方", 0.2), ("白", 0.2), ("邹", 0.2), ("孟", 0.2), ("熊", 0.2), ("秦", 0.2), ("邱", 0.2),
        ("江", 0.2), ("尹", 0.2), ("薛", 0.2), ("闫", 0.2), ("段", 0.2), ("雷", 0.2), ("侯", 0.2), ("龙", 0.2),
        ("史", 0.2), ("陶", 0.2), ("黎", 0.2), ("贺", 0.2), ("顾", 0.2), ("毛", 0.2), ("郝", 0.2), ("龚", 0.2),
        ("邵", 0.2), ("万", 0.2), ("覃", 0.2), ("武", 0.2), ("柯", 0.15), ("詹", 0.1), ("祝", 0.1), ("阮", 0.1),
        ("游", 0.1), ("桂", 0.05), ("操", 0.05), ("喻", 0.1), ("明", 0.05), ("尚", 0.1), ("聂", 0.1), ("向", 0.1),
    ]);

    // Given-name characters by sex and by the generation a person was born in.
    private static readonly string[] MaleOld =
    [
        "国", "建", "明", "德", "福", "贵", "荣", "发", "财", "生", "成", "才", "富", "林", "山", "忠", "义", "海",
        "春", "永", "长", "金", "文", "武", "保", "平", "安", "兴", "顺", "有", "学", "光", "军", "华", "清", "祥",
        "树", "志", "先", "远", "开", "道", "宗", "全", "正", "禄", "喜", "新",
    ];

    private static readonly string[] MaleMiddle =
    [
        "伟", "强", "军", "勇", "刚", "波", "斌", "辉", "涛", "鹏", "杰", "峰", "磊", "超", "亮", "俊", "飞", "龙",
        "东", "明", "华", "平", "兵", "林", "浩", "宇", "健", "新", "志", "建", "红", "国", "永", "云", "锋", "剑",
    ];

    private static readonly string[] MaleYoung =
    [
        "浩", "宇", "轩", "子", "梓", "博", "文", "睿", "泽", "俊", "晨", "一", "航", "阳", "铭", "豪", "杰", "辰",
        "昊", "然", "天", "佳", "嘉", "逸", "乐", "鑫", "锦", "瑞", "煜", "思", "家", "凯",
    ];

    private static readonly string[] FemaleOld =
    [
        "秀", "英", "兰", "桂", "珍", "芳", "凤", "翠", "花", "梅", "莲", "菊", "香", "玉", "琴", "娥", "云", "霞",
        "荣", "春", "淑", "美", "秋", "金", "银", "素", "巧", "爱", "明", "华",
    ];

    private static readonly string[] FemaleMiddle =
    [
        "丽", "娟", "艳", "敏", "静", "燕", "红", "萍", "玲", "霞", "婷", "芳", "慧", "莉", "琳", "雪", "倩", "洁",
        "丹", "晶", "蓉", "颖", "春", "梅", "兰", "娜", "媛", "琼", "平",
    ];

    private static readonly string[] FemaleYoung =
    [
        "欣", "怡", "梓", "涵", "雨", "萱", "诗", "佳", "琪", "可", "馨", "语", "思", "悦", "彤", "桐", "一", "诺",
        "若", "溪", "梦", "瑶", "晨", "依", "子", "紫", "艺", "雅", "婉", "心",
    ];

    /// <summary>A given name of one or two characters fitting the sex and the birth year.</summary>
    public static string GivenName(Random random, bool male, int birthYear)
    {
        var pool = (male, birthYear) switch
        {
            (true, < 1965) => MaleOld,
            (true, < 2000) => MaleMiddle,
            (true, _) => MaleYoung,
            (false, < 1965) => FemaleOld,
            (false, < 2000) => FemaleMiddle,
            (false, _) => FemaleYoung,
        };

        // Single-character given names were common in the 1980s and 1990s, rarer before and after.
        var singleShare = birthYear is >= 1975 and < 2000 ? 0.45 : 0.25;
        var first = pool[random.Next(pool.Length)];
        if (random.NextDouble() < singleShare)
        {
            return first;
        }

        string second;
        do
        {
            second = pool[random.Next(pool.Length)];
        }
        while (second == first && random.NextDouble() < 0.9);

        return first + second;
    }

    /// <summary>First parts of village names: people, colours, numbers, plants, animals, temples.</summary>
    public static readonly string[] VillagePrefixes =
    [
        "马", "七里", "黄", "龙", "石", "白", "青", "杨", "柳", "桃", "枫", "松", "竹", "双", "三", "五", "九", "大",
        "小", "高", "东", "西", "南", "北", "上", "下", "中", "新", "红", "金", "银", "太平", "安", "兴", "观音", "龙王",
        "长", "秦", "李家", "王家", "张家", "刘家", "陈家", "周家", "何家", "胡家", "罗家", "黑", "花", "板", "茶", "麦",
        "桐", "樟", "柏", "梨", "杏", "牛", "羊", "鹿", "凤", "鹰", "狮", "火", "水", "田", "沙", "茅", "草", "野",
        "老", "八", "十", "二", "四", "六", "团", "和", "丰", "富", "永", "清", "莲", "桂", "槐", "雷", "雾", "云",
        "天", "月", "盘", "歇", "望", "回", "香", "樱", "栗", "核桃", "油坊", "铁", "庙", "乔家", "黄家", "杜家",
        "朱家", "郭家", "彭家", "余家", "詹家", "向家", "柯家", "姚家", "冯家", "兰", "玉", "宝", "仙", "峡", "九里",
        "三里", "五里", "十里", "金银", "方", "圆", "平", "湖", "桥", "店", "官", "军", "营", "堡",
    ];

    /// <summary>Last parts of village names: the lie of the land in the Qinba mountains.</summary>
    public static readonly string[] VillageSuffixes =
    [
        "河", "沟", "坪", "湾", "岭", "坡", "垭", "台", "峪", "坝", "庙", "寨", "店", "铺", "口", "溪", "岩", "冲",
        "堰", "桥", "园", "关", "营", "场", "山", "峰", "池", "潭", "垴", "槽", "坊", "院", "庄", "畈", "洼", "窝",
        "淌", "栏", "坎", "岔", "湖", "塘", "井", "垱", "坳", "林",
    ];

    /// <summary>Ethnicities (民族) of the county: nearly all Han.</summary>
    public static readonly Weighted<string> Ethnicities = new(
    [
        ("汉族", 99.3), ("回族", 0.25), ("土家族", 0.2), ("苗族", 0.1), ("满族", 0.08), ("蒙古族", 0.04), ("壮族", 0.03),
    ]);

    /// <summary>Mobile number prefixes of the three operators.</summary>
    public static readonly string[] PhonePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "180", "181", "182", "183", "186", "187", "188", "189",
    ];
}
