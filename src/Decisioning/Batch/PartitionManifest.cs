using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Validation;

namespace Decisioning.Batch;

/// <summary>A channel as allocation sees it: unlimited when <see cref="Capacity"/> is null.</summary>
public sealed record BatchChannel(string Id, long? Capacity);

/// <summary>A strategy's channel list, in preference order: the target lists it may fill.</summary>
public sealed record BatchStrategy(string Id, IReadOnlyList<string> Channels);

/// <summary>
/// <c>partition.json</c>: what a partition was run with and what it holds. It is written last, so a
/// folder without one is an unfinished partition. <c>batch-merge</c> needs nothing but these
/// folders: the map's channels and strategies travel here.
/// </summary>
public sealed record PartitionManifest(
    string Map,
    string Version,
    DateTime At,
    PartitionSpec Partition,
    long Lines,
    long Customers,
    long Errors,
    IReadOnlyList<BatchChannel> Channels,
    IReadOnlyList<BatchStrategy> Strategies)
{
    public const string FileName = "partition.json";
    public const string Format = "decisioning-partition/1";

    public static IReadOnlyList<BatchChannel> ChannelsOf(DecisionPlan plan) =>
        [.. plan.Channels.Select(c => new BatchChannel(c.Id, c.CapacityPerDay))];

    public static IReadOnlyList<BatchStrategy> StrategiesOf(DecisionPlan plan) =>
        // Every channel a strategy may use, its follow-up waves' included, in first-use order.
        [.. plan.Strategies.Select(s => new BatchStrategy(s.Id,
            [.. s.Channels.Concat(s.Waves.SelectMany(w => w.Channels)).Select(c => c.Channel.Id).Distinct(StringComparer.Ordinal)]))];

    /// <summary>Whether two partitions come from the same map, time and split.</summary>
    public bool SameRunAs(PartitionManifest other) =>
        Map == other.Map && Version == other.Version && At == other.At && Partition.Count == other.Partition.Count
        && Channels.SequenceEqual(other.Channels)
        && Strategies.Count == other.Strategies.Count
        && Strategies.Zip(other.Strategies).All(p => p.First.Id == p.Second.Id && p.First.Channels.SequenceEqual(p.Second.Channels));

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("map", Map);
        w.WriteString("version", Version);
        w.WriteString("at", DecisionJson.FormatInstant(At));
        w.WriteString("partition", Partition.ToString());
        w.WriteNumber("lines", Lines);
        w.WriteNumber("customers", Customers);
        w.WriteNumber("errors", Errors);
        w.WriteStartArray("channels");
        foreach (var channel in Channels)
        {
            w.WriteStartObject();
            w.WriteString("id", channel.Id);
            if (channel.Capacity is { } capacity)
            {
                w.WriteNumber("capacity", capacity);
            }
            else
            {
                w.WriteNull("capacity");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("strategies");
        foreach (var strategy in Strategies)
        {
            w.WriteStartObject();
            w.WriteString("id", strategy.Id);
            w.WriteStartArray("channels");
            foreach (var channel in strategy.Channels)
            {
                w.WriteStringValue(channel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads a folder's manifest; throws <see cref="InvalidDataException"/> when it is missing or malformed.</summary>
    public static PartitionManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{folder}' is not a finished partition: it has no {FileName}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new InvalidDataException($"{path}: not a {Format} manifest");
            }

            if (!Syntax.TryParseInstant(root.GetProperty("at").GetString()!, out var at)
                || !PartitionSpec.TryParse(root.GetProperty("partition").GetString()!, out var partition))
            {
                throw new InvalidDataException($"{path}: bad 'at' or 'partition'");
            }

            return new PartitionManifest(
                root.GetProperty("map").GetString()!,
                root.GetProperty("version").GetString()!,
                at,
                partition,
                root.GetProperty("lines").GetInt64(),
                root.GetProperty("customers").GetInt64(),
                root.GetProperty("errors").GetInt64(),
                [.. root.GetProperty("channels").EnumerateArray().Select(c => new BatchChannel(
                    c.GetProperty("id").GetString()!,
                    c.GetProperty("capacity").ValueKind == JsonValueKind.Null ? null : c.GetProperty("capacity").GetInt64()))],
                [.. root.GetProperty("strategies").EnumerateArray().Select(s => new BatchStrategy(
                    s.GetProperty("id").GetString()!,
                    [.. s.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)]))]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: malformed manifest ({e.Message})", e);
        }
    }
}
