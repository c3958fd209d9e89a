using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Decisioning.Tests.Hardening.Fuzz;

/// <summary>
/// Generators of hostile input, each from a <see cref="Random"/> seeded by the property: maps
/// (a map that uses every section, its values drawn from the edges of their ranges, then its text
/// mutated), Liquid templates, expressions and snapshots. They aim at what has broken engines like
/// this one: depth, size, the edges of numbers and dates, forbidden names, and malformed syntax.
/// </summary>
internal static class Hostile
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static T Pick<T>(this Random r, params T[] items) => items[r.Next(items.Length)];

    private static bool Chance(this Random r, double p) => r.NextDouble() < p;

    // A YAML double-quoted scalar (JSON's escapes are YAML's), or now and then the raw text.
    private static string Scalar(Random r, string text) => r.Chance(0.9) ? JsonSerializer.Serialize(text, Quoting) : text;

    // Each value of a generated map is hostile with probability h, and sane otherwise: a map with
    // every value at an edge would never load, and evaluation would go untested.
    public static string Number(Random r, double h = 1) => r.Chance(h)
        ? r.Pick("0", "-1", "1e12", "1e13", "1e308", "1e309", "-1e309", ".inf", "-.inf", ".nan", "1e-320",
            "99999999999999999999999999999", "2147483648", "-0", "0x10", "1_000", "\"12\"", "~", "[]", "{}", "true")
        : r.Pick("1", "0.5", "10", "100", "1.0", "0.01");

    public static string Duration(Random r, double h = 1) => r.Chance(h)
        ? r.Pick("0d", "36500d", "36501d", "99999999d", "999999999d", "876000h", "52560000m", "-1d", "1x", "d", "1.5d", "\"\"", "1", "1d1h")
        : r.Pick("1d", "3d", "7d", "30d", "12h", "90m");

    public static string Integer(Random r, double h = 1) => r.Chance(h)
        ? r.Pick("0", "-1", "2147483647", "2147483648", "-2147483649", "1e3", "x")
        : r.Pick("1", "3", "70", "200");

    /// <summary>A boolean expression, or something that tries hard to look like one.</summary>
    public static string Expression(Random r, int depth = 0)
    {
        if (depth > 6 || r.Chance(0.25))
        {
            return Atom(r);
        }

        return r.Next(12) switch
        {
            0 => $"{Expression(r, depth + 1)} {r.Pick("&&", "||", "==", "!=", "<", "<=", ">", ">=")} {Expression(r, depth + 1)}",
            1 => $"{Expression(r, depth + 1)} {r.Pick("+", "-", "*", "/", "%")} {Expression(r, depth + 1)}",
            2 => $"!{Expression(r, depth + 1)}",
            3 => $"({Expression(r, depth + 1)})",
            4 => $"{Expression(r, depth + 1)} ? {Expression(r, depth + 1)} : {Expression(r, depth + 1)}",
            5 => $"{r.Pick("name", "city", "tier", "stage")}.{r.Pick("Contains", "StartsWith", "EndsWith", "Equals")}({Expression(r, depth + 1)})",
            6 => $"{r.Pick("holdings", "segments")}.Contains({r.Pick("\"fund\"", "city", "null", "1")})",
            7 => $"Math.{r.Pick("Round", "Abs", "Max", "Min", "Floor", "Pow")}({Expression(r, depth + 1)}, {r.Pick("aum", "age", "2147483647", "-1", "29", "1e308")})",
            8 => r.Pick(
                "DateTime.Now.Year > 1", "System.IO.File.Exists(\"/etc/passwd\")", "new object() != null", "typeof(string) != null",
                "name.GetType().Assembly != null", "x = 1", "it", "@0", "np(city)", "Environment.Exit(1) == 0", "\"a\".PadLeft(2147483647) != \"\"",
                "name.Length > 2147483647", "aum / 0 > 1", "age % 0 == 0", "aum * 79228162514264337593543950335 > 1", "city.Length > 0"),
            9 => new string('(', r.Next(1, 80)) + Atom(r) + new string(')', r.Next(1, 80)),
            10 => new string('!', r.Next(1, 80)) + "true",
            _ => $"{r.Pick("age", "aum", "openedOn", "tier")} {r.Pick("==", ">=", "<")} {r.Pick("null", "\"x\"", "1", "1e308", "79228162514264337593543950335", "2026-01-01", "\"2026-01-01\"")}",
        };
    }

    private static string Atom(Random r) => r.Pick(
        "age", "aum", "name", "city", "hasPhone", "openedOn", "tier", "stage", "segments", "holdings", "event.amount",
        "0", "1", "-1", "2147483647", "-2147483648", "1e308", "1.5", "79228162514264337593543950335", "\"text\"", "\"\"", "\"王\"",
        "null", "true", "false", "\"\\u0000\"", "'c'", "unknownName", "");

    /// <summary>A Liquid template: text, outputs with filter chains, tags, and the forbidden and the malformed.</summary>
    public static string Template(Random r, int depth = 0)
    {
        var parts = new StringBuilder();
        var count = r.Next(1, depth == 0 ? 6 : 3);
        for (var i = 0; i < count; i++)
        {
            parts.Append((depth > 5 ? 0 : r.Next(14)) switch
            {
                0 => r.Pick("您好，", "Hello ", "", "%", "}}", "{%", " ", new string('x', r.Next(0, 5000))),
                1 or 2 => $"{{{{ {Output(r)}{Filters(r)} }}}}",
                3 => $"{{% if {Condition(r)} %}}{Template(r, depth + 1)}{{% else %}}{Template(r, depth + 1)}{{% endif %}}",
                4 => $"{{% for i in (1..{r.Pick("3", "100", "10000", "100000", "2147483647", "customer.age", "-5")}) %}}{Template(r, depth + 1)}{{% endfor %}}",
                5 => $"{{% assign v = {Output(r)}{Filters(r)} %}}{{{{ v }}}}",
                6 => $"{{% capture c %}}{Template(r, depth + 1)}{{% endcapture %}}{{{{ c{Filters(r)} }}}}",
                7 => $"{{% case {Output(r)} %}}{{% when 1 %}}a{{% when \"x\" %}}b{{% else %}}c{{% endcase %}}",
                8 => r.Pick("{% include 'x' %}", "{% render 'x' %}", "{{ \"now\" | date: \"%Y\" }}", "{{ 'today' | date: '%Y' }}", "{% layout 'x' %}",
                    "{% cycle 'a', 'b' %}", "{% increment n %}", "{% raw %}{{ x }}{% endraw %}", "{% comment %}x{% endcomment %}", "{% liquid echo 1 %}"),
                9 => r.Pick("{% if", "{{ customer.name", "{% endif %}", "{% for %}", "{{ | }}", "{{ customer. }}", "{% unless %}", "{{ 1 | }}", "{%- -%}", "{{{{}}}}"),
                10 => string.Concat(Enumerable.Repeat("{% if true %}", r.Next(1, 300))) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", r.Next(1, 300))),
                11 => "{{ customer.name" + string.Concat(Enumerable.Repeat(" | append: 'x'", r.Next(1, 200))) + " }}",
                12 => $"{{% unless {Condition(r)} %}}{Template(r, depth + 1)}{{% endunless %}}",
                _ => $"{{{{ {Output(r)} | {r.Pick("money", "nope", "upcsae", "json", "t", "inspect")} }}}}",
            });
        }

        return parts.ToString();
    }

    private static string Output(Random r) => r.Pick(
        "customer.name", "customer.age", "customer.aum", "customer.city", "customer.openedOn", "customer.hasPhone", "customer.nam",
        "product.name", "product.id", "channel.id", "strategy.id", "customer", "nothing", "1", "0", "-1", "1e308", "2.5", "\"x\"", "'王'", "nil", "(1..5)");

    private static string Filters(Random r)
    {
        var filters = new StringBuilder();
        var count = r.Chance(0.1) ? r.Next(10, 40) : r.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var argument = r.Pick("0", "1", "-1", "2", "1e308", "-1e308", "2147483647", "\"x\"", "\"\"", "customer.age", "customer.city", "customer.aum", "nil");
            filters.Append(r.Next(6) switch
            {
                0 => $" | {r.Pick("upcase", "downcase", "capitalize", "strip", "size", "abs", "ceil", "floor", "escape", "first", "last", "reverse", "sort", "uniq", "compact")}",
                1 => $" | {r.Pick("plus", "minus", "times", "divided_by", "modulo", "round", "at_least", "at_most")}: {argument}",
                2 => $" | {r.Pick("append", "prepend", "remove", "split", "join", "default")}: {argument}",
                3 => $" | {r.Pick("replace", "slice", "truncate", "truncatewords", "replace_first")}: {argument}, {argument}",
                4 => $" | date: {r.Pick("\"%Y-%m-%d\"", "\"%s\"", "\"\"", "1")}",
                _ => " | append: customer.name | append: customer.name | append: customer.name",
            });
        }

        return filters.ToString();
    }

    private static string Condition(Random r) => r.Pick(
        "customer.age > 30", "customer.city == nil", "customer.name contains '王'", "product.id == 'fund'", "true", "false", "nil",
        "customer.aum >= 1e308", "x", "customer.age > customer.nothing", "customer.name.size > 2");

    /// <summary>
    /// A map using every section: each value hostile with probability <paramref name="h"/>; the
    /// given <paramref name="expression"/> in one condition chosen at random (the others sane), the
    /// given <paramref name="template"/> as the script.
    /// </summary>
    public static string Map(Random r, double h, string? expression = null, string? template = null)
    {
        var slot = r.Next(7);
        var next = 0;
        string E() => Scalar(r, next++ == slot && expression is not null
            ? expression
            : r.Chance(h) ? Expression(r) : r.Pick("true", "age >= 18", "aum > 100", "hasPhone", "city == null", "name.Contains(\"王\")"));
        string P(string sane, params string[] hostile) => r.Chance(h) ? r.Pick(hostile) : sane;
        var script = Scalar(r, template ?? (r.Chance(h) ? Template(r) : "{{ customer.name }}: {{ product.name }}"));
        var waves = r.Chance(0.5) ? $"\n    waves:\n      - {{ after: {Duration(r, h)}, channels: [app] }}\n      - {{ after: {Duration(r, h)} }}" : "";
        var list = r.Chance(0.3) ? $"\n  - {{ id: vip, list: {Scalar(r, P("lists/vip.csv", "../../../../etc/passwd", "/dev/zero", "/proc/self/environ", "lists", "", "lists/none.csv"))} }}" : "";
        return $$"""
            map: {{P("fuzz", "Fuzz", "../x", "", "fuzz-1")}}
            version: "1"
            customer:
              fields: { name: string, age: int, aum: decimal, hasPhone: bool, city: string?, openedOn: date? }
              events:
                large-deposit: { amount: decimal }
            tiers:
              - { id: rich, when: {{E()}} }
              - { id: rest, when: "true" }
            lifecycle:
              - { id: new, when: {{E()}} }
            segments:
              - { id: adults, when: {{E()}} }{{list}}
            objectives:
              - { id: growth, kind: scale, weight: {{Number(r, h)}} }
            products:
              - { id: fund, name: {{Scalar(r, P("Fund", "基金", "", new string('长', 200)))}}, value: {{Number(r, h)}}, eligible: {{E()}}, repeatable: {{P("false", "true", "yes")}} }
            channels:
              - { id: sms, maxLength: {{Integer(r, h)}}, contactPolicy: { max: {{Integer(r, h)}}, per: {{Duration(r, h)}} }, capacity: { perDay: {{Integer(r, h)}} } }
              - { id: app, reachable: {{E()}} }
            scripts:
              - { id: s1, text: {{script}} }
            scenarios:
              - { id: dep, kind: event, event: large-deposit, within: {{Duration(r, h)}}, when: {{Scalar(r, r.Chance(h) ? Expression(r) : "event.amount >= 1000")}} }
              - { id: any, kind: always }
            models:
              - { id: m, kind: logistic, intercept: {{Number(r, h)}}, coefficients: { age: {{Number(r, h)}}, aum: {{Number(r, h)}}, hasPhone: {{Number(r, h)}} } }
            suppression:
              - { id: sup, count: {{P("declined", "sent", "responded", "x")}}, atLeast: {{Integer(r, h)}}, within: {{Duration(r, h)}}, scope: {{P("all", "product", "strategy", "x")}}, pause: {{Duration(r, h)}} }
            strategies:
              - id: s-one
                target: [{{P("adults", "all", "vip", "nobody")}}]
                objective: growth
                scenario: {{r.Pick("dep", "any")}}
                product: fund
                channels: [sms, app]
                scripts: { sms: s1, app: s1 }
                priority: {{P("50", "0", "100", "101", "-1", Number(r))}}
                propensity: {{P(r.Pick("{ model: m }", "0.5"), "1", "0", "2", Number(r))}}
                when: {{E()}}
                cooldown: {{Duration(r, h)}}{{waves}}
              - { id: s-two, product: fund, channels: [app], scripts: { app: s1 }, propensity: { model: m } }
            arbitration: { maxActions: {{P("2", "0", "1", "-1", "2147483648")}}, fallback: s-two }
            experiment: { id: x, control: {{P("0.1", "0", "1", "1.5", "-0.1", ".nan")}}, controlPolicy: {{r.Pick("none", "random", "priority")}} }
            """;
    }

    /// <summary>Text mutations of a map: lines lost, repeated or swapped, hostile tokens, nesting, aliases, truncation.</summary>
    public static string Mutate(Random r, string text)
    {
        var lines = text.Split('\n').ToList();
        var mutations = r.Chance(0.5) ? 0 : r.Next(1, 4);
        for (var m = 0; m < mutations && lines.Count > 1; m++)
        {
            var at = r.Next(lines.Count);
            switch (r.Next(9))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[r.Next(lines.Count)]);
                    break;
                case 2:
                    (lines[at], lines[0]) = (lines[0], lines[at]);
                    break;
                case 3:
                    var column = r.Next(lines[at].Length + 1);
                    lines[at] = lines[at][..column] + r.Pick(":", "{", "}", "[", "]", ",", "&a", "*a", "!", "|", ">", "'", "\"", "\t", "#", "- ", "? ", "%", "@", "`", "\\", "\u0000", "\u2028", "\ud800") + lines[at][column..];
                    break;
                case 4:
                    var depth = r.Next(1, 3000);
                    lines.Insert(at, $"deep: {new string('[', depth)}{new string(']', depth)}");
                    break;
                case 5:
                    lines.Insert(at, "bomb: &a [x, x, x, x]\nbomb2: &b [*a, *a, *a, *a]\nbomb3: [*b, *b, *b, *b]");
                    break;
                case 6:
                    lines = lines.Take(at).ToList();
                    lines.Add(lines.Count > 0 ? lines[^1][..r.Next(lines[^1].Length + 1)] : "");
                    break;
                case 7:
                    lines.Insert(at, "---");
                    break;
                default:
                    lines[at] = new string(' ', r.Next(0, 9)) + lines[at].TrimStart();
                    break;
            }
        }

        return (r.Chance(0.05) ? "\ufeff" : "") + string.Join(r.Chance(0.1) ? "\r\n" : "\n", lines);
    }

    /// <summary>A snapshot line for the map of <see cref="Map"/>: valid at heart, then broken in one or more ways.</summary>
    public static byte[] Snapshot(Random r)
    {
        var fields = new List<string>
        {
            $"\"customerId\": {r.Pick("\"C1\"", "\"C1\"", "\"王\"", "\"\"", "null", "1", "\"\\ud800\"", "\"a\\u0000b\"")}",
            $"\"name\": {r.Pick("\"王女士\"", "\"x\"", "\"\"", "null", "1", "\"\\udc00x\"", JsonSerializer.Serialize(new string('x', r.Next(0, 20_000))))}",
            $"\"age\": {r.Pick("40", "0", "-1", "2147483647", "2147483648", "1.5", "1e400", "\"40\"", "null", "true")}",
            $"\"aum\": {r.Pick("1000.5", "0", "-0", "1e28", "1e29", "79228162514264337593543950335", "79228162514264337593543950336", "1e-400", "1e400", "\"NaN\"", "null")}",
            $"\"hasPhone\": {r.Pick("true", "false", "1", "\"true\"", "null")}",
            $"\"openedOn\": {r.Pick("\"2026-01-01\"", "\"0001-01-01\"", "\"9999-12-31T23:59:59Z\"", "\"2026-13-45\"", "\"\"", "null", "20260101")}",
        };
        if (r.Chance(0.6))
        {
            fields.Add($"\"city\": {r.Pick("\"上海\"", "null", "1", "[]")}");
        }

        if (r.Chance(0.5))
        {
            fields.Add($"\"events\": [{string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Event(r)))}]");
        }

        if (r.Chance(0.5))
        {
            fields.Add($"\"contacts\": [{string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Contact(r)))}]");
        }

        if (r.Chance(0.4))
        {
            fields.Add($"\"responses\": [{string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Response(r)))}]");
        }

        if (r.Chance(0.3))
        {
            fields.Add($"\"holdings\": {r.Pick("[\"fund\"]", "[]", "null", "\"fund\"", "[1]")}");
        }

        switch (r.Next(8))
        {
            case 0:
                fields.RemoveAt(r.Next(fields.Count));
                break;
            case 1:
                fields.Insert(r.Next(fields.Count), fields[r.Next(fields.Count)]);
                break;
            case 2:
                var depth = r.Next(1, 20_000);
                fields.Add($"\"deep\": {new string('[', depth)}{new string(']', depth)}");
                break;
        }

        var text = "{" + string.Join(", ", fields.OrderBy(_ => r.Next())) + "}";
        text = r.Next(12) switch
        {
            0 => text[..r.Next(text.Length)],
            1 => text + " trailing",
            2 => "[" + text + "]",
            3 => r.Pick("", "null", "1", "\"x\"", "{", "}", "[]"),
            _ => text,
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (r.Chance(0.05) && bytes.Length > 0)
        {
            // Bytes that are not UTF-8.
            bytes[r.Next(bytes.Length)] = r.Pick<byte>(0xFF, 0xC0, 0x80, 0xED);
        }

        return bytes;
    }

    private static string Instant(Random r) => r.Pick(
        "\"2026-11-20T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-11-20\"", "\"2026-11-20T08:00:00+14:00\"",
        "\"not a date\"", "null", "1");

    private static string Event(Random r) =>
        $"{{\"type\": {r.Pick("\"large-deposit\"", "\"other\"", "1", "null")}, \"at\": {Instant(r)}, \"amount\": {r.Pick("300000", "1e400", "-1", "\"x\"", "null")}{(r.Chance(0.1) ? ", \"at\": " + Instant(r) : "")}}}";

    private static string Contact(Random r) =>
        $"{{\"channel\": {r.Pick("\"sms\"", "\"app\"", "\"x\"", "1")}, \"at\": {Instant(r)}, \"strategy\": {r.Pick("\"s-one\"", "\"s-two\"", "null")}, \"product\": \"fund\", \"wave\": {r.Pick("1", "2", "3", "0", "2147483648", "\"1\"")}, \"outcome\": \"sent\"}}";

    private static string Response(Random r) =>
        $"{{\"at\": {Instant(r)}, \"strategy\": {r.Pick("\"s-one\"", "null")}, \"product\": \"fund\", \"kind\": {r.Pick("\"declined\"", "\"converted\"", "\"responded\"", "\"x\"", "null")}, \"value\": {r.Pick("0", "1e308", "1e400", "\"x\"")}}}";

    /// <summary>A decision time, often at an edge of the calendar.</summary>
    public static DateTimeOffset At(Random r) => r.Pick(
        new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
}
