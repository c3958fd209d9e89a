namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// Makes one customer of a Chinese retail bank's book: age, assets (AUM) by tier, lifecycle,
/// digital behaviour, payroll (代发), credit card, holdings, recent events (MOT) and the contact
/// history left by earlier runs of the strategy map. The shares are rough but plausible; every
/// gate of spec section 3 is reached by some customers (see samples/README.md).
/// </summary>
public sealed class CustomerFactory(int seed, DateTime at)
{
    /// <summary>Every 60th customer is on the year-end VIP list (名单制): C00060, C00120, ...</summary>
    public const int VipEvery = 60;

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘",
        "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "姜",
        "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "贾", "夏", "方", "邹", "熊", "白", "孟", "秦", "邱", "侯",
        "江", "尹", "薛", "段", "雷", "龙", "黎", "史", "陶", "贺", "毛", "顾", "龚", "邵", "万", "钱", "戴", "严",
        "欧阳", "司马", "上官", "诸葛",
    ];

    /// <summary>Long names: 22 or more UTF-16 units, too long for some 70-character SMS scripts.</summary>
    private static readonly string[] LongNames =
    [
        "Ms Alexandra Montgomery-Whitfield", "Mr Christopher Richardson-Lee", "Ms Isabella Fitzgerald-Ramos",
        "Mr Maximilian Hohenberger", "Ms Anastasia Vasilyevna Petrova", "Mr Jean-Baptiste Delacroix",
        "Mr Mohammed Abdulrahman Al-Farsi", "Ms Charlotte Vandenberghe",
    ];

    private static readonly string[] Cities =
        ["上海", "杭州", "南京", "苏州", "宁波", "北京", "深圳", "广州", "成都", "重庆", "武汉", "西安", "长沙", "郑州"];

    private readonly ContactHistory _history = new(at);

    public static string IdOf(int number) => $"C{number:D5}";

    public static bool IsVip(int number) => number % VipEvery == 0;

    public Customer Create(int number)
    {
        var r = new Randomness(seed, number);
        var c = new Customer { Id = IdOf(number) };
        Demographics(c, r);
        Assets(c, r, IsVip(number));
        Tenure(c, r);
        Digital(c, r);
        Payroll(c, r);
        Holdings(c, r);
        Events(c, r, IsVip(number));
        _history.Add(c, r);
        Showcase.Apply(c, number, at);
        c.Events.Sort((a, b) => a.At.CompareTo(b.At));
        c.Contacts.Sort((a, b) => a.At.CompareTo(b.At));
        return c;
    }

    private static void Demographics(Customer c, Randomness r)
    {
        c.Age = r.Weighted(0.30, 0.30, 0.26, 0.14) switch
        {
            0 => r.Between(22, 35),
            1 => r.Between(36, 54),
            2 => r.Between(55, 69),
            _ => r.Between(70, 86),
        };
        c.IsRetiree = c.Age switch
        {
            >= 63 => r.Chance(0.95),
            >= 50 => r.Chance(0.35),    // 女性 50/55 岁退休
            _ => false,
        };
        var female = r.Chance(0.52);
        c.Name = r.Chance(0.025) ? r.Pick(LongNames) : r.Pick(Surnames) + (female ? "女士" : "先生");
        c.City = r.Chance(0.06) ? null : r.Pick(Cities);
        c.OmitNulls = r.Chance(0.5);
        c.HasPhone = r.Chance(0.97);
        c.DoNotCall = r.Chance(0.07);
    }

    private static void Assets(Customer c, Randomness r, bool vip)
    {
        var tier = vip ? r.Weighted(0.3, 0.7) : r.Weighted(0.012, 0.08, 0.32, 0.39, 0.198);
        c.Aum = (vip, tier) switch
        {
            (true, 0) => r.Amount(6_000_000, 25_000_000),
            (true, _) => r.Amount(800_000, 6_000_000),
            (_, 0) => r.Amount(6_000_000, 30_000_000),   // 私行
            (_, 1) => r.Amount(500_000, 6_000_000),      // 财富
            (_, 2) => r.Amount(50_000, 500_000),         // 贵宾
            (_, 3) => r.Amount(1_000, 50_000),           // 大众
            _ => r.Amount(1, 1_000),                     // 长尾
        };
        if (c.Age >= 55 && r.Chance(0.3))
        {
            c.Aum = Math.Round(c.Aum * 1.6m, 2);          // 老年客户储蓄更多
        }

        c.RiskLevel = c.Age >= 65
            ? 1 + r.Weighted(0.25, 0.40, 0.28, 0.05, 0.02)
            : 1 + r.Weighted(0.08, 0.27, 0.37, 0.19, 0.09);
        c.AumPeak12m = r.Chance(0.06) && c.Aum >= 5_000
            ? Math.Max(60_000m, Math.Round(c.Aum * (decimal)r.Uniform(2.1, 4.0), 2))   // 资产腰斩: 流失预警
            : Math.Round(c.Aum * (decimal)r.Uniform(1.0, 1.3), 2);
    }

    private void Tenure(Customer c, Randomness r)
    {
        c.MonthsOnBook = r.Weighted(0.09, 0.18, 0.73) switch
        {
            0 => r.Between(0, 3),
            1 => r.Between(4, 24),
            _ => r.Between(25, Math.Min(360, Math.Max(26, (c.Age - 18) * 12))),
        };
        var opened = DateOnly.FromDateTime(at).AddMonths(-c.MonthsOnBook).AddDays(-r.Between(0, 27));
        c.OpenedOn = opened;
        c.DaysSinceLastTxn = c.MonthsOnBook > 6 && r.Chance(0.075)
            ? r.Between(180, 900)                         // 沉睡
            : r.Between(0, Math.Min(120, (c.MonthsOnBook * 30) + 5));
    }

    private static void Digital(Customer c, Randomness r)
    {
        var appShare = c.Age switch { <= 35 => 0.88, <= 54 => 0.7, <= 69 => 0.42, _ => 0.18 };
        c.AppActive30d = c.HasPhone && c.DaysSinceLastTxn < 180 && r.Chance(appShare);
        c.DigitalLogins30d = c.AppActive30d ? r.Weighted(0.45, 0.4, 0.15) switch
        {
            0 => r.Between(1, 9),
            1 => r.Between(10, 25),
            _ => r.Between(26, 60),
        } : 0;
        c.WechatBound = c.Aum >= 500_000 ? r.Chance(0.7) : r.Chance(0.3);
    }

    private static void Payroll(Customer c, Randomness r)
    {
        if (c.Age <= 59 && !c.IsRetiree && r.Chance(0.42))
        {
            c.PayrollMonthly = r.RoundAmount(3_200, 45_000, 100);
        }
    }

    private static void Holdings(Customer c, Randomness r)
    {
        if (c.PayrollMonthly is not null)
        {
            c.Hold("payroll-account");
        }

        if (c.Age is >= 20 and <= 65 ? r.Chance(0.42) : r.Chance(0.08))
        {
            c.Hold("credit-card");
            c.CreditCardSpend = r.Weighted(0.4, 0.45, 0.15) switch
            {
                0 => r.Amount(50, 3_000),
                1 => r.Amount(3_000, 12_000),
                _ => r.Amount(12_000, 60_000),
            };
            if (r.Chance(0.2))
            {
                c.Hold("card-installment");
            }
        }

        if (c.AppActive30d || r.Chance(0.35))
        {
            c.Hold("mobile-banking");
        }

        var wealthShare = c.Aum switch { >= 6_000_000 => 0.8, >= 500_000 => 0.65, >= 50_000 => 0.35, >= 1_000 => 0.08, _ => 0.0 };
        if (c.RiskLevel >= 2 && r.Chance(wealthShare))
        {
            c.Hold("wealth-plan");
        }

        if (c.Aum >= 200_000 && r.Chance(0.4))
        {
            c.Hold("large-cd");
        }

        if ((c.Age >= 55 || c.IsRetiree) && c.RiskLevel >= 3 && r.Chance(0.2))
        {
            c.Hold("pension-fund");
        }

        if (c.RiskLevel >= 4 && r.Chance(0.3))
        {
            c.Hold("fund-sip");
        }

        if (c.Age is >= 28 and <= 70 && r.Chance(c.Age >= 55 ? 0.14 : 0.06))
        {
            c.Hold("annuity-insurance");
        }

        if (c.Aum >= 10_000_000 && r.Chance(0.3))
        {
            c.Hold("family-trust");
        }

        if (c.Aum < 500_000 && r.Chance(c.AppActive30d ? 0.3 : 0.08))
        {
            c.Hold("cash-plus");
        }

        if (r.Chance(0.06))
        {
            c.Hold("gold-savings");
        }

        if (r.Chance(0.05))
        {
            c.Hold("ecny-wallet");    // a product the map does not know: holdings may name any product
        }
    }

    private void Events(Customer c, Randomness r, bool vip)
    {
        // 大额资金入账: about 40% of them are older than the 3-day window, some are under 20万.
        if (r.Chance(vip ? 0.25 : c.Aum >= 50_000 ? 0.08 : 0.025))
        {
            c.Events.Add(new CustomerEvent("large-deposit", r.DaysBefore(at, 0.05, 5.0),
                r.RoundAmount(c.Aum >= 500_000 ? 150_000 : 60_000, c.Aum >= 500_000 ? 3_000_000 : 600_000, 1_000)));
        }

        // 代发工资到账: this month's (often within the 2-day window) and last month's.
        if (c.PayrollMonthly is { } pay)
        {
            if (r.Chance(0.65))
            {
                c.Events.Add(new CustomerEvent("salary-credited", r.DaysBefore(at, 0.1, 4.0),
                    Math.Round(pay * (decimal)r.Uniform(0.92, 1.12), 2)));
            }

            c.Events.Add(new CustomerEvent("salary-credited", r.DaysBefore(at, 29, 33),
                Math.Round(pay * (decimal)r.Uniform(0.92, 1.12), 2)));
        }

        // 存款/理财到期
        if (c.Aum >= 20_000 && r.Chance(0.06))
        {
            c.Events.Add(new CustomerEvent("maturity", r.DaysBefore(at, 0.1, 8.0),
                r.RoundAmount(20_000, Math.Max(30_000, (double)c.Aum), 1_000)));
        }

        // 信用卡激活
        if (c.Holds("credit-card") && r.Chance(0.07))
        {
            c.Events.Add(new CustomerEvent("card-activated", r.DaysBefore(at, 0.1, 10.0), null));
        }
    }
}
