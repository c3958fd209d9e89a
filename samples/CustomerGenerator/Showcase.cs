namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// C00001 .. C00012 are written by hand rather than drawn: each shows one path through the gates
/// of spec section 3 for the retail-wealth map at the decision time (see samples/README.md). Their
/// events and contacts are placed relative to the decision time, so they keep their meaning
/// whatever <c>--at</c> is.
/// </summary>
public static class Showcase
{
    public const int Count = 16;

    public static void Apply(Customer c, int number, DateTime at)
    {
        if (number is < 1 or > Count)
        {
            return;
        }

        Baseline(c, at);
        switch (number)
        {
            case 1:     // 大额入账 MOT for a retiree in her honeymoon: selected, several others lose in arbitration
                c.Name = "王女士";
                c.Age = 58;
                c.IsRetiree = true;
                c.Aum = 820_000m;
                c.AumPeak12m = 850_000m;
                Tenure(c, at, 2);
                c.Hold("payroll-account");
                c.Events.Add(new CustomerEvent("large-deposit", at.AddDays(-2).AddHours(9.5), 300_000m));
                break;
            case 2:     // 高净值流失预警, but 营销免打扰 and no app: churn-retention-call has no channel
                c.Name = "李先生";
                c.Age = 47;
                c.Aum = 900_000m;
                c.AumPeak12m = 2_600_000m;
                c.DoNotCall = true;
                c.AppActive30d = false;
                c.DigitalLogins30d = 0;
                c.Hold("wealth-plan");
                c.Hold("credit-card");
                c.CreditCardSpend = 1_800m;
                break;
            case 3:     // retiree with under 10万: retiree-pension fails its condition (aum >= 100000)
                c.Name = "张女士";
                c.Age = 66;
                c.IsRetiree = true;
                c.Aum = 80_000m;
                c.AumPeak12m = 86_000m;
                c.AppActive30d = false;
                c.DigitalLogins30d = 0;
                break;
            case 4:     // 私行 with a 150万 deposit: big-deposit-trust is ineligible (family-trust needs 1000万)
                c.Name = "刘先生";
                c.Age = 52;
                c.Aum = 7_200_000m;
                c.AumPeak12m = 7_500_000m;
                c.RiskLevel = 4;
                c.WechatBound = true;
                c.Hold("wealth-plan");
                c.Hold("large-cd");
                c.Hold("credit-card");
                c.CreditCardSpend = 26_000m;
                c.Events.Add(new CustomerEvent("large-deposit", at.AddDays(-1).AddHours(10), 1_500_000m));
                break;
            case 5:     // retiree who already holds annuity-insurance: retiree-annuity is already-held
                c.Name = "陈女士";
                c.Age = 61;
                c.IsRetiree = true;
                c.Aum = 350_000m;
                c.AumPeak12m = 360_000m;
                c.Hold("annuity-insurance");
                c.Hold("pension-fund");
                break;
            case 6:     // retiree called about annuity-insurance 20 days ago: retiree-annuity is in cooldown (60d)
                c.Name = "杨先生";
                c.Age = 64;
                c.IsRetiree = true;
                c.Aum = 420_000m;
                c.AumPeak12m = 430_000m;
                c.Hold("pension-fund");
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-20).AddHours(10), "retiree-annuity", "annuity-insurance", "callback"));
                break;
            case 7:     // app user pushed three times this week: digital-gold (app-push only) has no channel
                c.Name = "黄女士";
                c.Age = 29;
                c.Aum = 23_000m;
                c.AumPeak12m = 25_000m;
                c.DigitalLogins30d = 31;
                c.Hold("mobile-banking");
                c.Hold("credit-card");
                c.CreditCardSpend = 5_200m;
                c.Hold("card-installment");
                c.Contacts.Add(new Contact("app-push", at.AddDays(-5).AddHours(12), "spender-installment", "card-installment", "opened"));
                c.Contacts.Add(new Contact("app-push", at.AddDays(-3).AddHours(12), "payroll-wealth", "wealth-plan", "sent"));
                c.Contacts.Add(new Contact("app-push", at.AddDays(-1).AddHours(12), "risk-appetite-sip", "fund-sip", "sent"));
                break;
            case 8:     // 沉睡客户 with a long name: the wake-up SMS is longer than 70 characters, no channel
                c.Name = "Ms Alexandra Montgomery-Whitfield";
                c.Age = 44;
                c.Aum = 12_000m;
                c.AumPeak12m = 12_500m;
                c.DaysSinceLastTxn = 400;
                c.AppActive30d = false;
                c.DigitalLogins30d = 0;
                c.Hold("mobile-banking");
                break;
            case 9:     // deposits of 15万 yesterday (under 20万) and 50万 five days ago (outside 3d): no big-deposit scenario
                c.Name = "赵先生";
                c.Age = 39;
                c.Aum = 680_000m;
                c.AumPeak12m = 700_000m;
                c.Hold("wealth-plan");
                c.Hold("mobile-banking");
                c.Events.Add(new CustomerEvent("large-deposit", at.AddDays(-5).AddHours(15), 500_000m));
                c.Events.Add(new CustomerEvent("large-deposit", at.AddDays(-1).AddHours(11), 150_000m));
                break;
            case 10:    // young new client without a card: new-client-card on the app
                c.Name = "吴女士";
                c.Age = 26;
                c.Aum = 8_500m;
                c.AumPeak12m = 9_000m;
                Tenure(c, at, 1);
                c.DigitalLogins30d = 18;
                c.Hold("mobile-banking");
                break;
            case 11:    // payroll customer on salary day, 进取型: salary-day-sip with the sip-scorecard model
                c.Name = "周先生";
                c.Age = 33;
                c.Aum = 96_000m;
                c.AumPeak12m = 99_000m;
                c.RiskLevel = 4;
                c.PayrollMonthly = 18_500m;
                c.DigitalLogins30d = 22;
                c.Hold("payroll-account");
                c.Hold("mobile-banking");
                c.Hold("wealth-plan");
                c.Events.Add(new CustomerEvent("salary-credited", at.AddDays(-31).AddHours(9), 18_420m));
                c.Events.Add(new CustomerEvent("salary-credited", at.AddDays(-1).AddHours(9), 18_650m));
                break;
            case 12:    // card activated two days ago: card-activated-installment
                c.Name = "徐女士";
                c.Age = 31;
                c.Aum = 41_000m;
                c.AumPeak12m = 42_000m;
                c.Hold("credit-card");
                c.Hold("mobile-banking");
                c.CreditCardSpend = 4_300m;
                c.Events.Add(new CustomerEvent("card-activated", at.AddDays(-2).AddHours(20), null));
                break;
            case 13:    // retiree called about the pension fund 4 days ago, no answer: wave 2 (SMS) is due
                Retiree(c, "孙女士", 62);
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-4).AddHours(10), "retiree-pension", "pension-fund", "no-answer"));
                break;
            case 14:    // the same call yesterday: wave 2 is pending until day 3
                Retiree(c, "钱先生", 63);
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-1).AddHours(10), "retiree-pension", "pension-fund", "no-answer"));
                break;
            case 15:    // called 5 days ago and declined: the sequence stopped (responded) until the 30d cooldown passes
                Retiree(c, "郑女士", 64);
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-5).AddHours(10), "retiree-pension", "pension-fund", "declined"));
                break;
            case 16:    // declined the pension fund three times in 90 days: three-declines suppresses it for 30 days
                Retiree(c, "冯先生", 66);
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-80).AddHours(10), "retiree-pension", "pension-fund", "declined"));
                c.Contacts.Add(new Contact("rm-call", at.AddDays(-50).AddHours(10), "retiree-pension", "pension-fund", "declined"));
                c.Contacts.Add(new Contact("app-push", at.AddDays(-20).AddHours(10), "retiree-pension", "pension-fund", "declined", Wave: 3));
                break;
        }

        ContactHistory.Responses(c);
    }

    // A retiree with 30万 and no pension fund, reachable by phone: retiree-pension's audience.
    private static void Retiree(Customer c, string name, int age)
    {
        c.Name = name;
        c.Age = age;
        c.IsRetiree = true;
        c.Aum = 300_000m;
        c.AumPeak12m = 310_000m;
    }

    /// <summary>An ordinary, reachable, mature customer with mobile banking, no other product and no history.</summary>
    private static void Baseline(Customer c, DateTime at)
    {
        c.Holdings.Clear();
        c.Events.Clear();
        c.Contacts.Clear();
        c.RiskLevel = 3;
        c.IsRetiree = false;
        c.HasPhone = true;
        c.DoNotCall = false;
        c.AppActive30d = true;
        c.DigitalLogins30d = 8;
        c.WechatBound = false;
        c.City = "上海";
        c.PayrollMonthly = null;
        c.CreditCardSpend = 0m;
        c.DaysSinceLastTxn = 6;
        c.Hold("mobile-banking");
        Tenure(c, at, 60);
    }

    private static void Tenure(Customer c, DateTime at, int months)
    {
        c.MonthsOnBook = months;
        c.OpenedOn = DateOnly.FromDateTime(at).AddMonths(-months).AddDays(-12);
    }
}
