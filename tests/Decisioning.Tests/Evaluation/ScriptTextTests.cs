using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Runtime;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// <see cref="ScriptText"/> writes exactly what Fluid renders, for every template it takes on, and
/// leaves to Fluid every template it cannot write itself.
/// </summary>
public sealed class ScriptTextTests
{
    private const string Map = """
        map: scripts
        version: "1"
        customer:
          fields:
            name: string
            city: string?
            age: int
        products:
          - { id: fund, name: "稳健 Fund", value: 10 }
        channels:
          - { id: app }
          - { id: sms }
          - { id: web }
          - { id: mail }
          - { id: call }
          - { id: push }
        scripts:
          - { id: plain,    text: "{{ customer.name }}您好, {{ customer.city }} {{ product.name }} via {{ channel.id }}/{{ strategy.id }}: {{ customer.name }}!" }
          - { id: trimmed,  text: "Dear   {{- customer.name -}}   , from {{ customer.city -}} ." }
          - { id: edges,    text: "{{ customer.city }}" }
          - { id: number,   text: "{{ customer.name }} is {{ customer.age }}" }
          - { id: filtered, text: "{{ customer.name | upcase }}" }
          - { id: value,    text: "worth {{ product.value }}" }
        strategies:
          - id: offer
            target: all
            product: fund
            channels: [app, sms, web, mail, call, push]
            scripts: { app: plain, sms: trimmed, web: edges, mail: number, call: filtered, push: value }
        """;

    public static TheoryData<string> Customers => new()
    {
        """{"customerId":"C1","name":"王女士","city":"上海","age":40}""",
        """{"customerId":"C2","name":"","city":null,"age":1}""",
        """{"customerId":"C3","name":"a <b> & \"c\" \u0001","age":99}""",
    };

    [Theory]
    [MemberData(nameof(Customers))]
    public void Render_TextAndStringOutputs_EqualsFluid(string json)
    {
        var plan = Load();
        var customer = new SnapshotReader(plan).Read(json).Customer!;
        var strategy = plan.Strategies[0];
        var texts = ScriptText.For(plan)[0];
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(texts[i]);
            var fluid = Fluid(plan, strategy, strategy.Channels[i], customer);
            Assert.Equal(fluid, texts[i]!.Render(customer.Values));
            Assert.Equal(fluid.Length, texts[i]!.Measure(customer.Values));
        }
    }

    [Fact]
    public void For_NumbersFiltersAndProductValue_AreLeftToFluid()
    {
        var texts = ScriptText.For(Load())[0];
        Assert.Null(texts[3]);
        Assert.Null(texts[4]);
        Assert.Null(texts[5]);
    }

    [Fact]
    public void Render_EverySampleScript_EqualsFluidForSampleCustomers()
    {
        var loaded = MapLoader.Load(TestPaths.Repo("strategies", "retail-wealth"));
        var plan = loaded.Plan!;
        var reader = new SnapshotReader(plan);
        var table = ScriptText.For(plan);
        var checkedScripts = 0;
        foreach (var line in File.ReadLines(TestPaths.Repo("samples", "customers.jsonl")).Take(200))
        {
            var customer = reader.Read(line).Customer!;
            foreach (var s in plan.Strategies)
            {
                for (var i = 0; i < s.Channels.Count; i++)
                {
                    if (table[s.Index][i] is { } text)
                    {
                        Assert.Equal(Fluid(plan, s, s.Channels[i], customer), text.Render(customer.Values));
                        checkedScripts++;
                    }
                }
            }
        }

        Assert.True(checkedScripts > 1000, $"{checkedScripts} scripts compared");
    }

    private static DecisionPlan Load()
    {
        var loaded = MapLoader.LoadText(Map, "scripts.yaml");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        return loaded.Plan!;
    }

    private static string Fluid(DecisionPlan plan, StrategyPlan s, ChannelChoice choice, CustomerRecord customer) =>
        choice.Script!.Render(new ScriptFields(plan, customer).Value, s.Product.ScriptValue, choice.Channel.ScriptValue, s.ScriptValue);
}
