using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Decisioning.Board.Tests;

/// <summary>The board's endpoints: mapped only behind a policy or an explicit opt-out, and serving the live numbers.</summary>
public sealed class BoardEndpointTests
{
    [Fact]
    public async Task Map_NoPolicyAndNoOptOut_Refuses()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BoardHost.StartAsync(_ => { }));

        Assert.Contains("AuthorizationPolicy", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_PolicyNotRegistered_Refuses()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BoardHost.StartAsync(o => o.AuthorizationPolicy = BoardHost.Policy, withPolicy: false));

        Assert.Contains("is not registered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("teller", HttpStatusCode.Forbidden)]
    [InlineData("teller,board-reader", HttpStatusCode.OK)]
    public async Task Get_UnderThePolicy_AnswersByTheCallersClaims(string? roles, HttpStatusCode expected)
    {
        await using var app = await BoardHost.StartAsync(o => o.AuthorizationPolicy = BoardHost.Policy);
        using var client = app.GetTestClient();

        foreach (var path in new[] { "/decisioning", "/decisioning/dashboard.json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (roles is not null)
            {
                request.Headers.Add("X-Roles", roles);
            }

            using var response = await client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task GetJson_RecentDecisions_CountsThem()
    {
        await using var app = await BoardHost.StartAsync(o => o.AllowAnonymous = true);
        Lines.Fill(app.Services.GetRequiredService<RecentDecisions>());
        using var client = app.GetTestClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/decisioning/dashboard.json"));

        var root = json.RootElement;
        Assert.Equal(10, root.GetProperty("counts").GetProperty("decisions").GetInt32());
        Assert.Equal("1d", root.GetProperty("period").GetString());
        Assert.Equal(2, root.GetProperty("periods").GetArrayLength());
        Assert.Equal("""{"cooldown":2,"control":1}""", root.GetProperty("noAction").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal));
        var pension = root.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("strategy").GetString() == "retiree-pension");
        Assert.Equal(5, pension.GetProperty("contacts").GetInt32());
        Assert.Equal(1, pension.GetProperty("conversions").GetInt32());
        Assert.Equal(120, pension.GetProperty("value").GetDouble());
        Assert.False(root.TryGetProperty("adaptive", out _), "a host without adaptive models has no maturity section");
    }

    [Fact]
    public async Task GetJsonAndPage_DecisionsOfAnAdaptiveModel_ShowItsMaturityPerPeriod()
    {
        await using var app = await BoardHost.StartAsync(o => o.AllowAnonymous = true);
        var recent = app.Services.GetRequiredService<RecentDecisions>();
        // A host learning online: the second day decides with a newer state, which knows more.
        recent.Add(Adaptive("A1", "2026-11-23T08:00:00Z", 0.05, evidence: 0, "sha256:01"));
        recent.Add(Adaptive("A2", "2026-11-23T09:00:00Z", 0.05, evidence: 0, "sha256:01"));
        recent.Add(Adaptive("A3", "2026-11-24T08:00:00Z", 0.3, evidence: 2, "sha256:02"));
        recent.AddOutcome("{\"customerId\":\"A1\",\"at\":\"2026-11-23T12:00:00Z\",\"strategy\":\"retiree-pension\",\"kind\":\"responded\"}");
        using var client = app.GetTestClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/decisioning/dashboard.json"));
        var page = await client.GetStringAsync("/decisioning");

        var model = Assert.Single(json.RootElement.GetProperty("adaptive").EnumerateArray());
        Assert.Equal(("pension-adaptive", "retiree-pension"), (model.GetProperty("model").GetString(), model.GetProperty("strategy").GetString()));
        Assert.Equal((3, 2, 2, 3, 1), (model.GetProperty("decisions").GetInt32(), model.GetProperty("evidence").GetInt32(), model.GetProperty("states").GetInt32(),
            model.GetProperty("contacts").GetInt32(), model.GetProperty("positives").GetInt32()));
        Assert.Equal([(0, 0), (1, 2)], model.GetProperty("periods").EnumerateArray().Select(p => (p.GetProperty("period").GetInt32(), p.GetProperty("evidence").GetInt32())));
        Assert.Contains("<section id=\"maturity\">", page, StringComparison.Ordinal);
    }

    private static string Adaptive(string customer, string at, double propensity, int evidence, string state) =>
        "{\"customerId\":\"" + customer + "\",\"map\":\"retail-wealth\",\"version\":\"1\",\"mapHash\":\"sha256:ab\",\"at\":\"" + at + "\""
        + ",\"actions\":[{\"rank\":1,\"strategy\":\"retiree-pension\",\"product\":\"pension-fund\",\"channel\":\"sms\",\"script\":null,\"score\":1,\"propensity\":"
        + propensity.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}]"
        + ",\"trace\":[{\"strategy\":\"retiree-pension\",\"outcome\":\"selected\",\"model\":\"pension-adaptive\",\"evidence\":" + evidence + ",\"state\":\"" + state + "\"}]}";

    [Fact]
    public async Task GetJson_HostAttachedAHistory_RendersFromItAsTheRecentDecisionsWould()
    {
        var history = new Decisioning.History.InMemoryHistory();
        Lines.Fill(history);
        await using var fromHistory = await BoardHost.StartAsync(o => (o.AllowAnonymous, o.HistorySpan) = (true, null), history: history);
        await using var fromMemory = await BoardHost.StartAsync(o => o.AllowAnonymous = true);
        Lines.Fill(fromMemory.Services.GetRequiredService<RecentDecisions>());

        var live = await fromHistory.GetTestClient().GetStringAsync("/decisioning/dashboard.json");
        var recent = await fromMemory.GetTestClient().GetStringAsync("/decisioning/dashboard.json");

        // Nothing was added to the history host's recent decisions: every number comes from the history.
        Assert.Empty(fromHistory.Services.GetRequiredService<RecentDecisions>().Snapshot().Decisions);
        using var json = JsonDocument.Parse(live);
        Assert.Equal(10, json.RootElement.GetProperty("counts").GetProperty("decisions").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("attributedOutcomes").GetInt32());
        Assert.Equal(recent, live);
    }

    [Fact]
    public async Task GetJson_HistoryButFromHistoryOff_ShowsTheRecentDecisions()
    {
        var history = new Decisioning.History.InMemoryHistory();
        Lines.Fill(history);
        await using var app = await BoardHost.StartAsync(o => (o.AllowAnonymous, o.FromHistory) = (true, false), history: history);

        using var json = JsonDocument.Parse(await app.GetTestClient().GetStringAsync("/decisioning/dashboard.json"));

        Assert.Equal(0, json.RootElement.GetProperty("counts").GetProperty("decisions").GetInt32());
    }

    [Fact]
    public async Task GetJson_HistorySpan_ReadsOnlyTheRecentPartOfTheHistory()
    {
        // The lines are of November 2026; a span of one minute before now leaves none of them.
        var history = new Decisioning.History.InMemoryHistory();
        Lines.Fill(history);
        await using var app = await BoardHost.StartAsync(o => (o.AllowAnonymous, o.HistorySpan) = (true, "1m"), history: history);

        using var json = JsonDocument.Parse(await app.GetTestClient().GetStringAsync("/decisioning/dashboard.json"));

        Assert.Equal(0, json.RootElement.GetProperty("counts").GetProperty("decisions").GetInt32());
    }

    [Fact]
    public async Task Map_HistorySpanNotADuration_Refuses()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BoardHost.StartAsync(o => (o.AllowAnonymous, o.HistorySpan) = (true, "ninety days")));

        Assert.Contains("HistorySpan 'ninety days'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPage_QueryAsksForChineseAndAPeriod_RendersThem()
    {
        await using var app = await BoardHost.StartAsync(o => o.AllowAnonymous = true);
        Lines.Fill(app.Services.GetRequiredService<RecentDecisions>());
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/decisioning?lang=zh&period=7d");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("周期 7d", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/decisioning?lang=fr")]
    [InlineData("/decisioning?period=soon")]
    [InlineData("/decisioning/dashboard.json?period=1m")]
    public async Task Get_BadQuery_Is400(string path)
    {
        await using var app = await BoardHost.StartAsync(o => o.AllowAnonymous = true);
        Lines.Fill(app.Services.GetRequiredService<RecentDecisions>());
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void RecentDecisions_OverCapacity_KeepsTheNewestInOrder()
    {
        var recent = new RecentDecisions(decisionCapacity: 3, outcomeCapacity: 2);
        for (var i = 0; i < 5; i++)
        {
            recent.Add($"d{i}");
            recent.AddOutcome($"o{i}");
        }

        var (decisions, outcomes) = recent.Snapshot();
        Assert.Equal(["d2", "d3", "d4"], decisions.Select(d => System.Text.Encoding.UTF8.GetString(d.Span)));
        Assert.Equal(["o3", "o4"], outcomes.Select(o => System.Text.Encoding.UTF8.GetString(o.Span)));
    }

    [Fact]
    public void RecentDecisions_ZeroCapacity_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentDecisions(0));
}
