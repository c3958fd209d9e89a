using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Decisioning.HostApp.Tests;

/// <summary>The sample app as shipped: it starts on the map copied beside it, strategies/retail-wealth.</summary>
public sealed class SampleMapTests
{
    [Fact]
    public async Task Start_AsShipped_ServesTheSampleMap()
    {
        using var factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();

        using var maps = JsonDocument.Parse(await client.GetStringAsync("/maps"));

        Assert.Equal("retail-wealth", Assert.Single(maps.RootElement.EnumerateArray()).GetProperty("id").GetString());
    }
}
