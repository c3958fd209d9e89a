using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Decisioning.HostApp.Tests;

/// <summary>
/// The sample app's strategy board at /decisioning: only for callers with the board-reader role
/// (401 without credentials, 403 with a key lacking the role), and it counts the decisions the app made.
/// </summary>
public sealed class HostAppBoardTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public HostAppBoardTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Decisioning:Maps:retail-wealth:Path", Path.Combine(AppContext.BaseDirectory, "spec-example"))
            .UseSetting("Board:ApiKeys:reader-key", "board-reader")
            .UseSetting("Board:ApiKeys:teller-key", "teller"));
        _client = _factory.CreateClient();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("unknown-key", HttpStatusCode.Unauthorized)]
    [InlineData("teller-key", HttpStatusCode.Forbidden)]
    [InlineData("reader-key", HttpStatusCode.OK)]
    public async Task GetBoard_ByKey_AnswersByTheRole(string? key, HttpStatusCode expected)
    {
        foreach (var path in new[] { "/decisioning", "/decisioning/dashboard.json" })
        {
            using var response = await Get(path, key);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task GetBoardJson_AfterDecisionsAndOutcomes_CountsThem()
    {
        var snapshot = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec-example", "customer-C001.json"));
        for (var i = 0; i < 3; i++)
        {
            using var decided = await _client.PostAsync("/decide/retail-wealth?at=2026-11-23T00:00:00Z", new StringContent(snapshot, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        using var invalid = await _client.PostAsync("/decide/retail-wealth", new StringContent("""{"customerId": "C9", "age": "58"}""", Encoding.UTF8, "application/json"));
        using var outcomes = await _client.PostAsync("/outcomes", new StringContent(
            """{"customerId": "C001", "at": "2026-11-24T00:00:00Z", "product": "pension-fund", "kind": "declined"}""" + "\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, outcomes.StatusCode);

        using var response = await Get("/decisioning/dashboard.json", "reader-key");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var counts = json.RootElement.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("decisions").GetInt32());
        Assert.Equal(1, counts.GetProperty("errorRecords").GetInt32());
        Assert.Equal(1, counts.GetProperty("outcomes").GetInt32());
        var funnel = json.RootElement.GetProperty("funnel").EnumerateArray().ToList();
        Assert.NotEmpty(funnel);
        Assert.All(funnel, f => Assert.Equal(3, f.GetProperty("evaluated").GetInt32()));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private Task<HttpResponseMessage> Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        }

        return _client.SendAsync(request);
    }
}
