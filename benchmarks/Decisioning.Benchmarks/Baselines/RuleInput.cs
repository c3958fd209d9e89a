using System.Diagnostics.CodeAnalysis;
using Decisioning.Runtime;

namespace Decisioning.Benchmarks.Baselines;

/// <summary>
/// The retail-wealth snapshot as the typed object a C# team hands to Microsoft RulesEngine. Its
/// members are named exactly as the map's fields, so that RulesEngine parses the map's own
/// expression text (passed as the one unnamed parameter, whose members are in scope unqualified).
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Names are the map's field names.")]
public sealed class RuleInput
{
    public string name { get; set; } = "";
    public int age { get; set; }
    public decimal aum { get; set; }
    public decimal aumPeak12m { get; set; }
    public int monthsOnBook { get; set; }
    public int riskLevel { get; set; }
    public bool isRetiree { get; set; }
    public bool hasPhone { get; set; }
    public bool doNotCall { get; set; }
    public bool appActive30d { get; set; }
    public bool wechatBound { get; set; }
    public string? city { get; set; }
    public DateTime openedOn { get; set; }
    public decimal? payrollMonthly { get; set; }
    public decimal creditCardSpend { get; set; }
    public int digitalLogins30d { get; set; }
    public int daysSinceLastTxn { get; set; }

    public List<string> holdings { get; set; } = [];
    public List<string> segments { get; set; } = [];
    public string? tier { get; set; }
    public string? stage { get; set; }
    public EventInput? @event { get; set; }

    /// <summary>The record it was read from (ids, events and contacts for the gates written in C#).</summary>
    public CustomerRecord Record { get; private set; } = null!;

    /// <summary>What a script sees as <c>customer</c>, built once per customer.</summary>
    public Dictionary<string, object?> ScriptValue { get; } = new(StringComparer.Ordinal);

    /// <summary>Copies a record's typed values by field name (once, outside any timed code).</summary>
    public static RuleInput From(CustomerRecord record)
    {
        var input = new RuleInput { Record = record, holdings = [.. record.Holdings] };
        var properties = typeof(RuleInput).GetProperties();
        foreach (var slot in record.Values.Layout.Fields)
        {
            var value = record.Values.Get(slot.Index);
            input.ScriptValue[slot.Name] = value;
            var property = properties.Single(p => p.Name == slot.Name);
            property.SetValue(input, value is DateTime d ? d : value);
        }

        return input;
    }
}

/// <summary>An event payload: every event type of the sample map carries at most an amount.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Names are the map's field names.")]
public sealed class EventInput
{
    public decimal amount { get; set; }
}
