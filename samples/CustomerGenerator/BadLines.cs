namespace Decisioning.Samples.CustomerGenerator;

/// <summary>
/// Deliberately broken snapshot lines (spec section 2: each gets an error record, nothing else is
/// affected), for <c>--bad</c>: they are mixed in between good customers.
/// </summary>
public static class BadLines
{
    private const string Good =
        "\"name\": \"测试客户\", \"age\": 40, \"aum\": 120000, \"aumPeak12m\": 130000, \"monthsOnBook\": 30, \"riskLevel\": 3, " +
        "\"isRetiree\": false, \"hasPhone\": true, \"doNotCall\": false, \"appActive30d\": true, \"wechatBound\": false, " +
        "\"city\": \"杭州\", \"openedOn\": \"2024-05-10\", \"creditCardSpend\": 0, \"digitalLogins30d\": 5, \"daysSinceLastTxn\": 3";

    /// <summary>Each bad line with what is wrong with it.</summary>
    public static IReadOnlyList<(string Why, string Line)> All { get; } =
    [
        ("invalid JSON (cut off)", "{\"customerId\": \"B001\", \"name\": \"截断\", \"age\": 40, \"aum\": 1200"),
        ("an array instead of an object", "[{\"customerId\": \"B002\", " + Good + "}]"),
        ("missing required field (age)", "{\"customerId\": \"B003\", " + Good.Replace("\"age\": 40, ", "") + "}"),
        ("null required field (aum)", "{\"customerId\": \"B004\", " + Good.Replace("\"aum\": 120000", "\"aum\": null") + "}"),
        ("a string for an int (age)", "{\"customerId\": \"B005\", " + Good.Replace("\"age\": 40", "\"age\": \"forty\"") + "}"),
        ("41.5 for an int (age)", "{\"customerId\": \"B006\", " + Good.Replace("\"age\": 40", "\"age\": 41.5") + "}"),
        ("\"yes\" for a bool (isRetiree)", "{\"customerId\": \"B007\", " + Good.Replace("\"isRetiree\": false", "\"isRetiree\": \"yes\"") + "}"),
        ("an unparsable date in events", "{\"customerId\": \"B008\", " + Good +
            ", \"events\": [{\"type\": \"large-deposit\", \"at\": \"2026-13-45T25:61:00Z\", \"amount\": 300000}]}"),
        ("holdings not a list (a string)", "{\"customerId\": \"B009\", " + Good + ", \"holdings\": \"pension-fund\"}"),
        ("holdings not a list of strings", "{\"customerId\": \"B010\", " + Good + ", \"holdings\": [\"wealth-plan\", 42]}"),
        ("a number out of int range (monthsOnBook)", "{\"customerId\": \"B011\", " + Good.Replace("\"monthsOnBook\": 30", "\"monthsOnBook\": 3000000000") + "}"),
        ("an unparsable date field (openedOn)", "{\"customerId\": \"B012\", " + Good.Replace("\"openedOn\": \"2024-05-10\"", "\"openedOn\": \"10/05/2024\"") + "}"),
        ("missing key field (customerId)", "{" + Good + "}"),
        ("a number for the key field", "{\"customerId\": 14, " + Good + "}"),
    ];
}
