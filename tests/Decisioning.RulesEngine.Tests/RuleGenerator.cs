using System.Globalization;
using System.Text.Json;

namespace Decisioning.RulesEngine.Tests;

/// <summary>
/// Random RulesEngine workflows written the ways teams write them: inputs named <c>input1</c> to
/// <c>input3</c>, field names in either case, <c>AND</c>/<c>and</c>/<c>&amp;&amp;</c>, a lone <c>=</c>,
/// string methods, arithmetic (division by a literal that may be zero), <c>in</c>, conditionals,
/// nested rules and local params. Only constructs the importer converts; what may throw stays
/// out of nested rules and params (there RulesEngine fails the part, a map the whole condition).
/// </summary>
internal sealed class RuleGenerator(int seed)
{
    private static readonly string[] Ints = ["age", "loyaltyFactor", "totalOrders", "visits"];
    private static readonly string[] Decimals = ["income", "balance"];
    private static readonly string[] Bools = ["vip", "hasCard"];
    private static readonly string[] Strings = ["country", "name"];

    /// <summary>Text values customers and literals share, so that equality is sometimes true.</summary>
    public static readonly string[] Words = ["india", "usa", "Wang", "", "li", "INDIA", "王"];

    private readonly Random _random = new(seed);

    /// <summary>One workflow of <paramref name="count"/> rules, as JSON.</summary>
    public string Workflow(string name, int count)
    {
        var rules = Enumerable.Range(1, count).Select(i => Rule($"Rule{i}_{_random.Next(1000)}")).ToList();
        return JsonSerializer.Serialize(new { WorkflowName = name, Rules = rules }, new JsonSerializerOptions { WriteIndented = true });
    }

    private object Rule(string name) => _random.Next(6) switch
    {
        0 => new
        {
            RuleName = name, ErrorMessage = "failed", Operator = Pick("And", "AndAlso", "Or", "OrElse"),
            Rules = new[] { new { RuleName = name + "a", Expression = Condition(2, safe: true) }, new { RuleName = name + "b", Expression = Condition(2, safe: true) } },
        },
        1 => (object)new
        {
            RuleName = name, ErrorMessage = "failed",
            LocalParams = new[] { new { Name = "p" + name.Length, Expression = Condition(1, safe: true) } },
            Expression = $"p{name.Length} {And()} ({Condition(2, safe: true)})",
        },
        _ => new { RuleName = name, ErrorMessage = "failed", Expression = Condition(3, safe: false) },
    };

    private string Condition(int depth, bool safe)
    {
        if (depth == 0)
        {
            return Comparison(safe);
        }

        return _random.Next(7) switch
        {
            0 => $"{Condition(depth - 1, safe)} {And()} {Condition(depth - 1, safe)}",
            1 => $"{Condition(depth - 1, safe)} {Or()} {Condition(depth - 1, safe)}",
            2 => $"!({Condition(depth - 1, safe)})",
            3 => $"({Condition(depth - 1, safe)})",
            4 => $"{Condition(depth - 1, safe)} ? {Condition(depth - 1, safe)} : {Condition(depth - 1, safe)}",
            _ => Comparison(safe),
        };
    }

    private string Comparison(bool safe)
    {
        var op = Pick("==", "!=", "<", "<=", ">", ">=");
        return _random.Next(12) switch
        {
            0 or 1 => $"{Int(safe)} {op} {_random.Next(0, 100)}",
            2 => $"{Field(Ints)} = {_random.Next(0, 100)}",
            3 => $"{Decimal(safe)} {op} {(_random.Next(0, 200000) / 100m).ToString(CultureInfo.InvariantCulture)}",
            4 => $"{Field(Strings)} {Pick("==", "!=", "=")} {Word()}",
            5 => $"{Field(Strings)}.{Pick("StartsWith", "EndsWith", "Contains")}({Word()})",
            6 => $"{Field(Strings)}.{Pick("ToUpper", "ToLower", "Trim")}() == {Word()}",
            7 => $"{Field(Strings)}.Length {op} {_random.Next(0, 6)}",
            8 => $"{Field(Ints)} in ({_random.Next(0, 60)}, {_random.Next(0, 60)}, {_random.Next(0, 60)})",
            9 => Field(Bools),
            10 => $"{Field(Bools)} == {Pick("true", "false")}",
            _ => $"{Field(Ints)} - {Field(Ints)} {op} {_random.Next(-50, 50)}",
        };
    }

    private string Int(bool safe) => _random.Next(safe ? 3 : 5) switch
    {
        0 => Field(Ints),
        1 => $"{Field(Ints)} + {_random.Next(0, 20)}",
        2 => $"{Field(Ints)} * {_random.Next(0, 4)}",
        3 => $"{Field(Ints)} / {_random.Next(0, 4)}",
        _ => $"{Field(Ints)} % {_random.Next(0, 7)}",
    };

    private string Decimal(bool safe) => _random.Next(safe ? 2 : 3) switch
    {
        0 => Field(Decimals),
        1 => $"{Field(Decimals)} * 1.5",
        _ => $"{Field(Decimals)} / {Pick("0", "2", "0.5")}",
    };

    /// <summary>A field through one of the inputs, sometimes with its name's first letter in the other case.</summary>
    private string Field(string[] names)
    {
        var name = names[_random.Next(names.Length)];
        if (_random.Next(4) == 0)
        {
            name = char.ToUpperInvariant(name[0]) + name[1..];
        }

        return $"input{_random.Next(1, 4)}.{name}";
    }

    private string Word() => JsonSerializer.Serialize(Words[_random.Next(Words.Length)], new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private string And() => Pick("&&", "AND", "and");

    private string Or() => Pick("||", "OR", "or");

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
