namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// One synthetic customer snapshot: the fields declared in strategies/retail-wealth/map.yaml,
/// plus holdings, events (MOT) and contact history (spec section 2).
/// </summary>
public sealed class Customer
{
    public required string Id { get; init; }

    public string Name { get; set; } = "";

    public int Age { get; set; }

    public decimal Aum { get; set; }

    public decimal AumPeak12m { get; set; }

    public int MonthsOnBook { get; set; }

    public DateOnly OpenedOn { get; set; }

    public int RiskLevel { get; set; }

    public bool IsRetiree { get; set; }

    public bool HasPhone { get; set; }

    public bool DoNotCall { get; set; }

    public bool AppActive30d { get; set; }

    public bool WechatBound { get; set; }

    /// <summary>Null is written as an explicit <c>null</c> or left out, see <see cref="OmitNulls"/>.</summary>
    public string? City { get; set; }

    public decimal? PayrollMonthly { get; set; }

    public decimal CreditCardSpend { get; set; }

    public int DigitalLogins30d { get; set; }

    public int DaysSinceLastTxn { get; set; }

    /// <summary>Whether null optional fields are left out (true) or written as null (false).</summary>
    public bool OmitNulls { get; set; }

    public List<string> Holdings { get; } = [];

    public List<CustomerEvent> Events { get; } = [];

    public List<Contact> Contacts { get; } = [];
    public List<Response> Responses { get; } = [];

    public bool Holds(string product) => Holdings.Contains(product);

    public void Hold(string product)
    {
        if (!Holdings.Contains(product))
        {
            Holdings.Add(product);
        }
    }

    public void Drop(string product) => Holdings.Remove(product);
}

/// <summary>A real-time event: its type, when it happened and its payload (<c>amount</c>, or none).</summary>
public sealed record CustomerEvent(string Type, DateTime At, decimal? Amount);

/// <summary>A past contact: on which channel, when, for which strategy and product, and how it went.</summary>
public sealed record Contact(string Channel, DateTime At, string Strategy, string Product, string Outcome, int Wave = 1);

/// <summary>A response to a contact (responded, declined, converted); without a strategy it belongs by its product.</summary>
public sealed record Response(DateTime At, string? Strategy, string Product, string Kind);
