using System.Net;
using Decisioning.Batch;
using Decisioning.Board;
using Decisioning.Diffing;
using Decisioning.Evaluation;
using Decisioning.History;
using Decisioning.History.Postgres;
using Decisioning.History.Sqlite;
using Decisioning.Hosting;
using Decisioning.Loading;
using Decisioning.RulesEngine;
using Decisioning.Snapshots;
using Decisioning.Testing;
using FsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Decisioning.Serialization;

namespace PackageConsumer;

/// <summary>Every other package a host or an analyst adds, installed from the feed and used once through its public API.</summary>
public sealed class MorePackagesTests : IDisposable
{
    private static readonly string Map = Path.Combine(AppContext.BaseDirectory, "spec-example", "map.yaml");
    private static readonly string Customer = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec-example", "customer-C001.json"));
    private static readonly DateTimeOffset At = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("consumer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Core_WithoutAHost_LoadsAndDecides()
    {
        var loaded = MapLoader.Load(Map);
        Assert.NotNull(loaded.Plan);
        var (customer, error) = CustomerSnapshot.FromJson(Customer).Read(loaded.Plan!);
        Assert.Null(error);

        var decision = new Evaluator(loaded.Plan!).Decide(customer!, At);

        Assert.StartsWith("""{"customerId":"C001","map":"retail-wealth",""", DecisionJson.ToJson(decision));
    }

    [Fact]
    public void Core_BrokenMap_GivesDiagnosticsWithCodeAndPosition()
    {
        var loaded = MapLoader.LoadText("id: x\nversion: 1\nstrategies: 3\n");

        Assert.Null(loaded.Plan);
        Assert.All(loaded.Diagnostics, d => Assert.StartsWith("DM", d.Code, StringComparison.Ordinal));
        Assert.Contains(loaded.Diagnostics, d => d.Location.Line > 0 && d.Location.Column > 0);
    }

    [Fact]
    public void RulesEngine_WorkflowVetoes_WithTheWorkflowAndRuleInTheTrace()
    {
        var workflow = Path.Combine(_folder, "suitability.json");
        File.WriteAllText(workflow, """
            [{"WorkflowName": "suitability", "Rules": [{"RuleName": "not-c001", "ErrorMessage": "no offers for C001", "Expression": "customer.id != \"C001\""}]}]
            """);
        using var provider = new ServiceCollection()
            .AddDecisioning(d => d.AddMap("retail-wealth", Map).AddRulesEnginePolicy(workflow))
            .BuildServiceProvider();

        // Without the spec example's recent contact for the strategy, which puts it in cooldown.
        var snapshot = CustomerSnapshot.FromJson(Customer.Replace("\"strategy\": \"retiree-pension\"", "\"strategy\": \"other\""));

        var decision = provider.GetRequiredService<IDecisionEngine>().Decide("retail-wealth", snapshot, At);

        Assert.Empty(decision.Actions);
        Assert.Contains(decision.Trace, t => t.Reason == ReasonCodes.Policy && t.Rule == "suitability/not-c001");
    }

    [Fact]
    public void SqliteHistory_RecordsTheHostsDecisions()
    {
        var database = Path.Combine(_folder, "history.db");
        using (var provider = new ServiceCollection()
            .AddDecisioning(d => d.AddMap("retail-wealth", Map).UseSqliteHistory(database))
            .BuildServiceProvider())
        {
            provider.GetRequiredService<IDecisionEngine>().Decide("retail-wealth", CustomerSnapshot.FromJson(Customer), At);
        }

        Assert.True(new FileInfo(database).Length > 0);
    }

    [Fact]
    public void PostgresHistory_RegistersTheStore()
    {
        var services = new ServiceCollection()
            .AddDecisioning(d => d.AddMap("retail-wealth", Map).UsePostgresHistory("Host=127.0.0.1;Database=decisioning"));

        Assert.Contains(services, s => s.ServiceType == typeof(IInteractionHistory));
    }

    [Fact]
    public void TestingKit_DeterminismPropertyHolds()
    {
        var plan = MapLoader.Load(Map).Plan!;

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), MapProperties.For(plan, At.UtcDateTime).Deterministic());
    }

    [Fact]
    public void Batch_WritesTheDecisionsAndTargetLists()
    {
        var plan = MapLoader.Load(Map).Plan!;
        var output = Path.Combine(_folder, "batch");

        var summary = BatchRunner.Run(plan, [Customer.ReplaceLineEndings(" ")], At.UtcDateTime, output);

        Assert.Equal(1, summary.Customers);
        Assert.True(File.Exists(Path.Combine(output, BatchSummary.FileName)));
    }

    [Fact]
    public void Diffing_AMapAgainstItself_ChangesNoOne()
    {
        var plan = MapLoader.Load(Map).Plan!;

        var summary = new MapDiff(plan, plan).Run([Customer.ReplaceLineEndings(" ")], At.UtcDateTime, _ => Assert.Fail("no change expected"));

        Assert.Equal(1, summary.Customers);
        Assert.Equal(0, summary.Changed);
    }

    [Fact]
    public async Task Board_ServesTheDashboardFromRecentDecisions()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDecisioning(d => d.AddMap("retail-wealth", Map));
        builder.Services.AddDecisioningBoard(board => { board.AllowAnonymous = true; board.FromHistory = false; });
        await using var app = builder.Build();
        app.MapDecisioningBoard("/decisioning");
        await app.StartAsync();
        var decision = app.Services.GetRequiredService<IDecisionEngine>().Decide("retail-wealth", CustomerSnapshot.FromJson(Customer), At);
        app.Services.GetRequiredService<RecentDecisions>().Add(DecisioningJson.Serialize(decision));

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var response = await client.GetAsync("/decisioning/dashboard.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("retail-wealth", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
