using Decisioning.Evaluation;
using Xunit;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// A caller's local time is converted to the instant it names, never relabelled as UTC: on a machine
/// at UTC+8, <c>Decide(customer, DateTime.Now)</c> decides at now, not eight hours later. The machine's
/// zone is switched for these tests alone (they run apart from every other test).
/// </summary>
[Collection(LocalTimeZone.Name)]
public sealed class LocalTimeTests
{
    private const string Map = """
        products:
          - { id: card }
        channels:
          - { id: sms }
        strategies:
          - { id: night-offer, product: card, channels: [sms], active: { from: "2026-11-23T00:00:00Z", to: "2026-11-23T06:00:00Z" } }
        """;

    [Fact]
    public void Decide_LocalTimeAtUtcPlus8_DecidesAtTheInstantItNames()
    {
        using var zone = LocalTimeZone.Switch("Asia/Shanghai");
        Assert.True(zone.Active, zone.Reason);
        var plan = TestMaps.Load(Map);
        var customer = new SnapshotReader(plan).Read(TestMaps.Customer()).Customer!;
        // 2026-11-23 10:00 in Shanghai is 02:00 UTC: inside the active window [00:00Z, 06:00Z).
        var local = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Local);

        var d = new Evaluator(plan).Decide(customer, local);

        Assert.Equal(new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc), d.At);
        Assert.Equal("night-offer", Assert.Single(d.Actions).Strategy);
    }

    [Fact]
    public void DecideInto_OffsetTime_IsTheSameDecisionAsItsUtcInstant()
    {
        using var zone = LocalTimeZone.Switch("Asia/Shanghai");
        Assert.True(zone.Active, zone.Reason);
        var plan = TestMaps.Load(Map);
        var customer = new SnapshotReader(plan).Read(TestMaps.Customer()).Customer!;
        var buffer = new DecisionBuffer(plan);

        new Evaluator(plan).DecideInto(customer, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8)), buffer);

        Assert.Equal(DecisionJson.ToJson(new Evaluator(plan).Decide(customer, new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc))), DecisionJson.ToJson(buffer));
    }
}

/// <summary>Tests that change the process's local time zone run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZone
{
    public const string Name = "local time zone";

    /// <summary>Makes <paramref name="zone"/> the process's local zone (through TZ, as on any Linux machine) until disposed.</summary>
    public static Scope Switch(string zone) => new(zone);

    public sealed class Scope : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("TZ");

        internal Scope(string zone)
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            Active = TimeZoneInfo.Local.BaseUtcOffset != TimeSpan.Zero;
            Reason = $"the local zone could not be switched to {zone} (TZ is read only on Linux with tzdata; local is {TimeZoneInfo.Local.Id})";
        }

        public bool Active { get; }

        public string Reason { get; }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("TZ", _previous);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
