using System.Text.Json;
using System.Text.Json.Nodes;
using Decisioning.Compilation;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Liquid;

/// <summary>
/// Scripts are shown to customers, so they must render as Shopify's Liquid does: a corpus of
/// templates, covering every filter and tag a script may use (ScriptRules), rendered for a few
/// customers by the engine and by Shopify's own Liquid (ruby-liquid), output for output. A template
/// that fails for a customer must fail in both (the engine's error record).
/// </summary>
public sealed class LiquidDifferentialTests
{
    public static readonly string[] Customers =
    [
        """{"customerId": "C1", "name": "王女士", "age": 58, "aum": 820000.5, "city": null, "note": "  Hello World  ", "openedOn": "2026-09-10"}""",
        """{"customerId": "C2", "name": "li lei", "age": 0, "aum": 0, "city": "Shanghai", "note": "a,b,c", "openedOn": "2025-01-31"}""",
        """{"customerId": "C3", "name": "O'Brien & <Co>", "age": -7, "aum": 1234.5678, "city": "", "note": "line1\nline2 and more words here", "openedOn": "2024-02-29"}""",
    ];

    public static readonly string[] Templates =
    [
        // text filters
        "{{ customer.name | append: '先生' }}",
        "{{ customer.name | prepend: 'Dear ' }}",
        "{{ customer.note | capitalize }}|{{ customer.name | capitalize }}",
        "{{ customer.note | downcase }}|{{ customer.note | upcase }}",
        "[{{ customer.note | strip }}][{{ customer.note | lstrip }}][{{ customer.note | rstrip }}]",
        "{{ customer.note | strip_newlines }}",
        "{{ customer.note | newline_to_br }}",
        "{{ customer.note | replace: 'l', 'L' }}|{{ customer.note | replace_first: 'l', 'L' }}",
        "{{ customer.note | remove: 'l' }}|{{ customer.note | remove_first: 'l' }}",
        "{{ customer.note | truncate: 5 }}|{{ customer.note | truncate: 8, '..' }}|{{ customer.name | truncate: 3 }}",
        "{{ customer.note | truncatewords: 2 }}|{{ customer.note | truncatewords: 1, '--' }}",
        "{{ customer.name | slice: 1 }}|{{ customer.name | slice: 1, 2 }}|{{ customer.name | slice: -3, 2 }}|[{{ customer.name | slice: 50 }}]|[{{ customer.name | slice: -50, 2 }}]",
        "{{ customer.name | size }}|{{ customer.note | size }}",
        "{{ customer.note | split: ',' | join: '-' }}|{{ customer.note | split: ' ' | first }}|{{ customer.note | split: ' ' | last }}",
        "{{ customer.note | split: ',' | reverse | join: ';' }}|{{ customer.note | split: ',' | size }}",
        "{{ customer.name | escape }}|{{ customer.name | escape_once }}|{{ '&amp; <' | escape_once }}",
        "{{ customer.name | url_encode }}|{{ customer.note | url_encode }}",
        "{{ customer.city | default: 'n/a' }}|{{ false | default: 'f' }}",
        // number filters
        "{{ customer.age | abs }}|{{ -2.5 | abs }}|{{ customer.aum | abs }}",
        "{{ customer.age | plus: 1 }}|{{ customer.aum | plus: 1 }}|{{ customer.age | plus: 0.5 }}",
        "{{ customer.age | minus: 2.5 }}|{{ customer.aum | minus: 1000 }}|{{ 10 | minus: customer.age }}",
        "{{ customer.age | times: 1.5 }}|{{ customer.age | times: 2 }}|{{ customer.aum | times: 100 }}",
        "{{ customer.age | divided_by: 2 }}|{{ customer.aum | divided_by: 10000 }}|{{ 7 | divided_by: 2.0 }}|{{ customer.age | divided_by: 4.0 }}",
        "{{ 100 | divided_by: customer.age }}",
        "{{ customer.age | modulo: 5 }}|{{ 10 | modulo: 3 }}|{{ 10.5 | modulo: 3 }}",
        "{{ 100 | modulo: customer.age }}",
        "{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 0.25 | round: 1 }}|{{ customer.aum | round }}|{{ customer.aum | round: 2 }}|{{ -2.5 | round }}",
        "{{ 1234.5678 | divided_by: 10000 }}|{{ customer.aum | divided_by: 3 | round: 3 }}",
        "{{ customer.aum | ceil }}|{{ customer.aum | floor }}|{{ 1.2 | ceil }}|{{ -1.2 | floor }}",
        "{{ customer.age | at_least: 10 }}|{{ customer.age | at_most: 10 }}|{{ customer.aum | at_most: 5.5 }}",
        // dates
        "{{ customer.openedOn | date: '%Y-%m-%d' }}|{{ customer.openedOn | date: '%b %d, %Y' }}|{{ customer.openedOn | date: '%A %j %m/%d/%y' }}",
        // tags
        "{% if customer.age >= 55 %}senior{% elsif customer.age > 0 %}adult{% else %}other{% endif %}",
        "{% unless customer.city %}no city{% endunless %}{% if customer.city == '' %}empty city{% endif %}",
        "{% case customer.age %}{% when 58 %}fifty-eight{% when 0, -7 %}zero or minus seven{% else %}other{% endcase %}",
        "{% assign parts = customer.note | split: ',' %}{% for part in parts %}{{ forloop.index }}={{ part }}{% unless forloop.last %},{% endunless %}{% endfor %}",
        "{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}",
        "{% for i in (1..4) %}{% cycle 'a', 'b', 'c' %}{% endfor %}",
        "a{% comment %}hidden {{ customer.name }}{% endcomment %}b{% raw %}{{ not rendered }}{% endraw %}",
        "{% increment n %}{% increment n %}{% decrement m %}{% decrement m %}",
        "{% assign greeting = customer.name | prepend: 'Hi ' %}{% capture line %}{{ greeting }}, {{ product.name }}{% endcapture %}{{ line | upcase }}",
        "{% for i in (1..3) %}{{ i }}{% else %}none{% endfor %}{% assign cities = customer.city | split: ',' %}{% for x in cities %}{{ x }}{% else %}empty{% endfor %}",
    ];

    private const string Fields = "{ name: string, age: int, aum: decimal, city: string?, note: string, openedOn: date }";

    private static string Map(string template) => $"""
        map: liquid
        version: "1"
        customer:
          fields: {Fields}
        products:
          - {"{"} id: fund, name: 基金 {"}"}
        channels:
          - {"{"} id: sms {"}"}
        scripts:
          - id: s
            text: |-
        {string.Join("\n", template.Split('\n').Select(l => "      " + l))}
        strategies:
          - {"{"} id: offer, product: fund, channels: [sms], scripts: {"{"} sms: s {"}"} {"}"}
        """;

    /// <summary>What the engine shows each customer for <paramref name="template"/>: the script, or "error".</summary>
    private static IEnumerable<string?> Engine(string template)
    {
        var loaded = MapLoader.LoadText(Map(template));
        Assert.True(loaded.Success, template + "\n" + string.Join("\n", loaded.Diagnostics));
        var reader = new SnapshotReader(loaded.Plan!);
        var evaluator = new Evaluator(loaded.Plan!);
        foreach (var line in Customers)
        {
            var (customer, error) = reader.Read(line);
            Assert.Null(error);
            string? script;
            try
            {
                script = evaluator.Decide(customer!, Evaluation.TestMaps.At).Actions[0].Script;
            }
            catch (DecisionFailedException)
            {
                script = null;
            }

            yield return script;
        }
    }

    private static string Request(string template, string customer)
    {
        var values = JsonNode.Parse(customer)!.AsObject();
        values.Remove("customerId");
        return new JsonObject
        {
            ["template"] = template,
            ["customer"] = values,
            ["product"] = new JsonObject { ["id"] = "fund", ["name"] = "基金", ["value"] = 1 },
            ["channel"] = new JsonObject { ["id"] = "sms" },
            ["strategy"] = new JsonObject { ["id"] = "offer" },
        }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [RubyLiquidFact]
    public void Corpus_RendersAsShopifyLiquid()
    {
        var cases = Templates.SelectMany(t => Customers.Select(c => (Template: t, Customer: c))).ToList();
        var ours = Templates.SelectMany(Engine).ToList();
        var theirs = RubyLiquid.Render([.. cases.Select(c => Request(c.Template, c.Customer))]);
        Assert.Equal(cases.Count, theirs.Count);
        Assert.Contains(null, ours); // the corpus has failures (a customer's zero) ...
        Assert.True(ours.Count(o => !string.IsNullOrEmpty(o)) > cases.Count * 9 / 10); // ... among real renderings

        var differences = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var answer = JsonNode.Parse(theirs[i])!.AsObject();
            var expected = answer["output"]?.GetValue<string>();
            if (expected != ours[i])
            {
                var id = JsonNode.Parse(cases[i].Customer)!["customerId"];
                differences.Add($"{cases[i].Template} for {id}:\n  Shopify: {expected ?? answer["error"]?.GetValue<string>()}\n  engine:  {ours[i] ?? "(error record)"}");
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} of {cases.Count} renderings differ:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void Corpus_UsesEveryAllowedFilterAndTag()
    {
        var text = string.Join("\n", Templates);
        Assert.All(ScriptRules.Filters, f => Assert.Contains("| " + f, text));
        Assert.All(ScriptRules.Tags, t => Assert.Matches($@"{{%-?\s*{t}\b", text));
    }
}
