using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Decisioning.HostApp.Tests;

/// <summary>
/// Starts the sample app on Kestrel, on a free port of 127.0.0.1, and calls it over HTTP: the
/// spec's example map (a temporary copy) served through the configuration section.
/// </summary>
public sealed class HostAppTests : IDisposable
{
    private readonly string _mapFolder;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public HostAppTests()
    {
        _mapFolder = Path.Combine(Path.GetTempPath(), "decisioning-hostapp-tests", Guid.NewGuid().ToString("N"));
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "spec-example"), _mapFolder);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Decisioning:Maps:retail-wealth:Path", _mapFolder)
            .UseSetting("Decisioning:ReloadDebounce", "00:00:00.050"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = _factory.CreateClient();
    }

    [Fact]
    public void Server_ListensOnTheLoopbackAddressOnly() =>
        Assert.Equal(IPAddress.Loopback.ToString(), _client.BaseAddress!.Host);

    [Fact]
    public async Task GetMaps_ListsTheServedMapAndItsVersion()
    {
        using var maps = JsonDocument.Parse(await _client.GetStringAsync("/maps"));

        var map = Assert.Single(maps.RootElement.EnumerateArray());
        Assert.Equal("retail-wealth", map.GetProperty("id").GetString());
        Assert.Equal("2026.11.1", map.GetProperty("version").GetString());
        Assert.Equal(1, map.GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task PostDecide_SpecCustomer_ReturnsTheDecisionLine()
    {
        var response = await Post("retail-wealth", File.ReadAllText(Path.Combine(_mapFolder, "customer-C001.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("""{"customerId":"C001","map":"retail-wealth","version":"2026.11.1","at":"2026-11-23T00:00:00Z","tier":"wealth","stage":"honeymoon",""", line);
        Assert.Contains("""{"strategy":"retiree-pension","outcome":"rejected","reason":"cooldown"}""", line);
    }

    [Fact]
    public async Task PostDecide_InvalidSnapshot_Returns422WithTheErrorRecord()
    {
        var response = await Post("retail-wealth", """{"customerId": "C9", "age": "58"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("""{"customerId":"C9","error":{"code":""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostDecide_UnknownMap_Returns404()
    {
        var response = await Post("nope", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MapRewritten_WhileServing_NextDecisionCarriesTheNewVersion()
    {
        var map = Path.Combine(_mapFolder, "map.yaml");
        var text = File.ReadAllText(map).Replace("version: \"2026.11.1\"", "version: \"2026.11.2\"");
        File.WriteAllText(map + ".tmp", text);
        File.Move(map + ".tmp", map, overwrite: true);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string line;
        do
        {
            await Task.Delay(50);
            line = await (await Post("retail-wealth", File.ReadAllText(Path.Combine(_mapFolder, "customer-C001.json")))).Content.ReadAsStringAsync();
        }
        while (!line.Contains("\"version\":\"2026.11.2\"") && DateTime.UtcNow < deadline);

        Assert.Contains("\"version\":\"2026.11.2\"", line);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Directory.Delete(_mapFolder, recursive: true);
    }

    private Task<HttpResponseMessage> Post(string mapId, string snapshot) =>
        _client.PostAsync($"/decide/{mapId}?at=2026-11-23T00:00:00Z", new StringContent(snapshot, Encoding.UTF8, "application/json"));

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
