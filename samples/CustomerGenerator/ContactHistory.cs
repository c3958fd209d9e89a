namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// The contact history (触达记录) that earlier runs of the retail-wealth map would have left: which
/// strategy reached the customer, on which channel, and how it went. It mirrors the map loosely
/// (who each strategy targets, its channels in preference order, who each channel reaches) so
/// that cooldowns and channel frequency caps bite on plausible customers.
/// </summary>
public sealed class ContactHistory(DateTime at)
{
    private sealed record PastStrategy(string Id, string Product, string[] Channels, Func<Customer, bool> Plausible);

    private static readonly PastStrategy[] Strategies =
    [
        new("vip-year-end", "large-cd", ["rm-call", "wechat"], c => CustomerFactory.IsVip(int.Parse(c.Id.AsSpan(1)))),
        new("retiree-pension", "pension-fund", ["rm-call", "app-push"], c => Retiree(c) && c.Aum >= 100_000 && !c.Holds("pension-fund")),
        new("retiree-annuity", "annuity-insurance", ["rm-call", "branch-visit"], c => Retiree(c) && c.Aum >= 50_000),
        new("wealth-upgrade", "wealth-plan", ["rm-call", "wechat"], c => c.Aum is >= 300_000 and < 500_000),
        new("payroll-wealth", "wealth-plan", ["wechat", "app-push"], c => c.PayrollMonthly >= 5_000),
        new("spender-installment", "card-installment", ["app-push", "sms"], c => c.Holds("credit-card") && c.CreditCardSpend >= 3_000),
        new("risk-appetite-sip", "fund-sip", ["app-push", "wechat"], c => c.RiskLevel >= 4 && c.Aum >= 50_000),
        new("digital-gold", "gold-savings", ["app-push"], c => c.AppActive30d && c.DigitalLogins30d >= 10),
        new("high-value-card", "credit-card", ["rm-call", "wechat"], c => c.Aum >= 500_000 && !c.Holds("credit-card")),
        new("mobile-activation", "mobile-banking", ["branch-visit", "sms"], c => !c.Holds("mobile-banking") && c.Age <= 70),
        new("new-client-mobile", "mobile-banking", ["sms", "branch-visit"], c => c.MonthsOnBook <= 4),
        new("payroll-acquire", "payroll-account", ["rm-call", "wechat"], c => c.Age is >= 22 and <= 35 && c.PayrollMonthly is null),
        new("mass-cash-plus", "cash-plus", ["app-push", "sms"], c => c.Aum < 500_000 && !c.Holds("cash-plus")),
        new("dormant-wakeup", "gold-savings", ["sms"], c => c.DaysSinceLastTxn >= 180),
    ];

    /// <summary>Strategies that push through the app, for customers the app channel has been busy with.</summary>
    private static readonly (string Strategy, string Product)[] AppPushes =
    [
        ("spender-installment", "card-installment"), ("payroll-wealth", "wealth-plan"), ("salary-day-sip", "fund-sip"),
        ("risk-appetite-sip", "fund-sip"), ("card-activated-installment", "card-installment"), ("retiree-pension", "pension-fund"),
    ];

    private static bool Retiree(Customer c) => c.Age >= 55 || c.IsRetiree;

    /// <summary>Whether the customer can be reached on a channel, as the map's <c>reachable</c> says.</summary>
    public static bool Reachable(Customer c, string channel) => channel switch
    {
        "rm-call" or "sms" => c.HasPhone && !c.DoNotCall,
        "wechat" => c.WechatBound && !c.DoNotCall,
        "app-push" => c.AppActive30d,
        "branch-visit" => c.City is not null,
        _ => false,
    };

    public static string Outcome(Randomness r, string channel) => channel switch
    {
        "rm-call" => r.Pick(["no-answer", "declined", "interested", "callback"]),
        "wechat" => r.Pick(["sent", "read", "replied"]),
        "app-push" => r.Pick(["sent", "sent", "opened", "clicked"]),
        "sms" => r.Pick(["sent", "delivered"]),
        _ => r.Pick(["presented", "declined", "interested"]),
    };

    /// <summary>
    /// What the customer answered, read off each contact's outcome an hour later (no random draw, so
    /// the rest of the data is as before): a decline is <c>declined</c>; interest, a reply or a click
    /// is <c>responded</c>.
    /// </summary>
    public static void Responses(Customer c)
    {
        c.Responses.Clear();
        foreach (var k in c.Contacts)
        {
            var kind = k.Outcome switch
            {
                "declined" => "declined",
                "interested" or "replied" or "clicked" => "responded",
                _ => null,
            };
            if (kind is not null)
            {
                c.Responses.Add(new Response(k.At.AddHours(1), k.Strategy, k.Product, kind));
            }
        }
    }

    public void Add(Customer c, Randomness r)
    {
        // Ordinary history: a few contacts over the last 45 days for strategies that fit the customer.
        if (r.Chance(0.5))
        {
            var fitting = Strategies.Where(s => s.Plausible(c)).ToList();
            var count = Math.Min(fitting.Count, r.Between(1, 3));
            for (var i = 0; i < count; i++)
            {
                var s = r.Pick(fitting);
                if (s.Channels.FirstOrDefault(ch => Reachable(c, ch)) is { } channel)
                {
                    c.Contacts.Add(new Contact(channel, r.DaysBefore(at, 0.3, 45), s.Id, s.Product, Outcome(r, channel)));
                }
            }
        }

        // 双十一 campaign (2026-11-01 .. 11-12) reached app users on the app.
        if (c.AppActive30d && c.DigitalLogins30d >= 10 && r.Chance(0.3))
        {
            c.Contacts.Add(new Contact("app-push", new DateTime(2026, 11, r.Between(1, 11), r.Between(9, 20), 0, 0, DateTimeKind.Utc),
                "singles-day-gold", "gold-savings", Outcome(r, "app-push")));
        }

        // A busy app channel: three pushes within the last week reach the cap of app-push (3 per 7d).
        if (c.AppActive30d && r.Chance(0.07))
        {
            for (var i = 0; i < 3; i++)
            {
                var (strategy, product) = r.Pick(AppPushes);
                c.Contacts.Add(new Contact("app-push", r.DaysBefore(at, 0.2, 6.5), strategy, product, Outcome(r, "app-push")));
            }
        }

        // A recent call by the relationship manager reaches the cap of rm-call (1 per 7d).
        if (Reachable(c, "rm-call") && c.Aum >= 50_000 && r.Chance(0.06))
        {
            var s = r.Pick(Strategies.Where(x => x.Channels[0] == "rm-call").ToList());
            c.Contacts.Add(new Contact("rm-call", r.DaysBefore(at, 0.5, 6.5), s.Id, s.Product, Outcome(r, "rm-call")));
        }

        Responses(c);

        // Two recent text messages reach the cap of sms (2 per 7d).
        if (Reachable(c, "sms") && r.Chance(0.03))
        {
            for (var i = 0; i < 2; i++)
            {
                c.Contacts.Add(new Contact("sms", r.DaysBefore(at, 0.2, 6.5), "mobile-activation", "mobile-banking", Outcome(r, "sms")));
            }
        }
    }
}
